/* add.c - accord add [-C DIR] FILE...: takes in what people send. A bundle
 * is checked exactly as 'accord build' takes it in (bundles_check_file,
 * against DIR/keys/) and placed in DIR/bundles/ under its canonical name;
 * a public key is placed in DIR/keys/<party>.pub once the admin confirms
 * its key ID with its owner. Nothing is ever overwritten: a file already
 * there with the same bytes is skipped, one with other bytes is left as it
 * is and the new file is not placed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base.h"
#include "bundles.h"
#include "cmd.h"
#include "content.h"
#include "impl.h"
#include "render.h"

enum { OPT_CONTENT, OPT_PARTY, OPT_CONFIRMED, OPT_REPLACE, N_OPTIONS };

static const option_spec add_options[N_OPTIONS] = {
    [OPT_CONTENT] = {"-C", "DIR",
                     "the content directory (default: content); the working directory does not "
                     "change"},
    [OPT_PARTY] = {"--party", "ID",
                   "the party the public keys named are for (default: the key file's name, "
                   "<party>.pub)"},
    [OPT_CONFIRMED] = {"--key-confirmed", NULL,
                       "the key IDs were confirmed with their owners: place public keys without "
                       "asking"},
    [OPT_REPLACE] = {"--replace", NULL,
                     "a mentor's questions file replaces the questions/<party>.xml already "
                     "there (said when it does)"},
};

const command_spec add_spec = {
    .name = "add",
    .summary = "take in the bundles and public keys people send",
    .synopsis = "add [-C DIR] [--party ID] [--key-confirmed] [--replace] FILE...",
    .description =
        "A bundle (FILE.accord) is checked exactly as 'accord build' takes it in: its "
        "signatures against DIR/keys/, that it fits the content and the order of revisions. "
        "A refused bundle is reported and not placed; an accepted one is placed in "
        "DIR/bundles/ as <agreement>-r<N>-mentee.accord or -mentor.accord (answers), "
        "<agreement>-r<N>.accord (an agreement), or beside it as "
        "<agreement>-r<N>-signed-<parties>.accord when that name holds a copy of the same "
        "agreement with other signatures (the build merges them); IDP answers as "
        "idp-<party>-r<N>.accord.\n\n"
        "A public key (FILE.pub, minisign's format) is shown with its key ID and its party, "
        "a person of people.xml, and placed as DIR/keys/<party>.pub once you have confirmed "
        "the key ID with that person: on a terminal accord asks; otherwise give "
        "--key-confirmed.\n\n"
        "A mentor's questions file (FILE.xml, as the site's questions page downloads it: "
        "<custom-questions party=\"ID\">) is checked as 'accord check' checks a mentor's "
        "custom questions (at most 5, valid ids, none clashing with the questionnaire's "
        "questions or the program's, no custom questions for that mentor in people.xml) and "
        "placed as DIR/questions/<party>.xml; people.xml is never written.\n\n"
        "Nothing is ever overwritten: a file already there with the same bytes is skipped; "
        "one with other bytes is kept and the new file is not placed, unless --replace "
        "is given for a questions file.",
    .operands = "bundle, public key or mentor's questions file",
    .min_operands = 1,
    .max_operands = -1,
    .exit_status = "0 every file was placed or was already there; 1 a file was refused or not "
                   "placed; 2 a usage or I/O error.",
    .options = add_options,
    .n_options = N_OPTIONS,
};

typedef struct adder {
    content c;
    bundle_set bs;
    const char *party;
    int confirmed;
    int replace;
} adder;

/* The status of a run: the worst of its files' (2 above 1 above 0). */
static int worse(int a, int b)
{
    return a > b ? a : b;
}

typedef enum { PUT_PLACED, PUT_SAME, PUT_OTHER, PUT_ERROR } put_result;

/* Writes buf to path unless something is there: PUT_SAME when it holds
 * these bytes, PUT_OTHER when anything else (said by the caller); the
 * write never replaces a file, even one appearing meanwhile. */
static put_result put_new(const char *path, const unsigned char *buf, size_t len)
{
    unsigned char *old;
    size_t old_len;
    if (file_write_atomic(path, buf, len, 0, 0) == 0)
        return PUT_PLACED;
    if (errno != EEXIST) {
        diag_say("%s: %s", path, strerror(errno));
        return PUT_ERROR;
    }
    if (read_file(path, len + 1, &old, &old_len) != 0)
        return PUT_OTHER;
    int same = old_len == len && !memcmp(old, buf, len);
    free(old);
    return same ? PUT_SAME : PUT_OTHER;
}

/* 1 when every party of the ","-joined list sub is in list. */
static int signers_within(const char *sub, const char *list)
{
    char copy[sizeof((bundle_facts *)0)->signers], *save = NULL;
    snprintf(copy, sizeof copy, "%s", sub);
    for (char *p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
        size_t n = strlen(p);
        const char *at = list;
        while ((at = strstr(at, p)) && ((at != list && at[-1] != ',') || (at[n] && at[n] != ',')))
            at += n;
        if (!at)
            return 0;
    }
    return 1;
}

/* The canonical name of the bundle f describes (malloc'd); with
 * signed_copy, the name of an agreement copy beside the canonical one. */
static char *bundle_name(const bundle_facts *f, int signed_copy)
{
    sbuf b = SBUF_INIT;
    const meta *m = &f->meta;
    if (!strcmp(m->v[META_AGREEMENT], "-"))
        sb_printf(&b, "idp-%s-r%s", m->v[META_PARTY], m->v[META_REVISION]);
    else if (strcmp(m->v[META_KIND], "agreement"))
        sb_printf(&b, "%s-r%s-%s", m->v[META_AGREEMENT], m->v[META_REVISION], m->v[META_ROLE]);
    else
        sb_printf(&b, "%s-r%s", m->v[META_AGREEMENT], m->v[META_REVISION]);
    if (signed_copy) {
        sb_puts(&b, "-signed-");
        for (const char *s = f->signers; *s; s++)
            sb_put(&b, *s == ',' ? "-" : s, 1);
    }
    sb_puts(&b, ".accord");
    size_t len;
    return sb_take(&b, &len);
}

/* What the bundle f describes, in words, for the report. */
static void say_bundle(const char *file, const bundle_facts *f, const char *placed, const char *how)
{
    const meta *m = &f->meta;
    if (!strcmp(m->v[META_AGREEMENT], "-"))
        printf("%s: %s's IDP answers, revision %s: %s %s\n", file, m->v[META_PARTY],
               m->v[META_REVISION], how, placed);
    else if (strcmp(m->v[META_KIND], "agreement"))
        printf("%s: %s's answers (%s) to %s, revision %s: %s %s\n", file, m->v[META_PARTY],
               m->v[META_ROLE], m->v[META_AGREEMENT], m->v[META_REVISION], how, placed);
    else
        printf("%s: the agreement %s, revision %s, signed by %s: %s %s\n", file,
               m->v[META_AGREEMENT], m->v[META_REVISION], f->signers[0] ? f->signers : "nobody yet",
               how, placed);
}

/* Places the accepted bundle (bytes buf, facts f) in bundles/. Returns the
 * file's status. */
static int place_bundle(adder *A, const char *file, const bundle_facts *f, const unsigned char *buf,
                        size_t len)
{
    char *bdir = path_join(A->c.dir, "bundles"), *name = bundle_name(f, 0);
    char *path = path_join(bdir, name);
    int rc = 0, said = 0;
    if (make_dirs(bdir) != 0) {
        diag_say("%s: cannot make it: %s", bdir, strerror(errno));
        rc = 2;
    }
    put_result r = rc ? PUT_ERROR : put_new(path, buf, len);
    if (r == PUT_OTHER && !strcmp(f->meta.v[META_KIND], "agreement")) {
        /* another copy of the same agreement: its signatures are merged by
         * the build, so this one goes beside it unless it adds none */
        diag quiet = DIAG_INIT;
        bundle_facts there;
        if (bundles_check_file(&A->c, &A->bs, &agreement_pages, path, &quiet, &there) == 0 &&
            !strcmp(there.digest, f->digest)) {
            if (signers_within(f->signers, there.signers)) {
                say_bundle(file, f, path, "adds no signature to");
                r = PUT_SAME;
                said = 1;
            } else {
                free(path);
                free(name);
                name = bundle_name(f, 1);
                path = path_join(bdir, name);
                r = put_new(path, buf, len);
            }
        }
    }
    switch (r) {
    case PUT_PLACED:
        say_bundle(file, f, path, "placed as");
        break;
    case PUT_SAME:
        if (!said)
            say_bundle(file, f, path, "already there as");
        break;
    case PUT_OTHER:
        diag_say("%s: not placed: %s holds another bundle of the same name, which is kept "
                 "(nothing is overwritten); compare them with accord-verify -v, and to take "
                 "this one move that one out of %s and add it again",
                 file, path, bdir);
        rc = 1;
        break;
    case PUT_ERROR:
        rc = 2;
        break;
    }
    free(path);
    free(name);
    free(bdir);
    return rc;
}

static int add_bundle(adder *A, const char *file)
{
    diag d = DIAG_INIT;
    bundle_facts f;
    unsigned char *buf = NULL;
    size_t len;
    /* the bytes placed are read before the check, and must be the file's
     * still after it: a file changed meanwhile is not placed */
    if (read_file(file, ZIPREAD_FILE_MAX, &buf, &len) != 0) {
        diag_say("%s: refused: %s", file,
                 errno == EFBIG ? "larger than a bundle can be" : vu_read_error(errno));
        return errno == EFBIG ? 1 : 2;
    }
    int rc = 1;
    if (bundles_check_file(&A->c, &A->bs, &agreement_pages, file, &d, &f) != 0) {
        rc = worse(1, diag_exit_code(&d));
    } else {
        unsigned char *again;
        size_t again_len;
        if (read_file(file, ZIPREAD_FILE_MAX, &again, &again_len) != 0 || again_len != len ||
            memcmp(again, buf, len))
            diag_say("%s: not placed: it changed while it was checked", file);
        else
            rc = place_bundle(A, file, &f, buf, len);
        free(again);
    }
    free(buf);
    return rc;
}

/* 1 when the admin answers yes to confirming key ID id of party. */
static int ask_confirmed(const char *party, const person *p, const char *id)
{
    char line[16];
    fprintf(stderr, "Has %s (%s) told you, in person or by phone, that their key ID is %s? [y/N] ",
            party, p->name, id);
    fflush(stderr);
    return fgets(line, sizeof line, stdin) && (line[0] == 'y' || line[0] == 'Y');
}

/* The party a key file is for: --party, else its name without ".pub". */
static char *key_party(const adder *A, const char *file)
{
    if (A->party)
        return strdup(A->party);
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    return strndup(base, strlen(base) - 4);
}

/* Places the key file (party's; key ID id) as keys/<party>.pub. */
static int place_key(adder *A, const char *file, const char *party, const person *p, const char *id)
{
    char *kdir = path_join(A->c.dir, "keys"), *name = malloc(strlen(party) + 5);
    sprintf(name, "%s.pub", party);
    char *path = path_join(kdir, name);
    unsigned char *buf = NULL, *old = NULL;
    size_t len, old_len;
    int rc = 0;
    if (read_file(file, MS_KEY_FILE_MAX, &buf, &len) != 0) {
        diag_say("%s: cannot read it: %s", file, vu_read_error(errno));
        rc = 2;
    } else if (read_file(path, len, &old, &old_len) == 0 && old_len == len &&
               !memcmp(old, buf, len)) {
        printf("%s: already there as %s\n", file, path);
    } else if (!A->confirmed && !(isatty(STDIN_FILENO) && ask_confirmed(party, p, id))) {
        diag_say("%s: not placed: key ID %s is not confirmed; ask %s to read the key ID their "
                 "keys page shows (in person or by phone), then add it again with "
                 "--key-confirmed",
                 file, id, party);
        rc = 1;
    } else if (make_dirs(kdir) != 0) {
        diag_say("%s: cannot make it: %s", kdir, strerror(errno));
        rc = 2;
    } else {
        switch (put_new(path, buf, len)) {
        case PUT_PLACED:
            printf("%s: placed as %s\n", file, path);
            break;
        case PUT_SAME:
            printf("%s: already there as %s\n", file, path);
            break;
        case PUT_OTHER:
            diag_say("%s: not placed: %s holds another key of %s, which is kept (nothing is "
                     "overwritten); to trust the new key too, rename that one %s.<anything>.pub "
                     "(older keys still verify what they signed) and add this one again",
                     file, path, party, party);
            rc = 1;
            break;
        case PUT_ERROR:
            rc = 2;
            break;
        }
    }
    free(buf);
    free(old);
    free(path);
    free(name);
    free(kdir);
    return rc;
}

static int add_key(adder *A, const char *file)
{
    char *party = key_party(A, file), err[VERR_MAX], id[17];
    const person *p = valid_id(party, 0) ? content_person(&A->c, party) : NULL;
    keyring kr = KEYRING_INIT;
    int rc = 1;
    if (!valid_id(party, 0)) {
        diag_say("%s: not placed: '%s' is not a party id: name the party with --party ID", file,
                 party);
    } else if (!p) {
        diag_say("%s: not placed: people.xml has no person '%s': add them there first, or name "
                 "the party with --party ID",
                 file, party);
    } else if ((rc = keyring_add_file(&kr, file, party, err)) != 0) {
        diag_say("%s: refused: %s", file, err);
        rc = rc == -2 ? 2 : 1;
    } else {
        ms_keyid(kr.entries[0].pk.keynum, id);
        printf("%s: public key of %s (%s), key ID %s\n", file, party, p->name, id);
        const keyring *have = &A->bs.keys;
        for (size_t i = 0; rc == 0 && i < have->n; i++)
            if (!memcmp(have->entries[i].pk.keynum, kr.entries[0].pk.keynum, MS_KEYNUM_BYTES) &&
                strcmp(have->entries[i].party, party)) {
                diag_say("%s: refused: key ID %s is already %s's key (%s): each person needs a "
                         "key of their own",
                         file, id, have->entries[i].party, have->entries[i].path);
                rc = 1;
            }
        if (rc == 0)
            rc = place_key(A, file, party, p, id);
    }
    keyring_release(&kr);
    free(party);
    return rc;
}

/* 1 when name ends in suffix (and has something before it). */
static int ends_with(const char *name, const char *suffix)
{
    size_t n = strlen(name), s = strlen(suffix);
    return n > s && !strcmp(name + n - s, suffix);
}

static int add_file(adder *A, const char *file)
{
    struct stat st;
    if (stat(file, &st) != 0) {
        diag_say("%s: cannot read it: %s", file, strerror(errno));
        return 2;
    }
    if (!S_ISREG(st.st_mode)) {
        diag_say("%s: refused: %s", file,
                 S_ISDIR(st.st_mode) ? "a folder, not a bundle or a key: name the files in it"
                                     : "not a regular file");
        return 1;
    }
    if (ends_with(file, ".accord"))
        return add_bundle(A, file);
    if (ends_with(file, ".pub"))
        return add_key(A, file);
    if (ends_with(file, ".xml"))
        return add_questions(&A->c, file, A->replace);
    diag_say("%s: refused: neither a bundle (.accord), a public key (.pub) nor a mentor's "
             "questions file (.xml)",
             file);
    return 1;
}

int cmd_add(int argc, char **argv)
{
    const char *opt[N_OPTIONS] = {0};
    int n_files, rc = options_parse(&add_spec, argc, argv, opt, &n_files);
    if (rc)
        return rc == 1 ? 0 : rc;
    adder A;
    memset(&A, 0, sizeof A);
    A.party = opt[OPT_PARTY];
    A.confirmed = opt[OPT_CONFIRMED] != NULL;
    A.replace = opt[OPT_REPLACE] != NULL;
    if (A.party && !valid_id(A.party, 0)) {
        diag_say("add: --party '%s' is not a party id", A.party);
        options_usage_error(&add_spec);
        return 2;
    }
    diag d = DIAG_INIT;
    if (content_load(opt[OPT_CONTENT] ? opt[OPT_CONTENT] : "content", &A.c, &d) != 0) {
        diag_say("nothing added: fix the content first (accord check)");
        content_release(&A.c);
        return diag_exit_code(&d);
    }
    render_init();
    /* what bundles/ holds already is what a new revision is checked
     * against; its own problems are accord check's to report */
    bundles_load(&A.c, &agreement_pages, BUNDLES_SKIP_UNREADABLE, NULL, &A.bs, &d);
    rc = 0;
    for (int i = 1; i <= n_files; i++)
        rc = worse(rc, add_file(&A, argv[i]));
    bundle_set_release(&A.bs);
    content_release(&A.c);
    return rc;
}
