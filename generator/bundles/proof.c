/* proof.c - what each agreement page shows as its proof of listing: the
 * index entry that first lists its bundle, and the first checkpoint kept
 * in DIR/ledger/checkpoints/ that names that entry, checked against the
 * index and the program key before it is offered. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "impl.h"

long *ledger_kept_checkpoints(const ledger_state *lg, size_t *n)
{
    char *dir = path_join(lg->dir, LEDGER_CHECKPOINTS), **names = NULL;
    size_t k = 0, m = 0;
    long *v = NULL;
    if (list_dir(dir, ".txt", &names, &m) == 0 && (v = malloc((m ? m : 1) * sizeof *v)))
        for (size_t i = 0; i < m; i++) { /* list_dir sorts: 8 digits sort as numbers */
            char *end;
            long e = strtol(names[i], &end, 10);
            if (strlen(names[i]) == 12 && !strcmp(end, ".txt") && e > 0)
                v[k++] = e;
        }
    free_names(names, m);
    free(dir);
    *n = k;
    return v;
}

/* Reads the kept checkpoint of e entries and its signature into v (in ar)
 * when both verify: the line names index entry e, signed by the program
 * key in force at e. */
static void attach(const ledger_state *lg, long e, revision_view *v, arena *ar)
{
    char path[400], err[VERR_MAX], pid[33];
    unsigned char *line = NULL, *sig = NULL;
    size_t len = 0, slen = 0;
    snprintf(path, sizeof path, "%s/%s/%08ld.txt", lg->dir, LEDGER_CHECKPOINTS, e);
    int ok = read_file(path, 4096, &line, &len) == 0;
    snprintf(path + strlen(path), sizeof path - strlen(path), ".minisig");
    ok = ok && read_file(path, MS_KEY_FILE_MAX, &sig, &slen) == 0 &&
         ledger_checkpoint_check(line, len, &lg->ix, pid, err) == 0 &&
         ledger_sig_verify(sig, slen, ledger_key_at(lg, e), line, len, err) == 0;
    if (ok) {
        unsigned char *a = arena_alloc(ar, len), *b = arena_alloc(ar, slen);
        memcpy(a, line, len);
        memcpy(b, sig, slen);
        v->checkpoint = a;
        v->checkpoint_len = len;
        v->checkpoint_sig = b;
        v->checkpoint_sig_len = slen;
        v->checkpoint_entries = e;
    }
    free(line);
    free(sig);
}

void ledger_proofs(const ledger_state *lg, const long *kept, size_t n_kept, revision_view *v,
                   size_t n, arena *ar)
{
    for (size_t i = 0; lg->present && i < n; i++) {
        if (!v[i].digest)
            continue;
        for (size_t k = 0; k < lg->ix.n && !v[i].indexed_at; k++) {
            const ledger_entry *e = &lg->ix.e[k];
            if (!strcmp(e->kind, "bundle") && !strcmp(e->f[3], v[i].digest))
                v[i].indexed_at = e->seq;
        }
        for (size_t k = 0; v[i].indexed_at && k < n_kept; k++)
            if (kept[k] >= v[i].indexed_at) {
                attach(lg, kept[k], &v[i], ar);
                break;
            }
    }
}
