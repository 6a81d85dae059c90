/* keys_password.h - reading a secret key's password without echo, and
 * writing key and bundle files without clobbering (accord keygen, sign). */
#ifndef ACCORD_KEYS_PASSWORD_H
#define ACCORD_KEYS_PASSWORD_H

#include <stddef.h>

enum {
    PASSWORD_MAX = 1024, /* bytes */
};

/* Reads a password: when file is not NULL, its first line (without the LF
 * or CRLF); otherwise from the terminal (/dev/tty, echo off), asking twice
 * when confirm is set. Never reads standard input. Returns a sodium_malloc'd
 * NUL-terminated password (free with password_free; it is wiped), its length
 * in *len; or NULL after printing why to stderr, with *io set to 1 when the
 * cause was a file or terminal that could not be read (exit 2) and 0 when
 * the input was wrong (exit 1). */
char *password_read(const char *file, const char *prompt, int confirm, size_t *len, int *io);

void password_free(char *pw);

/* Writes len bytes to path through a temporary file in the same directory
 * (mode 0600 or 0644), fsync'd. Without overwrite, fails with EEXIST when
 * path exists (the link is atomic); with it, renames over path. Returns 0 or
 * -1 with errno set. */
int write_file_new(const char *path, const void *data, size_t len, int private_mode, int overwrite);

#endif
