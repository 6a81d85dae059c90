/* conflict.c - comparing a mentor's answer with the mentee's (see
 * conflict.h). */
#include "content.h"

#include <stdlib.h>
#include <string.h>

/* Returns 1 when every value of a is among b's values. */
static int values_within(const answer *a, const answer *b)
{
    for (size_t i = 0; i < a->n_values; i++)
        if (!answer_has_value(b, a->values[i]))
            return 0;
    return 1;
}

agreement_flag conflict_flag(const question *q, const answer *mentee, const answer *mentor)
{
    if (!answer_given(mentee))
        return FLAG_NONE;
    if (!answer_given(mentor))
        return FLAG_DISCUSS;
    switch (q->kind) {
    case QK_SHORT:
    case QK_LONG:
        return mentee->text && mentor->text && !strcmp(mentee->text, mentor->text) ? FLAG_SAME
                                                                                   : FLAG_NONE;
    case QK_YESNO:
    case QK_SINGLE:
    case QK_MULTIPLE:
        break;
    }
    /* sets, both ways: a multiple answer's order never makes a difference */
    return values_within(mentee, mentor) && values_within(mentor, mentee) ? FLAG_SAME
                                                                          : FLAG_CONFLICT;
}

const char *conflict_flag_class(agreement_flag f)
{
    static const char *const v[] = {"flag-none", "flag-same", "flag-conflict", "flag-discuss"};
    return v[f];
}

const char *conflict_flag_icon(agreement_flag f)
{
    static const char *const v[] = {"", "\u2713", "\u26a0", "\U0001f4ac"};
    return v[f];
}

const char *conflict_flag_text(agreement_flag f)
{
    static const char *const v[] = {"", "Same as the mentee's answer",
                                    "Differs from the mentee's answer",
                                    "The mentee answered; discuss before you answer"};
    return v[f];
}

const char *conflict_sentence(conflict_sentence_kind k)
{
    static const char *const v[] = {
        [SUMMARY_NONE] = "No answers differ from the mentee's.",
        [SUMMARY_ONE] = "1 answer differs from the mentee's.",
        [SUMMARY_MANY] = "{n} answers differ from the mentee's.",
        [DISCUSS_ONE] = " 1 question the mentee answered is for discussion.",
        [DISCUSS_MANY] = " {n} questions the mentee answered are for discussion.",
    };
    return v[k];
}

/* Appends sentence k to b with "{n}" replaced by n. */
static void sentence(sbuf *b, conflict_sentence_kind k, int n)
{
    const char *s = conflict_sentence(k), *at = strstr(s, "{n}");
    if (!at) {
        sb_puts(b, s);
        return;
    }
    sb_put(b, s, (size_t)(at - s));
    sb_printf(b, "%d", n);
    sb_puts(b, at + 3);
}

const char *conflict_summary(arena *ar, int conflicts, int discuss)
{
    sbuf b = SBUF_INIT;
    size_t len;
    sentence(&b,
             conflicts == 0   ? SUMMARY_NONE
             : conflicts == 1 ? SUMMARY_ONE
                              : SUMMARY_MANY,
             conflicts);
    if (discuss)
        sentence(&b, discuss == 1 ? DISCUSS_ONE : DISCUSS_MANY, discuss);
    char *text = sb_take(&b, &len);
    const char *out = arena_strdup(ar, text);
    free(text);
    return out;
}
