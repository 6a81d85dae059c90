/* dashboard.c - private/index.html, the admin's dashboard: how many
 * agreements are in each state (a list, and an inline SVG chart whose
 * label says the same), then one row per agreement (a card on a phone)
 * with its parties, state, who must act next (agreement_next_step), its
 * next review and its pages, then every person's link. A program of more
 * than DASHBOARD_ROWS_MAX agreements gets an overview there (the counts
 * and a link to each part) and the rows in parts (render.h), each with
 * its own counts and its people's links.
 *
 * The build reads no clock, so whether a review is due is decided by the
 * page script (dashboard.js) from the viewer's date: each row carries
 * data-state (the state's class name) and data-review (the review date,
 * YYYY-MM-DD, or ""), the root data-review-due-days (REVIEW_DUE_DAYS).
 * A row whose open revision was answered before its questionnaire changed
 * carries data-questionnaire-changed (the day of those answers) and says
 * so under its state. An ended agreement (people.xml ended=) shows as
 * "ended" whatever its state, with no review date, so it is never due.
 * Without script, the counts are the build's and no review shows as due;
 * the list and the chart are rendered here with the same counts, and the
 * script redraws both. The page names people and holds every link key:
 * it is never published. */
#include <stdlib.h>
#include <string.h>

#include "impl.h"

/* The display states, in the order the counts show them. The last two
 * exist only once the page script has read the viewer's date. */
static const struct {
    const char *cls, *words;
} display_states[] = {
    {"not-started", "not started"},
    {"mentee-answered", "mentee answered"},
    {"mentor-answered", "mentor answered"},
    {"awaiting-signatures", "awaiting signatures"},
    {"signed", "signed"},
    {"ended", "ended"},
    {"review-due", "review due"},
    {"review-overdue", "review overdue"},
};
enum { N_DISPLAY = sizeof display_states / sizeof *display_states };

enum { DISPLAY_ENDED = 5 }; /* "ended" in display_states */

/* The display state of agreement ag in state st. */
static size_t state_index(const agreement *ag, agreement_state st)
{
    if (ag->ended)
        return DISPLAY_ENDED;
    switch (st) {
    case AGS_NOT_STARTED:
        return 0;
    case AGS_MENTEE_ANSWERED:
        return 1;
    case AGS_MENTOR_ANSWERED:
        return 2;
    case AGS_AWAITING:
        return 3;
    case AGS_SIGNED:
        return 4;
    }
    return 0;
}

/* The chart: one bar per display state, widths in percent of the largest
 * count, its label the counts in words. */
static void chart(xmlNodePtr parent, const size_t counts[N_DISPLAY], arena *ar)
{
    size_t most = 1;
    for (size_t i = 0; i < N_DISPLAY; i++)
        if (counts[i] > most)
            most = counts[i];
    const char *label = "Agreements by state:";
    for (size_t i = 0; i < N_DISPLAY; i++)
        label = arena_printf(ar, "%s%s %zu %s", label, i ? "," : "", counts[i],
                             display_states[i].words);
    xmlNodePtr svg = html_elc(parent, "svg", "state-chart", NULL);
    html_attr(svg, "role", "img");
    html_attr(svg, "aria-label", label);
    html_attr(svg, "viewBox", arena_printf(ar, "0 0 100 %d", 8 * N_DISPLAY));
    html_attr(svg, "preserveAspectRatio", "none");
    for (size_t i = 0; i < N_DISPLAY; i++) {
        xmlNodePtr bar =
            html_elc(svg, "rect", arena_printf(ar, "bar bar-%s", display_states[i].cls), NULL);
        html_attr(bar, "data-state", display_states[i].cls);
        html_attr(bar, "x", "0");
        html_attr(bar, "y", arena_printf(ar, "%zu", 8 * i + 1));
        html_attr(bar, "height", "6");
        html_attr(bar, "width", arena_printf(ar, "%zu", counts[i] * 100 / most));
    }
}

static void summary(xmlNodePtr m, const size_t counts[N_DISPLAY], size_t total, arena *ar)
{
    xmlNodePtr sec = html_elc(m, "section", "dashboard-summary", NULL);
    html_attr(sec, "aria-labelledby", "summary-title");
    html_attr(html_el(sec, "h2", "At a glance"), "id", "summary-title");
    xmlNodePtr when = html_elc(sec, "p", "counts-date",
                               arena_printf(ar,
                                            "%zu agreements. Counts as the bundles stand; whether "
                                            "a review is due shows when the page can read your "
                                            "computer's date.",
                                            total));
    html_attr(when, "id", "counts-date");
    xmlNodePtr box = html_elc(sec, "div", "state-overview", NULL);
    xmlNodePtr ul = html_elc(box, "ul", "state-counts", NULL);
    for (size_t i = 0; i < N_DISPLAY; i++) {
        xmlNodePtr li =
            html_elc(ul, "li", arena_printf(ar, "count-%s", display_states[i].cls), NULL);
        html_attr(li, "data-state", display_states[i].cls);
        html_elc(li, "span", "count", arena_printf(ar, "%zu", counts[i]));
        html_text(li, arena_printf(ar, " %s", display_states[i].words));
    }
    chart(box, counts, ar);
}

/* Who must act next in agreement ag, in words (in ar). */
static const char *next_words(const content *c, const agreement *ag, const next_step *n, arena *ar)
{
    const char *mentee = render_person_name(c, ag->mentee);
    const char *mentor = render_person_name(c, ag->mentor);
    switch (n->kind) {
    case NEXT_MENTEE_ANSWERS:
        return arena_printf(ar, "%s answers the form", mentee);
    case NEXT_MENTOR_ANSWERS:
        return arena_printf(ar, "%s answers, beside the mentee's answers", mentor);
    case NEXT_SIGN:
        if (n->acts[ROLE_MENTEE] && n->acts[ROLE_MENTOR])
            return arena_printf(ar, "%s and %s sign the agreement", mentee, mentor);
        return arena_printf(ar, "%s signs the agreement", n->acts[ROLE_MENTEE] ? mentee : mentor);
    case NEXT_PROGRAM:
        return "you: the agreement could not be made (the build says why)";
    case NEXT_REVIEW:
        return arena_printf(ar, "both review it by %s", n->review_date);
    case NEXT_NONE:
        return arena_printf(ar, "none: ended on %s (%s)", ag->ended, ag->ended_reason);
    }
    return "";
}

/* A party's cell: name, address, a mentee's IDP state (never its
 * contents) and the link to their own pages. */
static void party_cell(const content *c, const program_state *ps, const page *p, xmlNodePtr tr,
                       const char *label, const char *id, arena *ar)
{
    xmlNodePtr td = html_elc(tr, "td", "party", NULL);
    html_attr(td, "data-label", label);
    html_el(td, "span", render_person_name(c, id));
    const person *who = content_person(c, id);
    if (who && who->email) {
        html_el(td, "br", NULL);
        html_link(td, arena_printf(ar, "mailto:%s", who->email), who->email);
    }
    if (!strcmp(label, "Mentee") && c->program.idp_enabled && c->program.idp_questionnaire) {
        const idp_view *plan = program_state_idp(ps, id);
        html_el(td, "br", NULL);
        html_elc(
            td, "span", "idp-state",
            plan ? arena_printf(ar, "IDP: revision %d, signed %.10s", plan->revision, plan->created)
                 : "IDP: none signed yet");
    }
    const char *link = who ? render_personal_link(c, (size_t)(who - c->people), ar) : NULL;
    if (link) {
        html_el(td, "br", NULL);
        /* from private/index.html: up one, into public/ */
        render_link(p, td, arena_printf(ar, "../public/%s", link), "their pages");
    }
}

static const char *state_words(const content *c, const agreement *ag, agreement_state st,
                               const revision_view *rev, arena *ar)
{
    if (ag->ended)
        return arena_printf(ar, "ended on %s", ag->ended);
    if (st == AGS_MENTOR_ANSWERED)
        return "mentor answered (waiting for the mentee)";
    if (st == AGS_AWAITING && rev && !rev->sigs[0].key_id && !rev->sigs[1].key_id)
        return arena_printf(ar, "awaiting signatures from %s and %s",
                            render_person_name(c, ag->mentee), render_person_name(c, ag->mentor));
    if (st == AGS_AWAITING && rev)
        return arena_printf(ar, "awaiting the signature of %s",
                            render_person_name(c, rev->sigs[0].key_id ? ag->mentor : ag->mentee));
    return agreement_state_name(st);
}

/* The cell of the agreement's pages, one link a line. */
static void links_cell(const render_ctx *rc, const page *p, xmlNodePtr tr, const agreement *ag,
                       const agreement_status *as, arena *ar)
{
    xmlNodePtr links = html_elc(tr, "td", "links", NULL), ul = NULL;
    html_attr(links, "data-label", "Pages");
    agreement_state st = as ? as->state : AGS_NOT_STARTED;
    const revision_view *rev = agreement_status_rev(as, as ? as->revision : 0);
    const revision_view *signed_rev = agreement_status_last_signed(as);
#define LINK(rel, text)                                                                            \
    render_link(p, html_el(ul ? ul : (ul = html_el(links, "ul", NULL)), "li", NULL), rel, text)
    if (st != AGS_SIGNED && rev && rev->mentee)
        LINK(arena_printf(ar, "review/%s.html", ag->id), "review");
    /* the agreement shown: the current revision's, else the last signed one */
    const revision_view *shown = rev && rev->bundle ? rev : signed_rev;
    if (shown) {
        LINK(arena_printf(ar, "agreements/%s-r%d.html", ag->id, shown->revision),
             arena_printf(ar, "agreement (revision %d)", shown->revision));
        LINK(arena_printf(ar, "agreements/%s-r%d.accord", ag->id, shown->revision), "bundle");
    }
    /* the public page the parties sign it on: with names public only */
    if (rc->c->program.names_public && render_has_countersign(as))
        LINK(arena_printf(ar, "../public/%s", render_countersign_path(ar, ag->id)), "signing page");
    if (signed_rev && !ag->ended) {
        LINK(arena_printf(ar, "forms/%s-mentee.html", ag->id), "next mentee form");
        LINK(arena_printf(ar, "forms/%s-mentor.html", ag->id), "next mentor form");
    }
#undef LINK
    if (!ul)
        html_text(links, "\xe2\x80\x93");
}

/* Under the state of agreement as, when its open revision was answered
 * against an earlier version of its questionnaire: a note saying since
 * when, and the row's data-questionnaire-changed (that day). */
static void changed_note(const render_ctx *rc, const agreement_status *as, xmlNodePtr tr,
                         xmlNodePtr td, arena *ar)
{
    questionnaire_change qc;
    if (!agreement_questionnaire_changed(rc->c, rc->effectives, as, &qc))
        return;
    html_attr(tr, "data-questionnaire-changed", qc.since);
    html_elc(td, "span", "questionnaire-changed",
             arena_printf(ar, "questionnaire changed since %s", qc.since));
}

static void agreement_row(const render_ctx *rc, const page *p, xmlNodePtr tb, const agreement *ag,
                          arena *ar)
{
    const content *c = rc->c;
    const questionnaire *q = content_questionnaire(c, ag->questionnaire);
    const agreement_status *as = program_state_find(rc->ps, ag->id);
    agreement_state st = as ? as->state : AGS_NOT_STARTED;
    const revision_view *rev = agreement_status_rev(as, as ? as->revision : 0);
    next_step next = agreement_next_step(as);
    const char *cls = display_states[state_index(ag, st)].cls;

    xmlNodePtr tr = html_el(tb, "tr", NULL);
    html_attr(tr, "data-state", cls);
    html_attr(tr, "data-review", st == AGS_SIGNED ? next.review_date : ""); /* "" once ended */
    html_attr(tr, "data-mentee", render_person_name(c, ag->mentee));
    html_attr(tr, "data-mentor", render_person_name(c, ag->mentor));
    xmlNodePtr th = html_el(tr, "th", NULL);
    html_attr(th, "scope", "row");
    html_elc(th, "span", "agreement-id", ag->id);
    html_el(th, "br", NULL);
    html_elc(th, "span", "questionnaire", q && q->title ? q->title : ag->questionnaire);
    party_cell(c, rc->ps, p, tr, "Mentee", ag->mentee, ar);
    party_cell(c, rc->ps, p, tr, "Mentor", ag->mentor, ar);
    xmlNodePtr td =
        html_el(tr, "td", arena_printf(ar, "%d", as && as->revision ? as->revision : 1));
    html_attr(td, "data-label", "Revision");
    /* the words in a tag: each state's own mark and look (style.css) */
    td = html_elc(tr, "td", arena_printf(ar, "state state-%s", cls), NULL);
    html_attr(td, "data-label", "State");
    html_elc(td, "span", "state-tag", state_words(c, ag, st, rev, ar));
    changed_note(rc, as, tr, td, ar);
    td = html_elc(tr, "td", "next-step", next_words(c, ag, &next, ar));
    html_attr(td, "data-label", "Next step");
    td = html_elc(tr, "td", "next-review",
                  st == AGS_SIGNED && next.review_date[0] ? next.review_date : "\xe2\x80\x93");
    html_attr(td, "data-label", "Next review");
    links_cell(rc, p, tr, ag, as, ar);
}

/* The counts per display state of the n agreements rows (indices into
 * c's; NULL: every agreement). */
static void count_states(const render_ctx *rc, const size_t *rows, size_t n,
                         size_t counts[N_DISPLAY])
{
    memset(counts, 0, N_DISPLAY * sizeof *counts);
    for (size_t k = 0; k < n; k++) {
        const agreement *ag = &rc->c->agreements[rows ? rows[k] : k];
        const agreement_status *as = program_state_find(rc->ps, ag->id);
        counts[state_index(ag, as ? as->state : AGS_NOT_STARTED)]++;
    }
}

/* The overview of a program too large for one page: the counts, the
 * review dates the page script needs to count reviews due (data-reviews:
 * the day of each signed agreement's next review, space-separated), and a
 * link to each part of the list. */
static void overview(const render_ctx *rc, const page *p, xmlNodePtr root, arena *ar)
{
    const content *c = rc->c;
    sbuf reviews = SBUF_INIT;
    for (size_t i = 0; i < c->n_agreements; i++) {
        const agreement *ag = &c->agreements[i];
        const agreement_status *as = program_state_find(rc->ps, ag->id);
        next_step next = agreement_next_step(as);
        if (as && as->state == AGS_SIGNED && !ag->ended && next.review_date[0])
            sb_printf(&reviews, "%s%s", reviews.len ? " " : "", next.review_date);
    }
    html_attr(root, "data-reviews", reviews.data ? reviews.data : "");
    sb_release(&reviews);
    xmlNodePtr sec = html_elc(root, "section", "dashboard-parts", NULL);
    html_attr(sec, "aria-labelledby", "agreements-title");
    html_attr(html_el(sec, "h2", "Agreements"), "id", "agreements-title");
    html_el(sec, "p",
            arena_printf(ar,
                         "The list is in parts of %d agreements, in the order of their ids. Each "
                         "part has its own counts, filter and sort, and the personal links of "
                         "its people.",
                         DASHBOARD_ROWS_MAX));
    render_part_list(c, p, sec, "dashboard-part-list", render_dashboard_part_path, ar);
}

static int cmp_index(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* 1 when person i is a party of one of the n agreements rows (sorted). */
static int party_of_rows(const content *c, size_t i, const size_t *rows, size_t n)
{
    const person *who = &c->people[i];
    for (size_t k = 0; k < who->n_agreements; k++)
        if (bsearch(&who->agreements[k], rows, n, sizeof *rows, cmp_index))
            return 1;
    return 0;
}

/* The "Personal links" section: the link of each party of the n_rows
 * agreements rows (indices, ascending), or of everyone when rows is NULL;
 * nothing without a secret. 0, or -1 when out of memory. */
static int personal_links_section(const content *c, page *p, xmlNodePtr parent, const size_t *rows,
                                  size_t n_rows, arena *ar)
{
    if (!c->has_secret)
        return 0;
    xmlNodePtr sec = html_elc(parent, "section", "personal-links", NULL);
    html_el(sec, "h2", "Personal links");
    html_elc(sec, "p", "personal-note",
             "Send each person their own link, and only theirs: anyone who has a link can read "
             "that person's pages. Open one to see that person's pages as they see them. Raising "
             "a person's link-epoch in people.xml replaces their link alone; a new secret "
             "replaces every link.");
    xmlNodePtr ul = html_elc(sec, "ul", "personal-link-list", NULL);
    page_list items = {0};
    for (size_t i = 0; i < c->n_people; i++) {
        const char *link =
            !rows || party_of_rows(c, i, rows, n_rows) ? render_personal_link(c, i, ar) : NULL;
        if (!link)
            continue;
        const person *who = &c->people[i];
        /* from private/index.html: up one, into public/ */
        const char *url = arena_printf(ar, "../public/%s", link);
        xmlNodePtr li = html_el(ul, "li", NULL);
        html_el(li, "strong", who->name ? who->name : who->id);
        if (who->email) {
            html_text(li, " (");
            html_link(li, arena_printf(ar, "mailto:%s", who->email), who->email);
            html_text(li, ")");
        }
        html_text(li, ": ");
        render_link(p, li, url, arena_printf(ar, "%s%s", p->prefix, url)); /* shown as linked */
        if (page_list_add(p, &items, li) != 0)
            return -1;
    }
    return page_list_end(p, &items);
}

int render_private_index(const render_ctx *rc, const page_job *j, page *p, diag *d)
{
    const content *c = rc->c;
    size_t n = j->rows ? j->n_rows : c->n_agreements, from = j->item * DASHBOARD_ROWS_MAX;
    arena ar = ARENA_INIT;
    const char *title = j->rows ? arena_printf(&ar, "Dashboard: agreements %zu to %zu of %zu",
                                               from + 1, from + n, c->n_agreements)
                                : "Dashboard";
    if (render_page_begin(rc, j, p, title) != 0) {
        arena_release(&ar);
        return -1;
    }
    xmlNodePtr m = p->main;
    html_el(m, "h1", title);
    html_elc(m, "p", "private-note",
             "This folder is for the program admin. Do not publish it: its pages show answers, "
             "notes, addresses and every person's link.");
    if (c->n_agreements == 0) {
        html_el(m, "p", "No agreements yet.");
        int rc_ = personal_links_section(c, p, m, NULL, 0, &ar);
        if (rc_)
            diag_error(d, j->path, 0, "cannot render: out of memory");
        arena_release(&ar);
        return rc_;
    }
    size_t counts[N_DISPLAY];
    count_states(rc, j->rows, n, counts);
    xmlNodePtr root = html_elc(m, "div", "accord-dashboard", NULL);
    html_attr(root, "id", "accord-dashboard");
    html_attr_number(root, "data-review-due-days", REVIEW_DUE_DAYS);
    summary(root, counts, n, &ar);
    if (!j->rows && c->n_agreements > DASHBOARD_ROWS_MAX) {
        overview(rc, p, root, &ar);
        arena_release(&ar);
        return 0;
    }
    xmlNodePtr sec = html_elc(root, "section", "dashboard-agreements", NULL);
    html_attr(sec, "aria-labelledby", "agreements-title");
    html_attr(html_el(sec, "h2", "Agreements"), "id", "agreements-title");
    static const char *const heads[] = {"Agreement", "Mentee",    "Mentor",      "Revision",
                                        "State",     "Next step", "Next review", "Pages"};
    xmlNodePtr tb = render_table(sec, "agreement-table", heads, sizeof heads / sizeof *heads);
    page_list rows = {0};
    int rc_ = 0;
    for (size_t k = 0; k < n && rc_ == 0; k++) {
        agreement_row(rc, p, tb, &c->agreements[j->rows ? j->rows[k] : k], &ar);
        rc_ = page_list_add(p, &rows, tb->last);
    }
    if (rc_ == 0 && page_list_end(p, &rows) == 0)
        rc_ = personal_links_section(c, p, m, j->rows, j->n_rows, &ar);
    else
        rc_ = -1;
    if (rc_)
        diag_error(d, j->path, 0, "cannot render: out of memory");
    arena_release(&ar);
    return rc_;
}
