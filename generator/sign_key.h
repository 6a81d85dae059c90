/* sign_key.h - what accord sign's two forms share: loading the signer's
 * secret key, and the countersigning form itself (cmd_countersign.c). */
#ifndef ACCORD_SIGN_KEY_H
#define ACCORD_SIGN_KEY_H

#include "minisign.h"

/* Loads the minisign secret key file at path and decrypts it: the password
 * from pwfile's first line when pwfile is not NULL, else asked on the
 * terminal, and never asked for a key without a password. Returns the key
 * (free with ms_seckey_free, which wipes it), or NULL after printing why
 * with *rc set to the exit status (1 a bad key or password, 2 unreadable). */
ms_seckey *sign_load_secret_key(const char *path, const char *pwfile, int *rc);

/* accord sign --countersign (contract D3): argv as cmd_sign's. Returns the
 * exit status. */
int cmd_countersign(int argc, char **argv);

#endif
