/* sbuf.h - a growable byte buffer for text being built.
 *
 * Like the arena, it aborts with a message when memory runs out (no caller
 * could go on), so appending never fails. */
#ifndef ACCORD_SBUF_H
#define ACCORD_SBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct sbuf {
    char *data; /* NUL-terminated once anything was appended; NULL before */
    size_t len, cap;
} sbuf;

#define SBUF_INIT                                                                                  \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

void sb_put(sbuf *b, const void *data, size_t len);
void sb_puts(sbuf *b, const char *s);
void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(sbuf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* Hands the bytes over: returns a malloc'd NUL-terminated buffer (caller
 * frees; never NULL) and its length in *len; b is empty again. */
char *sb_take(sbuf *b, size_t *len);

void sb_release(sbuf *b);

#endif
