/* keyring.h - the public keys a verification trusts: the keys its caller
 * names (a key file, or a key directory such as content/keys/). A key inside
 * a bundle is never trusted.
 *
 * Keys are kept sorted by key number, so finding the key of a signature
 * costs a binary search however many keys a program has. */
#ifndef ACCORD_KEYRING_H
#define ACCORD_KEYRING_H

#include <stddef.h>

#include "minisign.h"

enum {
    /* keys in one keyring: a bound against a hostile directory, sized far
     * above the people of the largest program (a key is about 100 bytes) */
    KEYRING_MAX = 1000000,
};

typedef struct keyring_entry {
    char party[33]; /* "" when the key was named for any party (-p) */
    ms_pubkey pk;
    char *path; /* malloc'd */
} keyring_entry;

typedef struct keyring {
    keyring_entry *entries; /* sorted by key number, then party, then path */
    size_t n, cap;
} keyring;

#define KEYRING_INIT                                                                               \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

/* Called once per key file of a directory that cannot be used: path and
 * the reason (both valid during the call only). */
typedef void (*keyring_problem_fn)(void *ctx, const char *path, const char *why);

/* Adds the public key file at path, trusted for party (NULL: any party).
 * Returns 0; -1 when the file is not a valid key (err says why); -2 when
 * it cannot be read (errno set, err says why). */
int keyring_add_file(keyring *kr, const char *path, const char *party, char *err);

/* Adds every key of dir: "<party>.pub" and "<party>.<anything>.pub" (older
 * keys), trusted for that party; other names are ignored. A key file that
 * cannot be read or is not a key (a FIFO, a directory called x.pub, a
 * damaged file) is reported through problem (which may be NULL) and left
 * out: the other keys still load. Returns the number of such files, or -1
 * when dir itself cannot be read (err says why). */
int keyring_add_dir(keyring *kr, const char *dir, keyring_problem_fn problem, void *ctx, char *err);

/* Returns the key trusted for party with key number keynum (a key for any
 * party counts for every party), or NULL. */
const keyring_entry *keyring_find(const keyring *kr, const char *party,
                                  const unsigned char keynum[MS_KEYNUM_BYTES]);

/* Returns 1 when kr holds any key for party (not counting any-party keys). */
int keyring_has_party(const keyring *kr, const char *party);

/* Calls shared(ctx, a, b) for each pair of keys of two different parties
 * that have the same key ID (each such key then verifies as either party).
 * Returns the number of pairs. */
size_t keyring_shared_ids(const keyring *kr,
                          void (*shared)(void *ctx, const keyring_entry *a, const keyring_entry *b),
                          void *ctx);

void keyring_release(keyring *kr);

#endif
