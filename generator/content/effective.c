/* effective.c - the effective questionnaire (see content.h): the
 * questionnaire minus the program's disabled sections, plus the admin's and
 * the mentor's custom questions, written canonically and hashed.
 */
#include "content.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

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
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, out->xml, out->xml_len);
    sodium_bin2hex(out->digest, sizeof out->digest, h, sizeof h);
    return 0;
}
