/* changed.c - a questionnaire edited under an open revision (content.h):
 * which agreements answered an earlier version, and which snapshot a
 * party's answers to such a revision are checked and signed against. */
#include <stdio.h>
#include <string.h>

#include "content.h"

/* The revision of st still open to answers or signatures, or NULL. */
static const revision_view *open_revision(const agreement_status *st)
{
    if (!st || (st->state != AGS_MENTEE_ANSWERED && st->state != AGS_MENTOR_ANSWERED &&
                st->state != AGS_AWAITING))
        return NULL;
    const revision_view *rev = agreement_status_rev(st, st->revision);
    return rev && !rev->signed_by_both ? rev : NULL;
}

int agreement_questionnaire_changed(const content *c, const effective *const *effectives,
                                    const agreement_status *st, questionnaire_change *out)
{
    const revision_view *rev = open_revision(st);
    if (!rev)
        return 0;
    arena ar = ARENA_INIT;
    effective built;
    const effective *eff = effectives ? effectives[st->ag - c->agreements] : NULL;
    if (!effectives && effective_build(c, st->ag, &ar, &built) == 0)
        eff = &built;
    int changed = 0;
    if (eff) {
        const answers *parts[2] = {rev->mentee, rev->mentor}, *first = NULL;
        memset(out, 0, sizeof *out);
        for (int k = 0; k < 2; k++)
            if (parts[k] && strcmp(parts[k]->digest, eff->digest) &&
                (!first || strcmp(parts[k]->saved, first->saved) < 0))
                first = parts[k];
        if (first) {
            changed = 1;
            out->answered_digest = first->digest;
            snprintf(out->since, sizeof out->since, "%.10s", first->saved);
        }
        out->revision = rev->revision;
        memcpy(out->digest, eff->digest, sizeof out->digest);
    }
    arena_release(&ar);
    return changed;
}

const revision_view *revision_answered_with(const agreement_status *st, const answers *a)
{
    const revision_view *rev = open_revision(st);
    if (!rev || !a->agreement || !a->digest || rev->revision != a->revision)
        return NULL;
    /* the snapshot is the one the revision's answers carry (the mentee's first) */
    return rev->snapshot_xml && !strcmp(rev->questionnaire_digest, a->digest) ? rev : NULL;
}
