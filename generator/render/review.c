/* review.c - the mentor's review page: the mentor form with the mentee's
 * answers in a read-only column beside each question and every
 * disagreement flagged by text and icon as well as colour; and the words a
 * mentor's page starts with. The page scripts (review.js, conflicts.js)
 * read this markup: div.mentee-answer with data-answered, data-values and
 * data-other, p.agreement-flag, and #review-summary with data-conflicts,
 * data-discuss, data-answered and data-left. */
#include <stdio.h>
#include <string.h>

#include "impl.h"

void render_answer_text(xmlNodePtr parent, const question *q, const answer *an)
{
    if (an->text) {
        html_text(parent, an->text);
        return;
    }
    for (size_t i = 0; i < an->n_values; i++) {
        if (i)
            html_text(parent, ", ");
        if (!strcmp(an->values[i], "other") && q->other && an->other) {
            html_text(parent, "Other: ");
            html_text(parent, an->other);
        } else {
            html_text(parent, question_option_label(q, an->values[i]));
        }
    }
}

void render_mentor_intro(xmlNodePtr parent, int review, const char *then)
{
    xmlNodePtr box = html_elc(parent, "div", "intro mentor-intro", NULL);
    html_el(box, "p",
            review ? "Your mentee answered these questions first. Their answers are shown "
                     "beside each question."
                   : "Your mentee answered these questions first. Load their answers (the file "
                     "they sent you) to see them beside each question.");
    xmlNodePtr ul = html_el(box, "ul", NULL);
    html_el(ul, "li", "Where your answers differ, talk it through with your mentee.");
    html_el(ul, "li", "Your answers are final: they become the agreement.");
    html_el(ul, "li",
            "Every question has room for a note. Use it for details such as a meeting day, a "
            "room or a condition.");
    if (then)
        html_el(box, "p", then);
}

int render_mentee_answer(xmlNodePtr box, const question *q, const answer *mentee,
                         const answer *mentor, const char *mentee_name, const form_spec *fs)
{
    xmlNodePtr col = html_elc(box, "div", "mentee-answer", NULL);
    int given = answer_given(mentee);
    html_attr(col, "data-answered", given ? "true" : "false");
    /* values are ids (safe grammar): space-separated in one attribute */
    size_t cap = 1;
    for (size_t i = 0; given && i < mentee->n_values; i++)
        cap += strlen(mentee->values[i]) + 1;
    char *vals = xmlMalloc(cap);
    if (vals) {
        vals[0] = '\0';
        for (size_t i = 0; given && i < mentee->n_values; i++) {
            if (i)
                strcat(vals, " ");
            strcat(vals, mentee->values[i]);
        }
        html_attr(col, "data-values", vals);
        xmlFree(vals);
    }
    if (given && mentee->other)
        html_attr(col, "data-other", mentee->other);
    html_elc(col, "p", "mentee-answer-title", "Mentee's answer");
    if (!given) {
        html_elc(col, "p", "mentee-answer-value mentee-none", "Not answered");
    } else {
        xmlNodePtr v = html_elc(
            col, "p", mentee->text ? "mentee-answer-value mentee-text" : "mentee-answer-value",
            NULL);
        render_answer_text(v, q, mentee);
    }
    if (mentee && mentee->note) {
        xmlNodePtr n = html_elc(col, "p", "mentee-note", NULL);
        xmlNodePtr label = html_elc(n, "span", "note-label", "Note from ");
        html_text(label, mentee_name);
        html_text(label, " (mentee):");
        html_text(n, " ");
        html_text(n, mentee->note);
    }
    const answer *agreed = fs->agreed ? answers_find(fs->agreed, q->id) : NULL;
    if (fs->agreed && render_answer_changed(agreed, mentee)) {
        arena ar = ARENA_INIT;
        xmlNodePtr ch = html_elc(col, "p", "changed-since", NULL);
        html_elc(ch, "span", "note-label",
                 arena_printf(&ar, "Changed since revision %d,", fs->agreed_revision));
        html_text(ch, " which agreed: ");
        html_text(ch, render_answer_string(q, agreed, &ar));
        arena_release(&ar);
    }
    const answer *earlier = fs->agreed_mentee ? answers_find(fs->agreed_mentee, q->id) : NULL;
    if (fs->agreed_mentee && render_note_changed(earlier, mentee)) {
        arena ar = ARENA_INIT;
        const char *was = earlier ? earlier->note : NULL;
        const char *how = !was ? "added" : mentee && mentee->note ? "changed" : "removed";
        xmlNodePtr ch = html_elc(col, "p", "changed-since", NULL);
        html_elc(ch, "span", "note-label",
                 arena_printf(&ar, "Note %s since revision %d%s", how, fs->agreed_revision,
                              was ? "," : "."));
        if (was) {
            html_text(ch, " which said: ");
            html_text(ch, was);
        }
        arena_release(&ar);
    }
    agreement_flag f = conflict_flag(q, mentee, mentor);
    char cls[64];
    snprintf(cls, sizeof cls, "agreement-flag %s", conflict_flag_class(f));
    xmlNodePtr fl = html_elc(col, "p", cls, NULL);
    if (f == FLAG_NONE) {
        html_attr(fl, "hidden", NULL);
    } else {
        html_attr(html_el(fl, "span", conflict_flag_icon(f)), "aria-hidden", "true");
        html_text(fl, " ");
        html_text(fl, conflict_flag_text(f));
    }
    return (int)f;
}

int render_has_review(const agreement_status *st)
{
    const revision_view *cur = agreement_status_rev(st, st ? st->revision : 0);
    return st && st->state != AGS_SIGNED && cur && cur->mentee;
}

int render_review(const render_ctx *rc, const page_job *j, page *p, diag *d)
{
    const content *c = rc->c;
    const agreement *ag = &c->agreements[j->item];
    const agreement_status *st = program_state_find(rc->ps, ag->id);
    const revision_view *rev = agreement_status_rev(st, st ? st->revision : 0);
    if (!rev || !rev->mentee) {
        diag_error(d, j->path, 0, "no mentee answers to review");
        return -1;
    }
    const char *mentee_name = render_person_name(c, ag->mentee);
    arena ar = ARENA_INIT;
    form_spec fs = {.page = p,
                    .q = rev->snapshot,
                    .digest = rev->questionnaire_digest,
                    .xml = rev->snapshot_xml,
                    .xml_len = rev->snapshot_len,
                    .program = c->program.id,
                    .ag = ag,
                    .role = ROLE_MENTOR,
                    .party = ag->mentor,
                    .revision = rev->revision,
                    .previous = rev->mentee->previous,
                    .prefill = rev->mentor,
                    .mentee = rev->mentee,
                    .mentee_name = mentee_name,
                    .review = 1};
    const revision_view *before = agreement_status_rev(st, rev->revision - 1);
    if (before && before->mentor) {
        fs.agreed = before->mentor;
        fs.agreed_revision = before->revision;
        fs.agreed_mentee = before->mentee;
    }
    const answers **held[] = {&fs.prefill, &fs.mentee, &fs.agreed, &fs.agreed_mentee};
    if (render_hold_answers(held, 4, &ar, j->path, d) != 0) {
        arena_release(&ar);
        return -1;
    }
    render_form_keys(rc, &fs, &ar);
    const char *title = arena_printf(&ar, "Review: %s", rev->snapshot->title);
    if (render_page_begin(rc, j, p, title) != 0) {
        arena_release(&ar);
        return -1;
    }
    xmlNodePtr m = p->main;
    html_el(m, "h1", title);
    xmlNodePtr who = html_elc(m, "p", "form-for", "Mentor review for the agreement between ");
    html_el(who, "strong", mentee_name);
    html_text(who, " (mentee) and ");
    html_el(who, "strong", render_person_name(c, ag->mentor));
    html_text(who, arena_printf(&ar, " (mentor), revision %d.", rev->revision));
    render_mentor_intro(m, 1,
                        rev->mentor ? "Your signed answers are filled in below. Change any you "
                                      "want to change, then export the answers file and sign it "
                                      "again."
                                    : "When you have answered, export the answers file and sign "
                                      "it.");
    if (rev->build_problem) /* both answered, but no agreement could be made of them */
        html_elc(m, "p", "review-problem",
                 arena_printf(&ar, "No agreement was made: %s. Answer this form again and sign it.",
                              rev->build_problem));
    xmlNodePtr sum = html_elc(m, "p", "review-summary", NULL);
    html_attr(sum, "id", "review-summary");
    html_attr(sum, "role", "status");
    html_attr(sum, "aria-live", "polite");
    int rc_ = render_form_body(m, &fs, d);
    html_attr_number(sum, "data-conflicts", fs.counts.conflicts);
    html_attr_number(sum, "data-discuss", fs.counts.discuss);
    html_attr_number(sum, "data-answered", fs.counts.answered);
    html_attr_number(sum, "data-left", fs.counts.left);
    html_text(sum, conflict_summary(&ar, &fs.counts));
    arena_release(&ar);
    return rc_;
}
