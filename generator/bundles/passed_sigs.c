/* passed_sigs.c - the signatures a load has seen pass: the verifier's
 * sig_memo (accord_verify.h), kept as tags, each the BLAKE2b-256 of a memo
 * id under a key. With the key derived from the program secret, the tags
 * of the last build (in its cache) are taken back: a tag only the secret's
 * holder can make. Without a secret the key is random and the memo lasts
 * one load, sparing the signatures it meets twice (an answers bundle, then
 * the agreement bundle that carries it). One mutex guards the table: the
 * verifier asks from every worker thread at once. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "impl.h"

/* A slot of the table: empty, a tag of an earlier build not met yet, or a
 * tag met (passed, or taken from an earlier build) in this load. */
enum { SLOT_EMPTY, SLOT_EARLIER, SLOT_MET };

typedef struct tag_slot {
    unsigned char tag[PASSED_SIG_TAG_BYTES];
    unsigned char state;
} tag_slot;

struct passed_sigs {
    sig_memo memo; /* what the keyring points to; ctx is this */
    unsigned char key[crypto_generichash_KEYBYTES];
    tag_slot *slots; /* open addressing, a power of two of them, at most half full */
    size_t cap, n;
    size_t passed, taken; /* checked in full, and taken from an earlier build */
    int lasting;          /* keyed by the program secret: its tags outlive the load */
    pthread_mutex_t lock;
};

static const char secret_context[] = "accord: signatures that passed a build";

static void tag_of(const passed_sigs *ps, const unsigned char id[SIG_MEMO_ID_BYTES],
                   unsigned char tag[PASSED_SIG_TAG_BYTES])
{
    crypto_generichash(tag, PASSED_SIG_TAG_BYTES, id, SIG_MEMO_ID_BYTES, ps->key, sizeof ps->key);
}

/* The slot of tag among slots (cap of them, a power of two, at most half
 * full), or the empty one where it would go. Tags are keyed hashes: their
 * first bytes index the table as they are. */
static tag_slot *find(tag_slot *slots, size_t cap, const unsigned char *tag)
{
    size_t h;
    memcpy(&h, tag, sizeof h);
    for (size_t i = h & (cap - 1);; i = (i + 1) & (cap - 1))
        if (slots[i].state == SLOT_EMPTY || !memcmp(slots[i].tag, tag, PASSED_SIG_TAG_BYTES))
            return &slots[i];
}

/* Doubles the table when it is half full. 0, or -1 out of memory (the
 * table stays as it was). */
static int make_room(passed_sigs *ps)
{
    if (2 * (ps->n + 1) <= ps->cap)
        return 0;
    size_t cap = ps->cap ? 2 * ps->cap : 1024;
    tag_slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < ps->cap; i++)
        if (ps->slots[i].state != SLOT_EMPTY)
            *find(slots, cap, ps->slots[i].tag) = ps->slots[i];
    free(ps->slots);
    ps->slots = slots;
    ps->cap = cap;
    return 0;
}

/* Puts tag in the table in state unless it is there; a tag there goes to
 * SLOT_MET when state is. Out of memory, a tag is left out: it is checked
 * again, nothing else. Called with the lock held. */
static void put(passed_sigs *ps, const unsigned char *tag, unsigned char state)
{
    if (make_room(ps) != 0)
        return;
    tag_slot *s = find(ps->slots, ps->cap, tag);
    if (s->state == SLOT_EMPTY) {
        memcpy(s->tag, tag, PASSED_SIG_TAG_BYTES);
        ps->n++;
    }
    if (s->state != SLOT_MET)
        s->state = state;
}

static int memo_seen(void *ctx, const unsigned char id[SIG_MEMO_ID_BYTES])
{
    passed_sigs *ps = ctx;
    unsigned char tag[PASSED_SIG_TAG_BYTES];
    tag_of(ps, id, tag);
    pthread_mutex_lock(&ps->lock);
    tag_slot *s = ps->cap ? find(ps->slots, ps->cap, tag) : NULL;
    int known = s && s->state != SLOT_EMPTY;
    if (known && s->state == SLOT_EARLIER) {
        s->state = SLOT_MET;
        ps->taken++;
    }
    pthread_mutex_unlock(&ps->lock);
    return known;
}

static void memo_passed(void *ctx, const unsigned char id[SIG_MEMO_ID_BYTES])
{
    passed_sigs *ps = ctx;
    unsigned char tag[PASSED_SIG_TAG_BYTES];
    tag_of(ps, id, tag);
    pthread_mutex_lock(&ps->lock);
    put(ps, tag, SLOT_MET);
    ps->passed++;
    pthread_mutex_unlock(&ps->lock);
}

passed_sigs *passed_sigs_new(const content *c, const sig_tags *earlier)
{
    passed_sigs *ps = calloc(1, sizeof *ps);
    if (!ps)
        return NULL;
    ps->memo = (sig_memo){memo_seen, memo_passed, ps};
    ps->lasting = c->has_secret;
    if (ps->lasting)
        crypto_generichash(ps->key, sizeof ps->key, (const unsigned char *)secret_context,
                           sizeof secret_context - 1, c->secret, sizeof c->secret);
    else
        randombytes_buf(ps->key, sizeof ps->key);
    pthread_mutex_init(&ps->lock, NULL);
    for (size_t i = 0; earlier && ps->lasting && i < earlier->n; i++)
        put(ps, earlier->tags + i * PASSED_SIG_TAG_BYTES, SLOT_EARLIER);
    return ps;
}

const sig_memo *passed_sigs_memo(const passed_sigs *ps)
{
    return ps ? &ps->memo : NULL;
}

void passed_sigs_free(passed_sigs *ps)
{
    if (!ps)
        return;
    pthread_mutex_destroy(&ps->lock);
    sodium_memzero(ps->key, sizeof ps->key);
    free(ps->slots);
    free(ps);
}

size_t bundles_passed_sigs(const bundle_set *bs, passed_sig_fn each, void *ctx)
{
    const passed_sigs *ps = bs->passed;
    size_t n = 0;
    if (!ps || !ps->lasting)
        return 0;
    for (size_t i = 0; i < ps->cap; i++) {
        if (ps->slots[i].state != SLOT_MET)
            continue;
        n++;
        if (each)
            each(ctx, ps->slots[i].tag);
    }
    return n;
}

void bundles_sig_counts(const bundle_set *bs, size_t *checked, size_t *taken)
{
    *checked = bs->passed ? bs->passed->passed : 0;
    *taken = bs->passed ? bs->passed->taken : 0;
}
