/* test_passed_sigs.c - the memo of signatures a load saw pass: it knows
 * exactly the ids it was told of, however many; its tags, taken back
 * under the same program secret, know the same ids and nothing else;
 * under another secret or none they know nothing; threads may tell it
 * at once. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "bundles/impl.h"
#include "check.h"

enum { N_IDS = 5000 };

static void id_of(unsigned i, unsigned char id[SIG_MEMO_ID_BYTES])
{
    unsigned char b[4] = {(unsigned char)i, (unsigned char)(i >> 8), (unsigned char)(i >> 16),
                          (unsigned char)(i >> 24)};
    crypto_generichash(id, SIG_MEMO_ID_BYTES, b, sizeof b, NULL, 0);
}

/* How many of the ids [from, to) memo knows. */
static unsigned known(const sig_memo *memo, unsigned from, unsigned to)
{
    unsigned n = 0;
    unsigned char id[SIG_MEMO_ID_BYTES];
    for (unsigned i = from; i < to; i++) {
        id_of(i, id);
        n += memo->seen(memo->ctx, id) != 0;
    }
    return n;
}

static void tell(const sig_memo *memo, unsigned from, unsigned to)
{
    unsigned char id[SIG_MEMO_ID_BYTES];
    for (unsigned i = from; i < to; i++) {
        id_of(i, id);
        memo->passed(memo->ctx, id);
    }
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
    const sig_memo *memo;
    unsigned from, to;
} half;

static void *tell_half(void *arg)
{
    half *h = arg;
    tell(h->memo, h->from, h->to);
    return NULL;
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    content c, other, none;
    memset(&c, 0, sizeof c);
    c.has_secret = 1;
    memset(c.secret, 7, sizeof c.secret);
    other = c;
    other.secret[0] ^= 1;
    memset(&none, 0, sizeof none);

    bundle_set bs;
    memset(&bs, 0, sizeof bs);
    bs.passed = passed_sigs_new(&c, NULL);
    const sig_memo *memo = passed_sigs_memo(bs.passed);
    CHECK(memo && known(memo, 0, N_IDS) == 0, "a new memo knows no signature");
    tell(memo, 0, N_IDS);
    CHECK(known(memo, 0, N_IDS) == N_IDS, "it knows each of 5,000 it was told of");
    CHECK(known(memo, N_IDS, 2 * N_IDS) == 0, "and none other");
    size_t checked, taken;
    bundles_sig_counts(&bs, &checked, &taken);
    CHECK(checked == N_IDS && taken == 0, "it counts them as checked in full");

    tags_out t = {malloc((size_t)N_IDS * PASSED_SIG_TAG_BYTES), 0};
    CHECK(bundles_passed_sigs(&bs, NULL, NULL) == N_IDS &&
              bundles_passed_sigs(&bs, keep_tag, &t) == N_IDS && t.n == N_IDS,
          "it gives a tag per signature");
    CHECK(memcmp(t.tags, t.tags + PASSED_SIG_TAG_BYTES, PASSED_SIG_TAG_BYTES) != 0, "tags differ");
    sig_tags earlier = {t.tags, t.n};

    bundle_set again;
    memset(&again, 0, sizeof again);
    again.passed = passed_sigs_new(&c, &earlier);
    memo = passed_sigs_memo(again.passed);
    CHECK(known(memo, 0, N_IDS / 2) == N_IDS / 2,
          "the next load, with the same secret, knows them from their tags");
    CHECK(known(memo, N_IDS, N_IDS + 100) == 0, "and nothing else");
    bundles_sig_counts(&again, &checked, &taken);
    CHECK(checked == 0 && taken == N_IDS / 2, "it counts them as taken, each once");
    CHECK(known(memo, 0, N_IDS / 2) == N_IDS / 2, "asked again, still known");
    bundles_sig_counts(&again, &checked, &taken);
    CHECK(taken == N_IDS / 2, "but not counted twice");
    CHECK(bundles_passed_sigs(&again, NULL, NULL) == N_IDS / 2,
          "it keeps the tags of the signatures it met, not those of bundles gone");

    bundle_set foreign;
    memset(&foreign, 0, sizeof foreign);
    foreign.passed = passed_sigs_new(&other, &earlier);
    CHECK(known(passed_sigs_memo(foreign.passed), 0, N_IDS) == 0,
          "under another secret the tags mean nothing");

    bundle_set secretless;
    memset(&secretless, 0, sizeof secretless);
    secretless.passed = passed_sigs_new(&none, &earlier);
    memo = passed_sigs_memo(secretless.passed);
    CHECK(known(memo, 0, N_IDS) == 0, "without a secret the tags mean nothing");
    tell(memo, 0, 10);
    CHECK(known(memo, 0, 10) == 10, "without a secret the memo still lasts the load");
    CHECK(bundles_passed_sigs(&secretless, NULL, NULL) == 0, "but gives no tag");

    bundle_set threads;
    memset(&threads, 0, sizeof threads);
    threads.passed = passed_sigs_new(&c, NULL);
    memo = passed_sigs_memo(threads.passed);
    half h[2] = {{memo, 0, N_IDS}, {memo, N_IDS / 2, N_IDS + N_IDS / 2}};
    pthread_t tid;
    int started = pthread_create(&tid, NULL, tell_half, &h[1]) == 0;
    tell_half(&h[0]);
    if (started)
        pthread_join(tid, NULL);
    CHECK(started && known(memo, 0, N_IDS + N_IDS / 2) == N_IDS + N_IDS / 2 &&
              bundles_passed_sigs(&threads, NULL, NULL) == N_IDS + N_IDS / 2,
          "two threads telling it at once, overlapping: each id is known once");

    passed_sigs_free(bs.passed);
    passed_sigs_free(again.passed);
    passed_sigs_free(foreign.passed);
    passed_sigs_free(secretless.passed);
    passed_sigs_free(threads.passed);
    free(t.tags);
    return CHECK_DONE();
}
