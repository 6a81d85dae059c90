/* state.c - what the verified bundles say of each agreement, handed to the
 * layers above as content-level views (content.h program_state): they
 * never see a bundle. */
#include <stdlib.h>
#include <string.h>

#include "impl.h"

static void fill_revision(const agreement_info *ai, const agreement_rev *rev, revision_view *v)
{
    const party_answers *any = rev->mentee ? rev->mentee : rev->mentor;
    memset(v, 0, sizeof *v);
    v->revision = rev->revision;
    v->mentee = rev->mentee ? &rev->mentee->ans : NULL;
    v->mentor = rev->mentor ? &rev->mentor->ans : NULL;
    v->build_problem = rev->build_problem;
    if (any) {
        v->snapshot = any->snap;
        v->snapshot_xml = any->qxml;
        v->snapshot_len = any->qxml_len;
        v->questionnaire_digest = any->meta.v[META_QUESTIONNAIRE_SHA256];
        v->previous = any->meta.v[META_PREVIOUS];
    }
    if (!rev->bundle || !rev->mentee || !rev->mentor)
        return;
    v->bundle = rev->bundle;
    v->digest = rev->digest;
    bundles_view(ai, rev, &rev->meta, &v->view);
    v->facts = rev->facts;
    v->legacy_page = rev->legacy_page;
    v->signed_by_both = rev->outcome == BUNDLE_VALID;
    v->sigs[0] = rev->signed_by[0];
    v->sigs[1] = rev->signed_by[1];
}

static int by_mentee(const void *a, const void *b)
{
    return strcmp(((const idp_view *)a)->mentee, ((const idp_view *)b)->mentee);
}

/* The IDP views of bs, sorted by mentee (in bs's arena). */
static idp_view *idp_views(bundle_set *bs)
{
    idp_view *v = arena_alloc(&bs->ar, (bs->n_idps ? bs->n_idps : 1) * sizeof *v);
    for (size_t i = 0; i < bs->n_idps; i++) {
        const party_answers *pa = bs->idps[i];
        v[i] = (idp_view){pa->meta.v[META_PARTY],   pa->ans.revision, &pa->ans, pa->snap,
                          pa->meta.v[META_CREATED], pa->digest,       pa->file};
    }
    qsort(v, bs->n_idps, sizeof *v, by_mentee);
    return v;
}

void fill_state(bundle_set *bs)
{
    size_t n_kept = 0;
    kept_checkpoint *kept =
        bs->ledger.present ? ledger_kept_checkpoints(&bs->ledger, &n_kept) : NULL;
    agreement_status *st = arena_alloc(&bs->ar, (bs->n ? bs->n : 1) * sizeof *st);
    for (size_t i = 0; i < bs->n; i++) {
        const agreement_info *ai = &bs->info[i];
        revision_view *revs = arena_alloc(&bs->ar, (ai->n_revs ? ai->n_revs : 1) * sizeof *revs);
        for (size_t r = 0; r < ai->n_revs; r++)
            fill_revision(ai, &ai->revs[r], &revs[r]);
        ledger_proofs(&bs->ledger, kept, n_kept, revs, ai->n_revs, &bs->ar);
        st[i] = (agreement_status){
            ai->ag, ai->state, ai->revision, ai->next_revision, ai->next_previous,
            revs,   ai->n_revs};
    }
    free(kept);
    bs->state = (program_state){st, bs->n, idp_views(bs), bs->n_idps};
}
