/* keyring.c - the trusted public keys: key files, key directories, rosters. */
#include "verify.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* By key number, then party ("" first), then path. */
static int cmp_entry(const void *pa, const void *pb)
{
    const keyring_entry *a = pa, *b = pb;
    int c = memcmp(a->pk.keynum, b->pk.keynum, MS_KEYNUM_BYTES);
    c = c ? c : strcmp(a->party, b->party);
    return c ? c : strcmp(a->path, b->path);
}

/* Appends pk for party (NULL: any), path naming where it came from,
 * unsorted: keyring_sort before a search. 0; -1 too many; -2 no memory. */
static int keyring_append(keyring *kr, const ms_pubkey *pk, const char *party, const char *path,
                          char *err)
{
    keyring_entry e = {.pk = *pk};
    if (kr->n >= KEYRING_MAX)
        return verr(err, "more than %d keys", KEYRING_MAX);
    if (vu_grow((void **)&kr->entries, kr->n, &kr->cap, sizeof *kr->entries, 16) ||
        !(e.path = strdup(path))) {
        verr(err, "out of memory");
        return -2;
    }
    snprintf(e.party, sizeof e.party, "%s", party ? party : "");
    kr->entries[kr->n++] = e;
    return 0;
}

/* Appends one key file, unsorted. Returns as keyring_add_file. */
static int append_file(keyring *kr, const char *path, const char *party, char *err)
{
    unsigned char *buf;
    size_t len;
    ms_pubkey pk;
    if (vu_read_file(path, MS_KEY_FILE_MAX, &buf, &len)) {
        if (errno == EFBIG)
            return verr(err, "public key file is larger than %d bytes", MS_KEY_FILE_MAX);
        verr(err, "cannot read: %s", vu_read_error(errno));
        return -2;
    }
    int rc = ms_pubkey_parse(buf, len, &pk, err);
    free(buf);
    return rc ? -1 : keyring_append(kr, &pk, party, path, err);
}

static void keyring_sort(keyring *kr)
{
    if (kr->n > 1) /* (qsort must not be given NULL) */
        qsort(kr->entries, kr->n, sizeof *kr->entries, cmp_entry);
}

int keyring_add_file(keyring *kr, const char *path, const char *party, char *err)
{
    int rc = append_file(kr, path, party, err);
    keyring_sort(kr);
    return rc;
}

/* The length of the party id a key file's name starts with, or 0 when the
 * name is not "<party>.pub" or "<party>.<anything>.pub". */
static int key_file_party(const struct dirent *de)
{
    size_t n = strlen(de->d_name), id = strcspn(de->d_name, ".");
    return n >= 5 && !strcmp(de->d_name + n - 4, ".pub") && vu_is_id(de->d_name, id) ? (int)id : 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name); /* bytewise: the same order everywhere */
}

int keyring_add_dir(keyring *kr, const char *dir, keyring_problem_fn problem, void *ctx, char *err)
{
    struct dirent **names;
    char why[VERR_MAX];
    int n = scandir(dir, &names, key_file_party, by_name), bad = 0;
    size_t dl = strlen(dir);
    if (n < 0)
        return verr(err, "cannot open key directory: %s", strerror(errno));
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        char party[33], *path = malloc(dl + strlen(name) + 2);
        snprintf(party, sizeof party, "%.*s", key_file_party(names[i]), name);
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
    keyring_sort(kr);
    return bad;
}

int ledger_roster_keyring(const ledger_roster *r, const char *path, keyring *kr, char *err)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < r->n; i++)
        rc = keyring_append(kr, &r->keys[i].pk, r->keys[i].party, path, err);
    keyring_sort(kr);
    return rc ? -1 : 0;
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
    const keyring_entry *any = NULL; /* a key for this very party wins over one for any */
    for (; lo < kr->n && !memcmp(kr->entries[lo].pk.keynum, keynum, MS_KEYNUM_BYTES); lo++)
        if (!strcmp(kr->entries[lo].party, party))
            return &kr->entries[lo];
        else if (!kr->entries[lo].party[0])
            any = &kr->entries[lo];
    return any;
}

void keyring_release(keyring *kr)
{
    for (size_t i = 0; i < kr->n; i++)
        free(kr->entries[i].path);
    free(kr->entries);
    memset(kr, 0, sizeof *kr);
}
