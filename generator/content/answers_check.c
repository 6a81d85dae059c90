/* answers_check.c - checking an answers file against the content: its
 * agreement, party and role, and every answer against the effective
 * questionnaire (see content.h). `accord check` and `accord sign` run the
 * same function, so what is signed is what was checked.
 */
#include <string.h>

#include "impl.h"

static void check_answer(const answers *a, const answer *an, const question *q, diag *d)
{
    const char *f = a->file;
    long line = an->line;
    int choice = q->kind == QK_YESNO || q->kind == QK_SINGLE || q->kind == QK_MULTIPLE;
    if (!question_visible(q, a)) {
        diag_error(d, f, line,
                   "question '%s' is answered but hidden (its show-if does not hold): remove "
                   "the answer or change the answer it depends on",
                   q->id);
        return;
    }
    if (!choice && an->n_values)
        diag_error(d, f, line, "question '%s' is a %s question: answer it with <text>, not <value>",
                   q->id, question_kind_name(q->kind));
    if (choice && an->text)
        diag_error(d, f, line, "question '%s' is a %s question: answer it with <value>, not <text>",
                   q->id, question_kind_name(q->kind));
    if (choice && q->kind != QK_MULTIPLE && an->n_values > 1)
        diag_error(d, f, line, "question '%s' takes exactly one value, not %u", q->id,
                   an->n_values);
    int chose_other = 0;
    for (size_t i = 0; choice && i < an->n_values; i++) {
        const char *v = an->values[i];
        if (!question_has_option(q, v)) {
            diag_error(d, f, line, "'%s' is not a value of question '%s': use %s", v, q->id,
                       q->kind == QK_YESNO ? "yes or no" : "one of its option values");
            continue;
        }
        chose_other |= !strcmp(v, "other");
        for (size_t j = 0; j < i && an->n_values <= OPTIONS_MAX + 1; j++)
            if (!strcmp(an->values[j], v))
                diag_error(d, f, line, "value '%s' is given twice for question '%s': keep one", v,
                           q->id);
    }
    if (chose_other && (!an->other || !*an->other))
        diag_error(d, f, line,
                   "question '%s' has value 'other' but no <other> text: write what \"other\" "
                   "means",
                   q->id);
    if (an->other && !chose_other)
        diag_error(d, f, line,
                   "question '%s' has <other> text but the value 'other' is not chosen: add "
                   "<value>other</value> or remove the <other>",
                   q->id);
    if (an->text) {
        size_t n = utf8_chars(an->text);
        size_t max = q->kind == QK_LONG ? LONG_TEXT_MAX : SHORT_TEXT_MAX;
        if (n > max)
            diag_error(d, f, line,
                       "answer to question '%s' has %zu characters: a %s answer has at most %zu; "
                       "shorten it",
                       q->id, n, question_kind_name(q->kind), max);
        if (q->kind == QK_SHORT && strchr(an->text, '\n'))
            diag_error(d, f, line,
                       "answer to short question '%s' has a line break: keep it on "
                       "one line",
                       q->id);
    }
}

/* Checks who wrote a: agreement, role, party. Returns the agreement (NULL
 * for IDP answers) through *ag; returns -1 when the effective questionnaire
 * cannot even be chosen. */
static int check_parties(const content *c, const answers *a, const agreement **ag, diag *d)
{
    const char *f = a->file;
    *ag = NULL;
    if (a->program && c->program.id && strcmp(a->program, c->program.id))
        diag_error(d, f, a->line, "answers are for program '%s', but this content is program '%s'",
                   a->program, c->program.id);
    if (!a->agreement) {
        if (!c->program.idp_questionnaire || !c->program.idp_enabled) {
            diag_error(d, f, a->line,
                       "answers name no agreement, so they are IDP answers, but the program has "
                       "no IDP enabled: add agreement=\"...\"");
            return -1;
        }
        if (a->role != ROLE_MENTEE)
            diag_error(d, f, a->line, "IDP answers have role=\"mentee\", not \"%s\"",
                       role_name(a->role));
        if (a->party && !content_person(c, a->party))
            diag_error(d, f, a->line, "party '%s' is not a person of people.xml", a->party);
        return 0;
    }
    *ag = content_agreement(c, a->agreement);
    if (!*ag) {
        diag_error(d, f, a->line,
                   "answers name unknown agreement '%s': no such agreement in "
                   "people.xml",
                   a->agreement);
        return -1;
    }
    const char *want = a->role == ROLE_MENTOR ? (*ag)->mentor : (*ag)->mentee;
    if (!a->party || strcmp(a->party, want))
        diag_error(d, f, a->line,
                   "party '%s' is not the %s of agreement '%s' (that is '%s'): answers are "
                   "signed by the person who wrote them",
                   a->party ? a->party : "", role_name(a->role), (*ag)->id, want);
    return 0;
}

/* The checks of answers_check once the questionnaire is known: a against
 * questionnaire e (its id, version and digest, then every answer). */
static int check_against(const answers *a, const agreement *ag, const effective *e, diag *d)
{
    int before = d->errors;
    const char *f = a->file;
    const questionnaire *q = e->q;
    if (!a->questionnaire || strcmp(a->questionnaire, q->id)) {
        diag_error(d, f, a->line,
                   "answers are for questionnaire '%s', but the %s uses questionnaire '%s': "
                   "answer the right form",
                   a->questionnaire ? a->questionnaire : "", ag ? "agreement" : "IDP", q->id);
        return -1;
    }
    if (!a->version || strcmp(a->version, q->version))
        diag_error(d, f, a->line,
                   "answers are for version '%s' of questionnaire '%s', but the current version "
                   "is '%s': answer the current form (it can start from these answers)",
                   a->version ? a->version : "", q->id, q->version);
    if (!a->digest || strcmp(a->digest, e->digest))
        diag_error(d, f, a->line,
                   "questionnaire digest %s does not match the effective questionnaire's %s: the "
                   "questions changed since these answers were saved; answer the current form "
                   "(it can start from these answers)",
                   a->digest ? a->digest : "", e->digest);

    answers_check_questions(a, q, d);
    answers_check_previous(a, d);
    return d->errors != before ? -1 : 0;
}

int answers_check(const content *c, const answers *a, arena *ar, const questionnaire **eq, diag *d)
{
    int before = d->errors;
    if (eq)
        *eq = NULL;
    const agreement *ag;
    if (check_parties(c, a, &ag, d) != 0)
        return -1;
    effective e;
    if (effective_build(c, ag, ar, &e) != 0) {
        diag_error(d, a->file, a->line, "the content has no questionnaire for these answers");
        return -1;
    }
    if (check_against(a, ag, &e, d) != 0 || d->errors != before)
        return -1;
    if (eq)
        *eq = e.q;
    return 0;
}

int answers_check_with(const content *c, const answers *a, const effective *e, diag *d)
{
    int before = d->errors;
    const agreement *ag;
    if (check_parties(c, a, &ag, d) != 0)
        return -1;
    return check_against(a, ag, e, d) != 0 || d->errors != before ? -1 : 0;
}

int answers_check_questions(const answers *a, const questionnaire *q, diag *d)
{
    int before = d->errors;
    const char *f = a->file;
    for (size_t i = 0; i < a->n_answers; i++) {
        const answer *an = &a->answers[i];
        const question *qq = questionnaire_question(q, an->question);
        if (!qq)
            diag_error(d, f, an->line,
                       "answer to unknown question '%s': questionnaire '%s' has no such "
                       "question; remove the answer",
                       an->question ? an->question : "", q->id);
        else
            check_answer(a, an, qq, d);
    }
    for (size_t s = 0; s < q->n_sections; s++)
        for (size_t i = 0; i < q->sections[s].n_questions; i++) {
            const question *qq = &q->sections[s].questions[i];
            if (qq->required && !answer_given(answers_find(a, qq->id)) && question_visible(qq, a))
                diag_error(d, f, a->line,
                           "required question '%s' (section '%s') is not answered: answer it",
                           qq->id, q->sections[s].id);
        }
    return d->errors == before ? 0 : -1;
}

int answers_check_previous(const answers *a, diag *d)
{
    if (!a->agreement) { /* IDP answers follow no signed agreement */
        if (a->previous)
            diag_error(d, a->file, a->line,
                       "IDP answers have previous=\"%s\": only an agreement's review names the "
                       "agreement it follows; remove it",
                       a->previous);
        return a->previous ? -1 : 0;
    }
    if (a->revision == 1 && a->previous) {
        diag_error(d, a->file, a->line,
                   "revision 1 has previous=\"%s\": a first revision follows no agreement; "
                   "remove previous or set the right revision",
                   a->previous);
        return -1;
    }
    if (a->revision > 1 && !a->previous) {
        diag_error(d, a->file, a->line,
                   "revision %d has no previous=\"...\": a review names the digest of the "
                   "signed agreement of revision %d; answer the review form of the private site",
                   a->revision, a->revision - 1);
        return -1;
    }
    return 0;
}
