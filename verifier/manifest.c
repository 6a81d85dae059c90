/* manifest.c - MANIFEST parsing (canonical form only) and writing. */
#include "manifest.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "vutil.h"
#include "zipread.h"

void manifest_sha256(const unsigned char *buf, size_t len, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, buf, len);
    vu_hex(h, sizeof h, out);
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

static int cmp_index(const void *a, const void *b, void *names)
{
    const char *const *nm = names;
    return strcmp(nm[*(const size_t *)a], nm[*(const size_t *)b]);
}

/* A small insertion sort keeps this free of qsort_r portability questions. */
static void sort_indexes(size_t *idx, size_t n, const char *const *names)
{
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0 && cmp_index(&idx[k - 1], &idx[k], (void *)names) > 0; k--) {
            size_t t = idx[k];
            idx[k] = idx[k - 1];
            idx[k - 1] = t;
        }
}

int manifest_format(const char *const *names, const unsigned char *const *data, const size_t *lens,
                    size_t n, char **out, size_t *outlen)
{
    size_t *idx = malloc((n ? n : 1) * sizeof *idx), cap = 1, pos = 0;
    char *buf;
    if (!idx)
        return -1;
    for (size_t i = 0; i < n; i++) {
        idx[i] = i;
        cap += 67 + strlen(names[i]);
    }
    sort_indexes(idx, n, names);
    buf = malloc(cap);
    if (!buf) {
        free(idx);
        return -1;
    }
    for (size_t k = 0; k < n; k++) {
        size_t i = idx[k], nl = strlen(names[i]);
        if (k > 0 && !strcmp(names[idx[k - 1]], names[i])) {
            free(idx);
            free(buf);
            return -1;
        }
        manifest_sha256(data[i], lens[i], buf + pos);
        memcpy(buf + pos + 64, "  ", 2);
        memcpy(buf + pos + 66, names[i], nl);
        buf[pos + 66 + nl] = '\n';
        pos += 67 + nl;
    }
    buf[pos] = '\0';
    free(idx);
    *out = buf;
    *outlen = pos;
    return 0;
}
