/* passed_sigs.c - the signature checks a load has seen pass: the
 * keyring's Ed25519 verifier (accord_verify.h), which remembers each
 * verification that passed as a tag, a keyed BLAKE2b-256 of the public
 * key, the signature and the message (a minisign signature is two such
 * checks: MANIFEST's hash, then the signature with its trusted comment).
 * With the key derived from the program secret, the tags of the last
 * build (in its cache) are taken back: a tag only the secret's holder can
 * make. Without a secret the key is random and the memo lasts one
 * load, sparing the checks it meets twice (an answers bundle, then the
 * agreement bundle that carries it). One mutex guards the table: the
 * verifier runs on every worker thread at once. */
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
    ed25519_verifier verifier; /* what the keyring points to; ctx is this */
    unsigned char key[crypto_generichash_KEYBYTES];
    tag_slot *slots; /* open addressing, a power of two of them, at most three quarters full */
    size_t cap, n;
    size_t passed, taken; /* checked in full, and taken from an earlier build */
    int lasting;          /* keyed by the program secret: its tags outlive the load */
    pthread_mutex_t lock;
};

static const char secret_context[] = "accord: signature checks that passed a build";

/* The tag of a verification: key and signature have fixed lengths, so the
 * message after them is unambiguous. */
static void tag_of(const passed_sigs *ps, const unsigned char *sig, const unsigned char *m,
                   unsigned long long mlen, const unsigned char *pk,
                   unsigned char tag[PASSED_SIG_TAG_BYTES])
{
    crypto_generichash_state h;
    crypto_generichash_init(&h, ps->key, sizeof ps->key, PASSED_SIG_TAG_BYTES);
    crypto_generichash_update(&h, pk, crypto_sign_PUBLICKEYBYTES);
    crypto_generichash_update(&h, sig, crypto_sign_BYTES);
    crypto_generichash_update(&h, m, mlen);
    crypto_generichash_final(&h, tag, PASSED_SIG_TAG_BYTES);
}

/* The slot of tag among slots (cap of them, a power of two, at most three
 * quarters full), or the empty one where it would go. Tags are keyed
 * hashes: their first bytes index the table as they are. */
static tag_slot *find(tag_slot *slots, size_t cap, const unsigned char *tag)
{
    size_t h;
    memcpy(&h, tag, sizeof h);
    for (size_t i = h & (cap - 1);; i = (i + 1) & (cap - 1))
        if (slots[i].state == SLOT_EMPTY || !memcmp(slots[i].tag, tag, PASSED_SIG_TAG_BYTES))
            return &slots[i];
}

/* Doubles the table when it is three quarters full. 0, or -1 out of
 * memory (the table stays as it was). */
static int make_room(passed_sigs *ps)
{
    if (4 * (ps->n + 1) <= 3 * ps->cap)
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

/* crypto_sign_verify_detached, but a verification whose tag is in the
 * table passes without being done again, and one that passes is put in. */
static int verify_remembered(void *ctx, const unsigned char *sig, const unsigned char *m,
                             unsigned long long mlen, const unsigned char *pk)
{
    passed_sigs *ps = ctx;
    unsigned char tag[PASSED_SIG_TAG_BYTES];
    tag_of(ps, sig, m, mlen, pk, tag);
    pthread_mutex_lock(&ps->lock);
    tag_slot *s = ps->cap ? find(ps->slots, ps->cap, tag) : NULL;
    int known = s && s->state != SLOT_EMPTY;
    if (known && s->state == SLOT_EARLIER) {
        s->state = SLOT_MET;
        ps->taken++;
    }
    pthread_mutex_unlock(&ps->lock);
    if (known)
        return 0;
    if (crypto_sign_verify_detached(sig, m, mlen, pk) != 0)
        return -1;
    pthread_mutex_lock(&ps->lock);
    put(ps, tag, SLOT_MET);
    ps->passed++;
    pthread_mutex_unlock(&ps->lock);
    return 0;
}

passed_sigs *passed_sigs_new(const content *c, const sig_tags *earlier)
{
    passed_sigs *ps = calloc(1, sizeof *ps);
    if (!ps)
        return NULL;
    ps->verifier = (ed25519_verifier){verify_remembered, ps};
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

const ed25519_verifier *passed_sigs_verifier(const passed_sigs *ps)
{
    return ps ? &ps->verifier : NULL;
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
    /* files taken unread (checked_take) met none of their checks: their
     * earlier tags are kept for a build that reads them again */
    unsigned char keep = bs->checked_taken ? SLOT_EARLIER : SLOT_MET;
    for (size_t i = 0; i < ps->cap; i++) {
        if (ps->slots[i].state != SLOT_MET && ps->slots[i].state != keep)
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
