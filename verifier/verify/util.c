/* util.c - messages, escaping, text checks, lines and file reading. */
#include "verify.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int verr(char *err, const char *fmt, ...)
{
    va_list ap;
    if (err) {
        va_start(ap, fmt);
        vsnprintf(err, VERR_MAX, fmt, ap);
        va_end(ap);
    }
    return -1;
}

const char *vu_escape(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0, cut = 0; /* cut: the last whole escape with room for "..." after */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char one[5];
        int w = c == '\\' || c < 0x20 || c >= 0x7f ? sprintf(one, c == '\\' ? "\\%c" : "\\x%02x", c)
                                                   : (one[0] = (char)c, 1);
        if (o + (size_t)w >= cap) {
            strcpy(out + cut, "...");
            return out;
        }
        memcpy(out + o, one, (size_t)w);
        o += (size_t)w;
        cut = o + 4 <= cap ? o : cut;
    }
    out[o] = '\0';
    return out;
}

int vu_printable_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        size_t extra = c < 0x80 ? 0 : c < 0xc2 ? 4 : c < 0xe0 ? 1 : c < 0xf0 ? 2 : c < 0xf5 ? 3 : 4;
        unsigned long cp = extra ? c & (0x3fu >> extra) : c;
        if (extra > 3 || n - i <= extra)
            return 0;
        for (size_t k = 1; k <= extra; k++) {
            if ((s[i + k] & 0xc0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        /* no control (C0, DEL, C1), overlong form, surrogate or cp past U+10FFFF */
        if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (extra == 2 && cp < 0x800) ||
            (extra == 3 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
            return 0;
        i += extra + 1;
    }
    return 1;
}

int vu_split_lines(const unsigned char *buf, size_t len, const unsigned char **line,
                   size_t *line_len, int max)
{
    int n = 0;
    if (len && (memchr(buf, '\r', len) || memchr(buf, '\0', len)))
        return -1;
    for (size_t start = 0, end; start < len; n++, start = end + 1) {
        const unsigned char *nl = memchr(buf + start, '\n', len - start);
        if (n == max)
            return -1;
        end = nl ? (size_t)(nl - buf) : len;
        line[n] = buf + start;
        line_len[n] = end - start;
    }
    return n;
}

int vu_grow(void **v, size_t n, size_t *cap, size_t size, size_t first)
{
    if (n < *cap)
        return 0;
    size_t nc = *cap ? 2 * *cap : first;
    void *p = realloc(*v, nc * size);
    if (!p)
        return -1;
    *v = p;
    *cap = nc;
    return 0;
}

int vu_is_id(const char *s, size_t n)
{
    return n >= 1 && n <= 32 && s[0] >= 'a' && s[0] <= 'z' &&
           strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") >= n;
}

int vu_read_file(const char *path, size_t max, unsigned char **buf, size_t *len)
{
    /* O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC), saved;
    unsigned char *b = NULL;
    size_t n = 0, cap;
    ssize_t got = 1;
    struct stat st;
    if (fd < 0)
        return -1;
    if (fstat(fd, &st) != 0)
        goto fail;
    errno = S_ISDIR(st.st_mode) ? EISDIR : S_ISREG(st.st_mode) ? EFBIG : VU_ENOTREG;
    if (!S_ISREG(st.st_mode) || (unsigned long long)st.st_size > max)
        goto fail;
    cap = (size_t)st.st_size + 1; /* each read asks a byte more: a file that grew gives it */
    if (!(b = malloc(cap + 1)))
        goto fail;
    while (got != 0 && n < cap && (n < cap - 1 || n == 0)) { /* to fstat's size, or an end */
        got = read(fd, b + n, cap - n);
        if (got < 0 && errno != EINTR && errno != EAGAIN)
            goto fail;
        n += got > 0 ? (size_t)got : 0;
    }
    errno = EFBIG;
    if (n == cap) /* it grew while it was read */
        goto fail;
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
    return err == EISDIR ? "is a directory, not a file" : strerror(err);
}
