/* roster.c - accord roster init | add | revoke | program-key: each writes
 * a new roster revision of the program's ledger (bundles.h), signed with
 * the secret half of the program key in force, and appends it to the index
 * with a new checkpoint signed by the same key. init starts the ledger
 * from keys/, every key valid from entry 1; program-key names the key in
 * force for every entry after the revision's own. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord_sign.h"
#include "base.h"
#include "bundles.h"
#include "cmd.h"
#include "content.h"
#include "keys.h"

enum { OPT_CONTENT, OPT_KEY, OPT_PASSWORD_FILE, N_OPTIONS };

static const option_spec roster_options[N_OPTIONS] = {
    [OPT_CONTENT] = {"-C", "DIR", "the content directory (default: content)"},
    [OPT_KEY] = {"-s", "KEY",
                 "the secret half of the program key in force (never in the content directory)"},
    [OPT_PASSWORD_FILE] = {"--password-file", "FILE",
                           "read the key's password from the first line of FILE instead of "
                           "asking on the terminal"},
};

const command_spec roster_spec = {
    .name = "roster",
    .summary = "start the program's ledger, add or revoke a party's key, change the program key",
    .synopsis = "roster init|add|revoke|program-key -s KEY [-C DIR] [--password-file FILE] [PARTY "
                "FILE.pub | PARTY KEYID REASON | NEW.pub]",
    .description =
        "Each form writes the next roster revision, DIR/ledger/roster-NNNN.txt and its .minisig "
        "signed with the program key in force, and appends it to DIR/ledger/index.txt with a new "
        "checkpoint signed by the same key. program.xml must name the program's first public "
        "key (<program-key file=\"ledger/program.pub\"/>).\n\n"
        "'roster init' starts the ledger: the public key file (written from KEY when absent), "
        "DIR/ledger/index-key, and the first roster, every key of keys/ valid from index entry "
        "1, so no signature made before is lost. 'roster add PARTY FILE.pub' adds a key for "
        "PARTY (a person of people.xml), valid for signatures indexed after it. 'roster revoke "
        "PARTY KEYID REASON' (lost, compromised, replaced or left) revokes a key: signatures "
        "indexed before still count, any other signature by it never does. 'roster program-key "
        "NEW.pub', signed with "
        "the key in force (KEY), names NEW.pub as the program key: every later roster "
        "revision and checkpoint is signed by it, and an auditor who pinned the first key "
        "follows the chain of revisions. Without the key in force there is no change: start a "
        "new ledger.",
    .operands = "roster form and its arguments",
    .min_operands = 1,
    .max_operands = 4,
    .exit_status = "0 the roster revision was written; 1 the content, ledger, key or arguments "
                   "are wrong; 2 a usage or I/O error.",
    .options = roster_options,
    .n_options = N_OPTIONS,
};

/* init: the program key file (from sk when absent), the index key, and
 * roster revision 1 from keys/ into *r. 0 or an exit status. */
static int start_ledger(const content *c, ledger_state *lg, const ms_seckey *sk, ledger_roster *r,
                        diag *d)
{
    char *kp = path_join(c->dir, c->program.program_key), *ik = path_join(lg->dir, "index-key");
    char pub[MS_PUBKEY_FILE_LEN_MAX], b64[64];
    unsigned char key[LEDGER_INDEX_KEY_BYTES];
    keyring kr = KEYRING_INIT;
    ms_pubkey pk = {.sig_alg = {'E', 'd'}};
    int rc = 0;
    memcpy(pk.keynum, sk->keynum, MS_KEYNUM_BYTES);
    memcpy(pk.pk, sk->sk + 32, MS_PK_BYTES);
    ms_pubkey_format(&pk, pub);
    if (path_exists(kp) && !secret_key_matches(sk, &lg->program_key))
        diag_error(d, kp, 0, "is not the public half of the secret key given with -s");
    else if (make_dirs(lg->dir) ||
             (!path_exists(kp) && file_write_atomic(kp, pub, strlen(pub), 0, 0)))
        diag_io(d, kp, "cannot write it: %s", strerror(errno));
    randombytes_buf(key, sizeof key);
    sodium_bin2base64(b64, sizeof b64, key, sizeof key, sodium_base64_VARIANT_ORIGINAL);
    strcat(b64, "\n");
    if (!d->errors && !d->io_errors && !path_exists(ik) &&
        file_write_atomic(ik, b64, strlen(b64), 1, 0))
        diag_io(d, ik, "cannot write it: %s", strerror(errno));
    sodium_memzero(key, sizeof key);
    sodium_memzero(b64, sizeof b64);
    if (!d->errors && !d->io_errors && bundles_load_keys(c, 0, &kr, d) == 0) {
        r->keys = calloc(kr.n ? kr.n : 1, sizeof *r->keys);
        for (size_t i = 0; r->keys && i < kr.n; i++) {
            snprintf(r->keys[i].party, sizeof r->keys[i].party, "%s", kr.entries[i].party);
            r->keys[i].pk = kr.entries[i].pk;
            r->keys[i].from = 1;
        }
        r->n = r->keys ? kr.n : 0;
    }
    snprintf(r->previous, sizeof r->previous, "none");
    keyring_release(&kr);
    free(kp);
    free(ik);
    rc = diag_exit_code(d);
    return rc;
}

/* program-key NEW.pub into r: a key other than cur, the key in force.
 * 0 or -1 (reported). */
static int new_program_key(char **arg, int n, ledger_roster *r, const ms_pubkey *cur, diag *d)
{
    keyring kr = KEYRING_INIT;
    char err[VERR_MAX];
    int rc = -1;
    if (n != 2)
        diag_error(d, NULL, 0, "program-key takes NEW.pub, the new program key");
    else if (keyring_add_file(&kr, arg[1], NULL, err))
        diag_error(d, arg[1], 0, "%s", err);
    else if (!memcmp(kr.entries[0].pk.keynum, cur->keynum, MS_KEYNUM_BYTES))
        diag_error(d, arg[1], 0, "is the program key in force already");
    else {
        r->has_program_key = 1;
        r->program_key = kr.entries[0].pk;
        rc = 0;
    }
    keyring_release(&kr);
    return rc;
}

/* add PARTY FILE.pub / revoke PARTY KEYID REASON into r (the latest
 * roster, copied), effective at index entry seq. 0 or -1 (reported). */
static int change_roster(const content *c, char **arg, int n, ledger_roster *r, long seq, diag *d)
{
    const char *party = arg[1];
    char err[VERR_MAX], kid[17];
    if (!content_person(c, party)) {
        diag_error(d, NULL, 0, "%s is not a person of people.xml", party);
        return -1;
    }
    if (!strcmp(arg[0], "add")) {
        keyring kr = KEYRING_INIT;
        if (n != 3 || keyring_add_file(&kr, arg[2], NULL, err)) {
            diag_error(d, n == 3 ? arg[2] : NULL, 0, "%s",
                       n == 3 ? err : "add takes PARTY FILE.pub");
            keyring_release(&kr);
            return -1;
        }
        roster_key *v = realloc(r->keys, (r->n + 1) * sizeof *v);
        if (!v)
            return -1;
        r->keys = v;
        memset(&v[r->n], 0, sizeof *v);
        snprintf(v[r->n].party, sizeof v->party, "%s", party);
        v[r->n].pk = kr.entries[0].pk;
        v[r->n++].from = seq;
        keyring_release(&kr);
        return 0;
    }
    for (size_t i = 0; n == 4 && i < r->n; i++) {
        ms_keyid(r->keys[i].pk.keynum, kid);
        if (!strcmp(r->keys[i].party, party) && !strcmp(kid, arg[2]) && !r->keys[i].revoked_at) {
            r->keys[i].revoked_at = seq;
            snprintf(r->keys[i].reason, sizeof r->keys[i].reason, "%.11s", arg[3]);
            return 0;
        }
    }
    diag_error(d, NULL, 0, "revoke takes PARTY KEYID REASON, a key of the roster not revoked yet");
    return -1;
}

/* Writes roster r as the next revision (file, signature, index entry,
 * checkpoint). 0 or an exit status. */
static int write_roster(const content *c, ledger_state *lg, ledger_roster *r, const ms_seckey *sk,
                        diag *d)
{
    char *text = ledger_roster_format(r), path[300], sha[65], fields[100], trusted[100], err[200];
    ledger_roster check;
    long line;
    int rc = 1;
    if (!text || ledger_roster_parse((unsigned char *)text, strlen(text), &check, &line, err)) {
        diag_error(d, "(the new roster)", line, "%s", text ? err : "out of memory");
        goto out;
    }
    manifest_sha256((unsigned char *)text, strlen(text), sha);
    snprintf(path, sizeof path, "%s/roster-%04ld.txt", lg->dir, r->revision);
    snprintf(fields, sizeof fields, "%ld %s", r->revision, sha);
    snprintf(trusted, sizeof trusted, "accord-roster/1 program=%s revision=%ld", r->program,
             r->revision);
    char *sig = ms_sign(sk, (unsigned char *)text, strlen(text), trusted, 0);
    char sp[310];
    snprintf(sp, sizeof sp, "%s.minisig", path);
    if (ledger_append(lg, "roster", fields, d) == 0 && sig &&
        file_write_atomic(path, text, strlen(text), 0, 0) == 0 &&
        file_write_atomic(sp, sig, strlen(sig), 0, 0) == 0) {
        rc = ledger_commit(c, lg, sk);
        if (!rc)
            printf("roster revision %ld: %s (index entry %zu)\n", r->revision, path, lg->ix.n);
    } else if (sig) {
        diag_io(d, path, "cannot write it: %s", errno == EEXIST ? "exists" : strerror(errno));
        rc = 2;
    }
    free(sig);
    ledger_roster_release(&check);
out:
    free(text);
    return rc;
}

int cmd_roster(int argc, char **argv)
{
    const char *opt[N_OPTIONS] = {0};
    int n, rc = options_parse(&roster_spec, argc, argv, opt, &n);
    if (rc)
        return rc == 1 ? 0 : rc;
    const char *dir = opt[OPT_CONTENT] ? opt[OPT_CONTENT] : "content", *sub = argv[1];
    int init = !strcmp(sub, "init"), rekey = !strcmp(sub, "program-key");
    if ((!init && !rekey && strcmp(sub, "add") && strcmp(sub, "revoke")) || !opt[OPT_KEY] ||
        (init && n != 1)) {
        diag_say("roster: give init, add, revoke or program-key, and -s KEY");
        options_usage_error(&roster_spec);
        return 2;
    }
    diag d = DIAG_INIT;
    content c;
    ledger_state lg;
    ledger_roster r = {.revision = 1};
    ms_seckey *sk = NULL;
    memset(&c, 0, sizeof c);
    memset(&lg, 0, sizeof lg);
    if (content_load(dir, &c, &d) != 0) {
        rc = diag_exit_code(&d) ? diag_exit_code(&d) : 2;
        goto done;
    }
    rc = 1;
    if (!c.program.program_key) {
        diag_error(&d, c.program.file, c.program.line,
                   "names no program key: add <program-key file=\"ledger/program.pub\"/> after "
                   "<title> (and <contact>, <site>)");
        goto done;
    }
    if (ledger_load(&c, init, &lg, &d) ||
        !(sk = sign_load_secret_key(opt[OPT_KEY], opt[OPT_PASSWORD_FILE], &rc)))
        goto done;
    if (init && lg.ix.n) {
        diag_error(&d, lg.dir, 0, "the ledger is started already: its index is never started anew");
        goto done;
    }
    const ms_pubkey *cur = ledger_key_at(&lg, (long)lg.ix.n + 1);
    if (!init && !secret_key_matches(sk, cur)) {
        char kid[17];
        ms_keyid(cur->keynum, kid);
        diag_error(&d, opt[OPT_KEY], 0, "is not the secret half of the program key in force (%s)",
                   kid);
        goto done;
    }
    snprintf(r.program, sizeof r.program, "%s", c.program.id);
    if (init) {
        if ((rc = start_ledger(&c, &lg, sk, &r, &d)) != 0)
            goto done;
    } else {
        char *sha = lg.ix.e[lg.ix.n - 1].hash;
        for (size_t i = 0; i < lg.ix.n; i++)
            if (!strcmp(lg.ix.e[i].kind, "roster"))
                sha = lg.ix.e[i].f[1];
        r = lg.roster;
        r.keys = malloc((r.n ? r.n : 1) * sizeof *r.keys);
        if (r.keys)
            memcpy(r.keys, lg.roster.keys, r.n * sizeof *r.keys);
        if (!r.keys || (rekey ? new_program_key(argv + 1, n, &r, cur, &d)
                              : change_roster(&c, argv + 1, n, &r, (long)lg.ix.n + 1, &d)))
            goto done;
        r.revision++;
        snprintf(r.previous, sizeof r.previous, "%s", sha);
    }
    rc = write_roster(&c, &lg, &r, sk, &d);
done:
    ms_seckey_free(sk);
    ledger_roster_release(&r);
    ledger_release(&lg);
    content_release(&c);
    return rc;
}
