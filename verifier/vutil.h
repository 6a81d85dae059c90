/* vutil.h - small helpers shared by the verifier's modules: error messages,
 * hex, escaping signer-supplied text for display, bounded line splitting. */
#ifndef ACCORD_VUTIL_H
#define ACCORD_VUTIL_H

#include <errno.h>
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

/* errno of vu_read_file for a path that is not a regular file or directory
 * (a FIFO, device or socket); no system call sets it for files. */
#define VU_ENOTREG ESPIPE

/* Reads the whole regular file at path into a malloc'd buffer (caller
 * frees; a NUL is appended, not counted). Never blocks on a FIFO or device:
 * the type is checked after a non-blocking open and anything but a regular
 * file is refused. Returns 0, or -1 with errno set: EFBIG over max bytes,
 * EISDIR a directory, VU_ENOTREG another non-regular file, else the system's
 * error. Every file any accord program reads (content, keys, bundles,
 * themes) goes through here. */
int vu_read_file(const char *path, size_t max, unsigned char **buf, size_t *len);

/* The words for a vu_read_file errno: static text. */
const char *vu_read_error(int err);
#endif
