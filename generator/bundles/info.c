/* info.c - looking agreements and their revisions up in a bundle set,
 * and the view of a revision that its pages render (see impl.h and
 * bundles.h). */
#include <string.h>

#include "impl.h"

const unsigned char *bundles_inputs(const bundle_set *bs, size_t i)
{
    return bs->info[i].inputs;
}

const agreement_info *bundles_info(const bundle_set *bs, const char *agreement_id)
{
    size_t lo = 0, hi = bs->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int cmp = strcmp(bs->info[mid].ag->id, agreement_id);
        if (cmp == 0)
            return &bs->info[mid];
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const agreement_rev *bundles_rev(const agreement_info *ai, int r)
{
    for (size_t i = 0; i < ai->n_revs; i++)
        if (ai->revs[i].revision == r)
            return &ai->revs[i];
    return NULL;
}

const agreement_rev *bundles_last_signed(const agreement_info *ai)
{
    for (size_t i = ai->n_revs; i-- > 0;)
        if (ai->revs[i].bundle && ai->revs[i].outcome == BUNDLE_VALID)
            return &ai->revs[i];
    return NULL;
}

void bundles_view(const agreement_info *ai, const agreement_rev *rev, const meta_strings *m,
                  agreement_view *v)
{
    v->agreement = ai->ag->id;
    v->mentee = ai->ag->mentee;
    v->mentor = ai->ag->mentor;
    v->revision = m->v[META_REVISION];
    v->questionnaire = m->v[META_QUESTIONNAIRE];
    v->created = m->v[META_CREATED];
    v->previous = m->v[META_PREVIOUS];
    v->snapshot = rev->mentor->snap;
    v->mentee_answers = &rev->mentee->ans;
    v->mentor_answers = &rev->mentor->ans;
}
