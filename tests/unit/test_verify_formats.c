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
    /* Members with the same bytes share a digest, computed once; members
     * of the same length but other bytes, and empty ones, each have their own. */
    const char *same_names[] = {"b", "a", "c", "d", "e", "f"};
    const unsigned char *same_data[] = {(const unsigned char *)"xy", (const unsigned char *)"xy",
                                        (const unsigned char *)"xz", (const unsigned char *)"",
                                        (const unsigned char *)"",   (const unsigned char *)"x"};
    size_t same_lens[] = {2, 2, 2, 0, 0, 1}, want_len = 0;
    char want[6 * 68 + 1] = "";
    for (int i = 0; i < 6; i++) { /* the names are sorted but for a and b */
        int k = i == 0 ? 1 : i == 1 ? 0 : i;
        manifest_sha256(same_data[k], same_lens[k], sha);
        want_len += (size_t)snprintf(want + want_len, sizeof want - want_len, "%s  %s\n", sha,
                                     same_names[k]);
    }
    CHECK(manifest_format(same_names, same_data, same_lens, 6, &out, &len) == 0 &&
              len == want_len && !strcmp(out, want),
          "manifest_format: each line the SHA-256 of its own member's bytes, where members "
          "repeat bytes or lengths");
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
    char err[VERR_MAX], tc[META_COMMENT_MAX], *back;
    size_t len;
    CHECK(meta_parse((const unsigned char *)meta_text, strlen(meta_text), &m, err) == 0,
          "a valid META parses");
    meta_trusted_comment(&m, tc);
    CHECK(!strcmp(tc, "accord/1 format=accord-bundle 1 kind=answers program=kat "
                      "agreement=ada-grace revision=1 role=mentee party=ada "
                      "questionnaire=tiny@1 questionnaire-sha256=" H64
                      " previous=none created=2026-03-02T14:05:00Z"),
          "the trusted comment is accord/1 then key=value in META order");
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
    char err[VERR_MAX], e[VU_ESCAPED_MAX];
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
    CHECK(!strcmp(vu_escape("a\x1b[2J\\", 6, e, sizeof e), "a\\x1b[2J\\\\"),
          "vu_escape escapes control bytes and backslashes");
    CHECK(!strcmp(vu_escape("\x01\x01\x01\x01\x01", 5, e, 16), "\\x01\\x01\\x01..."),
          "vu_escape cuts what does not fit short at a whole escape, with \"...\"");
    CHECK(!strcmp(vu_escape("abcdefghij", 10, e, 8), "abcd...") &&
              !strcmp(vu_escape("abcdefg", 7, e, 8), "abcdefg") &&
              !strcmp(vu_escape("abcdefgh", 8, e, 4), "..."),
          "vu_escape uses all its room, and cuts only what does not fit");
    CHECK(vu_printable_utf8((const unsigned char *)"caf\xc3\xa9", 5), "UTF-8 is printable");
    CHECK(!vu_printable_utf8((const unsigned char *)"\xc0\xaf", 2), "overlong UTF-8 is refused");
    CHECK(!vu_printable_utf8((const unsigned char *)"a\x85", 2), "a lone continuation is refused");
    CHECK(!vu_printable_utf8((const unsigned char *)"\xc2\x85", 2), "C1 controls are refused");
}

/* A stand-in Ed25519 verifier: counts its calls, then answers as libsodium
 * does, or always answer when that is 0 or -1. */
typedef struct stand_in {
    int calls, answer, as_libsodium;
} stand_in;

static int stand_in_verify(void *ctx, const unsigned char *sig, const unsigned char *m,
                           unsigned long long mlen, const unsigned char *pk)
{
    stand_in *s = ctx;
    s->calls++;
    return s->as_libsodium ? crypto_sign_verify_detached(sig, m, mlen, pk) : s->answer;
}

/* A keyring's verifier does both Ed25519 checks of an "ED" signature and
 * decides them; the checks before them (key number, algorithm) do not
 * reach it. */
static void test_verifier(const ms_sig *good, const ms_pubkey *pk, const unsigned char *msg,
                          size_t len)
{
    stand_in s = {0, 0, 1};
    ed25519_verifier v = {stand_in_verify, &s};
    char err[VERR_MAX];
    ms_sig sig = *good;
    ms_pubkey other = *pk;
    CHECK(ms_sig_verify(&sig, pk, msg, len, &v, err) == 0 && s.calls == 2,
          "a verifier is asked twice for a good signature: MANIFEST's hash, then the comment");
    s = (stand_in){0, -1, 0};
    CHECK(ms_sig_verify(&sig, pk, msg, len, &v, err) != 0 && s.calls == 1,
          "a verifier that refuses refuses the signature");
    s = (stand_in){0, 0, 0};
    sig.global_sig[0] ^= 1;
    CHECK(ms_sig_verify(&sig, pk, msg, len, &v, err) == 0 && s.calls == 2,
          "its answer is what counts (a stand-in must verify)");
    sig = *good;
    other.keynum[0] ^= 1;
    s.calls = 0;
    CHECK(ms_sig_verify(&sig, &other, msg, len, &v, err) != 0 && s.calls == 0,
          "another key number is refused before it is asked");
    sig.alg[1] = 'd';
    CHECK(ms_sig_verify(&sig, pk, msg, len, &v, err) != 0 && s.calls == 0,
          "so is a relabelled algorithm");
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
    CHECK(ms_sig_verify(&sig, &pk, msg, sizeof msg - 1, NULL, err) == 0, "and verifies");
    CHECK(ms_sig_verify(&sig, &pk, msg, sizeof msg - 2, NULL, err) != 0, "not over other bytes");
    test_verifier(&sig, &pk, msg, sizeof msg - 1);
    sig.trusted[0] = 'b';
    CHECK(ms_sig_verify(&sig, &pk, msg, sizeof msg - 1, NULL, err) != 0,
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

/* 1 when roster text parses. */
static int roster_ok(const char *text)
{
    ledger_roster r;
    long line;
    char err[VERR_MAX];
    int rc = ledger_roster_parse((const unsigned char *)text, strlen(text), &r, &line, err);
    ledger_roster_release(&r);
    return rc == 0;
}

/* A roster of one key (its key ID and base64 from pk's file), with head in
 * place of the first four lines and tail after the key line. */
static char *roster_text(const ms_pubkey *pk, const char *head, const char *tail)
{
    char file[MS_PUBKEY_FILE_LEN_MAX], kid[17], *out = malloc(2048);
    ms_pubkey_format(pk, file);
    ms_keyid(pk->keynum, kid);
    snprintf(out, 2048, "%skey ada %s %.*s from 1\n%s", head, kid,
             (int)strcspn(strchr(file, '\n') + 1, "\n"), strchr(file, '\n') + 1, tail);
    return out;
}

static void test_roster(void)
{
    ms_seckey *sk = ms_seckey_new();
    ms_pubkey pk;
    char kid[17];
    const char *head = "accord-roster/1\nprogram demo\nrevision 1\nprevious none\n";
    ms_keypair_new(sk, &pk);
    ms_keyid(pk.keynum, kid);
    static const char *const bad_heads[] = {
        "accord-roster/2\nprogram demo\nrevision 1\nprevious none\n",
        "accord-roster/1\nprogram Demo\nrevision 1\nprevious none\n",
        "accord-roster/1\nprogram demo\nrevision 01\nprevious none\n",
        "accord-roster/1\nprogram demo\nrevision 1\nprevious " H64 "\n",
        "accord-roster/1\nprogram demo\nrevision 2\nprevious none\n",
        "accord-roster/1\nprogram  demo\nrevision 1\nprevious none\n",
        "accord-roster/1\r\nprogram demo\nrevision 1\nprevious none\n",
        "accord-roster/1\nprevious none\nprogram demo\nrevision 1\n",
    };
    char *t = roster_text(&pk, head, "");
    CHECK(roster_ok(t), "a roster of one key parses");
    free(t);
    int refused = 1;
    for (size_t i = 0; i < sizeof bad_heads / sizeof *bad_heads; i++) {
        t = roster_text(&pk, bad_heads[i], "");
        refused &= !roster_ok(t);
        free(t);
    }
    CHECK(refused, "a roster whose first four lines are not exactly the header is refused");
    char tail[200];
    snprintf(tail, sizeof tail, "revoked ada %s at 3 lost\n", kid);
    t = roster_text(&pk, head, tail);
    CHECK(roster_ok(t), "a revocation after the key's from parses");
    free(t);
    static const char *const bad_tails[] = {"revoked ada %s at 1 lost\n",
                                            "revoked bob %s at 3 lost\n",
                                            "revoked ada %s at 3 stolen\n",
                                            "revoked ada %s at 3 lost\nrevoked ada %s at 4 left\n",
                                            "revoked ada %s at 3 lost\nkey bob %s x from 4\n",
                                            "program-key %s x\n",
                                            "key ada %s from 1\n"};
    refused = 1;
    for (size_t i = 0; i < sizeof bad_tails / sizeof *bad_tails; i++) {
        snprintf(tail, sizeof tail, bad_tails[i], kid, kid);
        t = roster_text(&pk, head, tail);
        refused &= !roster_ok(t);
        free(t);
    }
    CHECK(refused, "revocations of unknown keys, twice, before from, with other reasons, keys "
                   "after revocations and a misplaced program-key line are refused");
    t = roster_text(&pk, head, "");
    t[strlen(t) - 1] = '\0';
    CHECK(!roster_ok(t), "a roster whose last line has no LF is refused");
    free(t);
    t = roster_text(&pk, head, "");
    char *id = strstr(t, kid);
    id[0] = id[0] == 'A' ? 'B' : 'A';
    CHECK(!roster_ok(t), "a key line whose key ID is not the key's is refused");
    free(t);
    t = roster_text(&pk, head, "");
    t[strstr(t, " from") - t - 1] = '!'; /* the last base64 digit */
    CHECK(!roster_ok(t), "a key line that is not base64 is refused");
    free(t);
    ms_seckey_free(sk);
}

/* A roster of n keys, party pI's key added at entry I + 1 and every third
 * revoked at entry n + I + 1; when twin, the last key line repeats the
 * first's key for another party. *ids: each party's key ID, in turn. */
static char *many_keys_roster(size_t n, int twin, char (**ids)[17])
{
    size_t cap = 200 + n * 200, len = 0;
    char *out = malloc(cap), b64[80];
    unsigned char key[2 + MS_KEYNUM_BYTES + MS_PK_BYTES] = {'E', 'd'}, first[sizeof key];
    *ids = malloc(n * sizeof **ids);
    len += (size_t)snprintf(out, cap, "accord-roster/1\nprogram demo\nrevision 1\nprevious none\n");
    for (size_t i = 0; i < n; i++) {
        randombytes_buf(key + 2, sizeof key - 2);
        if (i == 0) {
            key[2] = 0xab; /* a key ID with letters */
            memcpy(first, key, sizeof key);
        }
        if (twin && i == n - 1)
            memcpy(key, first, sizeof key);
        sodium_bin2base64(b64, sizeof b64, key, sizeof key, sodium_base64_VARIANT_ORIGINAL);
        ms_keyid(key + 2, (*ids)[i]);
        len += (size_t)snprintf(out + len, cap - len, "key p%zu %s %s from %zu\n", i, (*ids)[i],
                                b64, i + 1);
    }
    for (size_t i = 0; i < n; i += 3)
        len += (size_t)snprintf(out + len, cap - len, "revoked p%zu %s at %zu lost\n", i, (*ids)[i],
                                n + i + 1);
    return out;
}

/* Rosters as large as a university's: keys found by party and key ID for
 * their revocations, each key ID listed once however far apart. */
static void test_roster_many_keys(void)
{
    enum { N = 20000 };
    char(*ids)[17], err[VERR_MAX];
    char *t = many_keys_roster(N, 0, &ids);
    ledger_roster r;
    long line;
    int rc = ledger_roster_parse((const unsigned char *)t, strlen(t), &r, &line, err);
    CHECK(rc == 0 && r.n == N, "a roster of 20,000 keys and 6,667 revocations parses");
    size_t sorted = 1, revoked = 0, right = 1;
    for (size_t i = 0; rc == 0 && i < r.n; i++) {
        char kid[17];
        size_t p = (size_t)atol(r.keys[i].party + 1);
        ms_keyid(r.keys[i].pk.keynum, kid);
        sorted &= i == 0 || memcmp(r.keys[i - 1].pk.keynum, r.keys[i].pk.keynum, 8) < 0;
        right &= !strcmp(kid, ids[p]) && r.keys[i].from == (long)p + 1 &&
                 r.keys[i].revoked_at == (p % 3 ? 0 : (long)(N + p + 1));
        revoked += r.keys[i].revoked_at != 0;
    }
    CHECK(sorted, "the roster's keys are sorted by key number");
    CHECK(right && revoked == (N + 2) / 3,
          "each revocation lands on its party's key and no other key is revoked");
    ledger_roster_release(&r);
    free(t);
    free(ids);

    t = many_keys_roster(N, 1, &ids);
    rc = ledger_roster_parse((const unsigned char *)t, strlen(t), &r, &line, err);
    CHECK(rc != 0 && strstr(err, ids[0]) && strstr(err, "listed twice") && line == 0,
          "a key ID listed for the first and the last party is refused, the key ID named");
    ledger_roster_release(&r);
    free(t);
    free(ids);

    t = many_keys_roster(4, 0, &ids);
    char *at = strstr(t, "revoked p0 ") + strlen("revoked p0 ");
    for (char *c = at; c < at + 16; c++)
        *c = (char)(*c >= 'A' && *c <= 'F' ? *c + 32 : *c);
    CHECK(!roster_ok(t), "a revocation naming a key ID in lowercase is refused");
    free(t);
    free(ids);
    t = many_keys_roster(4, 0, &ids);
    at = strstr(t, "revoked p0 ");
    at[9] = '1'; /* p1's revocation of p0's key */
    CHECK(!roster_ok(t), "a revocation of another party's key ID is refused");
    free(t);
    free(ids);
}

/* 1 when index text parses; *n its entries. */
static int index_ok(const char *text, size_t *n)
{
    ledger_index ix;
    long line;
    char err[VERR_MAX];
    int rc = ledger_index_parse((const unsigned char *)text, strlen(text), &ix, &line, err);
    *n = ix.n;
    ledger_index_release(&ix);
    return rc == 0;
}

/* Appends "SEQ PREV rest" to text, PREV the SHA-256 of the last line. */
static void index_line(char *text, size_t cap, long seq, const char *rest)
{
    char prev[65] = "0000000000000000000000000000000000000000000000000000000000000000";
    size_t len = strlen(text);
    if (len) {
        const char *last = text + len - 1;
        while (last > text && last[-1] != '\n')
            last--;
        manifest_sha256((const unsigned char *)last, (size_t)(text + len - last), prev);
    }
    snprintf(text + len, cap - len, "%ld %s %s\n", seq, prev, rest);
}

static void test_index(void)
{
    char good[4096] = "", t[4096];
    size_t n;
    index_line(good, sizeof good, 1, "roster 1 " H64);
    index_line(good, sizeof good, 2, "bundle answers ada-grace 1 " H64);
    index_line(good, sizeof good, 3, "signature ada-grace ada " H64);
    index_line(good, sizeof good, 4, "bundle idp h:" H64 " 1 " H64);
    CHECK(index_ok(good, &n) && n == 4, "an index of four chained entries parses");
    static const char *const bad_second[] = {
        "roster 1 " H64, /* roster revisions count up */
        "bundle answers ada-grace 0 " H64,
        "bundle deed ada-grace 1 " H64,
        "bundle answers Ada 1 " H64,
        "signature ada-grace ada " H64 "0",
        "signature ada-grace ada",
        "note ada " H64,
        "bundle answers h:12 1 " H64,
    };
    int refused = 1;
    for (size_t i = 0; i < sizeof bad_second / sizeof *bad_second; i++) {
        strcpy(t, "");
        index_line(t, sizeof t, 1, "roster 1 " H64);
        index_line(t, sizeof t, 2, bad_second[i]);
        refused &= !index_ok(t, &n);
    }
    CHECK(refused, "malformed entries (kind, fields, subject, revision, digest) are refused");
    strcpy(t, "");
    index_line(t, sizeof t, 1, "bundle answers ada-grace 1 " H64);
    CHECK(!index_ok(t, &n), "an index whose first entry is not roster 1 is refused");
    strcpy(t, "");
    index_line(t, sizeof t, 1, "roster 1 " H64);
    index_line(t, sizeof t, 3, "roster 2 " H64);
    CHECK(!index_ok(t, &n), "a skipped SEQ is refused");
    strcpy(t, good);
    t[strlen(t) - 10] ^= 1; /* the last line's digest: the line still parses */
    CHECK(index_ok(t, &n), "an edited last line still parses (only a later line or a "
                           "checkpoint shows it)");
    strcpy(t, good);
    char *second = strchr(t, '\n') + 1;
    second[-10] = second[-10] == 'a' ? 'b' : 'a';
    CHECK(!index_ok(t, &n), "an edited line before the last breaks the chain");
    strcpy(t, good);
    t[strlen(t) - 1] = '\0';
    CHECK(!index_ok(t, &n), "a last line with no LF is refused");
    strcpy(t, good);
    *strchr(t, '\n') = '\r';
    CHECK(!index_ok(t, &n), "a CR is refused");
    CHECK(index_ok("", &n) && n == 0, "an empty index parses, with no entries");
}

/* A hex SHA-256 that stands for bundle or signature number i. */
static void fake_sha(unsigned i, char out[65])
{
    unsigned char b[4] = {(unsigned char)(i >> 24), (unsigned char)(i >> 16),
                          (unsigned char)(i >> 8), (unsigned char)i};
    manifest_sha256(b, sizeof b, out);
}

/* Appends n bundle entries for digests other than any below (seq from *seq). */
static void index_filler(char *text, size_t cap, long *seq, unsigned n)
{
    char sha[65], rest[200];
    for (unsigned i = 0; i < n; i++) {
        fake_sha(1000 + i, sha);
        snprintf(rest, sizeof rest, "bundle answers ada-grace 1 %s", sha);
        index_line(text, cap, (*seq)++, rest);
    }
}

/* ledger_check_report of rep (all signatures to be recorded) against
 * roster r and the index text: 0 or -1. */
static int in_order(const ledger_roster *r, const char *text, const bundle_report *rep,
                    const char *extra_kind, const char *extra_last)
{
    ledger_index ix;
    long line;
    char err[VERR_MAX];
    int rc = ledger_index_parse((const unsigned char *)text, strlen(text), &ix, &line, err);
    if (rc == 0 && extra_kind) { /* an entry appended after the parse, as accord index does */
        ledger_entry *e = realloc(ix.e, (ix.n + 1) * sizeof *e);
        if (!e)
            return -1;
        ix.e = e;
        e = memset(&ix.e[ix.n], 0, sizeof *e);
        e->seq = (long)++ix.n;
        snprintf(e->kind, sizeof e->kind, "%s", extra_kind);
        snprintf(e->f[e->nf++], sizeof e->f[0], "answers");
        snprintf(e->f[e->nf++], sizeof e->f[0], "ada-grace");
        snprintf(e->f[e->nf++], sizeof e->f[0], "1");
        snprintf(e->f[e->nf++], sizeof e->f[0], "%s", extra_last);
    }
    /* the search covers the sorted entries only: an appended one, once sorted */
    if (rc == 0 && extra_kind &&
        (ledger_index_first(&ix, extra_kind, extra_last) != 0 || ledger_index_sort(&ix) ||
         ix.n_sorted != ix.n || ledger_index_first(&ix, extra_kind, extra_last) != (long)ix.n))
        rc = -1;
    rc = rc ? -1 : ledger_check_report(r, &ix, 1, rep, err);
    ledger_index_release(&ix);
    return rc;
}

/* Which index entry records a signature: the first of the right kind
 * naming its digest, found in a large index by its sorted digests, and
 * among entries appended after the index was read once they are sorted. */
static void test_index_order(void)
{
    char(*ids)[17], *roster = many_keys_roster(4, 0, &ids), digest[65], sig_sha[65], rest[200];
    ledger_roster r;
    long line;
    char err[VERR_MAX];
    CHECK(ledger_roster_parse((const unsigned char *)roster, strlen(roster), &r, &line, err) == 0,
          "the roster parses (p0's key from entry 1, revoked at entry 5)");
    fake_sha(1, digest);
    fake_sha(2, sig_sha);
    bundle_member_report member = {.name = "signatures/p0.minisig", .len = 1};
    memcpy(member.sha256, sig_sha, 65);
    bundle_sig_report sig = {.member = "signatures/p0.minisig", .party = "p0"};
    memcpy(sig.keyid, ids[0], 17);
    bundle_report rep = {.members = &member, .n_members = 1, .sigs = &sig, .n_sigs = 1};
    snprintf(rep.meta.v[META_PROGRAM], sizeof rep.meta.v[0], "demo");
    memcpy(rep.digest, digest, 65);

    static char t[64 * 1024];
    long seq = 1;
    t[0] = '\0';
    index_line(t, sizeof t, seq++, "roster 1 " H64);
    snprintf(rest, sizeof rest, "bundle answers ada-grace 1 %s", digest);
    index_line(t, sizeof t, seq++, rest); /* entry 2 */
    index_filler(t, sizeof t, &seq, 300);
    index_line(t, sizeof t, seq++, rest); /* the same bundle again, after the revocation */
    CHECK(in_order(&r, t, &rep, NULL, NULL) == 0,
          "a bundle indexed before its key was revoked (and again after) is in order");

    t[0] = '\0';
    seq = 1;
    index_line(t, sizeof t, seq++, "roster 1 " H64);
    snprintf(rest, sizeof rest, "signature ada-grace p0 %s", digest);
    index_line(t, sizeof t, seq++, rest); /* its digest, but as a signature entry */
    index_filler(t, sizeof t, &seq, 300);
    snprintf(rest, sizeof rest, "bundle answers ada-grace 1 %s", digest);
    index_line(t, sizeof t, seq++, rest);
    CHECK(in_order(&r, t, &rep, NULL, NULL) != 0,
          "a signature entry naming the bundle's digest does not record the bundle: its "
          "bundle entry after the revocation is what counts");

    t[0] = '\0';
    seq = 1;
    index_line(t, sizeof t, seq++, "roster 1 " H64);
    index_filler(t, sizeof t, &seq, 2);
    snprintf(rest, sizeof rest, "signature ada-grace p0 %s", sig_sha);
    index_line(t, sizeof t, seq++, rest); /* entry 4: the signature itself */
    index_filler(t, sizeof t, &seq, 300);
    CHECK(in_order(&r, t, &rep, NULL, NULL) == 0,
          "a signature recorded by its own entry before the revocation is in order");

    t[0] = '\0';
    seq = 1;
    index_line(t, sizeof t, seq++, "roster 1 " H64);
    index_line(t, sizeof t, seq++, "bundle answers ada-grace 1 " H64);
    CHECK(in_order(&r, t, &rep, NULL, NULL) != 0, "a bundle the index lacks is not in order");
    CHECK(in_order(&r, t, &rep, "bundle", digest) == 0,
          "an entry appended after the index was read is in no search until the index is "
          "sorted again, then records the bundle");
    CHECK(in_order(&r, t, &rep, "signature", digest) != 0,
          "an appended entry of another kind does not");

    ledger_roster_release(&r);
    free(roster);
    free(ids);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    test_manifest();
    test_meta();
    test_names_and_text();
    test_minisign();
    test_roster();
    test_roster_many_keys();
    test_index();
    test_index_order();
    return CHECK_DONE();
}
