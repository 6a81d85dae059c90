/* countersign_page.c - public/countersign/<agreement>.html, "Sign the
 * agreement": what signing the agreement means, in plain words, and the
 * element the page script drives to open the agreement file a party was
 * sent, check it against the agreements the build prepared, show it and
 * sign it in the browser (see impl.h).
 *
 * The page names the agreement bundles it accepts by their bundle digest
 * (the SHA-256 of the bundle's MANIFEST): exactly those the build writes to
 * private/agreements/, every revision, so a file the program never
 * prepared is never signed here. Among a person's sealed pages, the box's
 * data-sealed-bundle names the sealed file of the latest of them, which
 * the page opens by itself. Everything the page shows comes from the
 * program state, read only, so pages render in any order. */
#include <stdlib.h>
#include <string.h>

#include "impl.h"

static int by_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The bundle digests of st's agreement bundles, sorted, space-separated,
 * in ar. */
static const char *prepared(const agreement_status *st, arena *ar)
{
    const char **v = arena_alloc(ar, (st->n_revs ? st->n_revs : 1) * sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < st->n_revs; i++)
        if (st->revs[i].bundle)
            v[n++] = st->revs[i].digest;
    qsort(v, n, sizeof *v, by_string);
    sbuf b = SBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i)
            sb_puts(&b, " ");
        sb_puts(&b, v[i]);
    }
    const char *s = arena_strdup(ar, b.len ? b.data : "");
    sb_release(&b);
    return s;
}

/* The element the page script drives: who signs what, the keys that may
 * sign it, the agreements it accepts and the limits it checks them by. */
static void countersign_box(const render_ctx *rc, xmlNodePtr parent, const page_job *j,
                            const agreement *ag, const agreement_status *st, arena *ar)
{
    const content *c = rc->c;
    xmlNodePtr box = html_elc(parent, "div", "accord-countersign", NULL);
    html_attr(box, "id", "accord-countersign");
    html_attr(box, "data-program", c->program.id);
    html_attr(box, "data-agreement", ag->id);
    html_attr(box, "data-mentee", ag->mentee);
    html_attr(box, "data-mentor", ag->mentor);
    html_attr(box, "data-mentee-name", render_person_name(c, ag->mentee));
    html_attr(box, "data-mentor-name", render_person_name(c, ag->mentor));
    html_attr(box, "data-keys-mentee", render_key_list(rc, ag->mentee, ar));
    html_attr(box, "data-keys-mentor", render_key_list(rc, ag->mentor, ar));
    render_ledger_attrs(box, render_key_validity(rc, ag->mentee, ag->mentor, ar),
                        render_indexed(rc, ag, NULL, ar));
    html_attr(box, "data-prepared", prepared(st, ar));
    if (j->sealed_bundle)
        html_attr(box, "data-sealed-bundle", j->sealed_bundle);
    html_attr_number(box, "data-signing-months-max", SIGNING_MONTHS_MAX);
    render_zip_limits(box);
}

int render_countersign(const render_ctx *rc, const page_job *j, page *p, diag *d)
{
    const content *c = rc->c;
    const agreement *ag = &c->agreements[j->item];
    const agreement_status *st = program_state_find(rc->ps, ag->id);
    if (!render_has_countersign(st)) {
        diag_error(d, j->path, 0, "no agreement bundle to sign");
        return -1;
    }
    const questionnaire *q = content_questionnaire(c, ag->questionnaire);
    arena ar = ARENA_INIT;
    const char *title =
        arena_printf(&ar, "%s: sign the agreement", q && q->title ? q->title : ag->questionnaire);
    if (render_page_begin(rc, j, p, title) != 0) {
        arena_release(&ar);
        return -1;
    }
    xmlNodePtr m = p->main;
    html_el(m, "h1", "Sign your agreement");
    xmlNodePtr who = html_elc(m, "p", "form-for", "Agreement between ");
    html_el(who, "strong", render_person_name(c, ag->mentee));
    html_text(who, " (mentee) and ");
    html_el(who, "strong", render_person_name(c, ag->mentor));
    html_text(who, " (mentor).");
    if (j->sealed_bundle)
        html_el(m, "p",
                "The program has put your agreement together from both of your answers. Your "
                "browser has checked that it is the agreement the program prepared, and shows "
                "it below in full. Once you have read it and confirmed, your browser signs it "
                "with your key.");
    else
        html_el(m, "p",
                "When the program has put your agreement together from both of your answers, "
                "it sends you the agreement file (its name ends in .accord). Open it on this "
                "page: your browser checks that it is the agreement the program prepared and "
                "shows it in full. Once you have read it and confirmed, your browser signs it "
                "with your key.");
    html_el(m, "p",
            "Nothing leaves your computer: send the signed file back to the program. Both of "
            "you sign the agreement.");
    countersign_box(rc, m, j, ag, st, &ar);
    xmlNodePtr ns = html_el(m, "noscript", NULL);
    html_el(ns, "p",
            "This page needs JavaScript to open and sign the agreement. Turn JavaScript on in "
            "your browser, then come back to this page.");
    arena_release(&ar);
    return 0;
}
