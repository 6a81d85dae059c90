/* manifest.c - MANIFEST: its canonical form only; and SHA-256, which names
 * members and bundles. OpenSSL's SHA256_* calls (deprecated in OpenSSL 3,
 * not removed; none fails) use the processor's SHA instructions, 7 times
 * libsodium's code, and start nothing: EVP sets up providers (1 ms). */
#define OPENSSL_SUPPRESS_DEPRECATED
#include "verify.h"

#include <openssl/sha.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

void manifest_sha256(const unsigned char *buf, size_t len, char out[65])
{
    unsigned char h[SHA256_DIGEST_LENGTH];
    SHA256_CTX c;
    SHA256_Init(&c);
    SHA256_Update(&c, buf, len);
    SHA256_Final(h, &c);
    sodium_bin2hex(out, 65, h, sizeof h);
}

int manifest_parse(const unsigned char *buf, size_t len, manifest *out, char *err)
{
    char why[VERR_MAX];
    memset(out, 0, sizeof *out);
    if (len > MANIFEST_MAX)
        return verr(err, "MANIFEST is larger than %d bytes", MANIFEST_MAX);
    if (len == 0 || buf[len - 1] != '\n')
        return verr(err, "MANIFEST is empty or does not end in LF");
    out->entries = calloc(len / 68 + 1, sizeof *out->entries); /* a good line has 68 bytes+ */
    out->text = malloc(len + 1);
    if (!out->entries || !out->text)
        return verr(err, "out of memory");
    memcpy(out->text, buf, len);
    out->text[len] = '\0';
    for (char *line = out->text, *nl; line < out->text + len; line = nl + 1) {
        size_t n, ln = out->n + 1;
        manifest_entry *e = &out->entries[out->n];
        nl = memchr(line, '\n', (size_t)(out->text + len - line)); /* the text ends in LF */
        n = (size_t)(nl - line);
        if (n < 67 || strspn(line, "0123456789abcdef") < 64 || memcmp(line + 64, "  ", 2))
            return verr(
                err, "MANIFEST line %zu is not '<64 lowercase hex>  <path>' (not canonical)", ln);
        if (zipread_name_check(line + 66, n - 66, why))
            return verr(err, "MANIFEST line %zu: %s", ln, why);
        memcpy(e->sha256, line, 64);
        *nl = '\0';
        e->path = line + 66;
        if (out->n > 0 && strcmp(out->entries[out->n - 1].path, e->path) >= 0)
            return verr(err, "MANIFEST line %zu is out of order or repeats a path (not canonical)",
                        ln);
        out->n++;
    }
    return 0;
}

void manifest_release(manifest *m)
{
    free(m->entries);
    free(m->text);
    memset(m, 0, sizeof *m);
}
