/* keyring.c - loading trusted public keys from files and key directories. */
#include "keyring.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vutil.h"

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

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The key file names of dir, sorted (so problems are reported in a fixed
 * order). Returns 0, or -1 with err set. */
static int key_names(const char *dir, char ***out, size_t *count, char *err)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char **names = NULL;
    size_t n = 0, cap = 0;
    if (!d) {
        verr(err, "cannot open key directory: %s", strerror(errno));
        return -1;
    }
    while ((de = readdir(d))) {
        if (!key_file_party(de->d_name))
            continue;
        if (n >= KEYRING_MAX) {
            verr(err, "more than %d key files", KEYRING_MAX);
            goto fail;
        }
        if (n == cap) {
            size_t nc = cap ? 2 * cap : 64;
            char **v = realloc(names, nc * sizeof *v);
            if (!v)
                goto oom;
            names = v;
            cap = nc;
        }
        if (!(names[n] = strdup(de->d_name)))
            goto oom;
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    *out = names;
    *count = n;
    return 0;
oom:
    verr(err, "out of memory");
fail:
    closedir(d);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return -1;
}

int keyring_add_dir(keyring *kr, const char *dir, keyring_problem_fn problem, void *ctx, char *err)
{
    char **names, *path = NULL, party[33], why[VERR_MAX];
    size_t n, dl = strlen(dir);
    int bad = 0;
    if (key_names(dir, &names, &n, err))
        return -1;
    for (size_t i = 0; i < n; i++) {
        size_t pl = key_file_party(names[i]);
        char *p = realloc(path, dl + strlen(names[i]) + 2);
        if (!p) {
            verr(why, "out of memory");
        } else {
            path = p;
            memcpy(party, names[i], pl);
            party[pl] = '\0';
            sprintf(path, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", names[i]);
        }
        if (!p || append_file(kr, path, party, why)) {
            bad++;
            if (problem)
                problem(ctx, p ? path : names[i], why);
        }
        free(names[i]);
    }
    free(names);
    free(path);
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
