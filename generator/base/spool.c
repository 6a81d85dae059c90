/* spool.c - bytes kept in a file rather than in memory (see base.h): a
 * build holds thousands of agreement bundles it shows only once or twice,
 * so it keeps where they are, not their bytes. */
#define _GNU_SOURCE /* O_TMPFILE */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/sha.h>
#include <sodium.h>

#include "base.h"

/* SHA256_* rather than EVP, whose first digest sets up its providers
 * (about a millisecond); each of the three always returns 1. */
void bytes_sha256(const unsigned char *buf, size_t len, unsigned char out[STORED_HASH_BYTES])
{
    SHA256_CTX c;
    SHA256_Init(&c);
    SHA256_Update(&c, buf, len);
    SHA256_Final(out, &c);
}

void stored_file(const char *path, size_t len, const unsigned char hash[STORED_HASH_BYTES],
                 stored_bytes *out)
{
    memset(out, 0, sizeof *out);
    out->fd = -1;
    out->path = path;
    out->len = len;
    memcpy(out->hash, hash, STORED_HASH_BYTES);
}

void stored_member(const char *path, const char *member, size_t len,
                   const unsigned char hash[STORED_HASH_BYTES], stored_bytes *out)
{
    stored_file(path, len, hash, out);
    out->member = member;
}

/* The bytes of s->member (s->len of them, NUL appended) of the archive at
 * s->path into *buf (malloc'd). NULL, or why not. */
static const char *read_member(const stored_bytes *s, unsigned char **buf)
{
    unsigned char *zip;
    size_t len;
    zipread_archive z;
    char err[VERR_MAX];
    if (read_file(s->path, ZIPREAD_FILE_MAX, &zip, &len) != 0)
        return vu_read_error(errno);
    int rc = zipread_mem(zip, len, &z, err);
    free(zip);
    if (rc != 0)
        return "it is no longer the archive it was";
    const zipread_member *m = zipread_find(&z, s->member);
    const char *why = NULL;
    if (!m || m->len != s->len)
        why = "it changed while accord was reading it";
    else if (!(*buf = malloc(m->len + 1)))
        why = "out of memory";
    else {
        memcpy(*buf, m->data, m->len);
        (*buf)[m->len] = '\0';
    }
    zipread_release(&z);
    return why;
}

void stored_memory(const unsigned char *mem, size_t len, stored_bytes *out)
{
    memset(out, 0, sizeof *out);
    out->fd = -1;
    out->mem = mem;
    out->len = len;
    bytes_sha256(mem, len, out->hash);
}

/* Reads exactly len bytes at offset of fd into buf. 0, or -1 with errno
 * set (EIO when the file ends first). */
static int read_at(int fd, unsigned char *buf, size_t len, unsigned long long offset)
{
    size_t got = 0;
    while (got < len) {
        ssize_t r = pread(fd, buf + got, len - got, (off_t)(offset + got));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            if (r == 0)
                errno = EIO;
            return -1;
        }
        got += (size_t)r;
    }
    return 0;
}

const char *stored_read(const stored_bytes *s, unsigned char **buf)
{
    unsigned char hash[STORED_HASH_BYTES], *b = NULL;
    size_t len = s->len;
    *buf = NULL;
    if (s->mem) {
        if (!(b = malloc(len + 1)))
            return "out of memory";
        memcpy(b, s->mem, len);
        b[len] = '\0';
        *buf = b;
        return NULL;
    }
    if (s->member) {
        const char *why = read_member(s, &b);
        if (why)
            return why;
    } else if (s->fd < 0) {
        if (read_file(s->path, s->len, &b, &len) != 0)
            return errno == EFBIG ? "it changed while accord was reading it" : vu_read_error(errno);
    } else {
        b = malloc(len + 1);
        if (!b)
            return "out of memory";
        if (read_at(s->fd, b, len, s->offset) != 0) {
            const char *why = vu_read_error(errno);
            free(b);
            return why;
        }
        b[len] = '\0';
    }
    bytes_sha256(b, len, hash);
    if (len != s->len || sodium_memcmp(hash, s->hash, sizeof hash) != 0) {
        free(b);
        return "it changed while accord was reading it";
    }
    *buf = b;
    return NULL;
}

/* An unnamed file in dir: O_TMPFILE, or where the file system has none a
 * named one removed at once. -1 with errno set when neither can be made. */
static int unnamed_file(const char *dir)
{
    int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL))
        return fd;
    char *path = path_join(dir, "accord-spool-XXXXXX");
    if (!path)
        return -1;
    fd = mkostemp(path, O_CLOEXEC);
    if (fd >= 0)
        unlink(path);
    free(path);
    return fd;
}

int spool_put(spool *sp, const unsigned char *buf, size_t len, stored_bytes *out)
{
    if (!sp->made) {
        const char *dir = getenv("TMPDIR");
        if ((sp->fd = unnamed_file(dir && *dir ? dir : "/tmp")) < 0)
            return -1;
        sp->made = 1;
        sp->end = 0;
    }
    memset(out, 0, sizeof *out);
    out->fd = sp->fd;
    out->offset = sp->end;
    out->len = len;
    bytes_sha256(buf, len, out->hash);
    /* from the end of what was kept: a put that failed part way is overwritten */
    if (lseek(sp->fd, (off_t)sp->end, SEEK_SET) < 0 || write_all(sp->fd, buf, len) != 0)
        return -1;
    sp->end += len;
    return 0;
}

void spool_close(spool *sp)
{
    if (sp->made)
        close(sp->fd);
    memset(sp, 0, sizeof *sp);
}
