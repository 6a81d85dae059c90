/* agreement.c - the site's copy of an agreement page: the page the parties
 * signed, made again from the signed answers (agreement_page*.c), plus the
 * agreement's state, the verification block and its history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "impl.h"

/* "Amira on 2026-09-22T09:15:00Z; Ben on ..." for the history, in ar. */
static const char *signed_by(const render_ctx *rc, const revision_view *rev, arena *ar)
{
    const char *out = NULL;
    for (int k = 0; k < 2; k++) {
        const signature_view *s = &rev->sigs[k];
        if (!s->key_id)
            continue;
        const char *one =
            arena_printf(ar, "%s on %s", render_person_name(rc->c, s->party), s->signed_at);
        out = out ? arena_printf(ar, "%s; %s", out, one) : one;
    }
    return out ? out : "nobody yet";
}

static const char *status(const render_ctx *rc, const revision_view *rev, arena *ar)
{
    const char *who[2];
    size_t n = 0;
    if (rev->signed_by_both)
        return "Signed by both parties.";
    for (int k = 0; k < 2; k++)
        if (!rev->sigs[k].key_id)
            who[n++] = render_person_name(rc->c, rev->sigs[k].party);
    if (n == 2)
        return arena_printf(ar, "Awaiting the signatures of %s and %s.", who[0], who[1]);
    return arena_printf(ar, "Awaiting the signature of %s.", n ? who[0] : "a party");
}

int render_agreement_page(const render_ctx *rc, const page_job *j, unsigned char **out, size_t *len,
                          diag *d)
{
    const agreement *ag = &rc->c->agreements[j->item];
    const agreement_status *st = program_state_find(rc->ps, ag->id);
    const revision_view *rev = agreement_status_rev(st, j->revision);
    if (!rev || !rev->bundle) {
        diag_error(d, j->path, 0, "no agreement bundle to show");
        return -1;
    }
    arena ar = ARENA_INIT;
    page_site site = {.home_href = "../index.html",
                      .status = status(rc, rev, &ar),
                      .legacy = rev->legacy_page,
                      .bundle_href = arena_printf(&ar, "%s-r%d.accord", ag->id, rev->revision),
                      .digest = rev->digest,
                      .current = rev->revision,
                      .indexed_at = rev->indexed_at,
                      .checkpoint_entries = rev->checkpoint_entries};
    if (rev->checkpoint)
        site.checkpoint_href = arena_printf(&ar, "%s-r%d.checkpoint.txt", ag->id, rev->revision);
    static const char *const roles[2] = {"mentee", "mentor"};
    for (int k = 0; k < 2; k++) {
        const signature_view *s = &rev->sigs[k];
        site.sigs[k] = (page_signature){
            arena_printf(&ar, "%s (%s)", render_person_name(rc->c, s->party), s->party), roles[k],
            s->key_id, s->signed_at};
    }
    page_revision *hist = arena_alloc(&ar, (st->n_revs ? st->n_revs : 1) * sizeof *hist);
    for (size_t i = 0; i < st->n_revs; i++) {
        const revision_view *h = &st->revs[i];
        if (h->bundle)
            hist[site.n_history++] = (page_revision){
                h->revision, h->view.created, arena_printf(&ar, "%s-r%d.html", ag->id, h->revision),
                signed_by(rc, h, &ar)};
    }
    site.history = hist;
    const revision_view *prev = agreement_status_rev(st, rev->revision - 1);
    if (!prev || !prev->bundle)
        prev = NULL;
    agreement_view v = rev->view;
    const answers *was[2] = {prev ? prev->mentee : NULL, prev ? prev->mentor : NULL};
    const answers **held[] = {&v.mentee_answers, &v.mentor_answers, &was[0], &was[1]};
    if (render_hold_answers(held, 4, &ar, j->path, d) != 0) {
        arena_release(&ar);
        return -1;
    }
    if (prev) {
        const char *names[2] = {render_person_name(rc->c, ag->mentee),
                                render_person_name(rc->c, ag->mentor)};
        const answers *now[2] = {v.mentee_answers, v.mentor_answers};
        page_change *ch;
        site.n_changes = render_changes(rev->snapshot, was, now, names, &ch, &ar);
        site.changes = ch;
    }
    char why[VERR_MAX];
    int rc_ = agreement_page_site(&v, &rev->facts, &site, out, len, why);
    if (rc_)
        diag_error(d, j->path, 0, "cannot render: %s", why);
    arena_release(&ar);
    return rc_;
}
