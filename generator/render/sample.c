/* sample.c - the blank sample agreement of a questionnaire: every
 * question the program asks (disabled sections out, the admin's custom
 * questions in), with its options, readable and printable without script.
 *
 * A mentor's own custom questions belong to that mentor's agreements only,
 * so the sample names them in a sentence rather than listing any. */
#include <stdio.h>
#include <string.h>

#include "impl.h"

/* The label of value v of the question named qid in q (or v). */
static const char *value_label(const questionnaire *q, const char *qid, const char *v)
{
    const question *qq = questionnaire_question(q, qid);
    return qq ? question_option_label(qq, v) : v;
}

static void box_item(xmlNodePtr ul, const char *label, int multiple)
{
    xmlNodePtr li = html_el(ul, "li", NULL);
    xmlNodePtr b = html_elc(li, "span", "box", multiple ? "\xe2\x98\x90 " : "\xe2\x97\xaf ");
    html_attr(b, "aria-hidden", "true");
    html_text(li, label);
}

static int sample_question(xmlNodePtr ol, const questionnaire *q, const question *qq,
                           const char *file, diag *d)
{
    xmlNodePtr li = html_elc(ol, "li", "sample-question", NULL);
    char id[64];
    snprintf(id, sizeof id, "q-%s", qq->id);
    html_attr(li, "id", id);
    xmlNodePtr t = html_elc(li, "p", "question-text", qq->text);
    if (!qq->required) { /* as on the forms: optional questions say so */
        html_text(t, " ");
        html_elc(t, "span", "optional", "(optional)");
    }
    if (qq->n_conds) {
        xmlNodePtr c = html_elc(li, "p", "condition", "Answer only if ");
        for (size_t i = 0; i < qq->n_conds; i++) {
            const question *on = questionnaire_question(q, qq->conds[i].question);
            if (i)
                html_text(c, " and ");
            html_text(c, "\xe2\x80\x9c");
            html_text(c, on ? on->text : qq->conds[i].question);
            html_text(c, "\xe2\x80\x9d is \xe2\x80\x9c");
            html_text(c, value_label(q, qq->conds[i].question, qq->conds[i].value));
            html_text(c, "\xe2\x80\x9d");
        }
        html_text(c, ".");
    }
    if (qq->help) {
        xmlNodePtr h = html_elc(li, "div", "hint", NULL);
        if (markdown_render(h, file, qq->help, strlen(qq->help), NULL, d) != 0)
            return -1;
    }
    int multiple = qq->kind == QK_MULTIPLE;
    switch (qq->kind) {
    case QK_YESNO:
    case QK_SINGLE:
    case QK_MULTIPLE: {
        html_elc(li, "p", "choice-hint", multiple ? "Choose any that apply." : "Choose one.");
        xmlNodePtr ul = html_elc(li, "ul", "options", NULL);
        if (qq->kind == QK_YESNO) {
            box_item(ul, "Yes", 0);
            box_item(ul, "No", 0);
        }
        for (size_t i = 0; i < qq->n_options; i++)
            box_item(ul, qq->options[i].label, multiple);
        if (qq->other)
            box_item(ul, "Other (please describe): ________________", multiple);
        break;
    }
    case QK_SHORT:
        html_elc(li, "div", "answer-space answer-short", "Answer: ______________________________");
        break;
    case QK_LONG:
        html_elc(li, "div", "answer-space answer-long", "Answer:");
        break;
    }
    html_elc(li, "p", "note-space", "Note: ______________________________");
    return 0;
}

static int sample_section(xmlNodePtr m, const questionnaire *q, const char *id, const char *title,
                          const char *help, const question *qs, size_t n, const char *file, diag *d)
{
    xmlNodePtr se = html_elc(m, "section", "sample-section", NULL);
    char sid[64];
    snprintf(sid, sizeof sid, "s-%s", id);
    html_attr(se, "id", sid);
    html_el(se, "h2", title);
    if (render_markdown(se, "section-help", file, help, d) != 0)
        return -1;
    xmlNodePtr ol = html_elc(se, "ol", "sample-questions", NULL);
    for (size_t i = 0; i < n; i++)
        if (sample_question(ol, q, &qs[i], qs[i].file ? qs[i].file : file, d) != 0)
            return -1;
    return 0;
}

int render_sample(const render_ctx *rc, const page_job *j, page *p, diag *d)
{
    const content *c = rc->c;
    const program *pr = &c->program;
    const questionnaire *q = &c->questionnaires[j->item];
    arena ar = ARENA_INIT;
    const char *title = arena_printf(&ar, "Sample agreement: %s", q->title);
    int began = render_page_begin(rc, j, p, title);
    if (began == 0)
        html_el(p->main, "h1", title); /* the tree keeps its own copy */
    arena_release(&ar);
    if (began != 0)
        return -1;
    xmlNodePtr m = p->main;
    html_elc(m, "p", "sample-note",
             "A blank copy of every question, to read or print before you fill in your form. "
             "Questions marked (optional) may be left blank; every question allows a note.");
    xmlNodePtr parties = html_elc(m, "dl", "parties", NULL);
    html_el(parties, "dt", "Mentee");
    html_el(parties, "dd", "______________________________");
    html_el(parties, "dt", "Mentor");
    html_el(parties, "dd", "______________________________");
    html_el(parties, "dt", "Date");
    html_el(parties, "dd", "______________________________");
    if (render_markdown(m, "intro", q->file, q->intro, d) != 0)
        return -1;
    for (size_t s = 0; s < q->n_sections; s++) {
        const section *sec = &q->sections[s];
        if (program_section_disabled(pr, q->id, sec->id))
            continue;
        if (sample_section(m, q, sec->id, sec->title, sec->help, sec->questions, sec->n_questions,
                           q->file, d) != 0)
            return -1;
    }
    if (pr->n_custom && sample_section(m, q, "program-questions", "Program questions", NULL,
                                       pr->custom, pr->n_custom, pr->file, d) != 0)
        return -1;
    html_elc(m, "p", "mentor-questions-note",
             "A mentor may add up to five questions of their own; they appear in the forms of "
             "that mentor's agreements.");

    xmlNodePtr sg = html_elc(m, "section", "signatures", NULL);
    html_attr(sg, "id", "signatures");
    html_el(sg, "h2", "Signatures");
    html_el(sg, "p",
            "The mentee answers first, then the mentor; the mentor's answers are final. Each "
            "party signs their answers with their own key, and both then sign the agreement. "
            "Anyone can check the signed agreement offline, years later, with free tools.");
    html_el(sg, "p", "On paper:");
    xmlNodePtr dl = html_elc(sg, "dl", "signature-lines", NULL);
    html_el(dl, "dt", "Mentee signature and date");
    html_el(dl, "dd", "______________________________");
    html_el(dl, "dt", "Mentor signature and date");
    html_el(dl, "dd", "______________________________");
    return 0;
}
