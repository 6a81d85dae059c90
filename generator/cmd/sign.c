/* sign.c - accord sign: checks an answers file as accord check does,
 * then writes its signed answers bundle (DESIGN "Formats"). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord_sign.h"
#include "base.h"
#include "bundles.h"
#include "cmd.h"
#include "content.h"
#include "impl.h"
#include "keys.h"
#include "render.h"

enum { OPT_KEY, OPT_CONTENT, OPT_PASSWORD_FILE, OPT_OUTPUT, OPT_FORCE, N_OPTIONS };

static const option_spec sign_options[N_OPTIONS] = {
    [OPT_KEY] = {"-s", "KEY", "your minisign secret key (from accord keygen or minisign -G)"},
    [OPT_CONTENT] = {"-C", "DIR", "the content directory (default: content)"},
    [OPT_PASSWORD_FILE] = {"--password-file", "FILE",
                           "read the key's password from the first line of FILE instead of "
                           "asking on the terminal (a key without a password needs none)"},
    [OPT_OUTPUT] = {"-o", "FILE", "the bundle to write"},
    [OPT_FORCE] = {"-f", NULL, "replace FILE if it exists"},
};

const command_spec sign_spec = {
    .name = "sign",
    .summary = "sign answers into a bundle, or countersign an agreement",
    .synopsis = "sign -s KEY [-C DIR] [--password-file FILE] [-f] -o OUT.accord ANSWERS.xml",
    .description =
        "Checks the answers file against its agreement's questionnaire as 'accord check' "
        "does, then writes a signed answers bundle: META, answers.xml, questionnaire.xml, "
        "MANIFEST and signatures/PARTY.minisig (see accord-bundle(5)). Its time is "
        "SOURCE_DATE_EPOCH when set, else the time saved in the answers file. The bundle is "
        "verified with the key's own public half before it is written.\n\n"
        "Answers to a revision whose answers in DIR/bundles were given before its "
        "questionnaire changed, naming the questionnaire those answers carry (as the mentor's "
        "review page does), are checked against and signed with that questionnaire.",
    .operands = "answers file",
    .min_operands = 1,
    .max_operands = 1,
    .exit_status = "0 the bundle was written; 1 the answers, key or password are wrong, or "
                   "the bundle exists (without -f); 2 a usage or I/O error.",
    .options = sign_options,
    .n_options = N_OPTIONS,
    .other_form = &countersign_spec,
};

/* 1 when kr holds a key for party. */
static int has_key_of(const keyring *kr, const char *party)
{
    for (size_t i = 0; i < kr->n; i++)
        if (!strcmp(kr->entries[i].party, party))
            return 1;
    return 0;
}

/* Warns when the content's key directory holds keys for party but not this one. */
static void warn_unknown_key(const char *content_dir, const char *party, const ms_seckey *sk)
{
    char *dir = path_join(content_dir, "keys"), err[VERR_MAX], id[17];
    keyring kr = KEYRING_INIT;
    if (dir && is_directory(dir) && keyring_add_dir(&kr, dir, NULL, NULL, err) >= 0 &&
        has_key_of(&kr, party) && !keyring_find(&kr, party, sk->keynum)) {
        ms_keyid(sk->keynum, id);
        diag_say("warning: %s/ holds a different key for %s than this one (key ID "
                 "%s); verifiers using it will refuse the bundle",
                 dir, party, id);
    }
    keyring_release(&kr);
    free(dir);
}

/* A review's answers follow the agreement they name: checked against the
 * program's bundles (bs, loaded when bundles_ok) when the content
 * directory has them (refused as the build would refuse them), only
 * warned about where it has none, as on a party's own machine. Returns 0
 * or -1. */
static int check_previous(const content *c, bundle_set *bs, int bundles_ok, const answers *a,
                          diag *d)
{
    if (!a->agreement || a->revision < 2)
        return 0;
    if (bundles_ok && bs->have_bundles)
        return bundles_check_previous(bs, a, d);
    if (!bs->have_bundles)
        diag_warn(d, a->file, a->line,
                  "previous not checked: %s has no bundles/ folder holding the signed agreement "
                  "of revision %d; the program checks it when your bundle arrives",
                  c->dir, a->revision - 1);
    return 0;
}

static int fill_meta(meta *m, const content *c, const answers *a, const effective *eff)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    memset(m, 0, sizeof *m);
#define SET(k, ...) snprintf(m->v[k], sizeof m->v[k], __VA_ARGS__)
    SET(META_FORMAT, "accord-bundle 1");
    SET(META_KIND, "answers");
    SET(META_PROGRAM, "%.32s", c->program.id);
    SET(META_AGREEMENT, "%.32s", a->agreement ? a->agreement : "-");
    SET(META_REVISION, "%d", a->revision);
    SET(META_ROLE, "%s", role_name(a->role));
    SET(META_PARTY, "%.32s", a->party);
    SET(META_QUESTIONNAIRE, "%.32s@%.32s", eff->q->id, eff->q->version);
    SET(META_QUESTIONNAIRE_SHA256, "%.64s", eff->digest);
    /* a review's answers name the agreement they revise */
    SET(META_PREVIOUS, "%.64s", a->previous ? a->previous : "none");
#undef SET
    if (sde && *sde) {
        char *end;
        long long t = strtoll(sde, &end, 10);
        if (*end || t < 0 || meta_time_format(t, m->v[META_CREATED])) {
            diag_say("SOURCE_DATE_EPOCH is not a valid time: %s", sde);
            return -1;
        }
    } else {
        snprintf(m->v[META_CREATED], sizeof m->v[META_CREATED], "%.20s", a->saved);
    }
    return 0;
}

/* Verifies the bundle just made with the very code auditors run, trusting
 * only the secret key's own public half. Returns 0, or -1 with err set. */
static int self_verify(const unsigned char *bundle, size_t len, const ms_seckey *sk, char *err)
{
    keyring_entry e;
    keyring kr = {&e, 1, 1, NULL};
    bundle_report r;
    int rc;
    memset(&e, 0, sizeof e);
    memcpy(e.pk.sig_alg, "Ed", 2);
    memcpy(e.pk.keynum, sk->keynum, sizeof e.pk.keynum);
    memcpy(e.pk.pk, sk->sk + 32, sizeof e.pk.pk);
    e.path = "(the secret key's public half)";
    rc = bundle_verify(bundle, len, &kr, &r, NULL) == BUNDLE_VALID ? 0 : -1;
    if (rc)
        snprintf(err, VERR_MAX, "%s", r.reason);
    bundle_report_release(&r);
    return rc;
}

int cmd_sign(int argc, char **argv)
{
    const char *key, *dir, *pwfile, *out, *in;
    int force = 0, rc = 2;
    diag d = DIAG_INIT;
    content c;
    arena ar = ARENA_INIT;
    answers a;
    bundle_set bs;
    effective eff;
    unsigned char *raw = NULL, *bundle = NULL;
    size_t raw_len = 0, bundle_len = 0;
    ms_seckey *sk = NULL;
    char err[VERR_MAX];
    meta m;
    /* the second form: "--countersign" anywhere before "--" */
    for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
        if (!strcmp(argv[i], "--countersign"))
            return cmd_countersign(argc, argv);
    const char *opt[N_OPTIONS] = {0};
    int n_files;
    rc = options_parse(&sign_spec, argc, argv, opt, &n_files);
    if (rc)
        return rc == 1 ? 0 : rc;
    rc = 2;
    key = opt[OPT_KEY];
    dir = opt[OPT_CONTENT] ? opt[OPT_CONTENT] : "content";
    pwfile = opt[OPT_PASSWORD_FILE];
    out = opt[OPT_OUTPUT];
    force = opt[OPT_FORCE] != NULL;
    in = argv[1];
    if (!key || !out) {
        diag_say("sign: give -s KEY and -o OUT.accord");
        options_usage_error(&sign_spec);
        return 2;
    }
    /* -f never means "over an input": the answers, key or password file */
    if (same_file_name(out, in) || same_file_name(out, key) ||
        (pwfile && same_file_name(out, pwfile))) {
        diag_say("-o %s names a file this command reads; write the bundle to "
                 "another file",
                 out);
        return 2;
    }
    if (!force && path_exists(out)) {
        diag_say("%s: exists; not overwritten (use -f)", out);
        return 1;
    }
    memset(&c, 0, sizeof c);
    memset(&a, 0, sizeof a);
    memset(&bs, 0, sizeof bs);
    if (content_load(dir, &c, &d) != 0 || answers_load(in, &a, &ar, &d) != 0) {
        rc = diag_exit_code(&d);
        rc = rc ? rc : 1;
        goto done;
    }
    /* an agreement's answers are checked against the program's bundles:
     * the revision they follow, and the questions its answers were given to */
    int bundles_ok = 0;
    if (a.agreement) {
        render_init();
        bundles_ok =
            bundles_load(&c, &agreement_pages, BUNDLES_SKIP_UNREADABLE, NULL, &bs, &d) == 0;
    }
    if (answers_check_signable(&c, bundles_ok ? &bs : NULL, &a, &ar, &eff, &d) != 0 ||
        check_previous(&c, &bs, bundles_ok, &a, &d) != 0) {
        rc = diag_exit_code(&d);
        rc = rc ? rc : 1;
        goto done;
    }
    if (read_file(in, XML_FILE_MAX, &raw, &raw_len)) {
        diag_say("%s: %s", in, vu_read_error(errno));
        goto done;
    }
    if (fill_meta(&m, &c, &a, &eff) || meta_check(&m, err) != 0) {
        if (m.v[META_CREATED][0])
            diag_say("%s: %s", in, err);
        rc = 1;
        goto done;
    }
    sk = sign_load_secret_key(key, pwfile, &rc);
    if (!sk)
        goto done;
    warn_unknown_key(dir, a.party, sk);
    if (bundle_answers_write(&m, raw, raw_len, eff.xml, eff.xml_len, sk, &bundle, &bundle_len,
                             err)) {
        diag_say("%s: %s", out, err);
        rc = 1;
        goto done;
    }
    if (self_verify(bundle, bundle_len, sk, err)) {
        diag_say("%s: the bundle made does not verify: %s", out, err);
        rc = 1;
        goto done;
    }
    if (file_write_atomic(out, bundle, bundle_len, 0, force)) {
        diag_say("%s: %s", out,
                 errno == EEXIST ? "exists; not overwritten (use -f)" : strerror(errno));
        rc = errno == EEXIST ? 1 : 2;
        goto done;
    }
    rc = 0;
done:
    ms_seckey_free(sk);
    free(raw);
    free(bundle);
    bundle_set_release(&bs);
    arena_release(&ar);
    content_release(&c);
    return rc;
}
