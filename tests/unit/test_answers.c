/* test_answers.c - answers_parse and answers_check in memory, and the
 * visibility rule the form's script shares. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "content.h"
#include "check.h"

static content c;

/* Parses and checks an answers document; returns the number of errors. */
static int errors_of(const char *xml)
{
    arena ar = ARENA_INIT;
    diag d = DIAG_INIT;
    answers a;
    if (answers_parse("mem.xml", (const unsigned char *)xml, strlen(xml), NULL, &a, &ar, &d) == 0)
        answers_check(&c, &a, &ar, NULL, &d);
    arena_release(&ar);
    return d.errors + d.io_errors;
}

static char doc[16384];

/* Builds an ada-grace mentee answers document around body. */
static const char *mentee(const char *digest, const char *body)
{
    snprintf(doc, sizeof doc,
             "<answers program=\"test\" questionnaire=\"main\" version=\"1\" digest=\"%s\" "
             "agreement=\"ada-grace\" role=\"mentee\" party=\"ada\" revision=\"1\" "
             "saved=\"2026-03-02T14:05:00Z\">%s</answers>",
             digest, body);
    return doc;
}

int main(void)
{
    diag d = DIAG_INIT;
    if (content_load("tests/fixtures/content/valid", &c, &d) != 0) {
        puts("not ok - fixture loads");
        return 1;
    }
    arena ar = ARENA_INIT;
    effective e;
    effective_build(&c, content_agreement(&c, "ada-grace"), &ar, &e);
    const char *dg = e.digest;
    const char *base = "<answer question=\"frequency\"><value>weekly</value></answer>"
                       "<answer question=\"in-person\"><value>no</value></answer>"
                       "<answer question=\"year\"><value>2</value></answer>";
    char body[8192];

    CHECK(errors_of(mentee(dg, base)) == 0, "minimal complete answers pass");

    /* answers_check hands back the effective questionnaire on success. */
    {
        arena a2 = ARENA_INIT;
        diag d2 = DIAG_INIT;
        answers a;
        const questionnaire *eq = NULL;
        const char *x = mentee(dg, base);
        answers_parse("m.xml", (const unsigned char *)x, strlen(x), NULL, &a, &a2, &d2);
        CHECK(answers_check(&c, &a, &a2, &eq, &d2) == 0 && eq &&
                  questionnaire_question(eq, "grace-review"),
              "answers_check returns the effective questionnaire");
        CHECK(a.revision == 1 && a.role == ROLE_MENTEE && !strcmp(a.party, "ada") &&
                  a.n_answers == 3 && a.answers[0].n_values == 1,
              "answers_parse fills the model");
        CHECK(a.line == 1 && a.answers[0].line == 1, "lines recorded");
        arena_release(&a2);
    }

    /* Parsed with the questionnaire they answer, question ids and values it
     * holds are its own strings, read exactly as without it: around a value
     * white space goes; a value or question it lacks is a copy of the text. */
    {
        const questionnaire *q = content_questionnaire(&c, "main");
        const char *x = mentee(dg, "<answer question=\"frequency\"><value>\n    weekly\n  "
                                   "</value><value> other </value><other> x </other></answer>"
                                   "<answer question=\"in-person\"><value>no</value>"
                                   "<value> yes no </value></answer>"
                                   "<answer question=\"unknown-q\"><value>weekly</value></answer>"
                                   "<answer question=\"year\"><value>2</value></answer>");
        arena a2 = ARENA_INIT;
        diag d2 = DIAG_INIT;
        answers with, without;
        int rc1 = answers_parse("m.xml", (const unsigned char *)x, strlen(x), q, &with, &a2, &d2);
        int rc2 =
            answers_parse("m.xml", (const unsigned char *)x, strlen(x), NULL, &without, &a2, &d2);
        int same = rc1 == 0 && rc2 == 0 && with.n_answers == 4 && without.n_answers == 4;
        for (size_t i = 0; same && i < with.n_answers; i++) {
            const answer *p = &with.answers[i], *o = &without.answers[i];
            same = !strcmp(p->question, o->question) && p->n_values == o->n_values &&
                   !strcmp(p->other ? p->other : "", o->other ? o->other : "");
            for (size_t v = 0; same && v < p->n_values; v++)
                same = !strcmp(p->values[v], o->values[v]);
        }
        CHECK(same, "answers read with their questionnaire are the answers read without it");
        const question *freq = questionnaire_question(q, "frequency");
        CHECK(q && freq && with.answers[0].question == freq->id &&
                  without.answers[0].question != freq->id,
              "a known question id is the questionnaire's own string");
        CHECK(with.answers[0].values[0] == question_value(freq, "weekly") &&
                  !strcmp(with.answers[0].values[0], "weekly") &&
                  !strcmp(with.answers[0].values[1], "other") &&
                  !strcmp(with.answers[1].values[0], "no") &&
                  !strcmp(with.answers[1].values[1], "yes no"),
              "known values are shared, a value the question lacks is its text");
        CHECK(!strcmp(with.answers[2].question, "unknown-q") &&
                  with.answers[2].values[0] != question_value(freq, "weekly") &&
                  !strcmp(with.answers[2].values[0], "weekly") &&
                  !strcmp(with.answers[3].question, "year") &&
                  !strcmp(with.answers[3].values[0], "2"),
              "the values of a question the questionnaire lacks are copies");
        CHECK(!question_value(freq, "Weekly") && !question_value(freq, "") &&
                  question_value(freq, "other") && !strcmp(question_value(freq, "other"), "other"),
              "question_value matches exactly");
        arena_release(&a2);
    }

    snprintf(body, sizeof body, "%s", "<answer question=\"in-person\"><value>no</value></answer>");
    CHECK(errors_of(mentee(dg, body)) == 2, "two required questions missing: two errors");

    char zero[65];
    memset(zero, '0', 64);
    zero[64] = 0;
    CHECK(errors_of(mentee(zero, base)) == 1, "a wrong digest is one error");

    /* Visibility: frequency-why shows only when frequency is monthly. */
    snprintf(body, sizeof body, "%s<answer question=\"frequency-why\"><text>x</text></answer>",
             base);
    CHECK(errors_of(mentee(dg, body)) == 1, "answering a hidden question is an error");
    const question *why = questionnaire_question(e.q, "frequency-why");
    answer an = {.question = "frequency", .values = (const char *[]){"monthly"}, .n_values = 1};
    answers a = {.answers = &an, .n_answers = 1};
    CHECK(question_visible(why, &a), "shown when the condition holds");
    an.values = (const char *[]){"weekly"};
    CHECK(!question_visible(why, &a), "hidden when it does not");
    CHECK(!question_visible(why, NULL), "hidden when nothing is answered");
    CHECK(question_visible(questionnaire_question(e.q, "frequency"), NULL),
          "a question without conditions is always shown");
    an.values = (const char *[]){"weekly", "monthly"};
    an.n_values = 2;
    CHECK(question_visible(why, &a), "a condition holds when the answer lists the value");

    /* Sizes count characters, not bytes. */
    char big[1200];
    size_t n = 0;
    for (int i = 0; i < 200; i++)
        n += (size_t)snprintf(big + n, sizeof big - n, "\xe2\x82\xac"); /* euro sign */
    snprintf(body, sizeof body,
             "%s<answer question=\"channels\"><value>email</value><note>%s</note></answer>", base,
             big);
    CHECK(errors_of(mentee(dg, body)) == 0, "a 200-character note of 3-byte characters passes");

    CHECK(errors_of("<answers/>") == 8, "missing attributes are schema errors");
    CHECK(errors_of("<!DOCTYPE answers><answers/>") == 1, "a DOCTYPE is refused in memory too");
    CHECK(errors_of("<questionnaire/>") == 1, "a wrong root is refused");
    CHECK(errors_of("") == 1, "an empty buffer is refused");
    CHECK(answers_find(&a, "frequency") == &an && answers_find(&a, "nope") == NULL, "answers_find");

    /* Answers set aside (their bytes in a spool, the answers dropped) are
     * held again exactly as parsed; bytes changed in the spool are
     * refused. */
    {
        arena a2 = ARENA_INIT;
        diag d2 = DIAG_INIT;
        spool sp = {0};
        stored_bytes at;
        answers full, kept;
        snprintf(body, sizeof body,
                 "%s<answer question=\"channels\"><value>email</value>"
                 "<note>by &lt;email&gt;</note></answer>",
                 base);
        const char *x = mentee(dg, body);
        CHECK(answers_parse("kept.xml", (const unsigned char *)x, strlen(x), e.q, &full, &a2,
                            &d2) == 0 &&
                  answers_parse("kept.xml", (const unsigned char *)x, strlen(x), e.q, &kept, &a2,
                                &d2) == 0 &&
                  spool_put(&sp, (const unsigned char *)x, strlen(x), &at) == 0,
              "answers parse and their bytes are spooled");
        kept.items_at = &at;
        kept.items_names = e.q;
        kept.answers = NULL;
        kept.n_answers = 0;
        const answers *h = &kept, *none = NULL;
        const char *reason = NULL;
        CHECK(answers_hold(&h, &a2, &reason) == 0 && h != &kept && h->n_answers == full.n_answers &&
                  h->n_answers == 4 && !strcmp(h->party, "ada") && !strcmp(h->saved, full.saved),
              "answers set aside are held again");
        const answer *n1 = answers_find(h, "channels"), *n0 = answers_find(&full, "channels");
        CHECK(n1 && n0 && !strcmp(n1->note, n0->note) && n1->n_values == 1 &&
                  n1->values[0] == n0->values[0],
              "with the same answers, values the questionnaire's own strings");
        const answers *again = h;
        CHECK(answers_hold(&again, &a2, &reason) == 0 && again == h,
              "held answers stay as they are");
        CHECK(answers_hold(&none, &a2, &reason) == 0 && none == NULL, "no answers stay none");
        char flip = 'X';
        CHECK(pwrite(at.fd, &flip, 1, 40) == 1, "a spooled byte is changed");
        h = &kept;
        reason = NULL;
        CHECK(answers_hold(&h, &a2, &reason) == -1 && h == &kept && reason &&
                  strstr(reason, "changed"),
              "answers whose bytes changed are not held");
        spool_close(&sp);
        arena_release(&a2);
    }

    arena_release(&ar);
    content_release(&c);
    return CHECK_DONE();
}
