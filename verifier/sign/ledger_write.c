/* ledger_write.c - the ledger's text as the program's commands write it:
 * a roster revision, as ledger.c parses it, and the checkpoint line, made
 * and checked again when the ledger is loaded (the signing part's:
 * accord-verify reads rosters and indexes, never checkpoints). */
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

static void checkpoint_at(const char *program, long n, const char *head, char out[160])
{
    snprintf(out, 160, "accord-checkpoint/1 program=%.32s entries=%ld head=%.64s\n", program, n,
             head);
}

void ledger_checkpoint_format(const char *program, const ledger_index *ix, char out[160])
{
    static const char zeros[65] =
        "0000000000000000000000000000000000000000000000000000000000000000";
    checkpoint_at(program, (long)ix->n, ix->n ? ix->e[ix->n - 1].hash : zeros, out);
}

int ledger_checkpoint_check(const unsigned char *buf, size_t len, const ledger_index *ix,
                            char program[33], char *err)
{
    char text[160], want[160], pid[33];
    long n = 0;
    /* the line read for its program and N, then made again and compared
     * byte for byte: nothing but the canonical line passes */
    if (len >= sizeof text || memchr(buf, '\0', len))
        return verr(err, "not one line 'accord-checkpoint/1 program=ID entries=N head=SHA256'");
    memcpy(text, buf, len);
    text[len] = '\0';
    if (sscanf(text, "accord-checkpoint/1 program=%32[a-z0-9-] entries=%ld", pid, &n) != 2 ||
        n < 1 || !vu_is_id(pid, strlen(pid)))
        return verr(err, "not one line 'accord-checkpoint/1 program=ID entries=N head=SHA256'");
    if ((size_t)n > ix->n)
        return verr(err, "names entry %ld; the index has %zu", n, ix->n);
    checkpoint_at(pid, n, ix->e[n - 1].hash, want);
    if (strlen(want) != len || memcmp(want, buf, len))
        return verr(err, "its head is not the hash of index entry %ld (or it is malformed)", n);
    snprintf(program, 33, "%s", pid);
    return 0;
}
