/* keyring.c - loading trusted public keys from files and key directories. */
#include "keyring.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vutil.h"

int keyring_add_file(keyring *kr, const char *path, const char *party, char *err)
{
    unsigned char *buf;
    size_t len;
    keyring_entry *e;
    if (kr->n >= KEYRING_MAX) {
        verr(err, "more than %d keys", KEYRING_MAX);
        return -1;
    }
    if (vu_read_file(path, MS_KEY_FILE_MAX, &buf, &len)) {
        if (errno == EFBIG) {
            verr(err, "public key file is larger than %d bytes", MS_KEY_FILE_MAX);
            return -1;
        }
        verr(err, "cannot read: %s", strerror(errno));
        return -2;
    }
    e = realloc(kr->entries, (kr->n + 1) * sizeof *e);
    if (!e) {
        free(buf);
        verr(err, "out of memory");
        return -2;
    }
    kr->entries = e;
    e = &kr->entries[kr->n];
    memset(e, 0, sizeof *e);
    if (ms_pubkey_parse(buf, len, &e->pk, err)) {
        free(buf);
        return -1;
    }
    free(buf);
    e->path = strdup(path);
    if (!e->path) {
        verr(err, "out of memory");
        return -2;
    }
    if (party)
        snprintf(e->party, sizeof e->party, "%s", party);
    kr->n++;
    return 0;
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

int keyring_add_dir(keyring *kr, const char *dir, char *err)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char **names = NULL;
    size_t n = 0;
    int rc = 0;
    if (!d) {
        verr(err, "cannot open key directory: %s", strerror(errno));
        return -2;
    }
    while ((de = readdir(d))) {
        char **nn;
        if (!key_file_party(de->d_name))
            continue;
        if (n >= KEYRING_MAX) {
            verr(err, "more than %d keys", KEYRING_MAX);
            rc = -1;
            break;
        }
        nn = realloc(names, (n + 1) * sizeof *names);
        if (!nn || !(nn[n] = strdup(de->d_name))) {
            names = nn ? nn : names;
            verr(err, "out of memory");
            rc = -2;
            break;
        }
        names = nn;
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str); /* deterministic order */
    for (size_t i = 0; rc == 0 && i < n; i++) {
        size_t pl = key_file_party(names[i]), dl = strlen(dir);
        char party[33], *path = malloc(dl + strlen(names[i]) + 2), why[VERR_MAX];
        if (!path) {
            verr(err, "out of memory");
            rc = -2;
            break;
        }
        memcpy(party, names[i], pl);
        party[pl] = '\0';
        sprintf(path, "%s/%s", dir, names[i]);
        rc = keyring_add_file(kr, path, party, why);
        if (rc)
            verr(err, "%s: %s", names[i], why);
        free(path);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

const keyring_entry *keyring_find(const keyring *kr, const char *party,
                                  const unsigned char keynum[MS_KEYNUM_BYTES])
{
    for (size_t i = 0; i < kr->n; i++) {
        const keyring_entry *e = &kr->entries[i];
        if ((!e->party[0] || !strcmp(e->party, party)) &&
            !memcmp(e->pk.keynum, keynum, MS_KEYNUM_BYTES))
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

void keyring_release(keyring *kr)
{
    for (size_t i = 0; i < kr->n; i++)
        free(kr->entries[i].path);
    free(kr->entries);
    kr->entries = NULL;
    kr->n = 0;
}
