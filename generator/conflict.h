/* conflict.h - how a mentor's answer compares with the mentee's (issue 4
 * D5). The review page's server-side flags come from here; the form's script
 * implements the very same rules for live updates, so keep them identical
 * (notes/issue4-contract.md "D5 markup as built"). */
#ifndef ACCORD_CONFLICT_H
#define ACCORD_CONFLICT_H

#include "arena.h"
#include "model.h"

typedef enum {
    FLAG_NONE,     /* nothing to say: the mentee did not answer, or free texts differ */
    FLAG_SAME,     /* both answered alike */
    FLAG_CONFLICT, /* choice answers that differ */
    FLAG_DISCUSS,  /* only the mentee answered */
} agreement_flag;

/* Returns 1 when an answers its question: values, text or other text (a note
 * alone is not an answer). an may be NULL. */
int answer_given(const answer *an);

/* Compares the answers to question q (either may be NULL: not answered; pass
 * NULL for the mentor's when q is hidden by the mentor's other answers).
 * yes/no and single differ when the value differs, multiple when the sets
 * differ; free text never conflicts (equal texts are "same"); a question only
 * the mentee answered is for discussion; one only the mentor answered has no
 * flag. */
agreement_flag conflict_flag(const question *q, const answer *mentee, const answer *mentor);

/* The class ("flag-conflict", ...), the icon ("" for FLAG_NONE) and the
 * text ("" for FLAG_NONE) of a flag: static strings. */
const char *conflict_flag_class(agreement_flag f);
const char *conflict_flag_icon(agreement_flag f);
const char *conflict_flag_text(agreement_flag f);

/* Returns the review summary for the counts, in ar: "3 answers differ from
 * the mentee's." followed, when discuss > 0, by " 2 questions the mentee
 * answered are for discussion." */
const char *conflict_summary(arena *ar, int conflicts, int discuss);

#endif
