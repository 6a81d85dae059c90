/* test_passed_sigs.c - the keyring's verifier that remembers signature
 * checks: it passes exactly what libsodium passes, each check done once
 * however many; its tags, taken back under the same program secret, spare
 * the same checks and nothing else, and outlive a load that took bundle
 * files unread; under another secret or none they spare nothing; threads
 * may use it at once. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "bundles/impl.h"
#include "check.h"

enum { N_SIGS = 2000 };

static unsigned char pk[crypto_sign_PUBLICKEYBYTES];
static unsigned char sigs[N_SIGS][crypto_sign_BYTES];

/* The message of signature i: i in four bytes. */
static void msg_of(unsigned i, unsigned char m[4])
{
    m[0] = (unsigned char)i;
    m[1] = (unsigned char)(i >> 8);
    m[2] = (unsigned char)(i >> 16);
    m[3] = (unsigned char)(i >> 24);
}

/* How many of the signatures [from, to) pass v. */
static unsigned passing(const ed25519_verifier *v, unsigned from, unsigned to)
{
    unsigned n = 0;
    unsigned char m[4];
    for (unsigned i = from; i < to; i++) {
        msg_of(i, m);
        n += v->verify(v->ctx, sigs[i], m, sizeof m, pk) == 0;
    }
    return n;
}

typedef struct tags_out {
    unsigned char *tags;
    size_t n;
} tags_out;

static void keep_tag(void *ctx, const unsigned char tag[PASSED_SIG_TAG_BYTES])
{
    tags_out *t = ctx;
    memcpy(t->tags + t->n++ * PASSED_SIG_TAG_BYTES, tag, PASSED_SIG_TAG_BYTES);
}

typedef struct half {
    const ed25519_verifier *v;
    unsigned from, to, passed;
} half;

static void *check_half(void *arg)
{
    half *h = arg;
    h->passed = passing(h->v, h->from, h->to);
    return NULL;
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    unsigned char sk[crypto_sign_SECRETKEYBYTES], m[4];
    crypto_sign_keypair(pk, sk);
    for (unsigned i = 0; i < N_SIGS; i++) {
        msg_of(i, m);
        crypto_sign_detached(sigs[i], NULL, m, sizeof m, sk);
    }
    content c, other, none;
    memset(&c, 0, sizeof c);
    c.has_secret = 1;
    memset(c.secret, 7, sizeof c.secret);
    other = c;
    other.secret[0] ^= 1;
    memset(&none, 0, sizeof none);
    size_t checked, taken;

    bundle_set bs;
    memset(&bs, 0, sizeof bs);
    bs.passed = passed_sigs_new(&c, NULL);
    const ed25519_verifier *v = passed_sigs_verifier(bs.passed);
    CHECK(v && passing(v, 0, N_SIGS) == N_SIGS, "good signatures pass");
    bundles_sig_counts(&bs, &checked, &taken);
    CHECK(checked == N_SIGS && taken == 0, "each is checked in full the first time");
    CHECK(passing(v, 0, N_SIGS) == N_SIGS, "they pass again");
    bundles_sig_counts(&bs, &checked, &taken);
    CHECK(checked == N_SIGS && taken == 0, "without being checked again");

    unsigned char bad[crypto_sign_BYTES];
    memcpy(bad, sigs[0], sizeof bad);
    bad[0] ^= 1;
    msg_of(0, m);
    CHECK(v->verify(v->ctx, bad, m, sizeof m, pk) != 0 &&
              v->verify(v->ctx, bad, m, sizeof m, pk) != 0,
          "a changed signature fails, also when asked twice");
    msg_of(1, m);
    CHECK(v->verify(v->ctx, sigs[0], m, sizeof m, pk) != 0,
          "a remembered signature over another message fails");
    unsigned char other_pk[crypto_sign_PUBLICKEYBYTES];
    memcpy(other_pk, pk, sizeof other_pk);
    other_pk[0] ^= 1;
    msg_of(0, m);
    CHECK(v->verify(v->ctx, sigs[0], m, sizeof m, other_pk) != 0, "and under another key");
    CHECK(v->verify(v->ctx, sigs[0], m, 3, pk) != 0, "and over fewer bytes");
    bundles_sig_counts(&bs, &checked, &taken);
    CHECK(checked == N_SIGS, "a failure is never counted as passed");

    tags_out t = {malloc((size_t)N_SIGS * PASSED_SIG_TAG_BYTES), 0};
    CHECK(bundles_passed_sigs(&bs, NULL, NULL) == N_SIGS &&
              bundles_passed_sigs(&bs, keep_tag, &t) == N_SIGS && t.n == N_SIGS,
          "it gives a tag per check that passed");
    CHECK(memcmp(t.tags, t.tags + PASSED_SIG_TAG_BYTES, PASSED_SIG_TAG_BYTES) != 0, "tags differ");
    sig_tags earlier = {.tags = t.tags, .n = t.n};

    bundle_set again;
    memset(&again, 0, sizeof again);
    again.passed = passed_sigs_new(&c, &earlier);
    v = passed_sigs_verifier(again.passed);
    CHECK(passing(v, 0, N_SIGS / 2) == N_SIGS / 2, "the next load, with the same secret, passes");
    bundles_sig_counts(&again, &checked, &taken);
    CHECK(checked == 0 && taken == N_SIGS / 2, "taking the checks from their tags, each once");
    CHECK(passing(v, 0, N_SIGS / 2) == N_SIGS / 2, "asked again, still passed");
    bundles_sig_counts(&again, &checked, &taken);
    CHECK(checked == 0 && taken == N_SIGS / 2, "and not counted twice");
    CHECK(v->verify(v->ctx, bad, m, sizeof m, pk) != 0, "a tag spares no other check");
    CHECK(bundles_passed_sigs(&again, NULL, NULL) == N_SIGS / 2,
          "it keeps the tags of the checks it met, not those of bundles gone");
    again.checked_taken = 1;
    CHECK(bundles_passed_sigs(&again, NULL, NULL) == N_SIGS,
          "a load that took files unread keeps every earlier tag, for when they are read again");

    bundle_set foreign;
    memset(&foreign, 0, sizeof foreign);
    foreign.passed = passed_sigs_new(&other, &earlier);
    CHECK(passing(passed_sigs_verifier(foreign.passed), 0, 10) == 10, "another secret passes");
    bundles_sig_counts(&foreign, &checked, &taken);
    CHECK(checked == 10 && taken == 0, "checking in full: the tags mean nothing to it");

    bundle_set secretless;
    memset(&secretless, 0, sizeof secretless);
    secretless.passed = passed_sigs_new(&none, &earlier);
    v = passed_sigs_verifier(secretless.passed);
    CHECK(passing(v, 0, 10) == 10 && passing(v, 0, 10) == 10, "without a secret it passes");
    bundles_sig_counts(&secretless, &checked, &taken);
    CHECK(checked == 10 && taken == 0, "the tags mean nothing, and the memo still lasts the load");
    CHECK(bundles_passed_sigs(&secretless, NULL, NULL) == 0, "but gives no tag");

    bundle_set threads;
    memset(&threads, 0, sizeof threads);
    threads.passed = passed_sigs_new(&c, NULL);
    v = passed_sigs_verifier(threads.passed);
    half h[2] = {{v, 0, N_SIGS / 2 + N_SIGS / 4, 0}, {v, N_SIGS / 4, N_SIGS, 0}};
    pthread_t tid;
    int started = pthread_create(&tid, NULL, check_half, &h[1]) == 0;
    check_half(&h[0]);
    if (started)
        pthread_join(tid, NULL);
    CHECK(started && h[0].passed == h[0].to - h[0].from && h[1].passed == h[1].to - h[1].from &&
              bundles_passed_sigs(&threads, NULL, NULL) == N_SIGS,
          "two threads at once, overlapping: all pass, each check is one tag");

    passed_sigs_free(bs.passed);
    passed_sigs_free(again.passed);
    passed_sigs_free(foreign.passed);
    passed_sigs_free(secretless.passed);
    passed_sigs_free(threads.passed);
    free(t.tags);
    sodium_memzero(sk, sizeof sk);
    return CHECK_DONE();
}
