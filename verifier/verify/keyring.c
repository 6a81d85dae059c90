/* keyring.c - loading trusted public keys from files and key directories. */
#include "verify.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_entry(const void *pa, const void *pb)
{
    const keyring_entry *a = pa, *b = pb;
    int c = memcmp(a->pk.keynum, b->pk.keynum, MS_KEYNUM_BYTES);
    if (!c)
        c = strcmp(a->party, b->party);
    return c ? c : strcmp(a->path, b->path);
}

/* Reads and appends one key (unsorted). Returns 0, -1 or -2 as
 * keyring_add_file. */
static int append_file(keyring *kr, const char *path, const char *party, char *err)
{
    unsigned char *buf;
    size_t len;
    keyring_entry e;
    if (kr->n >= KEYRING_MAX) {
        verr(err, "more than %d keys", KEYRING_MAX);
        return -1;
    }
    if (vu_read_file(path, MS_KEY_FILE_MAX, &buf, &len)) {
        if (errno == EFBIG) {
            verr(err, "public key file is larger than %d bytes", MS_KEY_FILE_MAX);
            return -1;
        }
        verr(err, "cannot read: %s", vu_read_error(errno));
        return -2;
    }
    memset(&e, 0, sizeof e);
    if (ms_pubkey_parse(buf, len, &e.pk, err)) {
        free(buf);
        return -1;
    }
    free(buf);
    if (kr->n == kr->cap) { /* doubling: linear in the number of keys */
        size_t cap = kr->cap ? 2 * kr->cap : 16;
        keyring_entry *v = realloc(kr->entries, cap * sizeof *v);
        if (!v) {
            verr(err, "out of memory");
            return -2;
        }
        kr->entries = v;
        kr->cap = cap;
    }
    e.path = strdup(path);
    if (!e.path) {
        verr(err, "out of memory");
        return -2;
    }
    if (party)
        snprintf(e.party, sizeof e.party, "%s", party);
    kr->entries[kr->n++] = e;
    return 0;
}

static void sort_entries(keyring *kr)
{
    if (kr->n > 1)
        qsort(kr->entries, kr->n, sizeof *kr->entries, cmp_entry);
}

int keyring_add_file(keyring *kr, const char *path, const char *party, char *err)
{
    int rc = append_file(kr, path, party, err);
    sort_entries(kr);
    return rc;
}

/* Returns the length of the party id a key file name starts with, or 0 when
 * the name is not "<party>.pub" or "<party>.<anything>.pub". */
static size_t key_file_party(const char *name)
{
    size_t n = strlen(name);
    const char *dot = strchr(name, '.');
    if (n < 5 || strcmp(name + n - 4, ".pub") || !dot)
        return 0;
    if (!vu_is_id(name, (size_t)(dot - name)))
        return 0;
    return (size_t)(dot - name);
}

static int is_key_name(const struct dirent *de)
{
    return key_file_party(de->d_name) > 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name); /* bytewise: the same order everywhere */
}

int keyring_add_dir(keyring *kr, const char *dir, keyring_problem_fn problem, void *ctx, char *err)
{
    struct dirent **names;
    char why[VERR_MAX];
    int n = scandir(dir, &names, is_key_name, by_name), bad = 0;
    if (n < 0) {
        verr(err, "cannot open key directory: %s", strerror(errno));
        return -1;
    }
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        size_t pl = key_file_party(name), dl = strlen(dir);
        char party[33], *path = malloc(dl + strlen(name) + 2);
        memcpy(party, name, pl);
        party[pl] = '\0';
        if (path)
            sprintf(path, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", name);
        else
            verr(why, "out of memory");
        if (!path || append_file(kr, path, party, why)) {
            bad++;
            if (problem)
                problem(ctx, path ? path : name, why);
        }
        free(path);
        free(names[i]);
    }
    free(names);
    sort_entries(kr);
    return bad;
}

const keyring_entry *keyring_find(const keyring *kr, const char *party,
                                  const unsigned char keynum[MS_KEYNUM_BYTES])
{
    size_t lo = 0, hi = kr->n;
    while (lo < hi) { /* the first entry with this key number */
        size_t mid = lo + (hi - lo) / 2;
        if (memcmp(kr->entries[mid].pk.keynum, keynum, MS_KEYNUM_BYTES) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < kr->n && !memcmp(kr->entries[lo].pk.keynum, keynum, MS_KEYNUM_BYTES); lo++) {
        const keyring_entry *e = &kr->entries[lo];
        if (!e->party[0] || !strcmp(e->party, party))
            return e;
    }
    return NULL;
}

int keyring_has_party(const keyring *kr, const char *party)
{
    for (size_t i = 0; i < kr->n; i++)
        if (!strcmp(kr->entries[i].party, party))
            return 1;
    return 0;
}

size_t keyring_shared_ids(const keyring *kr,
                          void (*shared)(void *ctx, const keyring_entry *a, const keyring_entry *b),
                          void *ctx)
{
    size_t count = 0;
    for (size_t i = 0; i < kr->n;) {
        size_t j = i + 1;
        while (j < kr->n &&
               !memcmp(kr->entries[j].pk.keynum, kr->entries[i].pk.keynum, MS_KEYNUM_BYTES))
            j++;
        /* within a run, entries are sorted by party: compare neighbours */
        for (size_t k = i + 1; k < j; k++)
            if (kr->entries[k].party[0] && kr->entries[k - 1].party[0] &&
                strcmp(kr->entries[k].party, kr->entries[k - 1].party)) {
                shared(ctx, &kr->entries[k - 1], &kr->entries[k]);
                count++;
            }
        i = j;
    }
    return count;
}

void keyring_release(keyring *kr)
{
    for (size_t i = 0; i < kr->n; i++)
        free(kr->entries[i].path);
    free(kr->entries);
    memset(kr, 0, sizeof *kr);
}
