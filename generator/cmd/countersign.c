/* countersign.c - accord sign --countersign: a party adds their
 * signature to an agreement bundle . The signer is found by the
 * secret key's key ID among the trusted keys of the key directory, never by
 * anything the bundle or the user claims. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "accord_sign.h"
#include "base.h"
#include "bundles.h"
#include "cmd.h"
#include "content.h"
#include "keys.h"
#include "render.h"

enum {
    OPT_COUNTERSIGN,
    OPT_KEY,
    OPT_CONTENT,
    OPT_KEYDIR,
    OPT_PASSWORD_FILE,
    OPT_OUTPUT,
    OPT_FORCE,
    N_OPTIONS
};

static const option_spec countersign_options[N_OPTIONS] = {
    [OPT_COUNTERSIGN] = {"--countersign", NULL, "add your signature to an agreement bundle"},
    [OPT_KEY] = {"-s", "KEY", "your minisign secret key"},
    [OPT_CONTENT] = {"-C", "DIR", "trust the keys of DIR/keys (default: content)"},
    [OPT_KEYDIR] = {"-r", "KEYDIR", "trust the keys of KEYDIR instead"},
    [OPT_PASSWORD_FILE] = {"--password-file", "FILE",
                           "read the key's password from the first line of FILE"},
    [OPT_OUTPUT] = {"-o", "FILE", "write the signed bundle to FILE instead of in place"},
    [OPT_FORCE] = {"-f", NULL, "replace FILE if it exists"},
};

const command_spec countersign_spec = {
    .name = "sign --countersign",
    .summary = "add your signature to an agreement bundle",
    .synopsis = "sign --countersign -s KEY [-C DIR | -r KEYDIR] [--password-file FILE] [-o "
                "OUT.accord] [-f] AGREEMENT.accord",
    .description =
        "Verifies the agreement bundle against the trusted keys, finds you among them by your "
        "secret key's key ID (the key file's name is your party id), and adds "
        "signatures/PARTY.minisig: your signature of MANIFEST whose trusted comment is META's "
        "followed by ' signed=' and the UTC time (SOURCE_DATE_EPOCH when set, else the "
        "clock). Only the agreement's mentee and mentor can sign, and only the page made "
        "from its answers by this accord. The bundle is rewritten in place (atomically) "
        "unless -o names another file. Signing twice changes nothing.",
    .operands = "agreement bundle",
    .min_operands = 1,
    .max_operands = 1,
    .exit_status = "0 signed (or signed already); 1 the bundle, key or password is wrong, "
                   "or you are not a party; 2 a usage or I/O error.",
    .options = countersign_options,
    .n_options = N_OPTIONS,
};

typedef struct cs_opts {
    const char *key, *content, *keydir, *pwfile, *out, *in;
    int force;
} cs_opts;

/* Returns 0, 1 after --help (exit 0), or 2 after a usage error. */
static int parse_args(int argc, char **argv, cs_opts *o)
{
    const char *opt[N_OPTIONS] = {0};
    int n_files, rc = options_parse(&countersign_spec, argc, argv, opt, &n_files);
    if (rc)
        return rc;
    o->key = opt[OPT_KEY];
    o->content = opt[OPT_CONTENT] ? opt[OPT_CONTENT] : "content";
    o->keydir = opt[OPT_KEYDIR];
    o->pwfile = opt[OPT_PASSWORD_FILE];
    o->out = opt[OPT_OUTPUT];
    o->force = opt[OPT_FORCE] != NULL;
    o->in = argv[1];
    if (!o->key) {
        diag_say("sign --countersign: give -s KEY");
        options_usage_error(&countersign_spec);
        return 2;
    }
    return 0;
}

/* The signing time: SOURCE_DATE_EPOCH when set, else the clock. -1 when
 * SOURCE_DATE_EPOCH is not a time. */
static long long signing_time(void)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    char *end, when[21];
    long long t;
    if (!sde || !*sde)
        return (long long)time(NULL);
    errno = 0;
    t = strtoll(sde, &end, 10);
    if (*end || errno || t < 0 || meta_time_format(t, when)) {
        diag_say("SOURCE_DATE_EPOCH is not a valid time: %s", sde);
        return -1;
    }
    return t;
}

/* Finds who the secret key belongs to: a trusted key with its key ID whose
 * party is one of the agreement's (preferred), else any. Prints why and
 * returns NULL when nobody or a non-party. */
static const keyring_entry *find_signer(const keyring *kr, const ms_seckey *sk, const meta *m,
                                        const char *keydir, const char parties[2][33])
{
    const keyring_entry *other = NULL;
    char id[17];
    ms_keyid(sk->keynum, id);
    for (size_t i = 0; i < kr->n; i++) {
        const keyring_entry *e = &kr->entries[i];
        if (memcmp(e->pk.keynum, sk->keynum, MS_KEYNUM_BYTES))
            continue;
        if (!strcmp(e->party, parties[0]) || !strcmp(e->party, parties[1])) {
            if (sodium_memcmp(e->pk.pk, sk->sk + 32, MS_PK_BYTES)) {
                diag_say("%s has key ID %s but another public key than this secret "
                         "key: replace it with the public key of this key pair",
                         e->path, id);
                return NULL;
            }
            return e;
        }
        other = e;
    }
    if (other)
        diag_say("key ID %s is %s's (%s), and %s is not a party to agreement %s "
                 "(%s and %s are): only they can sign it",
                 id, other->party, other->path, other->party, m->v[META_AGREEMENT], parties[0],
                 parties[1]);
    else
        diag_say("key ID %s is not among the trusted keys of %s/: add the party's "
                 "public key there as <party>.pub, or sign with the party's own key",
                 id, keydir);
    return NULL;
}

/* A key file of the key directory that cannot be used: named and left out
 * (if it was the signer's, finding the signer then says so). */
static void skipped_key(void *ctx, const char *path, const char *why)
{
    (void)ctx;
    diag_say("warning: %s: skipped: %s", path, why);
}

/* Verifies the bundle made with the keys it was checked against before. */
static int self_check(const unsigned char *buf, size_t len, const keyring *kr, char *err)
{
    bundle_report r;
    int rc = bundle_verify(buf, len, kr, &r, NULL) == BUNDLE_INVALID ? -1 : 0;
    if (rc)
        snprintf(err, VERR_MAX, "%s", r.reason);
    bundle_report_release(&r);
    return rc;
}

/* Refuses to sign an agreement whose page is not exactly the page its
 * signed answers make (or predates that binding): the page is what the
 * signer reads, so it must say what the answers say. Returns 0 or 1. */
static int check_page(const cs_opts *o, const zipread_archive *z, const meta *m)
{
    arena ar = ARENA_INIT;
    agreement_view v;
    agreement_facts f;
    char why[VERR_MAX] = "";
    const char *bad = bundles_read_view(z, m, o->in, &ar, &v);
    const zipread_member *h = zipread_find(z, "agreement.html");
    int rc = 1;
    render_init();
    if (bad)
        diag_say("%s: refused: %s", o->in, bad);
    else if (!h)
        diag_say("%s: refused: it has no agreement.html", o->in);
    else
        switch (agreement_page_check(&v, h->data, h->len, &ar, &f, why)) {
        case PAGE_BOUND:
            rc = 0;
            break;
        case PAGE_LEGACY:
            diag_say("%s: refused: its agreement.html was made before pages were "
                     "bound to their answers, so what it shows cannot be checked; ask the program "
                     "for the agreement its current site offers",
                     o->in);
            break;
        case PAGE_DIFFERS:
            diag_say("%s: refused: %s", o->in, why);
            break;
        }
    arena_release(&ar);
    return rc;
}

/* With the program's content directory at hand (no -r), the agreement must
 * also be one the build would take: for the program and its people, in the
 * order of revisions (revision N after N-1 signed by both), its page's facts
 * still the content's. Returns 0 or 1 (refused, said why). */
static int check_program(const cs_opts *o)
{
    diag d = DIAG_INIT;
    content c;
    bundle_set bs;
    int rc = 0;
    if (o->keydir)
        return 0;
    memset(&bs, 0, sizeof bs);
    if (content_load(o->content, &c, &d) != 0) {
        diag_warn(&d, o->content, 0,
                  "not checked against the program: its content does not load (see above)");
    } else {
        render_init();
        bundles_load(&c, &agreement_pages, BUNDLES_SKIP_UNREADABLE, NULL, &bs, &d);
        rc = bundles_check_file(&c, &bs, &agreement_pages, o->in, &d, NULL) ? 1 : 0;
    }
    bundle_set_release(&bs);
    content_release(&c);
    return rc;
}

/* Signs the verified archive z (report r) as e's party and writes it. */
static int sign_and_write(const cs_opts *o, const zipread_archive *z, const bundle_report *r,
                          const keyring *kr, const keyring_entry *e, const ms_seckey *sk)
{
    const char *out = o->out ? o->out : o->in;
    unsigned char *buf = NULL;
    size_t len = 0;
    char err[VERR_MAX], when[21];
    long long t = signing_time();
    int rc = 1;
    if (t < 0)
        return 1;
    if (t < meta_time_parse(r->meta.v[META_CREATED])) {
        meta_time_format(t, when);
        diag_say("%s: the signing time %s is before the agreement was created (%s): "
                 "check the clock or SOURCE_DATE_EPOCH",
                 o->in, when, r->meta.v[META_CREATED]);
        return 1;
    }
    if (bundle_countersign(z, &r->meta, e->party, sk, t, &buf, &len, err) ||
        self_check(buf, len, kr, err)) {
        diag_say("%s: cannot countersign: %s", o->in, err);
        goto done;
    }
    /* In place is an atomic rename over the bundle just verified. */
    if (file_write_atomic(out, buf, len, 0, o->out ? o->force : 1)) {
        diag_say("%s: %s", out,
                 errno == EEXIST ? "exists; not overwritten (use -f)" : strerror(errno));
        rc = errno == EEXIST ? 1 : 2;
        goto done;
    }
    meta_time_format(t, when);
    printf("accord sign: %s: signed by %s at %s%s%s\n", out, e->party, when,
           r->n_awaiting > 1 ? "; still awaiting " : "; signed by both parties",
           r->n_awaiting > 1 ? (strcmp(r->awaiting[0], e->party) ? r->awaiting[0] : r->awaiting[1])
                             : "");
    rc = 0;
done:
    free(buf);
    return rc;
}

int cmd_countersign(int argc, char **argv)
{
    cs_opts o;
    keyring kr = KEYRING_INIT;
    bundle_report r;
    zipread_archive z = {NULL, 0};
    unsigned char *buf = NULL;
    size_t len = 0;
    char err[VERR_MAX], *keydir_alloc = NULL, parties[2][33];
    const char *keydir, *comma;
    const keyring_entry *e;
    ms_seckey *sk = NULL;
    int rc = parse_args(argc, argv, &o);
    if (rc)
        return rc == 1 ? 0 : rc;
    memset(&r, 0, sizeof r);
    /* the bundle is rewritten in place or to -o, never over the key */
    if ((o.out && same_file_name(o.out, o.key)) || same_file_name(o.in, o.key) ||
        (o.pwfile &&
         ((o.out && same_file_name(o.out, o.pwfile)) || same_file_name(o.in, o.pwfile)))) {
        diag_say("the bundle and the key or password file are the same "
                 "file; name each its own file");
        return 2;
    }
    if (o.out && !o.force && path_exists(o.out)) {
        diag_say("%s: exists; not overwritten (use -f)", o.out);
        return 1;
    }
    keydir = o.keydir ? o.keydir : (keydir_alloc = path_join(o.content, "keys"));
    if (!keydir) {
        diag_say("out of memory");
        return 2;
    }
    rc = 2;
    if (keyring_add_dir(&kr, keydir, skipped_key, NULL, err) < 0) {
        diag_say("%s: %s", keydir, err);
        goto done;
    }
    if (vu_read_file(o.in, ZIPREAD_FILE_MAX, &buf, &len)) {
        diag_say("%s: %s", o.in,
                 errno == EFBIG ? "larger than a bundle can be" : vu_read_error(errno));
        rc = errno == EFBIG ? 1 : 2;
        goto done;
    }
    rc = 1;
    if (bundle_verify(buf, len, &kr, &r, &z) == BUNDLE_INVALID) {
        diag_say("%s: refused: %s", o.in, r.reason);
        goto done;
    }
    if (strcmp(r.meta.v[META_KIND], "agreement")) {
        diag_say("%s: an answers bundle, not an agreement: sign answers files with "
                 "'accord sign -s KEY ANSWERS.xml -o OUT.accord'",
                 o.in);
        goto done;
    }
    if (check_page(&o, &z, &r.meta) || check_program(&o))
        goto done;
    comma = strchr(r.meta.v[META_PARTY], ',');
    snprintf(parties[0], sizeof parties[0], "%.*s", (int)(comma - r.meta.v[META_PARTY]),
             r.meta.v[META_PARTY]);
    snprintf(parties[1], sizeof parties[1], "%.32s", comma + 1);
    sk = sign_load_secret_key(o.key, o.pwfile, &rc);
    if (!sk)
        goto done;
    e = find_signer(&kr, sk, &r.meta, keydir, parties);
    if (!e) {
        rc = 1;
        goto done;
    }
    for (size_t i = 0; i < r.n_sigs; i++) {
        if (r.sigs[i].countersign && !strcmp(r.sigs[i].party, e->party)) {
            printf("accord sign: %s: %s already signed this agreement (at %s); nothing to do\n",
                   o.in, e->party, r.sigs[i].signed_at);
            rc = 0;
            goto done;
        }
    }
    rc = sign_and_write(&o, &z, &r, &kr, e, sk);
done:
    ms_seckey_free(sk);
    free(buf);
    free(keydir_alloc);
    zipread_release(&z);
    bundle_report_release(&r);
    keyring_release(&kr);
    return rc;
}
