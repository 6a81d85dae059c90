/* render_agreement.c - the site's copy of an agreement page: the page the
 * parties signed (agreement_page.h), made again from the signed answers,
 * plus the agreement's state, the verification block and its history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agreement_page.h"
#include "bundles.h"
#include "render.h"

/* "Amira on 2026-09-22T09:15:00Z; Ben on ..." for the history, in ar. */
static const char *signed_by(const render_ctx *rc, const agreement_rev *rev, arena *ar)
{
    const char *out = NULL;
    for (size_t k = 0; k < rev->report.n_sigs; k++) {
        const bundle_sig_report *s = &rev->report.sigs[k];
        if (!s->countersign || !s->ok)
            continue;
        const char *one =
            arena_printf(ar, "%s on %s", render_person_name(rc->c, s->party), s->signed_at);
        out = out ? arena_printf(ar, "%s; %s", out, one) : one;
    }
    return out ? out : "nobody yet";
}

static const char *status(const render_ctx *rc, const bundle_report *r, arena *ar)
{
    if (r->outcome == BUNDLE_VALID)
        return "Signed by both parties.";
    if (r->n_awaiting == 2)
        return arena_printf(ar, "Awaiting the signatures of %s and %s.",
                            render_person_name(rc->c, r->awaiting[0]),
                            render_person_name(rc->c, r->awaiting[1]));
    return arena_printf(ar, "Awaiting the signature of %s.",
                        r->n_awaiting ? render_person_name(rc->c, r->awaiting[0]) : "a party");
}

int render_agreement_page(const render_ctx *rc, const page_job *j, unsigned char **out, size_t *len,
                          diag *d)
{
    const agreement *ag = &rc->c->agreements[j->item];
    const agreement_info *ai = bundles_info(rc->bs, ag->id);
    const agreement_rev *rev = ai ? bundles_rev(ai, j->revision) : NULL;
    if (!rev || !rev->bundle || !rev->mentee || !rev->mentor) {
        diag_error(d, j->path, 0, "no agreement bundle to show");
        return -1;
    }
    arena ar = ARENA_INIT;
    const bundle_report *r = &rev->report;
    page_site site = {.home_href = "../index.html",
                      .status = status(rc, r, &ar),
                      .legacy = rev->legacy_page,
                      .bundle_href = arena_printf(&ar, "%s-r%d.accord", ag->id, rev->revision),
                      .digest = r->digest,
                      .current = rev->revision};
    const char *ids[2] = {ag->mentee, ag->mentor}, *roles[2] = {"mentee", "mentor"};
    for (int k = 0; k < 2; k++) {
        page_signature *g = &site.sigs[k];
        g->party = arena_printf(&ar, "%s (%s)", render_person_name(rc->c, ids[k]), ids[k]);
        g->role = roles[k];
        for (size_t i = 0; i < r->n_sigs; i++)
            if (r->sigs[i].countersign && r->sigs[i].ok && !strcmp(r->sigs[i].party, ids[k])) {
                g->key_id = r->sigs[i].keyid;
                g->signed_at = r->sigs[i].signed_at;
            }
    }
    page_revision *hist = arena_alloc(&ar, (ai->n_revs ? ai->n_revs : 1) * sizeof *hist);
    for (size_t i = 0; i < ai->n_revs; i++) {
        const agreement_rev *h = &ai->revs[i];
        if (!h->bundle)
            continue;
        hist[site.n_history++] = (page_revision){
            h->revision, h->report.meta.v[META_CREATED],
            arena_printf(&ar, "%s-r%d.html", ag->id, h->revision), signed_by(rc, h, &ar)};
    }
    site.history = hist;
    agreement_view v;
    char why[VERR_MAX];
    bundles_view(ai, rev, &r->meta, &v);
    int rc_ = agreement_page_site(&v, &rev->facts, &site, out, len, why);
    if (rc_)
        diag_error(d, j->path, 0, "cannot render: %s", why);
    arena_release(&ar);
    return rc_;
}
