/* seal.c - personal links: derivations from the program secret and
 * sealed pages (the byte layouts are in seal.h). */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seal.h"

static const char page_label[] = "accord-page/1";

/* BLAKE2b of "LABEL\0" || id || "\0" || epoch in decimal, keyed with
 * secret, out_len bytes long. */
static void derive(const unsigned char secret[SEAL_SECRET_BYTES], const char *label, const char *id,
                   unsigned long epoch, unsigned char *out, size_t out_len)
{
    char decimal[24];
    int n = snprintf(decimal, sizeof decimal, "%lu", epoch);
    crypto_generichash_state st;
    crypto_generichash_init(&st, secret, SEAL_SECRET_BYTES, out_len);
    crypto_generichash_update(&st, (const unsigned char *)label, strlen(label) + 1);
    crypto_generichash_update(&st, (const unsigned char *)id, strlen(id) + 1);
    crypto_generichash_update(&st, (const unsigned char *)decimal, (size_t)n);
    crypto_generichash_final(&st, out, out_len);
    sodium_memzero(&st, sizeof st);
}

void link_key(const unsigned char secret[SEAL_SECRET_BYTES], const char *id, unsigned long epoch,
              unsigned char out[LINK_KEY_BYTES])
{
    derive(secret, "accord-link/1", id, epoch, out, LINK_KEY_BYTES);
}

void link_nonce_key(const unsigned char key[LINK_KEY_BYTES], unsigned char out[LINK_KEY_BYTES])
{
    static const char label[] = "accord-nonce/1";
    crypto_generichash(out, LINK_KEY_BYTES, (const unsigned char *)label, sizeof label - 1, key,
                       LINK_KEY_BYTES);
}

void link_name(const unsigned char secret[SEAL_SECRET_BYTES], const char *id, unsigned long epoch,
               char out[LINK_NAME_HEX + 1])
{
    unsigned char h[LINK_NAME_HEX / 2];
    derive(secret, "accord-name/1", id, epoch, h, sizeof h);
    sodium_bin2hex(out, LINK_NAME_HEX + 1, h, sizeof h);
}

void link_fragment(const unsigned char key[LINK_KEY_BYTES], char out[LINK_FRAGMENT_LEN])
{
    memcpy(out, "k=", 2);
    sodium_bin2base64(out + 2, LINK_FRAGMENT_LEN - 2, key, LINK_KEY_BYTES,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

size_t seal_bucket(size_t len)
{
    if (len >= SEAL_BUCKET_MAX)
        return 0;
    size_t b = SEAL_BUCKET_MIN;
    while (b <= len)
        b *= 2;
    return b;
}

/* The associated data of page name name into ad (at least
 * sizeof page_label - 1 + SEAL_NAME_MAX bytes): its length, or 0 when the
 * name is empty or too long. */
static size_t associated(const char *name, unsigned char *ad)
{
    size_t n = strlen(name);
    if (n == 0 || n > SEAL_NAME_MAX)
        return 0;
    memcpy(ad, page_label, sizeof page_label - 1);
    memcpy(ad + sizeof page_label - 1, name, n);
    return sizeof page_label - 1 + n;
}

int page_seal(const unsigned char key[LINK_KEY_BYTES], const char *name, const unsigned char *page,
              size_t len, unsigned char **out, size_t *out_len)
{
    unsigned char ad[sizeof page_label + SEAL_NAME_MAX], nkey[LINK_KEY_BYTES];
    unsigned char digest[crypto_generichash_BYTES];
    size_t ad_len = associated(name, ad), bucket = seal_bucket(len);
    *out = NULL;
    if (!ad_len || !bucket) {
        errno = ad_len ? EFBIG : EINVAL;
        return -1;
    }
    unsigned char *padded = malloc(bucket), *sealed = malloc(SEAL_OVERHEAD + bucket);
    if (!padded || !sealed) {
        free(padded);
        free(sealed);
        errno = ENOMEM;
        return -1;
    }
    /* ISO/IEC 7816-4 padding to the bucket, as sodium_pad writes it (and
     * page_open's sodium_unpad reads it), without its constant-time pass
     * over the whole bucket: the page's length is not secret from the
     * program that made it. */
    if (len)
        memcpy(padded, page, len);
    padded[len] = 0x80;
    memset(padded + len + 1, 0, bucket - len - 1);

    link_nonce_key(key, nkey);
    crypto_generichash_state st;
    crypto_generichash_init(&st, nkey, sizeof nkey, sizeof digest);
    crypto_generichash_update(&st, (const unsigned char *)name, strlen(name) + 1);
    crypto_generichash_update(&st, padded, bucket);
    crypto_generichash_final(&st, digest, sizeof digest);
    memcpy(sealed, digest, SEAL_NONCE_BYTES);

    crypto_aead_xchacha20poly1305_ietf_encrypt(sealed + SEAL_NONCE_BYTES, NULL, padded, bucket, ad,
                                               ad_len, NULL, sealed, key);
    sodium_memzero(padded, bucket);
    sodium_memzero(nkey, sizeof nkey);
    free(padded);
    *out = sealed;
    *out_len = SEAL_OVERHEAD + bucket;
    return 0;
}

int page_open(const unsigned char key[LINK_KEY_BYTES], const char *name,
              const unsigned char *sealed, size_t len, unsigned char **out, size_t *out_len)
{
    unsigned char ad[sizeof page_label + SEAL_NAME_MAX];
    size_t ad_len = associated(name, ad);
    *out = NULL;
    if (!ad_len) {
        errno = EINVAL;
        return -1;
    }
    /* a bucket is a power of two from SEAL_BUCKET_MIN to SEAL_BUCKET_MAX */
    size_t bucket = len >= SEAL_OVERHEAD ? len - SEAL_OVERHEAD : 0;
    if (bucket < SEAL_BUCKET_MIN || bucket > SEAL_BUCKET_MAX || (bucket & (bucket - 1))) {
        errno = EBADMSG;
        return -1;
    }
    unsigned char *page = malloc(bucket);
    if (!page) {
        errno = ENOMEM;
        return -1;
    }
    size_t unpadded;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(page, NULL, NULL, sealed + SEAL_NONCE_BYTES,
                                                   len - SEAL_NONCE_BYTES, ad, ad_len, sealed,
                                                   key) != 0 ||
        sodium_unpad(&unpadded, page, bucket, bucket) != 0) {
        sodium_memzero(page, bucket);
        free(page);
        errno = EBADMSG;
        return -1;
    }
    *out = page;
    *out_len = unpadded;
    return 0;
}
