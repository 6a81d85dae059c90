/* keyring.h - the public keys a verification trusts: the keys its caller
 * names (a key file, or a key directory such as content/keys/). A key inside
 * a bundle is never trusted. */
#ifndef ACCORD_KEYRING_H
#define ACCORD_KEYRING_H

#include <stddef.h>

#include "minisign.h"

enum {
    KEYRING_MAX = 4096, /* keys in one keyring */
};

typedef struct keyring_entry {
    char party[33]; /* "" when the key was named for any party (-p) */
    ms_pubkey pk;
    char *path; /* malloc'd */
} keyring_entry;

typedef struct keyring {
    keyring_entry *entries;
    size_t n;
} keyring;

#define KEYRING_INIT                                                                               \
    {                                                                                              \
        NULL, 0                                                                                    \
    }

/* Adds the public key file at path, trusted for party (NULL: any party).
 * Returns 0; -1 when the file is not a valid key (err says why); -2 when
 * it cannot be read (errno set, err says why). */
int keyring_add_file(keyring *kr, const char *path, const char *party, char *err);

/* Adds every key of dir: "<party>.pub" and "<party>.<anything>.pub" (older
 * keys), trusted for that party. Other files are ignored. Returns 0, -1 or
 * -2 as keyring_add_file (dir unreadable: -2). */
int keyring_add_dir(keyring *kr, const char *dir, char *err);

/* Returns the key trusted for party with key number keynum, or NULL. */
const keyring_entry *keyring_find(const keyring *kr, const char *party,
                                  const unsigned char keynum[MS_KEYNUM_BYTES]);

/* Returns 1 when kr holds any key for party (not counting any-party keys). */
int keyring_has_party(const keyring *kr, const char *party);

void keyring_release(keyring *kr);

#endif
