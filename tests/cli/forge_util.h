/* forge_util.h - what the test tools that build bundles share
 * (verify_forge.c, agreement_forge.c, tests/unit/test_agreement_write.c):
 * reading an archive and an unencrypted secret key from a file. Header-only
 * (static) so each tool stays one compile command. */
#ifndef ACCORD_FORGE_UTIL_H
#define ACCORD_FORGE_UTIL_H

#include <stdlib.h>

#include "bundle.h"

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
