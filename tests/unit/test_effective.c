/* test_effective.c - the effective questionnaire: what it holds, its
 * canonical bytes, the round trip through questionnaire_parse, the digest. */
#include <string.h>

#include <sodium.h>

#include "check.h"
#include "content.h"

static const char *dir = "tests/fixtures/content/valid";

static int has_section(const questionnaire *q, const char *id)
{
    for (size_t i = 0; i < q->n_sections; i++)
        if (!strcmp(q->sections[i].id, id))
            return 1;
    return 0;
}

/* Every agreement's (and the IDP's) effective questionnaire of the content
 * in cdir survives parse(serialize(q)) byte for byte. Returns failures. */
static int round_trips(const char *cdir)
{
    diag d = DIAG_INIT;
    content cc;
    int bad = 0;
    if (content_load(cdir, &cc, &d) != 0) {
        content_release(&cc);
        return -1;
    }
    arena ar = ARENA_INIT;
    for (size_t i = 0; i <= cc.n_agreements; i++) {
        const agreement *ag = i < cc.n_agreements ? &cc.agreements[i] : NULL;
        effective e;
        if (effective_build(&cc, ag, &ar, &e) != 0)
            continue; /* no IDP */
        questionnaire back;
        size_t len;
        if (questionnaire_parse("q.xml", e.xml, e.xml_len, &ar, &d, &back) != 0) {
            bad++;
            continue;
        }
        unsigned char *x = questionnaire_serialize(&back, &ar, &len);
        bad += len != e.xml_len || memcmp(x, e.xml, len) != 0;
    }
    arena_release(&ar);
    content_release(&cc);
    return bad;
}

int main(void)
{
    diag d = DIAG_INIT;
    content c;
    int rc = content_load(dir, &c, &d);
    CHECK(rc == 0 && d.errors == 0, "the valid fixture loads cleanly");
    if (rc != 0)
        return 1;
    CHECK(!strcmp(content_questionnaire(&c, "main")->intro, "Read *this* first.\n\nThen answer."),
          "indented Markdown is dedented and trimmed");

    arena ar = ARENA_INIT;
    const agreement *ag = content_agreement(&c, "ada-grace");
    effective e;
    CHECK(effective_build(&c, ag, &ar, &e) == 0, "effective_build succeeds for ada-grace");
    CHECK(e.q->n_sections == 3, "disabled section removed, program and mentor sections added");
    CHECK(!has_section(e.q, "extra"), "the disabled section 'extra' is gone");
    CHECK(has_section(e.q, "program-questions") && has_section(e.q, "mentor-questions"),
          "custom-question sections present");
    CHECK(questionnaire_question(e.q, "grace-review") != NULL, "mentor's question present");
    CHECK(!strcmp(e.q->id, "main") && !strcmp(e.q->version, "1"), "id and version kept");
    CHECK(e.xml_len > 0 && !memcmp(e.xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 39),
          "canonical bytes start with the XML declaration");

    unsigned char h[32];
    char hex[65];
    crypto_hash_sha256(h, e.xml, e.xml_len);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    CHECK(!strcmp(hex, e.digest), "digest is the SHA-256 of the canonical bytes");
    /* Known answer: the fixture's answers files name this digest. If it
     * changes, every digest ever issued changed: the canonical form broke. */
    CHECK(!strcmp(e.digest, "269d9a5ba8f1c2c5e73bf2ebfb9469d952932c2604eec5d92364e24402d55353"),
          "canonical serialization unchanged (known digest)");

    /* Round trip: parse the canonical bytes, serialize again, same bytes. */
    questionnaire back;
    diag d2 = DIAG_INIT;
    rc = questionnaire_parse("questionnaire.xml", e.xml, e.xml_len, &ar, &d2, &back);
    CHECK(rc == 0 && d2.errors == 0, "canonical bytes parse back cleanly");
    size_t len2 = 0;
    unsigned char *again = rc == 0 ? questionnaire_serialize(&back, &ar, &len2) : NULL;
    CHECK(again && len2 == e.xml_len && !memcmp(again, e.xml, len2),
          "parse(serialize(q)) serializes to identical bytes");
    CHECK(rc == 0 && !strcmp(back.intro, e.q->intro), "intro survives the round trip exactly");

    /* Determinism and dependence on the agreement. */
    effective e2, e3, idp;
    effective_build(&c, ag, &ar, &e2);
    CHECK(!strcmp(e.digest, e2.digest), "building twice gives the same digest");
    CHECK(effective_build(&c, content_agreement(&c, "ada-kat"), &ar, &e3) == 0 &&
              strcmp(e.digest, e3.digest) != 0,
          "a mentor without custom questions gives another digest");
    CHECK(e3.q->n_sections == 2 && !has_section(e3.q, "mentor-questions"),
          "no empty mentor-questions section");
    CHECK(effective_build(&c, NULL, &ar, &idp) == 0 && idp.q->kind == QN_IDP &&
              idp.q->n_sections == 1 && !has_section(idp.q, "program-questions"),
          "the IDP's effective questionnaire has no custom questions");

    /* Text that looks like markup stays text. */
    questionnaire q = *e3.q;
    section s = q.sections[0];
    question qq = s.questions[0];
    qq.text = "a <b> & \"c\" &amp; ]]> \xc3\xa9";
    s.questions = &qq;
    s.n_questions = 1;
    q.sections = &s;
    q.n_sections = 1;
    size_t l;
    unsigned char *x = questionnaire_serialize(&q, &ar, &l);
    questionnaire q2;
    diag d3 = DIAG_INIT;
    CHECK(questionnaire_parse("x.xml", x, l, &ar, &d3, &q2) == 0 &&
              !strcmp(q2.sections[0].questions[0].text, qq.text),
          "markup characters round-trip as literal text");

    CHECK(round_trips(dir) == 0, "every effective questionnaire of the fixture round-trips");
    CHECK(round_trips("content") == 0,
          "every effective questionnaire of the demo content round-trips");

    arena_release(&ar);
    content_release(&c);
    return CHECK_DONE();
}
