/* model.c - lookups over the content model (see content.h). */
#include "content.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The content arrays are sorted by id (content_load sorts them), so lookups
 * are binary searches. */
#define BSEARCH_BY_ID(type, array, n, id)                                                          \
    do {                                                                                           \
        size_t lo = 0, hi = (n);                                                                   \
        while (id && lo < hi) {                                                                    \
            size_t mid = lo + (hi - lo) / 2;                                                       \
            const type *e = &(array)[mid];                                                         \
            int r = strcmp(id, e->id);                                                             \
            if (r == 0)                                                                            \
                return e;                                                                          \
            if (r < 0)                                                                             \
                hi = mid;                                                                          \
            else                                                                                   \
                lo = mid + 1;                                                                      \
        }                                                                                          \
        return NULL;                                                                               \
    } while (0)

const questionnaire *content_questionnaire(const content *c, const char *id)
{
    BSEARCH_BY_ID(questionnaire, c->questionnaires, c->n_questionnaires, id);
}

const person *content_person(const content *c, const char *id)
{
    BSEARCH_BY_ID(person, c->people, c->n_people, id);
}

const agreement *content_agreement(const content *c, const char *id)
{
    BSEARCH_BY_ID(agreement, c->agreements, c->n_agreements, id);
}

/* Questionnaires are in document order: a linear scan. The first match
 * wins (a checked questionnaire has no duplicates). */
const question *questionnaire_question(const questionnaire *q, const char *id)
{
    if (!q || !id)
        return NULL;
    for (size_t s = 0; s < q->n_sections; s++)
        for (size_t i = 0; i < q->sections[s].n_questions; i++) {
            const question *qq = &q->sections[s].questions[i];
            if (qq->id && !strcmp(qq->id, id))
                return qq;
        }
    return NULL;
}

const answer *answers_find(const answers *a, const char *question_id)
{
    if (!a || !question_id)
        return NULL;
    if (!a->answers && a->items_at) {
        fprintf(stderr, "accord: internal error: answers of %s read while set aside\n", a->file);
        abort();
    }
    for (size_t i = 0; i < a->n_answers; i++)
        if (a->answers[i].question && !strcmp(a->answers[i].question, question_id))
            return &a->answers[i];
    return NULL;
}

int answer_has_value(const answer *an, const char *v)
{
    for (size_t i = 0; an && i < an->n_values; i++)
        if (!strcmp(an->values[i], v))
            return 1;
    return 0;
}

int answer_given(const answer *an)
{
    return an && (an->n_values || an->text || an->other);
}

int question_visible(const question *q, const answers *a)
{
    for (size_t k = 0; k < q->n_conds; k++)
        if (!answer_has_value(answers_find(a, q->conds[k].question), q->conds[k].value))
            return 0;
    return 1;
}

const char *question_value(const question *q, const char *v)
{
    if (q->kind == QK_YESNO)
        return !strcmp(v, "yes") ? "yes" : !strcmp(v, "no") ? "no" : NULL;
    if (q->other && !strcmp(v, "other"))
        return "other";
    for (size_t i = 0; i < q->n_options; i++)
        if (!strcmp(q->options[i].value, v))
            return q->options[i].value;
    return NULL;
}

int question_has_option(const question *q, const char *v)
{
    return question_value(q, v) != NULL;
}

const char *question_option_label(const question *q, const char *v)
{
    if (q->kind == QK_YESNO)
        return !strcmp(v, "yes") ? "Yes" : !strcmp(v, "no") ? "No" : v;
    for (size_t i = 0; i < q->n_options; i++)
        if (!strcmp(q->options[i].value, v))
            return q->options[i].label;
    return !strcmp(v, "other") && q->other ? "Other" : v;
}

int program_section_disabled(const program *p, const char *qid, const char *sid)
{
    for (size_t i = 0; i < p->n_disabled; i++)
        if (!strcmp(p->disabled[i].questionnaire, qid) && !strcmp(p->disabled[i].section, sid))
            return 1;
    return 0;
}

const char *question_kind_name(question_kind k)
{
    switch (k) {
    case QK_YESNO:
        return "yesno";
    case QK_SINGLE:
        return "single";
    case QK_MULTIPLE:
        return "multiple";
    case QK_SHORT:
        return "short";
    case QK_LONG:
        return "long";
    }
    return "?";
}

const char *role_name(party_role r)
{
    return r == ROLE_MENTOR ? "mentor" : "mentee";
}

agreement_facts content_agreement_facts(const content *c, const agreement *ag)
{
    const person *mentee = content_person(c, ag->mentee), *mentor = content_person(c, ag->mentor);
    agreement_facts f = {c->program.title, mentee ? mentee->name : ag->mentee,
                         mentor ? mentor->name : ag->mentor, c->program.review_months};
    return f;
}

int agreement_facts_equal(const agreement_facts *a, const agreement_facts *b)
{
    return !strcmp(a->program_title, b->program_title) && !strcmp(a->mentee_name, b->mentee_name) &&
           !strcmp(a->mentor_name, b->mentor_name) && a->review_months == b->review_months;
}

const idp_view *program_state_idp(const program_state *ps, const char *mentee)
{
    size_t lo = 0, hi = ps ? ps->n_idps : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int r = strcmp(mentee, ps->idps[mid].mentee);
        if (r == 0)
            return &ps->idps[mid];
        if (r < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const agreement_status *program_state_find(const program_state *ps, const char *id)
{
    size_t lo = 0, hi = ps ? ps->n : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int r = strcmp(id, ps->agreements[mid].ag->id);
        if (r == 0)
            return &ps->agreements[mid];
        if (r < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const revision_view *agreement_status_rev(const agreement_status *s, int r)
{
    for (size_t i = 0; s && i < s->n_revs; i++)
        if (s->revs[i].revision == r)
            return &s->revs[i];
    return NULL;
}

const revision_view *agreement_status_last_signed(const agreement_status *s)
{
    for (size_t i = s ? s->n_revs : 0; i-- > 0;)
        if (s->revs[i].signed_by_both)
            return &s->revs[i];
    return NULL;
}

const char *agreement_state_name(agreement_state st)
{
    static const char *const v[] = {"not started", "mentee answered", "mentor answered",
                                    "awaiting signatures", "signed"};
    return v[st];
}
