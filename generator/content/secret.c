/* secret.c - the program secret, DIR/secret, read into the content model
 * (content.h states the format). Its bytes are never printed. */
#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "impl.h"

/* Characters of the standard base64 of PROGRAM_SECRET_BYTES bytes. */
enum { SECRET_TEXT_LEN = 44 };

/* The SHA-256 of the demo program's secret (content/secret). It is
 * published with accord, so who may read the file does not matter; a
 * program other than the demo using it gets a warning instead. */
static const char demo_secret_sha256[] =
    "c79d48e6b7ed8e6f8f4444fe49a64c935a7253d7439a2d1528e28e0e722f27df";

/* 1 when the SECRET_TEXT_LEN + 1 bytes of text are the secret's one line,
 * decoded into out. Canonical only: re-encoding gives the same text. */
static int secret_parse(const unsigned char *text, size_t len, unsigned char *out)
{
    char again[SECRET_TEXT_LEN + 1];
    size_t n = 0;
    if (len != SECRET_TEXT_LEN + 1 || text[SECRET_TEXT_LEN] != '\n')
        return 0;
    if (sodium_base642bin(out, PROGRAM_SECRET_BYTES, (const char *)text, SECRET_TEXT_LEN, NULL, &n,
                          NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        n != PROGRAM_SECRET_BYTES)
        return 0;
    sodium_bin2base64(again, sizeof again, out, PROGRAM_SECRET_BYTES,
                      sodium_base64_VARIANT_ORIGINAL);
    return !memcmp(again, text, SECRET_TEXT_LEN);
}

static void malformed(diag *d, const char *file, long line)
{
    diag_error(d, file, line,
               "malformed program secret: it is one line, the standard base64 of %d bytes, as "
               "'accord secret' writes it",
               PROGRAM_SECRET_BYTES);
}

static int is_demo_secret(const unsigned char *secret)
{
    unsigned char h[crypto_hash_sha256_BYTES];
    char hex[2 * sizeof h + 1];
    crypto_hash_sha256(h, secret, PROGRAM_SECRET_BYTES);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    return !strcmp(hex, demo_secret_sha256);
}

void secret_load(content *c, diag *d)
{
    char *path = path_join(c->dir, "secret");
    const char *file = arena_strdup(&c->arena, path);
    unsigned char *text = NULL;
    size_t len = 0;
    struct stat st;
    free(path);
    if (read_file(file, SECRET_TEXT_LEN + 1, &text, &len) != 0) {
        if (errno == EFBIG)
            malformed(d, file, 0);
        else if (errno != ENOENT)
            diag_io(d, file, "cannot read: %s", vu_read_error(errno));
        return;
    }
    int ok = secret_parse(text, len, c->secret);
    sodium_memzero(text, len);
    free(text);
    if (!ok) {
        sodium_memzero(c->secret, sizeof c->secret);
        malformed(d, file, 1);
        return;
    }
    c->has_secret = 1;
    if (is_demo_secret(c->secret)) {
        if (c->program.id && strcmp(c->program.id, "demo"))
            diag_warn(d, file, 0,
                      "this is the demo program's secret, which is published: anyone could "
                      "open this program's personal pages; remove it and make the program's "
                      "own with 'accord secret'");
    } else if (stat(file, &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)))
        diag_warn(d, file, 0,
                  "the program secret may be read or changed by others than its owner (mode "
                  "%04o): make it private with chmod 600 %s",
                  (unsigned)(st.st_mode & 07777), file);
}
