/* changes.c - what changed between two revisions of an agreement, per
 * question: the agreed (final) answer, and each party's note. An answer is
 * compared by what it says: its values as a set, its "other" text and its
 * text; an unanswered question and an absent one are the same. */
#include <string.h>

#include "impl.h"

const char *render_answer_string(const question *q, const answer *an, arena *ar)
{
    if (!answer_given(an))
        return "no answer";
    if (an->text)
        return an->text;
    const char *out = "";
    for (size_t i = 0; i < an->n_values; i++) {
        const char *v = an->values[i];
        const char *words = !strcmp(v, "other") && q->other && an->other
                                ? arena_printf(ar, "Other: %s", an->other)
                                : question_option_label(q, v);
        out = i ? arena_printf(ar, "%s, %s", out, words) : words;
    }
    return out;
}

static int same_text(const char *a, const char *b)
{
    return !strcmp(a ? a : "", b ? b : "");
}

int render_answer_changed(const answer *before, const answer *after)
{
    int had = answer_given(before), has = answer_given(after);
    if (had != has)
        return 1;
    if (!had)
        return 0;
    if (!same_text(before->text, after->text) || before->n_values != after->n_values)
        return 1;
    for (size_t i = 0; i < after->n_values; i++)
        if (!answer_has_value(before, after->values[i]))
            return 1;
    return answer_has_value(after, "other") && !same_text(before->other, after->other);
}

int render_note_changed(const answer *before, const answer *after)
{
    return !same_text(before ? before->note : NULL, after ? after->note : NULL);
}

/* Appends a change to *v (of *n, room for cap) when before and after say
 * different things. */
static void add(page_change *v, size_t *n, size_t cap, const char *text, const char *what,
                const char *before, const char *after)
{
    if (*n < cap && !same_text(before, after))
        v[(*n)++] =
            (page_change){text, what, before ? before : "no note", after ? after : "no note"};
}

size_t render_changes(const questionnaire *q, const answers *const was[2],
                      const answers *const now[2], const char *names[2], page_change **out,
                      arena *ar)
{
    size_t cap = 0, n = 0;
    for (size_t s = 0; s < q->n_sections; s++)
        cap += 3 * q->sections[s].n_questions;
    page_change *v = arena_alloc(ar, (cap ? cap : 1) * sizeof *v);
    for (size_t s = 0; s < q->n_sections; s++)
        for (size_t i = 0; i < q->sections[s].n_questions; i++) {
            const question *qq = &q->sections[s].questions[i];
            const answer *b = answers_find(was[ROLE_MENTOR], qq->id);
            const answer *a = answers_find(now[ROLE_MENTOR], qq->id);
            if (render_answer_changed(b, a))
                add(v, &n, cap, qq->text, "Agreed answer", render_answer_string(qq, b, ar),
                    render_answer_string(qq, a, ar));
            for (int k = 0; k < 2; k++) {
                const answer *bn = answers_find(was[k], qq->id), *an = answers_find(now[k], qq->id);
                add(v, &n, cap, qq->text, arena_printf(ar, "Note of %s", names[k]),
                    bn ? bn->note : NULL, an ? an->note : NULL);
            }
        }
    *out = v;
    return n;
}
