/* forge_util.h - what the test tools that build bundles share
 * (verify_forge.c, agreement_forge.c, tests/unit/test_agreement_write.c):
 * reading an archive and an unencrypted secret key from a file. Header-only
 * (static) so each tool stays one compile command. */
#ifndef ACCORD_FORGE_UTIL_H
#define ACCORD_FORGE_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord_sign.h"
#include "verify.h"

/* The including tool's name, for its messages. */
#ifndef FORGE_TOOL
#define FORGE_TOOL "forge"
#endif

/* Reads the archive at path into *z. Returns 0, or -1. */
static inline int forge_read_archive(const char *path, zipread_archive *z)
{
    unsigned char *buf;
    size_t len;
    char err[VERR_MAX];
    int rc;
    if (vu_read_file(path, ZIPREAD_FILE_MAX, &buf, &len))
        return -1;
    rc = zipread_mem(buf, len, z, err);
    free(buf);
    return rc;
}

/* Prints "TOOL: what" and exits 2: a test tool that cannot do its job. */
static inline _Noreturn void forge_die(const char *what)
{
    fprintf(stderr, FORGE_TOOL ": %s\n", what);
    exit(2);
}

/* Reads the archive at path into *z, or dies. */
static inline void forge_load(const char *path, zipread_archive *z)
{
    if (forge_read_archive(path, z))
        forge_die("cannot read an input bundle");
}

/* Writes len bytes of data to path, or dies. */
static inline void forge_put(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f))
        forge_die("cannot write the output");
}

/* Sets member name of z to a copy of d[0..len), adding the member when z
 * has none of that name (the forgers rewrite archives member by member). */
static inline void forge_set_member(zipread_archive *z, const char *name, const void *d, size_t len)
{
    zipread_member *m = (zipread_member *)zipread_find(z, name);
    if (!m) {
        zipread_member *grown = realloc(z->members, (z->n + 1) * sizeof *z->members);
        if (!grown)
            forge_die("out of memory");
        z->members = grown;
        m = &z->members[z->n++];
        m->name = strdup(name);
        m->data = NULL;
    }
    free(m->data);
    m->data = malloc(len + 1);
    if (!m->name || !m->data)
        forge_die("out of memory");
    memcpy(m->data, d, len);
    m->len = len;
}

/* Returns the unencrypted secret key at path (ms_seckey_free), or NULL. */
static inline ms_seckey *forge_load_key(const char *path)
{
    unsigned char *buf = NULL;
    size_t len;
    char err[VERR_MAX];
    ms_seckey *sk = ms_seckey_new();
    if (!sk || vu_read_file(path, MS_KEY_FILE_MAX, &buf, &len) ||
        ms_seckey_parse(buf, len, sk, err) || ms_seckey_decrypt(sk, NULL, 0, err)) {
        ms_seckey_free(sk);
        sk = NULL;
    }
    free(buf);
    return sk;
}

#endif
