/* idp_view.c - a mentee's signed individual development plan, to read:
 * each section of the questionnaire they answered (their bundle's
 * snapshot) with the questions they answered, each answer and note as
 * text. Sealed among the mentee's own pages (personal.c) and, when the
 * program shares IDPs with mentors, among their mentors' pages. */
#include "impl.h"

void render_idp_view(const render_ctx *rc, const idp_view *v, xmlNodePtr m, arena *ar)
{
    const questionnaire *q = v->snapshot;
    html_el(m, "h1", q && q->title ? q->title : "Individual development plan");
    xmlNodePtr who = html_elc(m, "p", "form-for", "The plan of ");
    html_el(who, "strong", render_person_name(rc->c, v->mentee));
    html_text(who, arena_printf(ar, ", revision %d, signed on %.10s.", v->revision, v->created));
    size_t shown = 0;
    for (size_t s = 0; q && s < q->n_sections; s++) {
        const section *sec = &q->sections[s];
        xmlNodePtr dl = NULL;
        for (size_t i = 0; i < sec->n_questions; i++) {
            const question *qq = &sec->questions[i];
            const answer *an = answers_find(v->ans, qq->id);
            if (!an || (!answer_given(an) && !an->note))
                continue;
            if (!dl) {
                html_el(m, "h2", sec->title ? sec->title : sec->id);
                dl = html_elc(m, "dl", "idp-answers", NULL);
            }
            html_el(dl, "dt", qq->text);
            xmlNodePtr dd = html_el(dl, "dd", NULL);
            if (answer_given(an))
                render_answer_text(html_el(dd, "p", NULL), qq, an);
            if (an->note)
                html_elc(dd, "p", "answer-note", arena_printf(ar, "Note: %s", an->note));
            shown++;
        }
    }
    if (!shown)
        html_el(m, "p", "The plan answers no question yet.");
}
