/* fuzz_ledger_index.c - libFuzzer target: the ledger's index. Each input
 * line becomes the entry "SEQ PREV line", numbered and chained as accord
 * writes them, so that the fuzzer explores kinds, fields and repeated
 * digests rather than hashes. What parses must hold every entry once in
 * by_last, sorted, and ledger_index_first must find what a scan of the
 * index in order finds: the first entry of that kind naming that digest. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "verify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { LINES_MAX = 2048, PROBES_MAX = 32 };

static const char *last_field(const ledger_entry *e)
{
    return e->f[e->nf - 1];
}

/* The first entry of ix of kind whose last field is sha, by a scan. */
static long scan_first(const ledger_index *ix, const char *kind, const char *sha)
{
    for (size_t i = 0; i < ix->n; i++)
        if (!strcmp(ix->e[i].kind, kind) && !strcmp(last_field(&ix->e[i]), sha))
            return ix->e[i].seq;
    return 0;
}

/* Writes the chained index of the lines of data into out (room for it):
 * returns its length. */
static size_t chain(const uint8_t *data, size_t size, char *out)
{
    char prev[65] = "0000000000000000000000000000000000000000000000000000000000000000";
    size_t len = 0, seq = 0;
    for (size_t at = 0; at < size && seq < LINES_MAX;) {
        const uint8_t *nl = memchr(data + at, '\n', size - at);
        size_t n = nl ? (size_t)(nl - (data + at)) : size - at, start = len;
        len += (size_t)sprintf(out + len, "%zu %s ", ++seq, prev);
        memcpy(out + len, data + at, n);
        len += n;
        out[len++] = '\n';
        manifest_sha256((const unsigned char *)out + start, len - start, prev);
        at += n + 1;
    }
    return len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const kinds[] = {"roster", "bundle", "signature"};
    char *text = malloc(size + LINES_MAX * 90 + 1), err[VERR_MAX];
    ledger_index ix;
    long line;
    if (!text)
        return 0;
    int rc =
        ledger_index_parse((const unsigned char *)text, chain(data, size, text), &ix, &line, err);
    free(text);
    if (rc == 0) {
        if (ix.n_sorted != ix.n)
            abort();
        char *seen = calloc(ix.n + 1, 1);
        for (size_t i = 0; i < ix.n; i++) {
            const ledger_entry *a = i ? &ix.e[ix.by_last[i - 1]] : NULL, *b = &ix.e[ix.by_last[i]];
            int c = a ? strcmp(last_field(a), last_field(b)) : -1;
            c = c ? c : strcmp(a->kind, b->kind);
            if (ix.by_last[i] >= ix.n || seen[ix.by_last[i]]++ || c > 0 ||
                (c == 0 && a->seq > b->seq))
                abort();
        }
        free(seen);
        for (size_t p = 0; p < ix.n && p < PROBES_MAX; p++) {
            const char *sha = last_field(&ix.e[p * ix.n / PROBES_MAX]);
            for (int k = 0; k < 3; k++)
                if (ledger_index_first(&ix, kinds[k], sha) != scan_first(&ix, kinds[k], sha))
                    abort();
        }
        if (ledger_index_first(&ix, "bundle", NULL) != 0)
            abort();
    }
    ledger_index_release(&ix);
    return 0;
}
