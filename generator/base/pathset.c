/* pathset.c - a set of paths held by hash (see base.h). */
#include "base.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

/* path's key: its BLAKE2b-128 with the last bit set, so that a slot of
 * zeros is an empty one */
static void key_of(const char *path, unsigned char key[PATH_SET_KEY_BYTES])
{
    crypto_generichash(key, PATH_SET_KEY_BYTES, (const unsigned char *)path, strlen(path), NULL, 0);
    key[PATH_SET_KEY_BYTES - 1] |= 1;
}

/* The slot of key in s (s->cap a power of two): where it is, or the empty
 * slot where it would go. */
static unsigned char *slot_of(const path_set *s, const unsigned char key[PATH_SET_KEY_BYTES])
{
    size_t at;
    memcpy(&at, key, sizeof at);
    for (at &= s->cap - 1;; at = (at + 1) & (s->cap - 1)) {
        unsigned char *k = s->slots + at * PATH_SET_KEY_BYTES;
        if (!k[PATH_SET_KEY_BYTES - 1] || !memcmp(k, key, PATH_SET_KEY_BYTES))
            return k;
    }
}

/* Moves s's keys into cap slots (a power of two, more than 4n / 3). 0, or
 * -1 with s unchanged. */
static int resize(path_set *s, size_t cap)
{
    path_set bigger = {.cap = cap, .n = s->n};
    if (!(bigger.slots = calloc(bigger.cap, PATH_SET_KEY_BYTES)))
        return -1;
    for (size_t i = 0; i < s->cap; i++) {
        const unsigned char *k = s->slots + i * PATH_SET_KEY_BYTES;
        if (k[PATH_SET_KEY_BYTES - 1])
            memcpy(slot_of(&bigger, k), k, PATH_SET_KEY_BYTES);
    }
    free(s->slots);
    *s = bigger;
    return 0;
}

int path_set_reserve(path_set *s, size_t n)
{
    size_t cap = s->cap ? s->cap : 1024;
    while (4 * n > 3 * cap) /* at most three quarters full */
        cap *= 2;
    return cap == s->cap ? 0 : resize(s, cap);
}

int path_set_add(path_set *s, const char *path)
{
    unsigned char key[PATH_SET_KEY_BYTES];
    if (path_set_reserve(s, s->n + 1) != 0)
        return -1;
    key_of(path, key);
    unsigned char *k = slot_of(s, key);
    if (!k[PATH_SET_KEY_BYTES - 1]) {
        memcpy(k, key, PATH_SET_KEY_BYTES);
        s->n++;
    }
    return 0;
}

int path_set_has(const path_set *s, const char *path)
{
    unsigned char key[PATH_SET_KEY_BYTES];
    if (!s->cap)
        return 0;
    key_of(path, key);
    return slot_of(s, key)[PATH_SET_KEY_BYTES - 1] != 0;
}

void path_set_release(path_set *s)
{
    free(s->slots);
    *s = (path_set){NULL, 0, 0};
}
