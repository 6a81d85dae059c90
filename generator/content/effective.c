/* effective.c - the effective questionnaire (see content.h): the
 * questionnaire minus the program's disabled sections, plus the admin's and
 * the mentor's custom questions, written canonically and hashed; and the
 * check that a custom question's id is unique in it.
 */
#include <stdio.h>
#include <string.h>

#include "impl.h"

int effective_build(const content *c, const agreement *ag, arena *ar, effective *out)
{
    memset(out, 0, sizeof *out);
    const char *qid = ag ? ag->questionnaire : c->program.idp_questionnaire;
    if (ag && !qid)
        qid = c->program.questionnaire;
    const questionnaire *src = content_questionnaire(c, qid);
    if (!src)
        return -1;
    const person *mentor = ag ? content_person(c, ag->mentor) : NULL;
    const question *admin = ag ? c->program.custom : NULL;
    size_t n_admin = ag ? c->program.n_custom : 0;
    size_t n_mentor = mentor ? mentor->n_custom : 0;

    questionnaire *q = arena_alloc(ar, sizeof *q);
    *q = *src;
    q->sections = arena_alloc(ar, (src->n_sections + 2) * sizeof *q->sections);
    q->n_sections = 0;
    for (size_t s = 0; s < src->n_sections; s++)
        if (!program_section_disabled(&c->program, src->id, src->sections[s].id))
            q->sections[q->n_sections++] = src->sections[s];
    if (n_admin) {
        section *s = &q->sections[q->n_sections++];
        s->id = "program-questions";
        s->title = "Program questions";
        s->questions = (question *)admin;
        s->n_questions = n_admin;
        s->line = admin[0].line;
    }
    if (n_mentor) {
        section *s = &q->sections[q->n_sections++];
        s->id = "mentor-questions";
        s->title = "Questions from your mentor";
        s->questions = mentor->custom;
        s->n_questions = n_mentor;
        s->line = mentor->custom[0].line;
    }
    out->q = q;
    out->xml = questionnaire_serialize(q, ar, &out->xml_len);
    manifest_sha256(out->xml, out->xml_len, out->digest);
    return 0;
}

/* An effective questionnaire already built for questionnaire qid, in a
 * list per mentor with questions of their own (or one for all others). */
typedef struct built {
    const char *qid;
    const effective *e;
    struct built *next;
} built;

const effective **effective_build_all(const content *c, arena *ar)
{
    const effective **out = arena_alloc(ar, (c->n_agreements + 1) * sizeof *out);
    built **by_mentor = arena_alloc(ar, (c->n_people + 1) * sizeof *by_mentor);
    built *plain = NULL; /* mentors with no questions of their own share these */
    memset(by_mentor, 0, (c->n_people + 1) * sizeof *by_mentor);
    for (size_t i = 0; i < c->n_agreements; i++) {
        const agreement *ag = &c->agreements[i];
        const char *qid = ag->questionnaire ? ag->questionnaire : c->program.questionnaire;
        const person *mentor = content_person(c, ag->mentor);
        const question *custom = mentor && mentor->n_custom ? mentor->custom : NULL;
        built **list = custom ? &by_mentor[mentor - c->people] : &plain, *b = *list;
        while (b && strcmp(b->qid, qid ? qid : "") != 0)
            b = b->next;
        effective *e = b ? NULL : arena_alloc(ar, sizeof *e);
        if (!b && qid && effective_build(c, ag, ar, e) == 0) {
            b = arena_alloc(ar, sizeof *b);
            *b = (built){qid, e, *list};
            *list = b;
        }
        out[i] = b ? b->e : NULL;
    }
    effective *idp = arena_alloc(ar, sizeof *idp);
    out[c->n_agreements] = effective_build(c, NULL, ar, idp) == 0 ? idp : NULL;
    return out;
}

/* Custom question ids must not clash with the questions of the
 * questionnaires they are added to (README: ids unique within the effective
 * questionnaire). */
void custom_ids_check(const question *custom, size_t n, const questionnaire *q,
                      const question *other, size_t n_other, diag *d)
{
    for (size_t i = 0; i < n; i++) {
        const question *found = questionnaire_question(q, custom[i].id);
        if (found)
            diag_error(d, custom[i].file, custom[i].line,
                       "custom question id '%s' is already a question of questionnaire '%s' "
                       "(%s:%ld): choose another id",
                       custom[i].id, q->id, found->file, found->line);
        for (size_t j = 0; j < n_other; j++)
            if (!strcmp(custom[i].id, other[j].id))
                diag_error(d, custom[i].file, custom[i].line,
                           "custom question id '%s' is also an admin custom question (%s:%ld): "
                           "choose another id",
                           custom[i].id, other[j].file, other[j].line);
    }
}
