/* main.c - accord-verify: checks accord bundles offline against the public
 * keys its caller names. Verifies only; never writes a file. */
#include <errno.h>
#include <openssl/crypto.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "verify.h"

#ifndef ACCORD_VERSION
#define ACCORD_VERSION "unknown"
#endif

static const char usage_text[] =
    "usage: accord-verify (-p KEY.pub | -r KEYDIR)... [-v] [--json] BUNDLE...\n"
    "       accord-verify (-p KEY.pub | -r KEYDIR)... --chain AGREEMENT.accord...\n"
    "       accord-verify -P PROGRAM.pub --roster ROSTER [--index INDEX] BUNDLE...\n"
    "       accord-verify --index-consistent OLD-INDEX NEW-INDEX\n"
    "       accord-verify --help | --version\n"
    "\n"
    "Verifies accord bundles offline and prints a line per bundle: OK, FAIL with\n"
    "the reason, or AWAITING for an agreement not every party has countersigned.\n"
    "OK proves that every member is the one its MANIFEST lists, that each party's\n"
    "key (as the keys named bind it; never a key inside a bundle) signed it, and\n"
    "for an agreement, that both answers bundles inside are theirs and match it.\n"
    "It does not prove that agreement.html says what the signed answers say:\n"
    "'accord check -C CONTENT AGREEMENT.accord' checks that.\n"
    "\n"
    "  -p KEY.pub   trust this key for any party (answers bundles only)\n"
    "  -r KEYDIR    trust KEYDIR/<party>.pub and KEYDIR/<party>.<anything>.pub for\n"
    "               that party; an unusable key file is named and left out\n"
    "  -v           also members, signatures (key ID, trusted comment, when signed)\n"
    "  --json       one JSON array describing every bundle, on standard output\n"
    "  --chain      the bundles are the revisions of one agreement (any order):\n"
    "               1..N all there, each fully signed, naming the one before,\n"
    "               created in order, between the same parties\n"
    "  -P PROGRAM.pub --roster ROSTER\n"
    "               trust the keys of the program's roster ROSTER, each revision\n"
    "               up to it signed by the program key in force; a revoked key's\n"
    "               signature counts only when the index has it before revocation\n"
    "  --index INDEX\n"
    "               the program's index.txt: ROSTER must be the latest it names,\n"
    "               and each bundle and signature must be in it\n"
    "  --index-consistent\n"
    "               OLD is a prefix of NEW, both hash chains intact; a failure\n"
    "               names the first entry rewritten, removed or reordered\n"
    "  --version    the versions of accord-verify, libsodium, libzip and OpenSSL\n"
    "\n"
    "Exit status: 0 every bundle verifies (the chain holds; OLD is a prefix of\n"
    "NEW); 1 any does not, awaits signatures, or a key cannot be used; 2 usage\n"
    "error or a file that cannot be read.\n";

/* Prints before, then s as a JSON string. */
static void put_json(const char *before, const char *s)
{
    printf("%s\"", before);
    for (unsigned char c; (c = (unsigned char)*s); s++)
        printf(c == '"' || c == '\\' ? "\\%c" : c < 0x20 || c == 0x7f ? "\\u%04x" : "%c", c);
    putchar('"');
}

static void print_json(const char *path, const bundle_report *r, const char *sep)
{
    char p[VU_ESCAPED_MAX];
    int valid = r->outcome == BUNDLE_VALID;
    printf("%s\n  {", sep);
    put_json("\"path\": ", vu_escape(path, strlen(path), p, sizeof p));
    static const char *const outcomes[] = {"valid", "awaiting signatures", "invalid"};
    printf(", \"outcome\": \"%s\", \"ok\": %s", outcomes[r->outcome], valid ? "true" : "false");
    if (!valid)
        put_json(", \"reason\": ", r->reason);
    for (int k = 0; r->have_meta && k < META_NFIELDS; k++) {
        printf("%s\"%s\": ", k ? ", " : ", \"meta\": {", meta_keys[k]);
        put_json("", r->meta.v[k]);
    }
    printf("%s", r->have_meta ? "}" : "");
    if (r->digest[0])
        printf(", \"digest\": \"%s\"", r->digest);
    printf(", \"members\": [");
    for (size_t i = 0; i < r->n_members; i++) {
        put_json(i ? ", {\"name\": " : "{\"name\": ", r->members[i].name);
        printf(", \"size\": %zu, \"sha256\": \"%s\"}", r->members[i].len, r->members[i].sha256);
    }
    printf("], \"signatures\": [");
    for (size_t i = 0; i < r->n_sigs; i++) {
        const bundle_sig_report *s = &r->sigs[i];
        put_json(i ? ", {\"member\": " : "{\"member\": ", s->member);
        put_json(", \"party\": ", s->party);
        printf(", \"key_id\": \"%s\"", s->keyid);
        put_json(", \"trusted_comment\": ", s->trusted);
        if (s->signed_at[0])
            printf(", \"signed\": \"%s\"", s->signed_at);
        printf(", \"ok\": %s}", s->ok ? "true" : "false");
    }
    printf("]}");
}

static void print_text(const char *path, const bundle_report *r, int verbose)
{
    char p[VU_ESCAPED_MAX], tc[4 * MS_COMMENT_MAX + 8];
    const meta *m = &r->meta;
    vu_escape(path, strlen(path), p, sizeof p);
    if (r->outcome == BUNDLE_INVALID)
        printf("FAIL %s: %s", p, r->reason);
    else
        printf("%s %s: %s, %s, %s, %s, %s", r->outcome == BUNDLE_VALID ? "OK" : "AWAITING", p,
               m->v[META_KIND], m->v[META_AGREEMENT], m->v[META_ROLE], m->v[META_PARTY],
               m->v[META_REVISION]);
    printf(r->outcome == BUNDLE_AWAITING ? " (%s)\n" : "\n", r->reason);
    for (int k = 0; verbose && r->have_meta && k < META_NFIELDS; k++)
        printf("  meta %s: %s\n", meta_keys[k], m->v[k]);
    if (verbose && r->digest[0])
        printf("  bundle digest (sha256 of MANIFEST): %s\n", r->digest);
    for (size_t i = 0; verbose && i < r->n_members; i++)
        printf("  member %s  %s  %zu bytes\n", r->members[i].sha256, r->members[i].name,
               r->members[i].len);
    for (size_t i = 0; verbose && i < r->n_sigs; i++) {
        const bundle_sig_report *s = &r->sigs[i];
        printf("  signature %s by %s: key ID %s: %s\n    trusted comment: %s\n", s->member,
               s->party, s->keyid[0] ? s->keyid : "-", s->ok ? "good" : "bad",
               vu_escape(s->trusted, strlen(s->trusted), tc, sizeof tc));
        if (s->signed_at[0])
            printf("    signed: %s\n", s->signed_at);
    }
}

/* Says "accord-verify: PATH: what" on stderr, the path escaped. */
static void complain(const char *path, const char *what, const char *why)
{
    char p[VU_ESCAPED_MAX];
    fprintf(stderr, "accord-verify: %s: %s%s\n", vu_escape(path, strlen(path), p, sizeof p), what,
            why);
}

/* An unusable key file of a -r directory is named and left out: a bundle
 * that needed it fails, the other keys count, the exit status says so. */
static void skipped_key(void *ctx, const char *path, const char *why)
{
    (*(int *)ctx)++;
    complain(path, "left out: ", why);
}

enum { BATCH = 512, THREADS_MAX = 16 };

/* Bundles next..end - 1 of paths, which threads take in turn: each read,
 * verified and checked against roster and ix (when roster) into r[k % keep]
 * (keep: n with --chain or when fewer, else BATCH), or its errno to
 * unread[k % BATCH]. */
typedef struct batch {
    char **paths;
    const keyring *kr;
    const ledger_roster *roster;
    const ledger_index *ix;
    bundle_report *r;
    atomic_size_t next;
    size_t end, keep;
    int all_recorded, unread[BATCH];
} batch;

static void *verify_batch(void *arg)
{
    batch *b = arg;
    for (size_t k; (k = atomic_fetch_add(&b->next, 1)) < b->end;) {
        bundle_report *r = &b->r[k % b->keep];
        unsigned char *buf;
        size_t len;
        b->unread[k % BATCH] = 0;
        if (vu_read_file(b->paths[k], ZIPREAD_FILE_MAX, &buf, &len) == 0) {
            bundle_verify(buf, len, b->kr, r, NULL);
            free(buf);
        } else if (errno == EFBIG) { /* too large: the bundle's fault, refused, not unreadable */
            *r = (bundle_report){.outcome = BUNDLE_INVALID};
            verr(r->reason, "archive is larger than %d bytes", ZIPREAD_FILE_MAX);
        } else {
            b->unread[k % BATCH] = errno;
            continue;
        }
        if (b->roster && r->outcome != BUNDLE_INVALID &&
            ledger_check_report(b->roster, b->ix, b->all_recorded, r, r->reason))
            r->outcome = BUNDLE_INVALID;
    }
    return NULL;
}

/* Reads path (at most max bytes) into *buf; says why not. 0, or 2. */
static int read_or_say(const char *path, size_t max, unsigned char **buf, size_t *len)
{
    if (!vu_read_file(path, max, buf, len))
        return 0;
    complain(path, "cannot read: ", vu_read_error(errno));
    return 2;
}

/* Reads and parses the index at path into *ix, which is empty (release it
 * either way). 0; 1 (said) when not a well-formed chain; 2 (said) unreadable. */
static int load_index(const char *path, ledger_index *ix)
{
    unsigned char *buf;
    size_t len;
    long line;
    char err[VERR_MAX], p[VU_ESCAPED_MAX];
    if (read_or_say(path, LEDGER_INDEX_MAX, &buf, &len))
        return 2;
    int rc = ledger_index_parse(buf, len, ix, &line, err);
    free(buf);
    if (rc)
        printf("FAIL %s:%ld: %s\n", vu_escape(path, strlen(path), p, sizeof p), line, err);
    return rc ? 1 : 0;
}

/* --index-consistent OLD NEW: exit status as main's. */
static int index_consistent(const char *old_path, const char *new_path)
{
    ledger_index old = {0}, cur = {0};
    int rc = load_index(old_path, &old), rc2 = load_index(new_path, &cur);
    long at = 0; /* the first SEQ of old that differs or is missing from cur */
    for (size_t k = 0; !rc && !rc2 && !at && k < old.n; k++)
        at = k >= cur.n || strcmp(old.e[k].hash, cur.e[k].hash) ? (long)k + 1 : 0;
    if (at)
        printf("FAIL index: entry %ld of the old index is %s the new one: an entry was "
               "rewritten, removed or reordered\n",
               at, (size_t)at > cur.n ? "missing from" : "not the same line in");
    else if (!rc && !rc2)
        printf("OK index: the old index (%zu entries) is a prefix of the new one (%zu "
               "entries), both chains intact\n",
               old.n, cur.n);
    ledger_index_release(&old);
    ledger_index_release(&cur);
    return rc == 2 || rc2 == 2 ? 2 : rc || rc2 || at ? 1 : 0;
}

static void print_problem(void *ctx, const char *path, const char *msg)
{
    char p[VU_ESCAPED_MAX];
    printf("FAIL %s: %s\n", path ? vu_escape(path, strlen(path), p, sizeof p) : "chain", msg);
}

/* Follows the roster chain up to the roster at path (read and parsed once,
 * into *r): revisions 1..N (N its own, the others roster-NNNN.txt beside
 * it), each with its .minisig by the program key in force (pk for revision
 * 1, then the key the last program-key line before names), each naming the
 * SHA-256 of the one before; path's SHA-256 goes to sha. 0, 1 or 2 (said). */
static int roster_chain(const char *path, ms_pubkey pk, ledger_roster *r, char sha[65])
{
    const char *slash = strrchr(path, '/');
    unsigned char *latest = NULL, *buf = NULL, *sig = NULL;
    size_t latest_len, len, slen;
    char err[VERR_MAX], file[4096], sp[4200], what[120], kid[17];
    long line;
    ledger_roster earlier = {0};
    int rc = read_or_say(path, LEDGER_ROSTER_MAX, &latest, &latest_len);
    if (rc == 0 && ledger_roster_parse(latest, latest_len, r, &line, err)) {
        complain(path, "", err);
        rc = 1;
    }
    snprintf(sha, 65, "none");
    for (long rev = 1; rc == 0 && rev <= r->revision; rev++) {
        int last = rev == r->revision;
        const ledger_roster *at = last ? r : &earlier;
        snprintf(file, sizeof file, "%.*sroster-%04ld.txt", slash ? (int)(slash - path + 1) : 0,
                 path, rev);
        snprintf(sp, sizeof sp, "%s.minisig", last ? path : file);
        free(buf);
        free(sig);
        buf = sig = NULL;
        if ((!last && (rc = read_or_say(file, LEDGER_ROSTER_MAX, &buf, &len))) ||
            (rc = read_or_say(sp, MS_KEY_FILE_MAX, &sig, &slen)))
            break;
        const unsigned char *text = last ? latest : buf;
        size_t text_len = last ? latest_len : len;
        ms_keyid(pk.keynum, kid);
        snprintf(what, sizeof what,
                 "not the program key's signature of the roster (revision %ld, key ID %s in "
                 "force): ",
                 rev, kid);
        ledger_roster_release(&earlier);
        rc = 1;
        if (ledger_sig_verify(sig, slen, &pk, text, text_len, err))
            complain(sp, what, err);
        else if (!last && ledger_roster_parse(buf, len, &earlier, &line, err))
            complain(file, "", err);
        else if (at->revision != rev || strcmp(at->previous, sha))
            complain(last ? path : file, "is not the next revision of the roster's chain ",
                     "(its revision, or its previous SHA-256)");
        else
            rc = 0;
        manifest_sha256(text, text_len, sha);
        pk = at->has_program_key ? at->program_key : pk;
    }
    ledger_roster_release(&earlier);
    free(latest);
    free(buf);
    free(sig);
    return rc;
}

/* Loads the roster at roster_path into *r through its chain from the key at
 * program_path and, when index_path, the index into *ix, which must name
 * that roster last; adds the roster's keys to kr. 0, 1 or 2 (said). */
static int load_trust(const char *program_path, const char *roster_path, const char *index_path,
                      keyring *kr, ledger_roster *r, ledger_index *ix)
{
    keyring pk = KEYRING_INIT;
    const ledger_entry *last = NULL;
    char err[VERR_MAX], sha[65];
    int rc = keyring_add_file(&pk, program_path, NULL, err) ? 1 : 0;
    if (rc)
        complain(program_path, "the program key cannot be used: ", err);
    else if (!(rc = roster_chain(roster_path, pk.entries[0].pk, r, sha)) && index_path)
        rc = load_index(index_path, ix);
    keyring_release(&pk);
    for (size_t i = 0; i < ix->n; i++)
        last = strcmp(ix->e[i].kind, "roster") ? last : &ix->e[i];
    if (rc == 0 && index_path && (!last || strcmp(last->f[1], sha)))
        complain(roster_path, "is not the latest roster the index names", "");
    else if (rc == 0 && ledger_roster_keyring(r, roster_path, kr, err))
        complain(roster_path, err, "");
    else
        return rc;
    return 1;
}

int main(int argc, char **argv)
{
    keyring kr = KEYRING_INIT;
    size_t n = 0, shown = 0; /* n: the bundles named */
    int verbose = 0, json = 0, chain = 0, status = 0, bad_keys = 0, only_files = 0, consistent = 0;
    const char *program_path = NULL, *roster_path = NULL, *index_path = NULL;
    ledger_roster roster = {0};
    ledger_index ix = {0};
    char err[VERR_MAX];
    /* No local time is ever shown; libzip converts each member's DOS time
     * with mktime, which checks the zone file per call unless TZ is set. */
    setenv("TZ", "UTC0", 1);
    if (sodium_init() < 0) {
        fputs("accord-verify: libsodium failed to start\n", stderr);
        return 2;
    }
    /* options anywhere before "--"; the bundles named move to argv[1..n] */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_files || a[0] != '-' || !a[1]) {
            argv[1 + n++] = argv[i];
        } else if (!strcmp(a, "--")) {
            only_files = 1;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h") || !strcmp(a, "--version")) {
            if (!strcmp(a, "--version"))
                printf("accord-verify %s (libsodium %s, libzip %s, OpenSSL %s)\n", ACCORD_VERSION,
                       sodium_version_string(), zip_libzip_version(),
                       OpenSSL_version(OPENSSL_VERSION_STRING));
            else
                fputs(usage_text, stdout);
            keyring_release(&kr);
            return 0;
        } else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
            verbose = 1;
        } else if (!strcmp(a, "--json")) {
            json = 1;
        } else if (!strcmp(a, "--chain")) {
            chain = 1;
        } else if (!strcmp(a, "--index-consistent")) {
            consistent = 1;
        } else if ((!strcmp(a, "-P") || !strcmp(a, "--roster") || !strcmp(a, "--index")) &&
                   i + 1 < argc) {
            *(a[1] == 'P' ? &program_path : a[2] == 'r' ? &roster_path : &index_path) = argv[++i];
        } else if ((!strcmp(a, "-p") || !strcmp(a, "-r")) && i + 1 < argc) {
            const char *path = argv[++i];
            int rc = a[1] == 'p' ? keyring_add_file(&kr, path, NULL, err)
                                 : keyring_add_dir(&kr, path, skipped_key, &bad_keys, err);
            if (rc < 0) { /* -r fails only when its directory cannot be read */
                complain(path, err, "");
                status = rc == -2 || a[1] == 'r' ? 2 : 1;
                goto out;
            }
        } else {
            fprintf(stderr, "accord-verify: unknown or incomplete option '%s'\n%s", a, usage_text);
            status = 2;
            goto out;
        }
    }
    const char *misuse = NULL;
    if (consistent && (n != 2 || kr.n || chain || json || roster_path || index_path))
        misuse = "--index-consistent takes two index files and no other option";
    else if ((program_path || roster_path || index_path) &&
             (!program_path || !roster_path || kr.n || chain))
        misuse = "-P and --roster go together (with --index), without -p, -r or --chain";
    else if (!consistent && !n)
        misuse = "no bundle named";
    if (!misuse && consistent) {
        status = index_consistent(argv[1], argv[2]);
        goto out;
    }
    if (!misuse && roster_path &&
        (status = load_trust(program_path, roster_path, index_path, &kr, &roster, &ix)))
        goto out;
    if (!misuse && !kr.n)
        misuse = "no trusted key (give -p or -r)";
    else if (!misuse && chain && json)
        misuse = "--chain prints text only (no --json)";
    if (misuse) {
        fprintf(stderr, "accord-verify: %s\n%s", misuse, usage_text);
        status = 2;
        goto out;
    }
    batch b = {.paths = argv + 1, .kr = &kr, .roster = roster_path ? &roster : NULL, .ix = &ix};
    b.keep = chain || n < BATCH ? n : BATCH;
    b.all_recorded = index_path != NULL;
    if (!(b.r = calloc(b.keep, sizeof *b.r))) {
        fputs("accord-verify: out of memory\n", stderr);
        status = 2;
        goto out;
    }
    if (json)
        putchar('[');
    long cores = sysconf(_SC_NPROCESSORS_ONLN), nt = 0;
    for (size_t k = 0; k < n; k++) {
        if (k % BATCH == 0) { /* the next BATCH bundles, on every core, this thread's too */
            pthread_t t[THREADS_MAX];
            b.next = k;
            b.end = k + BATCH < n ? k + BATCH : n;
            while (nt + 1 < cores && nt + k + 1 < b.end && nt + 1 < THREADS_MAX &&
                   !pthread_create(&t[nt], NULL, verify_batch, &b))
                nt++;
            for (verify_batch(&b); nt > 0;)
                pthread_join(t[--nt], NULL);
        }
        bundle_report *rk = &b.r[k % b.keep];
        if (b.unread[k % BATCH]) {
            complain(argv[1 + k], "cannot read: ", vu_read_error(b.unread[k % BATCH]));
            status = 2;
            continue;
        }
        if (rk->outcome != BUNDLE_VALID && status == 0)
            status = 1;
        if (json)
            print_json(argv[1 + k], rk, shown++ ? "," : "");
        else if (!chain)
            print_text(argv[1 + k], rk, verbose);
        fflush(stdout); /* a bundle's lines in one write: side by side runs never mix them */
        if (!chain)
            bundle_report_release(rk);
    }
    if (json)
        puts("\n]");
    if (chain && status == 2)
        puts("FAIL chain: not checked: a bundle named cannot be read (see above)");
    else if (chain &&
             bundle_chain_check(b.r, (const char *const *)argv + 1, n, print_problem, NULL))
        status = 1;
    else if (chain) /* so the n bundles are revisions 1 to n, all valid */
        printf("OK chain: agreement %s between %s, revisions 1 to %zu, each signed by both\n",
               b.r[0].meta.v[META_AGREEMENT], b.r[0].meta.v[META_PARTY], n);
    for (size_t k = 0; k < b.keep; k++)
        bundle_report_release(&b.r[k]);
    free(b.r);
out:
    ledger_roster_release(&roster);
    ledger_index_release(&ix);
    keyring_release(&kr);
    return status == 0 && bad_keys ? 1 : status;
}
