/* test_content.c - the safe XML helpers and the content model lookups. */
#include <string.h>

#include "check.h"
#include "content.h"
#include "content/impl.h"

static int parses(const char *xml)
{
    diag d = DIAG_INIT;
    xmlDocPtr doc = xmldoc_parse("t.xml", (const unsigned char *)xml, strlen(xml), &d);
    xmlFreeDoc(doc);
    return doc != NULL && d.errors == 0;
}

static const char *text_of(arena *ar, const char *xml)
{
    diag d = DIAG_INIT;
    xmlDocPtr doc = xmldoc_parse("t.xml", (const unsigned char *)xml, strlen(xml), &d);
    const char *s = doc ? xmldoc_text(ar, xmlDocGetRootElement(doc)) : "";
    xmlFreeDoc(doc);
    return s;
}

int main(void)
{
    arena ar = ARENA_INIT;
    CHECK(parses("<a>x</a>"), "plain XML parses");
    CHECK(!parses("<!DOCTYPE a><a/>"), "a bare DOCTYPE is refused");
    CHECK(!parses("<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>"), "an internal subset is refused");
    CHECK(!parses("<a>&e;</a>"), "an undeclared entity is malformed");
    CHECK(!parses("<a>"), "unclosed element is malformed");
    CHECK(!parses("<a>\xff</a>"), "invalid UTF-8 is malformed");
    CHECK(parses("<a>&amp;&#233;</a>"), "predefined and character references are fine");

    CHECK(!strcmp(text_of(&ar, "<a>  x  </a>"), "x"), "text is trimmed");
    CHECK(!strcmp(text_of(&ar, "<a>\n    one\n      two\n\n    three\n  </a>"),
                  "one\n  two\n\nthree"),
          "indented text on its own lines is dedented");
    CHECK(!strcmp(text_of(&ar, "<a>\n    one\n\n  two\n</a>"), "one\n\ntwo"),
          "a first line indented deeper than the rest keeps no leading space");
    CHECK(!strcmp(text_of(&ar, "<a>one\n  - two</a>"), "one\n  - two"),
          "text right after the tag keeps its indentation");

    CHECK(utf8_chars("") == 0 && utf8_chars("abc") == 3 && utf8_chars("\xc3\xa9\xe2\x82\xac") == 2,
          "utf8_chars counts code points");
    CHECK(valid_id("a", 0) && valid_id("ada-grace2", 0) && !valid_id("2a", 0) && valid_id("2a", 1),
          "valid_id accepts the grammar");
    CHECK(!valid_id("", 0) && !valid_id("A", 0) && !valid_id("a_b", 0) && !valid_id(NULL, 0),
          "valid_id refuses the rest");
    CHECK(valid_id("abcdefghijklmnopqrstuvwxyz012345", 0) &&
              !valid_id("abcdefghijklmnopqrstuvwxyz0123456", 0),
          "ids are at most 32 characters");
    CHECK(url_program_link_allowed("https://x.org") && url_program_link_allowed("http://x") &&
              url_program_link_allowed("mailto:a@b") && url_program_link_allowed("HTTPS://X"),
          "https, http and mailto links are allowed");
    CHECK(!url_program_link_allowed("javascript:alert(1)") &&
              !url_program_link_allowed("data:text/html,x") &&
              !url_program_link_allowed("https://a b") && !url_program_link_allowed("/relative") &&
              !url_program_link_allowed("https://") &&
              !url_program_link_allowed("file:///etc/passwd"),
          "other links are refused");

    diag d = DIAG_INIT;
    content c;
    CHECK(content_load("tests/fixtures/content/valid", &c, &d) == 0, "fixture loads");
    CHECK(c.n_questionnaires == 2 && !strcmp(c.questionnaires[0].id, "idp"),
          "questionnaires sorted by id");
    CHECK(c.n_people == 3 && !strcmp(c.people[2].id, "kat"), "people sorted by id");
    CHECK(content_person(&c, "grace") && content_person(&c, "grace")->n_custom == 1,
          "content_person finds a mentor with custom questions");
    CHECK(!content_person(&c, "zoe") && !content_person(&c, NULL), "unknown people are NULL");
    CHECK(content_agreement(&c, "ada-kat") &&
              !strcmp(content_agreement(&c, "ada-kat")->questionnaire, "main"),
          "an agreement's questionnaire defaults to the program's");
    CHECK(content_questionnaire(&c, "main") && !content_questionnaire(&c, "nope"),
          "content_questionnaire");
    const program *p = &c.program;
    CHECK(p->review_months == 12 && p->idp_enabled && !strcmp(p->idp_questionnaire, "idp") &&
              p->n_resources == 2 && p->resources[1].href == NULL && p->n_custom == 1 &&
              !strcmp(p->further_href, "mailto:office@example.edu") && p->n_disabled == 1,
          "program settings read");
    CHECK(c.n_guide == 1 && !strcmp(c.guide[0].name, "index"), "guide pages listed");
    const question *q = questionnaire_question(content_questionnaire(&c, "main"), "frequency");
    CHECK(q && q->kind == QK_SINGLE && q->required && q->other && q->n_options == 2 &&
              !strcmp(q->help, "Pick one.") && q->line == 11,
          "a question is read with its attributes and line");
    CHECK(!strcmp(question_kind_name(QK_YESNO), "yesno") &&
              !strcmp(question_kind_name(QK_LONG), "long") &&
              !strcmp(role_name(ROLE_MENTOR), "mentor"),
          "kind and role names");
    content_release(&c);

    diag d2 = DIAG_INIT;
    CHECK(content_load("tests/fixtures/content/does-not-exist", &c, &d2) == -1 && d2.io_errors == 1,
          "a missing content directory is an I/O error");
    content_release(&c);
    arena_release(&ar);
    return CHECK_DONE();
}
