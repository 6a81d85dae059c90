/* next_step.c - what happens next in an agreement and when its review
 * falls due: the one reading of an agreement_status that the admin's
 * pages, personal pages and the commands share (content.h). */
#include <stdio.h>
#include <string.h>

#include "base.h"
#include "content.h"

void agreement_review_date(const char *created, int months, char out[11])
{
    char t[21];
    long long due = meta_time_add_months(meta_time_parse(created), months);
    if (due < 0 || meta_time_format(due, t)) {
        snprintf(out, 11, "?");
        return;
    }
    snprintf(out, 11, "%.10s", t);
}

next_step agreement_next_step(const agreement_status *st)
{
    next_step n = {.kind = NEXT_MENTEE_ANSWERS, .acts = {1, 0}};
    if (st && st->ag && st->ag->ended)
        return (next_step){.kind = NEXT_NONE};
    const revision_view *cur = agreement_status_rev(st, st ? st->revision : 0);
    switch (st ? st->state : AGS_NOT_STARTED) {
    case AGS_NOT_STARTED:
    case AGS_MENTOR_ANSWERED:
        break;
    case AGS_MENTEE_ANSWERED:
        n = (next_step){.kind = NEXT_MENTOR_ANSWERS, .acts = {0, 1}};
        break;
    case AGS_AWAITING:
        if (cur && cur->bundle)
            n = (next_step){
                .kind = NEXT_SIGN,
                .acts = {!cur->sigs[ROLE_MENTEE].key_id, !cur->sigs[ROLE_MENTOR].key_id}};
        else
            n = (next_step){.kind = NEXT_PROGRAM};
        break;
    case AGS_SIGNED:
        n = (next_step){.kind = NEXT_REVIEW, .acts = {1, 1}};
        break;
    }
    const revision_view *last = agreement_status_last_signed(st);
    if (last) {
        agreement_review_date(last->view.created, last->facts.review_months, n.review_date);
        if (n.review_date[0] == '?')
            n.review_date[0] = '\0';
    }
    return n;
}

/* A YYYY-MM-DD day as seconds at its midnight UTC, or -1. */
static long long day_time(const char *day)
{
    char t[21];
    if (!day || strlen(day) != 10)
        return -1;
    snprintf(t, sizeof t, "%sT00:00:00Z", day);
    return meta_time_parse(t);
}

int valid_day(const char *s)
{
    int shape = s && strlen(s) == 10;
    for (int i = 0; shape && i < 10; i++)
        shape = i == 4 || i == 7 ? s[i] == '-' : s[i] >= '0' && s[i] <= '9';
    char back[21];
    long long t = shape ? day_time(s) : -1;
    /* a real day is what formatting its midnight gives back */
    return t >= 0 && meta_time_format(t, back) == 0 && !strncmp(back, s, 10);
}

review_state review_state_on(const char *review_date, const char *as_of)
{
    long long due = day_time(review_date), now = day_time(as_of);
    if (due < 0 || now < 0)
        return REVIEW_NOT_DUE;
    if (now > due)
        return REVIEW_OVERDUE;
    return now >= due - (long long)REVIEW_DUE_DAYS * 86400 ? REVIEW_DUE : REVIEW_NOT_DUE;
}

void review_due_from(const char *review_date, char out[11])
{
    char t[21];
    long long due = day_time(review_date);
    if (due < 0 || meta_time_format(due - (long long)REVIEW_DUE_DAYS * 86400, t)) {
        out[0] = '\0';
        return;
    }
    snprintf(out, 11, "%.10s", t);
}
