/* test_spool.c - bytes kept out of memory: what a spool holds reads back
 * as it was written, a file or a zip member described as stored is read
 * again only while its bytes are the ones kept, and a spool that cannot
 * be made says so. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "accord_sign.h"
#include "base.h"
#include "check.h"

/* 1 when s reads back as exactly want[0..len). */
static int reads_as(const stored_bytes *s, const unsigned char *want, size_t len)
{
    unsigned char *got;
    const char *why = stored_read(s, &got);
    int same = !why && s->len == len && !memcmp(got, want, len);
    free(got);
    return same;
}

/* 1 when s no longer reads back, with a reason. */
static int refused(const stored_bytes *s)
{
    unsigned char *got;
    const char *why = stored_read(s, &got);
    free(got);
    return why != NULL && got == NULL;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    fputs(text, f);
    fclose(f);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const char *tmp = getenv("TMPDIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/accord-spool-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        return 1;
    setenv("TMPDIR", dir, 1);

    static unsigned char big[300000];
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (unsigned char)(i * 7 + i / 251);

    /* the hash that names bytes is SHA-256: FIPS 180-2's "abc", and
     * libsodium's on lengths that end inside a block */
    unsigned char h[STORED_HASH_BYTES], want[crypto_hash_sha256_BYTES];
    char hex[2 * STORED_HASH_BYTES + 1];
    bytes_sha256((const unsigned char *)"abc", 3, h);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    CHECK(!strcmp(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
          "bytes_sha256 of \"abc\" is the standard's SHA-256");
    int same = 1;
    for (size_t len = 0; len < sizeof big; len = len * 3 + 1) {
        bytes_sha256(big, len, h);
        crypto_hash_sha256(want, big, len);
        same &= !memcmp(h, want, sizeof h);
    }
    CHECK(same, "bytes_sha256 agrees with libsodium's SHA-256 from 0 to 265,720 bytes");

    spool sp;
    memset(&sp, 0, sizeof sp);
    const unsigned char small[] = "PK\x03\x04 a bundle's first bytes";
    stored_bytes a, b, empty;
    CHECK(spool_put(&sp, big, sizeof big, &a) == 0, "a spool takes 300,000 bytes");
    CHECK(spool_put(&sp, small, sizeof small, &b) == 0, "and then a few more");
    CHECK(spool_put(&sp, small, 0, &empty) == 0, "and nothing at all");
    CHECK(b.offset == sizeof big && a.fd == b.fd, "one file, each put after the one before");
    CHECK(reads_as(&b, small, sizeof small), "the second reads back first, as it was");
    CHECK(reads_as(&a, big, sizeof big), "the first reads back as it was");
    CHECK(reads_as(&empty, small, 0), "nothing reads back as nothing");

    char **listed = NULL;
    size_t n_names = 0;
    CHECK(list_dir(dir, "", &listed, &n_names) == 0 && n_names == 0,
          "the spool leaves no file with a name in TMPDIR");
    free_names(listed, n_names);

    /* what is written over the spool's bytes (here, by its own fd) is
     * refused on reading, never passed on */
    unsigned char x = 'X';
    CHECK(pwrite(a.fd, &x, 1, 1000) == 1 && refused(&a), "a spool byte changed is refused");
    spool_close(&sp);

    /* a file kept where it is */
    char *path = path_join(dir, "copy.accord");
    unsigned char hash[STORED_HASH_BYTES];
    write_text(path, "the verified bytes");
    bytes_sha256((const unsigned char *)"the verified bytes", 18, hash);
    stored_bytes f;
    stored_file(path, 18, hash, &f);
    CHECK(reads_as(&f, (const unsigned char *)"the verified bytes", 18),
          "a file reads back while it holds what was verified");
    write_text(path, "the VERIFIED bytes");
    CHECK(refused(&f), "the same length, other bytes: refused");
    write_text(path, "the verified bytes, and more");
    CHECK(refused(&f), "longer: refused");
    write_text(path, "the verified");
    CHECK(refused(&f), "shorter: refused");
    unlink(path);
    CHECK(refused(&f), "removed: refused");
    mkfifo(path, 0600);
    CHECK(refused(&f), "a FIFO in its place: refused, without waiting for a writer");
    unlink(path);
    free(path);

    /* a member of a zip archive kept where it is */
    path = path_join(dir, "answers.accord");
    zipread_member members[2] = {{"META", (unsigned char *)"kind=answers\n", 13},
                                 {"answers.xml", (unsigned char *)"<answers/>", 10}};
    unsigned char *zip;
    size_t zip_len;
    char err[VERR_MAX];
    FILE *zf = NULL;
    CHECK(bundle_zip_write(members, 2, 0, &zip, &zip_len, err) == 0 && (zf = fopen(path, "wb")) &&
              fwrite(zip, 1, zip_len, zf) == zip_len,
          "a test archive is written");
    if (zf)
        fclose(zf);
    bytes_sha256((const unsigned char *)"<answers/>", 10, hash);
    stored_member(path, "answers.xml", 10, hash, &f);
    CHECK(reads_as(&f, (const unsigned char *)"<answers/>", 10),
          "a zip member reads back while the archive holds what was kept");
    stored_bytes other;
    stored_member(path, "questionnaire.xml", 10, hash, &other);
    CHECK(refused(&other), "a member the archive does not hold: refused");
    stored_member(path, "META", 13, hash, &other);
    CHECK(refused(&other), "another member of the same archive: refused");
    members[1].data = (unsigned char *)"<ANSWERS/>";
    free(zip);
    CHECK(bundle_zip_write(members, 2, 0, &zip, &zip_len, err) == 0 && (zf = fopen(path, "wb")) &&
              fwrite(zip, 1, zip_len, zf) == zip_len,
          "the archive is written again, its member's bytes changed");
    if (zf)
        fclose(zf);
    CHECK(refused(&f), "the member's bytes changed: refused");
    free(zip);
    write_text(path, "not an archive");
    CHECK(refused(&f), "no archive at all: refused");
    unlink(path);
    CHECK(refused(&f), "the archive removed: refused");
    mkfifo(path, 0600);
    CHECK(refused(&f), "a FIFO in its place: refused, without waiting for a writer");
    unlink(path);
    free(path);

    /* in memory */
    stored_bytes m;
    stored_memory(small, sizeof small, &m);
    CHECK(reads_as(&m, small, sizeof small), "bytes kept in memory read back as a copy");

    /* an empty spool closes nothing, not even descriptor 0 */
    if (fcntl(0, F_GETFD) == -1)
        open("/dev/null", O_RDONLY); /* takes descriptor 0 */
    spool none;
    memset(&none, 0, sizeof none);
    spool_close(&none);
    CHECK(fcntl(0, F_GETFD) != -1, "closing an empty spool leaves fd 0 open");

    /* no TMPDIR to write in */
    setenv("TMPDIR", "/nonexistent/accord", 1);
    spool bad;
    memset(&bad, 0, sizeof bad);
    stored_bytes nowhere;
    CHECK(spool_put(&bad, small, sizeof small, &nowhere) == -1 && errno == ENOENT,
          "a TMPDIR that does not exist: no spool, errno says why");
    spool_close(&bad);
    rmdir(dir);
    return CHECK_DONE();
}
