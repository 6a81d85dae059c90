/* personal_home.c - index.html among a person's sealed pages (see
 * personal.c): who it is for, what is theirs to do next, and their
 * agreements. The steps come from the program state, as the private
 * index's states do; one step per agreement at most:
 *   the mentee, and the current revision has no mentee answers: answer;
 *   the mentor, the mentee answered and the mentor not: answer;
 *   the current revision's agreement bundle lacks their signature: sign;
 *   signed, and the review date is on or before rc->today: review.
 * A mentee of a program with an IDP gets a link to their IDP form too.
 * A link to another of the person's pages is <a href="#"
 * data-personal-page=FILE>, which the page script makes keep the key. */
#include <string.h>

#include "impl.h"

static void personal_link(xmlNodePtr parent, const char *file, const char *text)
{
    xmlNodePtr a = html_el(parent, "a", text);
    html_attr(a, "href", "#");
    html_attr(a, "data-personal-page", file);
}

/* What is the person's to do in agreement ag, as role mine; NULL when
 * nothing (step text in ar). */
static const char *open_step(const render_ctx *rc, const agreement *ag, party_role mine, arena *ar)
{
    const agreement_status *st = program_state_find(rc->ps, ag->id);
    const char *other = render_person_name(rc->c, mine == ROLE_MENTEE ? ag->mentor : ag->mentee);
    agreement_state state = st ? st->state : AGS_NOT_STARTED;
    const revision_view *cur = agreement_status_rev(st, st ? st->revision : 0);
    if (state == AGS_SIGNED) {
        const revision_view *last = agreement_status_last_signed(st);
        char due[11];
        if (!last || !rc->today)
            return NULL;
        agreement_review_date(last->view.created, last->facts.review_months, due);
        if (due[0] != '?' && strcmp(due, rc->today) <= 0)
            return arena_printf(ar, "Review your agreement with %s", other);
        return NULL;
    }
    if (mine == ROLE_MENTEE && (!cur || !cur->mentee))
        return arena_printf(ar, "Answer your agreement form with %s", other);
    if (mine == ROLE_MENTOR && cur && cur->mentee && !cur->mentor)
        return arena_printf(ar, "Answer the agreement form with %s, who has answered", other);
    if (cur && cur->bundle && !cur->sigs[mine].key_id)
        return arena_printf(ar, "Sign the agreement with %s", other);
    return NULL;
}

/* The state of an agreement in words. */
static const char *state_words(const agreement_status *st, arena *ar)
{
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

void render_personal_home(const render_ctx *rc, const person *who, xmlNodePtr m, arena *ar)
{
    const content *c = rc->c;
    html_el(m, "h1", "Your pages");
    html_el(m, "p", arena_printf(ar, "Hello, %s.", who->name ? who->name : who->id));
    html_el(m, "h2", "What to do next");
    xmlNodePtr steps = NULL;
    for (size_t i = 0; i < c->n_agreements; i++) {
        const agreement *ag = &c->agreements[i];
        int mentee = !strcmp(ag->mentee, who->id);
        if (!mentee && strcmp(ag->mentor, who->id))
            continue;
        const char *step = open_step(rc, ag, mentee ? ROLE_MENTEE : ROLE_MENTOR, ar);
        if (!step)
            continue;
        if (!steps)
            steps = html_elc(m, "ul", "personal-steps", NULL);
        html_el(steps, "li", step);
    }
    if (!steps)
        html_el(m, "p", "Nothing to do right now.");
    html_el(m, "h2", "Your agreements");
    xmlNodePtr ul = html_elc(m, "ul", "personal-agreements", NULL);
    size_t mine = 0;
    for (size_t i = 0; i < c->n_agreements; i++) {
        const agreement *ag = &c->agreements[i];
        int mentee = !strcmp(ag->mentee, who->id);
        if (!mentee && strcmp(ag->mentor, who->id))
            continue;
        const agreement_status *st = program_state_find(rc->ps, ag->id);
        mine++;
        xmlNodePtr li = html_el(ul, "li", NULL);
        html_el(li, "strong", render_person_name(c, mentee ? ag->mentor : ag->mentee));
        html_text(li, mentee ? " (your mentor): " : " (your mentee): ");
        html_text(li, state_words(st, ar));
        html_text(li, ". ");
        personal_link(li, render_personal_file(ar, PAGE_FORM, mine),
                      mentee ? "your mentee form" : "your mentor form");
        if (render_has_countersign(st)) {
            html_text(li, ", ");
            personal_link(li, render_personal_file(ar, PAGE_COUNTERSIGN, mine),
                          "sign the agreement");
        }
    }
    if (render_has_personal_idp(c, (size_t)(who - c->people))) {
        html_el(m, "h2", "Your individual development plan");
        xmlNodePtr para = html_elc(m, "p", "personal-idp", "Write it on ");
        personal_link(para, PERSONAL_IDP_FILE, "your IDP form");
        html_text(para, ".");
    }
}
