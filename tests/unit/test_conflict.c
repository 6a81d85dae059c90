/* test_conflict.c - the review page's conflict rules , which
 * form.js must match: every kind of question, both orders, and the summary
 * text. */
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
    CHECK(conflict_flag(&single, &o1, &o2) == FLAG_SAME, "single: other texts never conflict");
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

    arena ar = ARENA_INIT;
    CHECK(!strcmp(conflict_summary(&ar, 0, 0), "No answers differ from the mentee's."),
          "summary: none");
    CHECK(!strcmp(conflict_summary(&ar, 1, 1),
                  "1 answer differs from the mentee's. 1 question the mentee answered is for "
                  "discussion."),
          "summary: one of each");
    CHECK(!strcmp(conflict_summary(&ar, 3, 2),
                  "3 answers differ from the mentee's. 2 questions the mentee answered are for "
                  "discussion."),
          "summary: several");
    arena_release(&ar);
    return CHECK_DONE();
}
