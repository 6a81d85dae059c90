/* util.c - small helpers the verify library's files share: error messages,
 * escaping, UTF-8, lines, ids, bounded file reading. */
#include "verify.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

void verr(char *err, const char *fmt, ...)
{
    va_list ap;
    if (!err)
        return;
    va_start(ap, fmt);
    vsnprintf(err, VERR_MAX, fmt, ap);
    va_end(ap);
}

uint64_t vu_load64_le(const unsigned char p[8])
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

int vu_is_hex64(const char *s, size_t n)
{
    if (n != 64)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

char *vu_escape(const char *s, size_t n)
{
    char *out = malloc(4 * n + 1), *p = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\') {
            *p++ = '\\';
            *p++ = '\\';
        } else if (c < 0x20 || c >= 0x7f) {
            p += sprintf(p, "\\x%02x", c);
        } else {
            *p++ = (char)c;
        }
    }
    *p = '\0';
    return out;
}

int vu_printable_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t extra;
        unsigned long cp;
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7f)
                return 0;
            i++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf) {
            extra = 1;
            cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            extra = 2;
            cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return 0;
        }
        if (n - i <= extra)
            return 0;
        for (size_t k = 1; k <= extra; k++) {
            if ((s[i + k] & 0xc0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x80 && cp < 0xa0))
            return 0;
        i += extra + 1;
    }
    return 1;
}

int vu_split_lines(const unsigned char *buf, size_t len, const unsigned char **line,
                   size_t *line_len, int max)
{
    int n = 0;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && (buf[i] == '\r' || buf[i] == '\0'))
            return -1;
        if (i == len && start == len)
            break;
        if (i == len || buf[i] == '\n') {
            if (n == max)
                return -1;
            line[n] = buf + start;
            line_len[n] = i - start;
            n++;
            start = i + 1;
        }
    }
    return n;
}

int vu_is_id(const char *s, size_t n)
{
    if (n < 1 || n > 32 || s[0] < 'a' || s[0] > 'z')
        return 0;
    for (size_t i = 1; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
            return 0;
    return 1;
}

int vu_read_file(const char *path, size_t max, unsigned char **buf, size_t *len)
{
    /* O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever;
     * the type is checked before a single byte is read. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC), saved;
    unsigned char *b = NULL;
    size_t n = 0, cap;
    struct stat st;
    if (fd < 0)
        return -1;
    if (fstat(fd, &st) != 0)
        goto fail;
    if (!S_ISREG(st.st_mode)) {
        errno = S_ISDIR(st.st_mode) ? EISDIR : VU_ENOTREG;
        goto fail;
    }
    if ((unsigned long long)st.st_size > max) {
        errno = EFBIG;
        goto fail;
    }
    cap = (size_t)st.st_size + 1; /* one byte more tells a file that grew */
    b = malloc(cap + 1);
    if (!b)
        goto fail;
    for (;;) {
        ssize_t got = read(fd, b + n, cap - n);
        if (got < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (got < 0)
            goto fail;
        if (got == 0)
            break;
        n += (size_t)got;
        if (n == cap) { /* the file grew while it was read */
            errno = EFBIG;
            goto fail;
        }
    }
    if (n > max) {
        errno = EFBIG;
        goto fail;
    }
    close(fd);
    b[n] = '\0';
    *buf = b;
    *len = n;
    return 0;
fail:
    saved = errno;
    free(b);
    close(fd);
    errno = saved;
    return -1;
}

const char *vu_read_error(int err)
{
    /* open() itself fails on a socket with ENXIO, before any type check */
    if (err == VU_ENOTREG || err == ENXIO)
        return "not a regular file (a pipe, device or socket)";
    if (err == EISDIR)
        return "is a directory, not a file";
    return strerror(err);
}
