/* proof.c - what each agreement page shows as its proof of listing: the
 * index entry that first lists its bundle, and the first checkpoint kept
 * in DIR/ledger/checkpoints/ that names that entry, checked against the
 * index and the program key before it is offered. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "impl.h"

kept_checkpoint *ledger_kept_checkpoints(const ledger_state *lg, size_t *n)
{
    char *dir = path_join(lg->dir, LEDGER_CHECKPOINTS), **names = NULL;
    size_t k = 0, m = 0;
    kept_checkpoint *v = NULL;
    if (list_dir(dir, ".txt", &names, &m) == 0 && (v = calloc(m ? m : 1, sizeof *v)))
        for (size_t i = 0; i < m; i++) { /* list_dir sorts: 8 digits sort as numbers */
            char *end;
            long e = strtol(names[i], &end, 10);
            if (strlen(names[i]) == 12 && !strcmp(end, ".txt") && e > 0)
                v[k++].entries = e;
        }
    free_names(names, m);
    free(dir);
    *n = k;
    return v;
}

/* Reads kept checkpoint c and its signature into c (in ar), once: kept
 * when both check, the line naming the index's first c->entries entries,
 * signed by the program key in force at that entry. */
static void read_kept(const ledger_state *lg, kept_checkpoint *c, arena *ar)
{
    char path[400], err[VERR_MAX], pid[33];
    unsigned char *line = NULL, *sig = NULL;
    size_t len = 0, slen = 0;
    if (c->read)
        return;
    c->read = 1;
    snprintf(path, sizeof path, "%s/%s/%08ld.txt", lg->dir, LEDGER_CHECKPOINTS, c->entries);
    int ok = read_file(path, 4096, &line, &len) == 0;
    snprintf(path + strlen(path), sizeof path - strlen(path), ".minisig");
    ok = ok && read_file(path, MS_KEY_FILE_MAX, &sig, &slen) == 0 &&
         ledger_checkpoint_check(line, len, &lg->ix, pid, err) == 0 &&
         ledger_sig_verify(sig, slen, ledger_key_at(lg, c->entries), line, len, err) == 0;
    if (ok) {
        unsigned char *a = arena_alloc(ar, len), *b = arena_alloc(ar, slen);
        memcpy(a, line, len);
        memcpy(b, sig, slen);
        *c = (kept_checkpoint){c->entries, 1, a, b, len, slen};
    }
    free(line);
    free(sig);
}

void ledger_proofs(const ledger_state *lg, kept_checkpoint *kept, size_t n_kept, revision_view *v,
                   size_t n, arena *ar)
{
    for (size_t i = 0; lg->present && i < n; i++) {
        if (!v[i].digest)
            continue;
        v[i].indexed_at = ledger_index_first(&lg->ix, "bundle", v[i].digest);
        for (size_t k = 0; v[i].indexed_at && k < n_kept; k++)
            if (kept[k].entries >= v[i].indexed_at) {
                read_kept(lg, &kept[k], ar);
                if (kept[k].line) {
                    v[i].checkpoint = kept[k].line;
                    v[i].checkpoint_len = kept[k].len;
                    v[i].checkpoint_sig = kept[k].sig;
                    v[i].checkpoint_sig_len = kept[k].sig_len;
                    v[i].checkpoint_entries = kept[k].entries;
                }
                break;
            }
    }
}
