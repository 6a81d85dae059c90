/* vutil.h - small helpers shared by the verifier's modules: error messages,
 * hex, escaping signer-supplied text for display, bounded line splitting. */
#ifndef ACCORD_VUTIL_H
#define ACCORD_VUTIL_H

#include <stddef.h>

/* Size of every error buffer the verifier's modules fill ("char err[VERR_MAX]"). */
#define VERR_MAX 256

/* Formats a message into err (VERR_MAX bytes); err may be NULL. */
void verr(char *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Writes n bytes as 2n lowercase hex digits plus a NUL into out. */
void vu_hex(const unsigned char *in, size_t n, char *out);

/* Returns 1 when s[0..n) is 64 lowercase hex digits' worth (n == 64), else 0. */
int vu_is_hex64(const char *s, size_t n);

/* Returns a malloc'd copy of s[0..n) safe to print on a terminal: bytes
 * outside printable ASCII and backslashes become \xNN / \\ (caller frees;
 * NULL when memory runs out). */
char *vu_escape(const char *s, size_t n);

/* Returns 1 when s[0..n) is valid UTF-8 with no control characters, else 0. */
int vu_printable_utf8(const unsigned char *s, size_t n);

/* Splits buf[0..len) into at most max lines ending in LF (the last LF may
 * be missing). Stores each line's start and length (without the LF). Returns
 * the number of lines, or -1 when there are more than max lines or a CR or
 * NUL byte appears. */
int vu_split_lines(const unsigned char *buf, size_t len, const unsigned char **line,
                   size_t *line_len, int max);

/* Returns 1 when s is an id: ^[a-z][a-z0-9-]{0,31}$ (n bytes), else 0. */
int vu_is_id(const char *s, size_t n);

/* Reads the whole file at path into a malloc'd buffer (caller frees; a NUL
 * is appended, not counted), refusing files over max bytes. Returns 0, or -1
 * with errno set (EFBIG when too large). */
int vu_read_file(const char *path, size_t max, unsigned char **buf, size_t *len);
#endif
