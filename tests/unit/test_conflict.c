/* test_conflict.c - the review page's conflict rules, which conflicts.js
 * must match: every kind of question, both orders, and the summary text. */
#include <string.h>

#include "check.h"
#include "content.h"

static answer ans(const char **values, size_t n, const char *text, const char *other,
                  const char *note)
{
    answer a;
    memset(&a, 0, sizeof a);
    a.values = values;
    a.n_values = n;
    a.text = text;
    a.other = other;
    a.note = note;
    return a;
}

/* Checks that the summary of counts n reads want. */
static void summary_is(arena *ar, conflict_counts n, const char *want, const char *what)
{
    const char *got = conflict_summary(ar, &n);
    CHECK(!strcmp(got, want), what);
    if (strcmp(got, want))
        printf("# got \"%s\"\n", got);
}

int main(void)
{
    question single = {.id = "freq", .kind = QK_SINGLE, .other = 1};
    question multi = {.id = "topics", .kind = QK_MULTIPLE};
    question yesno = {.id = "ok", .kind = QK_YESNO};
    question text = {.id = "goal", .kind = QK_LONG};
    const char *weekly[] = {"weekly"}, *monthly[] = {"monthly"}, *other[] = {"other"};
    const char *ab[] = {"a", "b"}, *ba[] = {"b", "a"}, *a_[] = {"a"}, *abc[] = {"a", "b", "c"};
    const char *yes[] = {"yes"}, *no[] = {"no"};

    answer w = ans(weekly, 1, NULL, NULL, NULL), m = ans(monthly, 1, NULL, NULL, NULL);
    CHECK(conflict_flag(&single, &w, &m) == FLAG_CONFLICT, "single: different values conflict");
    CHECK(conflict_flag(&single, &w, &w) == FLAG_SAME, "single: the same value is the same");
    answer o1 = ans(other, 1, NULL, "every day", NULL), o2 = ans(other, 1, NULL, "never", NULL);
    answer o1_spaced = ans(other, 1, NULL, " every day\n", NULL);
    CHECK(conflict_flag(&single, &o1, &o2) == FLAG_CONFLICT, "single: other texts that differ");
    CHECK(conflict_flag(&single, &o1, &o1_spaced) == FLAG_SAME,
          "single: the same other text, white space at its ends aside");
    const char *a_other[] = {"a", "other"};
    answer m1 = ans(a_other, 2, NULL, "every day", NULL), m2 = ans(a_other, 2, NULL, "never", NULL);
    CHECK(conflict_flag(&multi, &m1, &m2) == FLAG_CONFLICT, "multiple: other texts that differ");
    CHECK(conflict_flag(&multi, &m1, &m1) == FLAG_SAME, "multiple: the same other text");
    answer y = ans(yes, 1, NULL, NULL, NULL), n = ans(no, 1, NULL, NULL, NULL);
    CHECK(conflict_flag(&yesno, &y, &n) == FLAG_CONFLICT, "yes/no: yes against no conflicts");
    CHECK(conflict_flag(&yesno, &n, &n) == FLAG_SAME, "yes/no: no and no are the same");

    answer s_ab = ans(ab, 2, NULL, NULL, NULL), s_ba = ans(ba, 2, NULL, NULL, NULL);
    answer s_a = ans(a_, 1, NULL, NULL, NULL), s_abc = ans(abc, 3, NULL, NULL, NULL);
    CHECK(conflict_flag(&multi, &s_ab, &s_ba) == FLAG_SAME, "multiple: order does not matter");
    CHECK(conflict_flag(&multi, &s_ab, &s_a) == FLAG_CONFLICT, "multiple: a subset conflicts");
    CHECK(conflict_flag(&multi, &s_a, &s_ab) == FLAG_CONFLICT, "multiple: a superset conflicts");
    CHECK(conflict_flag(&multi, &s_abc, &s_ab) == FLAG_CONFLICT, "multiple: one value fewer");

    answer t1 = ans(NULL, 0, "grow", NULL, NULL), t2 = ans(NULL, 0, "learn", NULL, NULL);
    CHECK(conflict_flag(&text, &t1, &t2) == FLAG_NONE, "free text never conflicts");
    CHECK(conflict_flag(&text, &t1, &t1) == FLAG_SAME, "equal free texts are the same");
    answer t1_spaced = ans(NULL, 0, "\n  grow ", NULL, NULL);
    CHECK(conflict_flag(&text, &t1, &t1_spaced) == FLAG_SAME,
          "free texts equal but for white space at their ends are the same");

    answer note_only = ans(NULL, 0, NULL, NULL, "a note");
    CHECK(conflict_flag(&single, &w, NULL) == FLAG_DISCUSS, "only the mentee answered: discuss");
    CHECK(conflict_flag(&single, &w, &note_only) == FLAG_DISCUSS,
          "a mentor's note alone is not an answer: discuss");
    CHECK(conflict_flag(&text, &t1, NULL) == FLAG_DISCUSS, "text only the mentee wrote: discuss");
    CHECK(conflict_flag(&single, NULL, &w) == FLAG_NONE, "only the mentor answered: no flag");
    CHECK(conflict_flag(&single, &note_only, &w) == FLAG_NONE, "a mentee's note alone: no flag");
    CHECK(conflict_flag(&single, NULL, NULL) == FLAG_NONE, "neither answered: no flag");

    CHECK(!strcmp(conflict_flag_class(FLAG_CONFLICT), "flag-conflict") &&
              !strcmp(conflict_flag_class(FLAG_DISCUSS), "flag-discuss") &&
              !strcmp(conflict_flag_class(FLAG_SAME), "flag-same"),
          "flag classes as in the contract");
    CHECK(*conflict_flag_icon(FLAG_CONFLICT) && *conflict_flag_text(FLAG_CONFLICT) &&
              !*conflict_flag_text(FLAG_NONE),
          "every flag but none has an icon and a text");

    for (agreement_flag f = FLAG_SAME; f <= FLAG_DISCUSS; f++) {
        const unsigned char *icon = (const unsigned char *)conflict_flag_icon(f);
        /* one character of ASCII or of U+2000-U+22FF: no emoji font needed */
        CHECK((icon[0] < 0x80 && !icon[1]) ||
                  (icon[0] == 0xe2 && icon[1] >= 0x80 && icon[1] <= 0x8b && !icon[3]),
              "every flag's icon is one character every system font has");
    }

    arena ar = ARENA_INIT;
    summary_is(&ar, (conflict_counts){0, 0, 3, 0}, "No answers differ from the mentee's.",
               "summary: all answered, none differ");
    summary_is(&ar, (conflict_counts){1, 1, 3, 0},
               "1 answer differs from the mentee's. 1 question the mentee answered is for "
               "discussion.",
               "summary: one of each");
    summary_is(&ar, (conflict_counts){3, 2, 5, 0},
               "3 answers differ from the mentee's. 2 questions the mentee answered are for "
               "discussion.",
               "summary: several");
    summary_is(&ar, (conflict_counts){0, 30, 0, 42},
               "You have not answered any of the 42 questions yet.",
               "summary: nothing answered says what is left, not \"no answers differ\"");
    summary_is(&ar, (conflict_counts){0, 1, 0, 1}, "You have not answered the question yet.",
               "summary: the one question");
    summary_is(&ar, (conflict_counts){2, 0, 30, 12},
               "You have 12 questions left to answer. 2 answers differ from the mentee's.",
               "summary: some left, some differ");
    summary_is(&ar, (conflict_counts){0, 1, 5, 1},
               "You have 1 question left to answer. No answers differ from the mentee's. 1 "
               "question the mentee answered is for discussion.",
               "summary: one left");
    arena_release(&ar);
    return CHECK_DONE();
}
