/* review.c - the mentor's review page: the mentor form with the mentee's
 * answers in a read-only column beside each question (mentee_answer.c).
 * The page scripts (review.js, conflicts.js) read #review-summary with
 * data-conflicts, data-discuss, data-answered and data-left. */
#include <stdio.h>
#include <string.h>

#include "impl.h"

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
