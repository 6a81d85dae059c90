/* questions_page.c - public/questions.html, "Your own questions": where a
 * mentor writes up to CUSTOM_QUESTIONS_MAX questions of their own and
 * downloads them as the file 'accord add' takes in (questions/<party>.xml).
 * The page script (own-questions.js) builds the form in the element written
 * here and checks it by the rules accord checks a mentor's custom questions
 * by, which this element carries: data-limit-questions, -options, -label
 * (characters), -help (bytes), -id (characters), data-options-min, and
 * data-taken-ids, the question ids no custom question may take (those of
 * every agreement questionnaire and the program's custom questions). The
 * mentor's party id comes from the page's fragment (#party=ID, as a
 * personal home links it) or is typed; nothing leaves the browser. */
#include <string.h>

#include "impl.h"

/* Every question id of agreement questionnaires and the program's custom
 * questions, space-separated, in ar. */
static const char *taken_ids(const content *c, arena *ar)
{
    const char *ids = "";
    for (size_t i = 0; i < c->n_questionnaires; i++) {
        const questionnaire *q = &c->questionnaires[i];
        for (size_t s = 0; q->kind == QN_AGREEMENT && s < q->n_sections; s++)
            for (size_t k = 0; k < q->sections[s].n_questions; k++)
                ids = arena_printf(ar, "%s%s%s", ids, *ids ? " " : "",
                                   q->sections[s].questions[k].id);
    }
    for (size_t k = 0; k < c->program.n_custom; k++)
        ids = arena_printf(ar, "%s%s%s", ids, *ids ? " " : "", c->program.custom[k].id);
    return ids;
}

int render_questions(const render_ctx *rc, const page_job *j, page *p, diag *d)
{
    const program *pr = &rc->c->program;
    (void)d;
    if (render_page_begin(rc, j, p, "Your own questions") != 0)
        return -1;
    arena ar = ARENA_INIT;
    xmlNodePtr m = p->main;
    html_el(m, "h1", "Your own questions");
    html_el(m, "p",
            arena_printf(&ar,
                         "As a mentor, you may add up to %d questions of your own to the "
                         "agreement forms of your mentees. Write them here, download the file "
                         "and send it to the program. The program adds them to your mentees' "
                         "forms.",
                         CUSTOM_QUESTIONS_MAX));
    xmlNodePtr para = html_el(m, "p",
                              "Everything happens in your browser: nothing you type "
                              "here leaves your computer until you send the file");
    if (pr->contact) {
        html_text(para, " to ");
        html_link(para, arena_printf(&ar, "mailto:%s", pr->contact), pr->contact);
    }
    html_text(para, ".");
    xmlNodePtr box = html_elc(m, "div", "accord-own-questions", NULL);
    html_attr(box, "id", "accord-own-questions");
    html_attr_number(box, "data-limit-questions", CUSTOM_QUESTIONS_MAX);
    html_attr_number(box, "data-limit-options", CUSTOM_OPTIONS_MAX);
    html_attr_number(box, "data-options-min", OPTIONS_MIN);
    html_attr_number(box, "data-limit-label", LABEL_MAX);
    html_attr_number(box, "data-limit-help", MARKDOWN_MAX);
    html_attr_number(box, "data-limit-id", ID_MAX);
    html_attr(box, "data-taken-ids", taken_ids(rc->c, &ar));
    xmlNodePtr ns = html_el(m, "noscript", NULL);
    html_el(ns, "p",
            "This page needs JavaScript to write your questions. Turn JavaScript on in your "
            "browser, then come back to this page.");
    arena_release(&ar);
    return 0;
}
