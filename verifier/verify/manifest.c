/* manifest.c - MANIFEST parsing (its canonical form only). */
#include "verify.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

void manifest_sha256(const unsigned char *buf, size_t len, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, buf, len);
    sodium_bin2hex(out, 65, h, sizeof h);
}

int manifest_parse(const unsigned char *buf, size_t len, manifest *out, char *err)
{
    size_t lines = 0, pos = 0;
    char why[VERR_MAX];
    memset(out, 0, sizeof *out);
    if (len > MANIFEST_MAX) {
        verr(err, "MANIFEST is larger than %d bytes", MANIFEST_MAX);
        return -1;
    }
    if (len == 0 || buf[len - 1] != '\n') {
        verr(err, "MANIFEST is empty or does not end in LF");
        return -1;
    }
    for (size_t i = 0; i < len; i++)
        lines += buf[i] == '\n';
    out->entries = calloc(lines, sizeof *out->entries);
    out->text = malloc(len + 1);
    if (!out->entries || !out->text) {
        verr(err, "out of memory");
        return -1;
    }
    memcpy(out->text, buf, len);
    out->text[len] = '\0';
    for (size_t ln = 1; pos < len; ln++) {
        char *line = out->text + pos, *nl = memchr(line, '\n', len - pos);
        size_t n = (size_t)(nl - line);
        manifest_entry *e = &out->entries[out->n];
        if (n < 67 || !vu_is_hex64(line, 64) || line[64] != ' ' || line[65] != ' ') {
            verr(err, "MANIFEST line %zu is not '<64 lowercase hex>  <path>' (not canonical)", ln);
            return -1;
        }
        if (zipread_name_check(line + 66, n - 66, why)) {
            verr(err, "MANIFEST line %zu: %s", ln, why);
            return -1;
        }
        memcpy(e->sha256, line, 64);
        e->sha256[64] = '\0';
        *nl = '\0';
        e->path = line + 66;
        if (out->n > 0 && strcmp(out->entries[out->n - 1].path, e->path) >= 0) {
            verr(err, "MANIFEST line %zu is out of order or repeats a path (not canonical)", ln);
            return -1;
        }
        out->n++;
        pos += n + 1;
    }
    return 0;
}

void manifest_release(manifest *m)
{
    free(m->entries);
    free(m->text);
    memset(m, 0, sizeof *m);
}

const manifest_entry *manifest_find(const manifest *m, const char *path)
{
    for (size_t i = 0; i < m->n; i++)
        if (!strcmp(m->entries[i].path, path))
            return &m->entries[i];
    return NULL;
}
