/* personal_home.c - index.html among a person's sealed pages (see
 * personal.c): who it is for, what is theirs to do next, and their
 * agreements with every revision. The steps come from the program state,
 * as the private index's states do; one step per agreement at most,
 * what agreement_next_step says the person must do: answer, give their
 * answers beside the mentee's, sign; or, once signed, review, an item with
 * data-review-from=YYYY-MM-DD (the first day the review is due) that stays
 * hidden until the page script finds the viewer's date on or after it, so
 * the build never reads a clock. An ended agreement has no step, and its
 * section says when and why it ended, with no form, and keeps its history.
 * p.personal-none says there is nothing to do; it is written when no step
 * is shown without the page script, which hides it when it shows a step.
 * A link to another of the person's pages is <a href="#"
 * data-personal-page=FILE>, which the page script makes keep the key; a
 * link to a sealed file to download is <a href="#" data-personal-file=FILE
 * data-download=NAME>. */
#include <string.h>

#include "impl.h"

static void personal_link(xmlNodePtr parent, const char *file, const char *text)
{
    xmlNodePtr a = html_el(parent, "a", text);
    html_attr(a, "href", "#");
    html_attr(a, "data-personal-page", file);
}

static void download_link(xmlNodePtr parent, const char *file, const char *name, const char *text)
{
    xmlNodePtr a = html_el(parent, "a", text);
    html_attr(a, "href", "#");
    html_attr(a, "data-personal-file", file);
    html_attr(a, "data-download", name);
}

/* The person's n-th agreement, ag, in which they take role mine. */
typedef struct mine {
    const agreement *ag;
    const agreement_status *st;
    party_role role;
    size_t n;
    const char *other; /* the other party's name */
} mine;

/* Appends to steps the person's step in agreement a, if any. Returns 1 when
 * the step shows without the page script, else 0. */
static int open_step(const mine *a, xmlNodePtr steps, arena *ar)
{
    next_step next = agreement_next_step(a->st);
    if (!next.acts[a->role])
        return 0;
    const char *file = NULL, *text = NULL;
    switch (next.kind) {
    case NEXT_REVIEW: {
        char from[11];
        review_due_from(next.review_date, from);
        if (!from[0])
            return 0;
        xmlNodePtr li = html_el(steps, "li", NULL);
        html_attr(li, "hidden", NULL);
        html_attr(li, "data-review-from", from);
        personal_link(li, render_personal_file(ar, PAGE_FORM, a->n),
                      arena_printf(ar, "Review your agreement with %s", a->other));
        html_text(li, arena_printf(ar, ": its review is due by %s.", next.review_date));
        return 0;
    }
    case NEXT_MENTEE_ANSWERS:
        file = render_personal_file(ar, PAGE_FORM, a->n);
        text = arena_printf(ar, "Answer your agreement form with %s", a->other);
        break;
    case NEXT_MENTOR_ANSWERS:
        file = render_personal_file(ar, PAGE_REVIEW, a->n);
        text = arena_printf(ar, "Read %s's answers and give yours", a->other);
        break;
    case NEXT_SIGN:
        file = render_personal_file(ar, PAGE_COUNTERSIGN, a->n);
        text = arena_printf(ar, "Sign the agreement with %s", a->other);
        break;
    case NEXT_PROGRAM:
    case NEXT_NONE:
        return 0;
    }
    personal_link(html_el(steps, "li", NULL), file, text);
    return 1;
}

/* The state of an agreement in words. */
static const char *state_words(const agreement_status *st, arena *ar)
{
    if (st && st->ag->ended)
        return arena_printf(ar, "ended on %s (%s); nothing more is asked of you in it",
                            st->ag->ended, st->ag->ended_reason);
    agreement_state state = st ? st->state : AGS_NOT_STARTED;
    switch (state) {
    case AGS_NOT_STARTED:
        return "nobody has answered yet";
    case AGS_MENTEE_ANSWERED:
        return "the mentee has answered, the mentor not yet";
    case AGS_MENTOR_ANSWERED:
        return "the mentor has answered, the mentee not yet";
    case AGS_AWAITING:
        return "both have answered; the agreement awaits signatures";
    case AGS_SIGNED: {
        const revision_view *last = agreement_status_last_signed(st);
        char due[11] = "?";
        if (last)
            agreement_review_date(last->view.created, last->facts.review_months, due);
        return arena_printf(ar, "signed by both; next review %s", due);
    }
    }
    return agreement_state_name(state);
}

/* "signed by Amira Testwell on 2026-09-22 and Ben Samplesworth on ...", or
 * "not signed yet", in ar. */
static const char *signers(const content *c, const revision_view *rev, arena *ar)
{
    const char *out = NULL;
    for (int k = 0; k < 2; k++) {
        const signature_view *s = &rev->sigs[k];
        if (!s->key_id)
            continue;
        const char *one =
            arena_printf(ar, "%s on %.10s", render_person_name(c, s->party), s->signed_at);
        out = out ? arena_printf(ar, "%s and %s", out, one) : arena_printf(ar, "signed by %s", one);
    }
    return out ? out : "not signed yet";
}

/* Appends the section of agreement a: the other party, the state, the
 * person's pages of it and each revision with its files. */
static void agreement_section(const render_ctx *rc, const mine *a, xmlNodePtr m, arena *ar)
{
    const content *c = rc->c;
    xmlNodePtr sec = html_elc(m, "section", "personal-agreement", NULL);
    html_el(sec, "h3",
            arena_printf(ar, "With %s, your %s", a->other,
                         a->role == ROLE_MENTEE ? "mentor" : "mentee"));
    html_el(sec, "p", arena_printf(ar, "State: %s.", state_words(a->st, ar)));
    questionnaire_change qc;
    if (agreement_questionnaire_changed(c, rc->effectives, a->st, &qc))
        html_elc(sec, "p", "questionnaire-changed",
                 arena_printf(ar,
                              "The program changed this agreement's questions after the answers "
                              "of %s. You can finish with the questions you answered, or ask the "
                              "program about answering the new form.",
                              qc.since));
    xmlNodePtr ul = html_elc(sec, "ul", "personal-pages", NULL);
    int ended = a->st && a->st->ag->ended; /* no new answers: no form to offer */
    if (!ended)
        personal_link(html_el(ul, "li", NULL), render_personal_file(ar, PAGE_FORM, a->n),
                      a->role == ROLE_MENTEE ? "Your mentee form" : "Your mentor form");
    if (!ended && a->role == ROLE_MENTOR && render_has_review(a->st))
        personal_link(html_el(ul, "li", NULL), render_personal_file(ar, PAGE_REVIEW, a->n),
                      "The review page, with your mentee's answers");
    if (render_mentor_sees_idp(rc, a->ag, a->role))
        personal_link(html_el(ul, "li", NULL), render_personal_mentee_idp(ar, a->n),
                      "Your mentee's individual development plan");
    if (!render_has_countersign(a->st))
        return;
    next_step next = agreement_next_step(a->st);
    personal_link(html_el(ul, "li", NULL), render_personal_file(ar, PAGE_COUNTERSIGN, a->n),
                  next.kind == NEXT_SIGN && next.acts[a->role] ? "Read and sign the agreement"
                                                               : "Read the agreement");
    html_el(sec, "h4", "Revisions");
    xmlNodePtr hist = html_elc(sec, "ul", "personal-history", NULL);
    for (size_t r = 0; r < a->st->n_revs; r++) {
        const revision_view *rev = &a->st->revs[r];
        if (!rev->bundle)
            continue;
        xmlNodePtr item = html_el(hist, "li", NULL);
        html_text(item, arena_printf(ar, "Revision %d, made on %.10s, %s. Download ", rev->revision,
                                     rev->view.created, signers(c, rev, ar)));
        const char *base = arena_printf(ar, "%s-r%d", a->ag->id, rev->revision);
        download_link(item, render_personal_agreement(ar, a->n, rev->revision, "html"),
                      arena_printf(ar, "%s.html", base), "its agreement page");
        html_text(item, " or ");
        download_link(item, render_personal_agreement(ar, a->n, rev->revision, "accord"),
                      arena_printf(ar, "%s.accord", base), "the signed agreement file");
        html_text(item, ".");
    }
}

/* A mentee's IDP: the one they signed, to read and download, and the form
 * to write it (again) on. */
static void idp_section(const render_ctx *rc, const person *who, xmlNodePtr m, arena *ar)
{
    html_el(m, "h2", "Your individual development plan");
    const idp_view *plan = program_state_idp(rc->ps, who->id);
    if (plan) {
        xmlNodePtr p = html_elc(
            m, "p", "personal-idp",
            arena_printf(ar, "You signed revision %d on %.10s: ", plan->revision, plan->created));
        personal_link(p, PERSONAL_IDP_PLAN ".html", "read it");
        html_text(p, ", or download ");
        download_link(p, PERSONAL_IDP_PLAN ".accord",
                      arena_printf(ar, "idp-%s-r%d.accord", who->id, plan->revision),
                      "the signed file");
        html_text(p, ". It is yours: ");
        html_text(p, rc->c->program.idp_shared ? "your mentors can read it too."
                                               : "your mentors do not see it.");
    }
    xmlNodePtr para =
        html_elc(m, "p", "personal-idp", plan ? "Write the next revision on " : "Write it on ");
    personal_link(para, PERSONAL_IDP_FILE, "your IDP form");
    html_text(para, ".");
}

void render_personal_home(const render_ctx *rc, const person *who, xmlNodePtr m, arena *ar)
{
    const content *c = rc->c;
    mine *v = arena_alloc(ar, (who->n_agreements + 1) * sizeof *v);
    size_t n = who->n_agreements;
    for (size_t k = 0; k < n; k++) {
        const agreement *ag = &c->agreements[who->agreements[k]];
        int mentee = !strcmp(ag->mentee, who->id);
        v[k] = (mine){ag, program_state_find(rc->ps, ag->id), mentee ? ROLE_MENTEE : ROLE_MENTOR,
                      k + 1, render_person_name(c, mentee ? ag->mentor : ag->mentee)};
    }
    html_el(m, "h1", "Your pages");
    html_el(m, "p", arena_printf(ar, "Hello, %s.", who->name ? who->name : who->id));
    html_el(m, "h2", "What to do next");
    xmlNodePtr steps = html_elc(m, "ul", "personal-steps", NULL);
    int shown = 0;
    for (size_t i = 0; i < n; i++)
        shown |= open_step(&v[i], steps, ar);
    if (!steps->children) {
        xmlUnlinkNode(steps);
        xmlFreeNode(steps);
    }
    if (!shown)
        html_elc(m, "p", "personal-none", "Nothing to do right now.");
    html_el(m, "h2", n == 1 ? "Your agreement" : "Your agreements");
    for (size_t i = 0; i < n; i++)
        agreement_section(rc, &v[i], m, ar);
    int mentor = 0;
    for (size_t i = 0; i < n; i++)
        mentor |= v[i].role == ROLE_MENTOR;
    if (mentor) {
        html_el(m, "h2", "Your own questions");
        xmlNodePtr para = html_elc(m, "p", "personal-questions",
                                   "As a mentor you may add questions of your own to your "
                                   "mentees' forms: write them on ");
        /* from public/p/: up one; the fragment names them, and is never sent */
        xmlNodePtr a = html_el(para, "a", "the questions page");
        html_attr(a, "href", arena_printf(ar, "../questions.html#party=%s", who->id));
        html_text(para, ".");
    }
    if (render_has_personal_idp(c, (size_t)(who - c->people)))
        idp_section(rc, who, m, ar);
}
