/* manifest.h - a bundle's MANIFEST: sha256sum format, one
 * "<64 lowercase hex>  <path>" line per member, sorted bytewise by path, LF.
 * The parser accepts only that canonical form. */
#ifndef ACCORD_MANIFEST_H
#define ACCORD_MANIFEST_H

#include <stddef.h>

enum {
    MANIFEST_MAX = 128 * 1024, /* bytes */
};

typedef struct manifest_entry {
    char sha256[65];
    char *path; /* points into the manifest's own copy */
} manifest_entry;

typedef struct manifest {
    manifest_entry *entries; /* sorted by path */
    size_t n;
    char *text; /* a NUL-separated copy of the paths */
} manifest;

/* Parses buf[0..len) into *out (release with manifest_release, also after a
 * failure). Returns 0, or -1 with err set: not canonical, unsorted,
 * duplicate, bad path, too large. */
int manifest_parse(const unsigned char *buf, size_t len, manifest *out, char *err);

void manifest_release(manifest *m);

/* Returns the entry for path, or NULL. */
const manifest_entry *manifest_find(const manifest *m, const char *path);

/* Writes the canonical MANIFEST of n files (names and contents; any order)
 * into a malloc'd buffer (*out, *outlen; caller frees). Returns 0, or -1
 * when memory runs out or two names are equal. */
int manifest_format(const char *const *names, const unsigned char *const *data, const size_t *lens,
                    size_t n, char **out, size_t *outlen);

/* SHA-256 of buf[0..len) as 64 lowercase hex digits plus NUL. */
void manifest_sha256(const unsigned char *buf, size_t len, char out[65]);

#endif
