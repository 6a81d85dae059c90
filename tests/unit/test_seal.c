/* test_seal.c - personal links (seal.h): the derivations from the program
 * secret, sealed pages (round trip, size buckets, every kind of damage
 * refused, the same bytes every time), the demo's secret as the content
 * loader reads it, and the cross-language vectors.
 *
 * tests/fixtures/sealed-vectors.json, which tests/browser/sealed.test.mjs
 * opens in the browser, must be exactly what this code makes: this test
 * fails when it is not, and with ACCORD_VECTORS_WRITE=1 in the
 * environment it writes the file instead (run from the repository root). */
#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "base.h"
#include "check.h"
#include "content.h"
#include "seal.h"

#define VECTORS "tests/fixtures/sealed-vectors.json"

static void fill(unsigned char *b, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        b[i] = (unsigned char)((i * 31 + seed * 7 + 11) & 0xff);
}

/* 1 when sealed (len bytes) opens under key and name into exactly page. */
static int opens_to(const unsigned char *key, const char *name, const unsigned char *sealed,
                    size_t len, const unsigned char *page, size_t page_len)
{
    unsigned char *out;
    size_t out_len;
    if (page_open(key, name, sealed, len, &out, &out_len) != 0)
        return 0;
    int same = out_len == page_len && (page_len == 0 || !memcmp(out, page, page_len));
    free(out);
    return same;
}

/* 1 when page_open refuses with EBADMSG and leaves *out NULL. */
static int refused(const unsigned char *key, const char *name, const unsigned char *sealed,
                   size_t len)
{
    unsigned char *out = (unsigned char *)"x";
    size_t out_len;
    return page_open(key, name, sealed, len, &out, &out_len) == -1 && errno == EBADMSG &&
           out == NULL;
}

/* What a person's link is made of. */
typedef struct {
    unsigned char key[LINK_KEY_BYTES];
    char name[LINK_NAME_HEX + 1];
} link;

static link link_of(const unsigned char *secret, const char *id, unsigned long epoch)
{
    link l;
    link_key(secret, id, epoch, l.key);
    link_name(secret, id, epoch, l.name);
    return l;
}

/* 1 when a and b share neither key nor name. */
static int unrelated(link a, link b)
{
    return memcmp(a.key, b.key, sizeof a.key) && strcmp(a.name, b.name);
}

static void test_derivations(void)
{
    unsigned char secret[SEAL_SECRET_BYTES], other[SEAL_SECRET_BYTES];
    unsigned char k1[LINK_KEY_BYTES], k2[LINK_KEY_BYTES], n1[LINK_KEY_BYTES];
    char frag[LINK_FRAGMENT_LEN];
    fill(secret, sizeof secret, 1);
    fill(other, sizeof other, 2);

    link ada = link_of(secret, "ada", 0), again = link_of(secret, "ada", 0);
    CHECK(!memcmp(ada.key, again.key, sizeof ada.key) && !strcmp(ada.name, again.name),
          "the same secret, person and epoch give the same key and name");
    CHECK(strlen(ada.name) == LINK_NAME_HEX &&
              strspn(ada.name, "0123456789abcdef") == LINK_NAME_HEX,
          "a name is 32 lowercase hex characters");
    CHECK(unrelated(ada, link_of(secret, "ada", 1)), "another epoch gives another key and name");
    CHECK(unrelated(ada, link_of(secret, "grace", 0)), "another person gives another key and name");
    CHECK(unrelated(ada, link_of(other, "ada", 0)), "another secret gives another key and name");
    /* "ad" at epoch 10 and "ad1" at epoch 0 would be one message without
     * the zero byte between id and epoch */
    link_key(secret, "ad", 10, k1);
    link_key(secret, "ad1", 0, k2);
    CHECK(memcmp(k1, k2, sizeof k1), "id and epoch are separated");
    link_nonce_key(k1, n1);
    CHECK(memcmp(k1, n1, sizeof k1), "the nonce key is not the link key");
    link_fragment(k1, frag);
    CHECK(strlen(frag) == LINK_FRAGMENT_LEN - 1 && !strncmp(frag, "k=", 2) &&
              strspn(frag + 2,
                     "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == 43,
          "the fragment is k= and 43 characters of base64url");

    /* the demo's secret, as content_load reads it */
    content c;
    diag d = DIAG_INIT;
    CHECK(content_load("content", &c, &d) == 0 && c.has_secret && d.warnings == 0,
          "the demo content loads its secret without a warning");
    const person *amira = content_person(&c, "amira");
    CHECK(amira && amira->link_epoch == 0, "a person without link-epoch is at epoch 0");
    content_release(&c);
    CHECK(!c.has_secret, "content_release forgets the secret");
}

static void test_sealing(void)
{
    unsigned char key[LINK_KEY_BYTES], other[LINK_KEY_BYTES], page[5000];
    unsigned char *s, *s2;
    size_t len, len2;
    const char *name = "0123456789abcdef0123456789abcdef/index.html";
    fill(key, sizeof key, 3);
    fill(other, sizeof other, 4);
    fill(page, sizeof page, 5);

    CHECK(seal_bucket(0) == 1024 && seal_bucket(1) == 1024 && seal_bucket(1023) == 1024 &&
              seal_bucket(1024) == 2048 && seal_bucket(1025) == 2048 &&
              seal_bucket(65535) == 65536 && seal_bucket(65536) == 131072 &&
              seal_bucket(SEAL_BUCKET_MAX - 1) == SEAL_BUCKET_MAX &&
              seal_bucket(SEAL_BUCKET_MAX) == 0,
          "buckets: the next power of two above the length, at least 1024");
    static const size_t sizes[] = {0, 1, 1023, 1024, 1025, 5000};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        char what[80];
        size_t n = sizes[i];
        int ok = page_seal(key, name, page, n, &s, &len) == 0;
        snprintf(what, sizeof what, "a %zu-byte page is %zu bytes sealed and opens again", n,
                 SEAL_OVERHEAD + seal_bucket(n));
        CHECK(ok && len == SEAL_OVERHEAD + seal_bucket(n) && opens_to(key, name, s, len, page, n),
              what);
        if (ok)
            free(s);
    }
    CHECK(page_seal(key, name, page, 1, &s, &len) == 0 && len == 24 + 1024 + 16,
          "1 byte seals to 24 + 1024 + 16 bytes");
    free(s);
    CHECK(page_seal(key, name, page, 1025, &s, &len) == 0 && len == 24 + 2048 + 16,
          "1025 bytes seal to 24 + 2048 + 16 bytes");
    free(s);

    /* a page ending in what padding looks like keeps those bytes */
    unsigned char tricky[] = {'<', 'p', '>', 0x80, 0x00, 0x00};
    CHECK(page_seal(key, name, tricky, sizeof tricky, &s, &len) == 0 &&
              opens_to(key, name, s, len, tricky, sizeof tricky),
          "a page ending in 0x80 and zeros opens whole");
    free(s);

    CHECK(page_seal(key, name, page, 3000, &s, &len) == 0, "a 3000-byte page seals");
    CHECK(page_seal(key, name, page, 3000, &s2, &len2) == 0 && len == len2 && !memcmp(s, s2, len),
          "sealing is deterministic: the same page and name give the same bytes");
    free(s2);
    page[2999] ^= 1;
    CHECK(page_seal(key, name, page, 3000, &s2, &len2) == 0 && memcmp(s, s2, SEAL_NONCE_BYTES),
          "one byte of the page changed: another nonce");
    free(s2);
    page[2999] ^= 1;
    CHECK(page_seal(key, "0123456789abcdef0123456789abcdef/other.html", page, 3000, &s2, &len2) ==
                  0 &&
              memcmp(s, s2, SEAL_NONCE_BYTES),
          "another page name: another nonce");
    free(s2);

    int all = 1;
    for (size_t i = 0; i < len; i++) {
        s[i] ^= 0x01;
        all &= refused(key, name, s, len);
        s[i] ^= 0x01;
    }
    CHECK(all, "a flipped bit anywhere (nonce, ciphertext, tag) is refused");
    CHECK(refused(other, name, s, len), "another key is refused");
    CHECK(refused(key, "0123456789abcdef0123456789abcdef/other.html", s, len),
          "another page name (the associated data) is refused");
    CHECK(refused(key, "0123456789abcdef0123456789abcdef/index.htm", s, len),
          "a page name one byte shorter is refused");
    CHECK(refused(key, name, s, len - 1) && refused(key, name, s, len - 16) &&
              refused(key, name, s, SEAL_OVERHEAD + 1024) && refused(key, name, s, 10) &&
              refused(key, name, s, 0),
          "a truncated page is refused");
    unsigned char *longer = malloc(len + 1);
    memcpy(longer, s, len);
    longer[len] = 0;
    CHECK(refused(key, name, longer, len + 1), "a page with a byte added is refused");
    free(longer);
    free(s);

    /* 1024 zero bytes encrypted under the right key and associated data
     * (nonce all zeros) are authentic but carry no padding marker */
    unsigned char sealed0[SEAL_OVERHEAD + 1024] = {0}, plain0[1024] = {0}, ad[13 + 64];
    memcpy(ad, "accord-page/1", 13);
    memcpy(ad + 13, name, strlen(name));
    crypto_aead_xchacha20poly1305_ietf_encrypt(sealed0 + SEAL_NONCE_BYTES, NULL, plain0,
                                               sizeof plain0, ad, 13 + strlen(name), NULL, sealed0,
                                               key);
    CHECK(refused(key, name, sealed0, sizeof sealed0),
          "an authentic page without its padding marker is refused");

    char long_name[SEAL_NAME_MAX + 2];
    memset(long_name, 'a', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = 0;
    CHECK(page_seal(key, "", page, 1, &s, &len) == -1 && errno == EINVAL && !s,
          "an empty page name is refused");
    CHECK(page_seal(key, long_name, page, 1, &s, &len) == -1 && errno == EINVAL && !s,
          "a page name over 255 bytes is refused");
    long_name[SEAL_NAME_MAX] = 0;
    CHECK(page_seal(key, long_name, page, 1, &s, &len) == 0 &&
              opens_to(key, long_name, s, len, page, 1),
          "a page name of 255 bytes seals");
    free(s);
}

/* --- the vectors file */

static void put_hex(sbuf *b, const unsigned char *bytes, size_t n)
{
    char *hex = malloc(2 * n + 1);
    sodium_bin2hex(hex, 2 * n + 1, bytes, n);
    sb_printf(b, "\"%s\"", hex);
    free(hex);
}

/* The vectors as JSON: derivations, then sealed pages. */
static char *vectors_json(size_t *json_len)
{
    static const struct {
        unsigned seed;
        const char *id;
        unsigned long epoch;
    } derivations[] = {{1, "ada", 0},
                       {1, "ada", 1},
                       {1, "grace", 0},
                       {2, "ada", 0},
                       {1, "ada", 999999},
                       {1, "a", 0},
                       {1, "abcdefghijklmnopqrstuvwxyz012345", 7}};
    static const size_t page_sizes[] = {0, 1, 1023, 1024, 1025, 5000};
    sbuf b = SBUF_INIT;
    unsigned char secret[SEAL_SECRET_BYTES], key[LINK_KEY_BYTES], nkey[LINK_KEY_BYTES];
    char name[LINK_NAME_HEX + 1], frag[LINK_FRAGMENT_LEN];
    sb_puts(&b, "{\n  \"about\": \"Written by tests/unit/test_seal.c (ACCORD_VECTORS_WRITE=1); "
                "generator/seal/seal.h gives every byte. Hex is lowercase.\",\n"
                "  \"derivations\": [\n");
    for (size_t i = 0; i < sizeof derivations / sizeof *derivations; i++) {
        fill(secret, sizeof secret, derivations[i].seed);
        link_key(secret, derivations[i].id, derivations[i].epoch, key);
        link_nonce_key(key, nkey);
        link_name(secret, derivations[i].id, derivations[i].epoch, name);
        link_fragment(key, frag);
        sb_puts(&b, "    {\"secret\": ");
        put_hex(&b, secret, sizeof secret);
        sb_printf(&b,
                  ", \"person\": \"%s\", \"epoch\": %lu,\n     \"linkKey\": ", derivations[i].id,
                  derivations[i].epoch);
        put_hex(&b, key, sizeof key);
        sb_puts(&b, ", \"nonceKey\": ");
        put_hex(&b, nkey, sizeof nkey);
        sb_printf(&b, ",\n     \"name\": \"%s\", \"fragment\": \"#%s\"}%s\n", name, frag,
                  i + 1 < sizeof derivations / sizeof *derivations ? "," : "");
    }
    sb_puts(&b, "  ],\n  \"pages\": [\n");
    fill(secret, sizeof secret, 1);
    link_key(secret, "ada", 0, key);
    link_name(secret, "ada", 0, name);
    for (size_t i = 0; i < sizeof page_sizes / sizeof *page_sizes + 1; i++) {
        int last = i == sizeof page_sizes / sizeof *page_sizes;
        unsigned char page[5000], *s;
        size_t n = last ? 6 : page_sizes[i], len;
        fill(page, n, 6 + (unsigned)i);
        if (last) /* ends as padding does: a page the unpadding must keep whole */
            memcpy(page, "<p>\x80\0\0", 6);
        char pname[LINK_NAME_HEX + 32];
        snprintf(pname, sizeof pname, "%s/%s", name, last ? "agreement-r1.html" : "index.html");
        if (page_seal(key, pname, page, n, &s, &len) != 0)
            abort();
        sb_puts(&b, "    {\"linkKey\": ");
        put_hex(&b, key, sizeof key);
        sb_printf(&b, ", \"pageName\": \"%s\",\n     \"page\": ", pname);
        put_hex(&b, page, n);
        sb_puts(&b, ",\n     \"sealed\": ");
        put_hex(&b, s, len);
        sb_printf(&b, "}%s\n", last ? "" : ",");
        free(s);
    }
    sb_puts(&b, "  ]\n}\n");
    return sb_take(&b, json_len);
}

static void test_vectors(void)
{
    size_t len, have_len;
    char *json = vectors_json(&len);
    const char *w = getenv("ACCORD_VECTORS_WRITE");
    if (w && !strcmp(w, "1")) {
        CHECK(file_write_atomic(VECTORS, json, len, 0, 1) == 0, "wrote " VECTORS);
    } else {
        unsigned char *have = NULL;
        int ok = read_file(VECTORS, 1 << 20, &have, &have_len) == 0 && have_len == len &&
                 !memcmp(have, json, len);
        CHECK(ok, VECTORS " is what this code makes (else ACCORD_VECTORS_WRITE=1 rewrites it)");
        free(have);
    }
    free(json);
}

int main(void)
{
    if (sodium_init() < 0)
        return 2;
    test_derivations();
    test_sealing();
    test_vectors();
    return CHECK_DONE();
}
