/* test_verify_formats.c - the verifier's format modules: MANIFEST, META,
 * minisign keys and signatures, member names, escaping. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "accord_sign.h"
#include "verify.h"

#define H64 "3ade60a5dfd7ae99f87b0118d4dbb5a34c222b13b6b2589667f7ed9ec881c971"

static int manifest_ok(const char *s)
{
    manifest m;
    char err[VERR_MAX];
    int rc = manifest_parse((const unsigned char *)s, strlen(s), &m, err);
    manifest_release(&m);
    return rc == 0;
}

static const char meta_text[] = "format: accord-bundle 1\nkind: answers\nprogram: kat\n"
                                "agreement: ada-grace\nrevision: 1\nrole: mentee\nparty: ada\n"
                                "questionnaire: tiny@1\nquestionnaire-sha256: " H64 "\n"
                                "previous: none\ncreated: 2026-03-02T14:05:00Z\n";

static int substitute(char *buf, const char *from, const char *to)
{
    char *p = strstr(buf, from);
    if (!p)
        return -1;
    memmove(p + strlen(to), p + strlen(from), strlen(p + strlen(from)) + 1);
    memcpy(p, to, strlen(to));
    return 0;
}

/* 1 when META with from2 replaced by to2 (when given), then from replaced by
 * to, parses; 0 when refused; -1 when a pattern is missing. */
static int meta_ok_with2(const char *from, const char *to, const char *from2, const char *to2)
{
    char buf[1024];
    meta m;
    char err[VERR_MAX];
    strcpy(buf, meta_text);
    if ((from2 && substitute(buf, from2, to2)) || substitute(buf, from, to))
        return -1;
    return meta_parse((unsigned char *)buf, strlen(buf), &m, err) == 0;
}

static int meta_ok_with(const char *from, const char *to)
{
    return meta_ok_with2(from, to, NULL, NULL);
}

static void test_manifest(void)
{
    const char *names[] = {"questionnaire.xml", "META", "answers.xml"};
    const unsigned char *data[] = {(const unsigned char *)"q", (const unsigned char *)"m",
                                   (const unsigned char *)"a"};
    size_t lens[] = {1, 1, 1}, len;
    char *out, sha[65];
    CHECK(manifest_format(names, data, lens, 3, &out, &len) == 0, "manifest_format writes");
    CHECK(strstr(out, "  META\n") < strstr(out, "  answers.xml\n") &&
              strstr(out, "  answers.xml\n") < strstr(out, "  questionnaire.xml\n"),
          "MANIFEST is sorted bytewise (uppercase first)");
    manifest_sha256((const unsigned char *)"a", 1, sha);
    CHECK(!strcmp(sha, "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"),
          "manifest_sha256: known answer for \"a\"");
    CHECK(manifest_ok(out), "what manifest_format writes parses");
    free(out);
    CHECK(manifest_ok(H64 "  META\n" H64 "  answers.xml\n"), "two sorted lines parse");
    CHECK(!manifest_ok(H64 "  answers.xml\n" H64 "  META\n"), "unsorted lines are refused");
    CHECK(!manifest_ok(H64 "  META\n" H64 "  META\n"), "a repeated path is refused");
    CHECK(!manifest_ok(H64 "  META"), "a missing final LF is refused");
    CHECK(!manifest_ok(H64 " META\n"), "one space is refused");
    CHECK(!manifest_ok(H64 "  META\r\n"), "CRLF is refused");
    CHECK(!manifest_ok("3ADE60a5dfd7ae99f87b0118d4dbb5a34c222b13b6b2589667f7ed9ec881c971  META\n"),
          "uppercase hex is refused");
    CHECK(!manifest_ok(H64 "  ../META\n"), "a traversal path is refused");
    CHECK(!manifest_ok(""), "an empty MANIFEST is refused");
}

static void test_meta(void)
{
    meta m;
    char err[VERR_MAX], *tc, *back;
    size_t len;
    CHECK(meta_parse((const unsigned char *)meta_text, strlen(meta_text), &m, err) == 0,
          "a valid META parses");
    tc = meta_trusted_comment(&m);
    CHECK(!strcmp(tc, "accord/1 format=accord-bundle 1 kind=answers program=kat "
                      "agreement=ada-grace revision=1 role=mentee party=ada "
                      "questionnaire=tiny@1 questionnaire-sha256=" H64
                      " previous=none created=2026-03-02T14:05:00Z"),
          "the trusted comment is accord/1 then key=value in META order");
    free(tc);
    back = meta_format(&m, &len);
    CHECK(len == strlen(meta_text) && !memcmp(back, meta_text, len), "META formats back to itself");
    free(back);
    CHECK(meta_ok_with2("revision: 1", "revision: 12", "previous: none", "previous: " H64) == 1,
          "revision 12 with a previous digest is fine");
    CHECK(meta_ok_with("revision: 1", "revision: 12") == 0,
          "revision 12 with previous none is refused");
    CHECK(meta_ok_with2("revision: 1", "revision: 12", "agreement: ada-grace", "agreement: -") == 1,
          "IDP answers of revision 12 need no previous");
    CHECK(meta_ok_with2("agreement: ada-grace", "agreement: -", "previous: none",
                        "previous: " H64) == 0,
          "IDP answers naming a previous digest are refused");
    CHECK(meta_ok_with("revision: 1", "revision: 01") == 0, "revision 01 is refused");
    CHECK(meta_ok_with("revision: 1", "revision: 0") == 0, "revision 0 is refused");
    CHECK(meta_ok_with("role: mentee", "role: boss") == 0, "an unknown role is refused");
    CHECK(meta_ok_with("party: ada", "party: Ada") == 0, "a party that is not an id is refused");
    CHECK(meta_ok_with("agreement: ada-grace", "agreement: -") == 1, "IDP answers: agreement -");
    CHECK(meta_ok_with("created: 2026-03-02T14:05:00Z", "created: 2026-02-30T14:05:00Z") == 0,
          "February 30 is refused");
    CHECK(meta_ok_with("created: 2026-03-02T14:05:00Z", "created: 2026-03-02 14:05:00") == 0,
          "a time without T and Z is refused");
    CHECK(meta_ok_with("previous: none", "previous: " H64) == 0,
          "revision 1 with a previous digest is refused");
    CHECK(meta_ok_with("previous: none", "previous: nothing") == 0, "previous is none or hex");
    CHECK(meta_ok_with("kind: answers\nprogram: kat\n", "program: kat\nkind: answers\n") == 0,
          "keys out of order are refused");
    CHECK(meta_ok_with("party: ada\n", "party: ada\nparty: ada\n") == 0,
          "a repeated key is refused");
    CHECK(meta_ok_with("program: kat", "program: kat\r") == 0, "CR is refused");
    CHECK(meta_ok_with("kind: answers", "kind: agreement") == 0,
          "an agreement with answers' role and party is refused");
    CHECK(meta_time_parse("1970-01-01T00:00:00Z") == 0, "the epoch parses to 0");
}

static void test_names_and_text(void)
{
    char err[VERR_MAX], *e;
    CHECK(zipread_name_check("signatures/ada.minisig", 22, err) == 0,
          "a plain member name is fine");
    CHECK(zipread_name_check("a/../b", 6, err) != 0, "'..' is refused");
    CHECK(zipread_name_check("./a", 3, err) != 0, "'.' is refused");
    CHECK(zipread_name_check("/a", 2, err) != 0, "an absolute name is refused");
    CHECK(zipread_name_check("a//b", 4, err) != 0, "an empty component is refused");
    CHECK(zipread_name_check("a/", 2, err) != 0, "a trailing slash is refused");
    CHECK(zipread_name_check("c:x", 3, err) != 0, "a drive letter is refused");
    CHECK(zipread_name_check("a\\b", 3, err) != 0, "a backslash is refused");
    CHECK(zipread_name_check("a\x7f", 2, err) != 0, "DEL is refused");
    e = vu_escape("a\x1b[2J\\", 6);
    CHECK(!strcmp(e, "a\\x1b[2J\\\\"), "vu_escape escapes control bytes and backslashes");
    free(e);
    CHECK(vu_printable_utf8((const unsigned char *)"caf\xc3\xa9", 5), "UTF-8 is printable");
    CHECK(!vu_printable_utf8((const unsigned char *)"\xc0\xaf", 2), "overlong UTF-8 is refused");
    CHECK(!vu_printable_utf8((const unsigned char *)"a\x85", 2), "a lone continuation is refused");
    CHECK(!vu_printable_utf8((const unsigned char *)"\xc2\x85", 2), "C1 controls are refused");
}

static void test_minisign(void)
{
    ms_seckey *sk = ms_seckey_new();
    ms_pubkey pk, pk2;
    ms_sig sig;
    char err[VERR_MAX], text[MS_PUBKEY_FILE_LEN_MAX], *s, *sktext;
    size_t sklen;
    const unsigned char msg[] = "MANIFEST bytes";
    ms_keypair_new(sk, &pk);
    ms_pubkey_format(&pk, text);
    CHECK(ms_pubkey_parse((unsigned char *)text, strlen(text), &pk2, err) == 0 &&
              !memcmp(&pk, &pk2, sizeof pk),
          "a public key round-trips through its file format");
    s = ms_sign(sk, msg, sizeof msg - 1, "accord/1 x=y", 0);
    CHECK(s && ms_sig_parse((unsigned char *)s, strlen(s), &sig, err) == 0, "a signature parses");
    CHECK(!memcmp(sig.alg, "ED", 2), "signs with \"ED\"");
    CHECK(ms_sig_verify(&sig, &pk, msg, sizeof msg - 1, err) == 0, "and verifies");
    CHECK(ms_sig_verify(&sig, &pk, msg, sizeof msg - 2, err) != 0, "not over other bytes");
    sig.trusted[0] = 'b';
    CHECK(ms_sig_verify(&sig, &pk, msg, sizeof msg - 1, err) != 0,
          "not with an edited trusted comment");
    free(s);
    s = ms_sign(sk, msg, sizeof msg - 1, "bad\ncomment", 0);
    CHECK(s == NULL, "refuses to sign a trusted comment with a newline");
    /* The secret key file round-trips unencrypted (-W) and keeps its key. */
    CHECK(ms_seckey_encrypt(sk, NULL, 0, err) == 0 && ms_seckey_format(sk, &sktext, &sklen) == 0,
          "writes an unencrypted secret key");
    ms_seckey *back = ms_seckey_new();
    CHECK(ms_seckey_parse((unsigned char *)sktext, sklen, back, err) == 0 &&
              !ms_seckey_encrypted(back) && ms_seckey_decrypt(back, NULL, 0, err) == 0 &&
              !memcmp(back->sk, sk->sk, sizeof sk->sk),
          "reads it back");
    sodium_free(sktext);
    ms_seckey_free(back);
    ms_seckey_free(sk);
    CHECK(ms_pubkey_parse((const unsigned char *)"untrusted comment: x\n", 21, &pk2, err) != 0,
          "a key file of one line is refused");
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    test_manifest();
    test_meta();
    test_names_and_text();
    test_minisign();
    return CHECK_DONE();
}
