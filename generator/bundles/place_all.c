/* place_all.c - placing every agreement (see impl.h): once its files are
 * read, an agreement is placed without looking at any other, so
 * agreements are placed on worker_threads() threads (run_parallel), each
 * with a loader and an arena of its own, and each agreement with a held
 * diag. What each agreement reports is printed afterwards in the
 * agreements' order, and each thread's arena joins the set's, so the
 * output is the same whichever thread placed what, and whatever order they
 * finished in. */
#include <stdlib.h>
#include <string.h>

#include "impl.h"

/* Agreement i's files among the sorted copies and answers. */
typedef struct slice {
    size_t ic, nc, ia, na;
} slice;

typedef struct placing {
    const loader *L;
    const slice *slices;
    arena *arenas; /* one per thread */
    sbuf *held;    /* what agreement i reported, to print in order */
    diag *counts;  /* and its counts */
    int *rc;       /* place_agreement's result */
} placing;

/* Frees what is unpacked of the files of agreement slice s, placed: with
 * BUNDLES_STATE_ONLY nothing reads them again (their archives stay
 * listed in the set, empty). */
static void release_slice(loader *L, const slice *s)
{
    for (size_t k = 0; k < s->nc; k++)
        release_archive(L->bs, L->copies[s->ic + k].z);
    for (size_t k = 0; k < s->na; k++) {
        release_archive(L->bs, L->answers[s->ia + k].kept);
        L->answers[s->ia + k].pa->z = NULL;
    }
}

/* Sets pa's answers aside when they were parsed to be (items_at set):
 * they keep their fields and where their bytes are, and no longer point
 * into the loader's items arena. */
static void aside(party_answers *pa)
{
    if (!pa)
        return;
    if (pa->ans.items_at) {
        pa->ans.answers = NULL;
        pa->ans.n_answers = 0;
    }
    pa->z = NULL; /* a view of members released with the slice, or in items */
}

/* Sets aside the answers of every party of agreement ai, placed, and of
 * its answers bundles an[0..na), so that the loader's items arena can be
 * released. */
static void set_answers_aside(agreement_info *ai, answers_in *an, size_t na)
{
    for (size_t r = 0; r < ai->n_revs; r++) {
        aside(ai->revs[r].mentee);
        aside(ai->revs[r].mentor);
    }
    for (size_t k = 0; k < na; k++)
        aside(an[k].pa);
}

static int place_one(void *ctx, size_t w, size_t i)
{
    placing *p = ctx;
    loader mine = *p->L;
    diag d = DIAG_INIT;
    arena items = ARENA_INIT;
    d.held = &p->held[i];
    mine.ar = &p->arenas[w];
    mine.d = &d;
    const slice *s = &p->slices[i];
    if (mine.flags & BUNDLES_STATE_ONLY)
        mine.items = &items;
    p->rc[i] = place_agreement(&mine, &mine.bs->info[i], mine.copies + s->ic, s->nc,
                               mine.answers + s->ia, s->na);
    if (mine.flags & BUNDLES_STATE_ONLY) {
        release_slice(&mine, s);
        set_answers_aside(&mine.bs->info[i], mine.answers + s->ia, s->na);
    }
    arena_release(&items);
    p->counts[i] = d;
    return p->rc[i];
}

/* Places the n agreements of slices on up to nt threads, then prints and
 * counts what each reported, in order, up to the first that failed (all
 * before it were placed: run_parallel). 0, or -1. */
static int place_on_threads(loader *L, const slice *slices, size_t n, size_t nt)
{
    placing p = {.L = L, .slices = slices};
    p.arenas = calloc(nt, sizeof *p.arenas);
    p.held = calloc(n ? n : 1, sizeof *p.held);
    p.counts = calloc(n ? n : 1, sizeof *p.counts);
    p.rc = calloc(n ? n : 1, sizeof *p.rc);
    int rc = p.arenas && p.held && p.counts && p.rc ? 0 : -1;
    if (rc == 0) {
        run_parallel(n, nt, place_one, &p);
        for (size_t t = 0; t < nt; t++)
            arena_adopt(L->ar, &p.arenas[t]);
        for (size_t i = 0; i < n && rc == 0; i++) {
            diag_print_held(&p.held[i]);
            diag_merge(L->d, &p.counts[i]);
            rc = p.rc[i];
        }
    }
    for (size_t i = 0; p.held && i < n; i++)
        sb_release(&p.held[i]);
    free(p.arenas);
    free(p.held);
    free(p.counts);
    free(p.rc);
    return rc;
}

int place_all(loader *L)
{
    bundle_set *bs = L->bs;
    if (L->n_copies)
        qsort(L->copies, L->n_copies, sizeof *L->copies, cmp_copy);
    if (L->n_answers)
        qsort(L->answers, L->n_answers, sizeof *L->answers, cmp_answers);
    slice *slices = calloc(bs->n ? bs->n : 1, sizeof *slices);
    if (!slices)
        return -1;
    size_t ic = 0, ia = 0;
    for (size_t i = 0; i < bs->n; i++) {
        const agreement_info *ai = &bs->info[i];
        slice *s = &slices[i];
        s->ic = ic;
        s->ia = ia;
        while (ic < L->n_copies && L->copies[ic].ai == ai)
            ic++;
        while (ia < L->n_answers && L->answers[ia].ai == ai)
            ia++;
        s->nc = ic - s->ic;
        s->na = ia - s->ia;
    }
    int rc = place_on_threads(L, slices, bs->n, worker_threads());
    free(slices);
    if (rc == 0 && bs->spool_failed) {
        const char *tmp = getenv("TMPDIR");
        diag_warn(L->d, tmp && *tmp ? tmp : "/tmp", 0,
                  "cannot write a temporary file here (%s): the agreement bundles made in this "
                  "build are kept in memory (set TMPDIR to a folder that can be written)",
                  strerror(bs->spool_errno));
    }
    return rc;
}
