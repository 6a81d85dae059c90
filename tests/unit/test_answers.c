/* test_answers.c - answers_parse and answers_check in memory, and the
 * visibility rule the form's script shares. */
#include <stdio.h>
#include <string.h>

#include "content.h"
#include "check.h"

static content c;

/* Parses and checks an answers document; returns the number of errors. */
static int errors_of(const char *xml)
{
    arena ar = ARENA_INIT;
    diag d = DIAG_INIT;
    answers a;
    if (answers_parse("mem.xml", (const unsigned char *)xml, strlen(xml), &a, &ar, &d) == 0)
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
        answers_parse("m.xml", (const unsigned char *)x, strlen(x), &a, &a2, &d2);
        CHECK(answers_check(&c, &a, &a2, &eq, &d2) == 0 && eq &&
                  questionnaire_question(eq, "grace-review"),
              "answers_check returns the effective questionnaire");
        CHECK(a.revision == 1 && a.role == ROLE_MENTEE && !strcmp(a.party, "ada") &&
                  a.n_answers == 3 && a.answers[0].n_values == 1,
              "answers_parse fills the model");
        CHECK(a.line == 1 && a.answers[0].line == 1, "lines recorded");
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

    arena_release(&ar);
    content_release(&c);
    return CHECK_DONE();
}
