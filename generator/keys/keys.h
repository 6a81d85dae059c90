/* keys.h - a signer's secret key and password: read from a file or the
 * terminal into memory that is wiped when freed. Includes base and the
 * signing library only. */
#ifndef ACCORD_KEYS_H
#define ACCORD_KEYS_H

#include <stddef.h>

#include "accord_sign.h"
#include "base.h"

/* --- passwords: read without echo, never from standard input. */

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

/* --- secret keys. */

/* Loads the minisign secret key file at path and decrypts it: the password
 * from pwfile's first line when pwfile is not NULL, else asked on the
 * terminal, and never asked for a key without a password. Returns the key
 * (free with ms_seckey_free, which wipes it), or NULL after printing why
 * with *rc set to the exit status (1 a bad key or password, 2 unreadable). */
ms_seckey *sign_load_secret_key(const char *path, const char *pwfile, int *rc);

/* 1 when sk (decrypted) is the secret half of the public key pk. */
int secret_key_matches(const ms_seckey *sk, const ms_pubkey *pk);

#endif
