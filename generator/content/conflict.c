/* conflict.c - comparing a mentor's answer with the mentee's, and the
 * review summary (see content.h). */
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

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Returns 1 when a and b (either may be NULL: "") are the same text but for
 * the white space at their ends. */
static int same_text(const char *a, const char *b)
{
    a = a ? a : "";
    b = b ? b : "";
    while (is_space(*a))
        a++;
    while (is_space(*b))
        b++;
    size_t na = strlen(a), nb = strlen(b);
    while (na && is_space(a[na - 1]))
        na--;
    while (nb && is_space(b[nb - 1]))
        nb--;
    return na == nb && !memcmp(a, b, na);
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
        return mentee->text && mentor->text && same_text(mentee->text, mentor->text) ? FLAG_SAME
                                                                                     : FLAG_NONE;
    case QK_YESNO:
    case QK_SINGLE:
    case QK_MULTIPLE:
        break;
    }
    /* sets, both ways: a multiple answer's order never makes a difference */
    if (!values_within(mentee, mentor) || !values_within(mentor, mentee))
        return FLAG_CONFLICT;
    /* the same values; "other" in both says something only its texts tell */
    if (answer_has_value(mentee, "other") && !same_text(mentee->other, mentor->other))
        return FLAG_CONFLICT;
    return FLAG_SAME;
}

const char *conflict_flag_class(agreement_flag f)
{
    static const char *const v[] = {"flag-none", "flag-same", "flag-conflict", "flag-discuss"};
    return v[f];
}

const char *conflict_flag_icon(agreement_flag f)
{
    /* "=", "≠" and "?": in every system font, none an emoji */
    static const char *const v[] = {"", "=", "\u2260", "?"};
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
        [DISCUSS_ONE] = "1 question the mentee answered is for discussion.",
        [DISCUSS_MANY] = "{n} questions the mentee answered are for discussion.",
        [UNANSWERED_ONE] = "You have not answered the question yet.",
        [UNANSWERED_MANY] = "You have not answered any of the {n} questions yet.",
        [LEFT_ONE] = "You have 1 question left to answer.",
        [LEFT_MANY] = "You have {n} questions left to answer.",
    };
    return v[k];
}

/* Appends sentence k to b with "{n}" replaced by n, after a space unless b
 * is empty. */
static void sentence(sbuf *b, conflict_sentence_kind k, int n)
{
    const char *s = conflict_sentence(k), *at = strstr(s, "{n}");
    if (b->len)
        sb_puts(b, " ");
    if (!at) {
        sb_puts(b, s);
        return;
    }
    sb_put(b, s, (size_t)(at - s));
    sb_printf(b, "%d", n);
    sb_puts(b, at + 3);
}

const char *conflict_summary(arena *ar, const conflict_counts *n)
{
    sbuf b = SBUF_INIT;
    size_t len;
    if (n->answered == 0 && n->left > 0) {
        sentence(&b, n->left == 1 ? UNANSWERED_ONE : UNANSWERED_MANY, n->left);
    } else {
        if (n->left > 0)
            sentence(&b, n->left == 1 ? LEFT_ONE : LEFT_MANY, n->left);
        sentence(&b,
                 n->conflicts == 0   ? SUMMARY_NONE
                 : n->conflicts == 1 ? SUMMARY_ONE
                                     : SUMMARY_MANY,
                 n->conflicts);
        if (n->discuss > 0)
            sentence(&b, n->discuss == 1 ? DISCUSS_ONE : DISCUSS_MANY, n->discuss);
    }
    char *text = sb_take(&b, &len);
    const char *out = arena_strdup(ar, text);
    free(text);
    return out;
}
