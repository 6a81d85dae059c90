/* ledger_write.c - the text of a roster revision, as ledger.c parses it
 * (the signing part's: accord-verify only reads rosters). */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord_sign.h"

enum { ROSTER_LINE_MAX = 200 }; /* bytes enough for a key line or a revocation */

static int by_party_from(const void *pa, const void *pb)
{
    const roster_key *a = pa, *b = pb;
    int c = strcmp(a->party, b->party);
    return c ? c : a->from < b->from ? -1 : a->from > b->from;
}

char *ledger_roster_format(const ledger_roster *r)
{
    size_t cap = 200 + r->n * 2 * ROSTER_LINE_MAX, n;
    char *out = malloc(cap), kid[17], b64[64];
    roster_key *k = malloc((r->n ? r->n : 1) * sizeof *k);
    if (!out || !k) {
        free(out);
        free(k);
        return NULL;
    }
    memcpy(k, r->keys, r->n * sizeof *k);
    if (r->n > 1)
        qsort(k, r->n, sizeof *k, by_party_from);
    n = (size_t)snprintf(out, cap, "accord-roster/1\nprogram %s\nrevision %ld\nprevious %s\n",
                         r->program, r->revision, r->previous);
    if (r->has_program_key) {
        ms_keyid(r->program_key.keynum, kid);
        sodium_bin2base64(b64, sizeof b64, r->program_key.sig_alg,
                          2 + MS_KEYNUM_BYTES + MS_PK_BYTES, sodium_base64_VARIANT_ORIGINAL);
        n += (size_t)snprintf(out + n, cap - n, "program-key %s %s\n", kid, b64);
    }
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < r->n; i++) {
            ms_keyid(k[i].pk.keynum, kid);
            sodium_bin2base64(b64, sizeof b64, k[i].pk.sig_alg, 2 + MS_KEYNUM_BYTES + MS_PK_BYTES,
                              sodium_base64_VARIANT_ORIGINAL);
            if (!pass)
                n += (size_t)snprintf(out + n, cap - n, "key %s %s %s from %ld\n", k[i].party, kid,
                                      b64, k[i].from);
            else if (k[i].revoked_at)
                n += (size_t)snprintf(out + n, cap - n, "revoked %s %s at %ld %s\n", k[i].party,
                                      kid, k[i].revoked_at, k[i].reason);
        }
    free(k);
    return out;
}
