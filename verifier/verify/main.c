/* main.c - accord-verify: checks accord bundles offline against the public
 * keys its caller names. Verifies only; never writes a file.
 * Exit status: 0 every bundle verifies, 1 any does not, 2 usage or a file
 * the system cannot open or read. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "verify.h"

#ifndef ACCORD_VERSION
#define ACCORD_VERSION "unknown"
#endif

static const char usage_text[] =
    "usage: accord-verify (-p KEY.pub | -r KEYDIR)... [-v] [--json] BUNDLE...\n"
    "       accord-verify (-p KEY.pub | -r KEYDIR)... --chain AGREEMENT.accord...\n"
    "       accord-verify --help | --version\n"
    "\n"
    "Verifies accord bundles offline: the archive's layout, META, MANIFEST and\n"
    "every member's digest, and each minisign signature of MANIFEST against the\n"
    "keys named (never a key found inside a bundle).\n"
    "\n"
    "  -p KEY.pub   trust this minisign public key (for any party; answers\n"
    "               bundles only: an agreement names two parties, so it needs -r)\n"
    "  -r KEYDIR    trust KEYDIR/<party>.pub and KEYDIR/<party>.<anything>.pub\n"
    "               for that party (a directory such as content/keys/); a key\n"
    "               file that cannot be used is named and left out (exit 1)\n"
    "  -v           the full report: members with digests, signatures with key\n"
    "               ID and trusted comment\n"
    "  --json       one JSON array describing every bundle, on standard output\n"
    "  --chain      the bundles are the revisions of one agreement (any order):\n"
    "               check revisions 1..N are all there, each fully signed, each\n"
    "               naming the previous one's digest, created in order, between\n"
    "               the same parties; one line per problem\n"
    "  --help       this text\n"
    "  --version    the versions of accord-verify, libsodium and libzip\n"
    "\n"
    "What OK proves: every member is the one signed, and each party's key (as\n"
    "the keys named bind it) signed this bundle's MANIFEST with this META; for an\n"
    "agreement, both parties' answers bundles inside it are theirs, signed, and\n"
    "match the agreement. What it does not prove: that agreement.html says what\n"
    "the signed answers say. accord-verify cannot render pages; run\n"
    "'accord check -C CONTENT AGREEMENT.accord' (accord's renderer remakes the\n"
    "page from the signed answers and compares it byte for byte).\n"
    "\n"
    "Prints one line per bundle: 'OK path: kind, agreement, role, party,\n"
    "revision', 'FAIL path: reason', or, for an agreement that not every party\n"
    "has countersigned yet, 'AWAITING path: ... (awaiting signatures from P)'.\n"
    "Agreement signatures also show when each party signed (-v, --json).\n"
    "Exit status: 0 every bundle verifies (with --chain: the chain holds), 1 any\n"
    "does not (or awaits signatures, or a key could not be used), 2 usage error\n"
    "or a file that cannot be opened or read.\n";

static void put_json_string(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20 || c == 0x7f)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

static const char *outcome_name(bundle_outcome o)
{
    return o == BUNDLE_VALID ? "valid" : o == BUNDLE_AWAITING ? "awaiting signatures" : "invalid";
}

static void print_json(const char *path, const bundle_report *r, int first)
{
    char *p = vu_escape(path, strlen(path));
    printf("%s\n  {\"path\": ", first ? "" : ",");
    put_json_string(p ? p : "");
    free(p);
    printf(", \"outcome\": \"%s\", \"ok\": %s", outcome_name(r->outcome),
           r->outcome == BUNDLE_VALID ? "true" : "false");
    if (r->outcome != BUNDLE_VALID) {
        printf(", \"reason\": ");
        put_json_string(r->reason);
    }
    if (r->have_meta) {
        printf(", \"meta\": {");
        for (int k = 0; k < META_NFIELDS; k++) {
            printf("%s\"%s\": ", k ? ", " : "", meta_keys[k]);
            put_json_string(r->meta.v[k]);
        }
        printf("}");
    }
    if (r->digest[0])
        printf(", \"digest\": \"%s\"", r->digest);
    printf(", \"members\": [");
    for (size_t i = 0; i < r->n_members; i++) {
        printf("%s{\"name\": ", i ? ", " : "");
        put_json_string(r->members[i].name);
        printf(", \"size\": %zu, \"sha256\": \"%s\"}", r->members[i].len, r->members[i].sha256);
    }
    printf("], \"signatures\": [");
    for (size_t i = 0; i < r->n_sigs; i++) {
        printf("%s{\"member\": ", i ? ", " : "");
        put_json_string(r->sigs[i].member);
        printf(", \"party\": ");
        put_json_string(r->sigs[i].party);
        printf(", \"key_id\": \"%s\", \"trusted_comment\": ", r->sigs[i].keyid);
        put_json_string(r->sigs[i].trusted);
        if (r->sigs[i].signed_at[0])
            printf(", \"signed\": \"%s\"", r->sigs[i].signed_at);
        printf(", \"ok\": %s}", r->sigs[i].ok ? "true" : "false");
    }
    printf("]}");
}

static void print_text(const char *path, const bundle_report *r, int verbose)
{
    char *p = vu_escape(path, strlen(path));
    const meta *m = &r->meta;
    if (r->outcome == BUNDLE_INVALID)
        printf("FAIL %s: %s\n", p ? p : "?", r->reason);
    else
        printf("%s %s: %s, %s, %s, %s, %s%s%s%s\n", r->outcome == BUNDLE_VALID ? "OK" : "AWAITING",
               p ? p : "?", m->v[META_KIND], m->v[META_AGREEMENT], m->v[META_ROLE],
               m->v[META_PARTY], m->v[META_REVISION], r->outcome == BUNDLE_VALID ? "" : " (",
               r->outcome == BUNDLE_VALID ? "" : r->reason, r->outcome == BUNDLE_VALID ? "" : ")");
    free(p);
    if (!verbose)
        return;
    if (r->have_meta)
        for (int k = 0; k < META_NFIELDS; k++)
            printf("  meta %s: %s\n", meta_keys[k], r->meta.v[k]);
    if (r->digest[0])
        printf("  bundle digest (sha256 of MANIFEST): %s\n", r->digest);
    for (size_t i = 0; i < r->n_members; i++)
        printf("  member %s  %s  %zu bytes\n", r->members[i].sha256, r->members[i].name,
               r->members[i].len);
    for (size_t i = 0; i < r->n_sigs; i++) {
        const bundle_sig_report *s = &r->sigs[i];
        char *tc = vu_escape(s->trusted, strlen(s->trusted));
        printf("  signature %s by %s: key ID %s: %s\n    trusted comment: %s\n", s->member,
               s->party, s->keyid[0] ? s->keyid : "-", s->ok ? "good" : "bad", tc ? tc : "?");
        if (s->signed_at[0])
            printf("    signed: %s\n", s->signed_at);
        free(tc);
    }
}

/* A key file of a -r directory that cannot be used: named and left out (a
 * bundle that needed it then fails for want of a trusted key); the other
 * keys still count, and the exit status says something was wrong. */
static void skipped_key(void *ctx, const char *path, const char *why)
{
    char *p = vu_escape(path, strlen(path));
    (*(int *)ctx)++;
    fprintf(stderr, "accord-verify: %s: left out: %s\n", p ? p : "?", why);
    free(p);
}

/* Reads and verifies the bundle at path into *r. Returns 0, or 2 (after
 * saying why) when the file cannot be read; *r is then untouched. */
static int verify_path(const char *path, const keyring *kr, bundle_report *r)
{
    unsigned char *buf;
    size_t len;
    if (vu_read_file(path, ZIPREAD_FILE_MAX, &buf, &len)) {
        if (errno == EFBIG) {
            /* Too large is a property of the bundle: refused, not unreadable. */
            memset(r, 0, sizeof *r);
            r->outcome = BUNDLE_INVALID;
            verr(r->reason, "archive is larger than %d bytes", ZIPREAD_FILE_MAX);
            return 0;
        }
        char *p = vu_escape(path, strlen(path));
        fprintf(stderr, "accord-verify: %s: cannot read: %s\n", p ? p : "?", vu_read_error(errno));
        free(p);
        return 2;
    }
    bundle_verify(buf, len, kr, r, NULL);
    free(buf);
    return 0;
}

static void print_problem(void *ctx, const char *path, const char *msg)
{
    char *p = path ? vu_escape(path, strlen(path)) : NULL;
    (void)ctx;
    printf("FAIL %s: %s\n", path ? (p ? p : "?") : "chain", msg);
    free(p);
}

/* --chain: verifies every bundle, then the chain they form.
 * Returns the exit status. */
static int verify_chain(char **paths, size_t n, const keyring *kr)
{
    bundle_report *r = calloc(n, sizeof *r);
    size_t problems, max = 0;
    int status = 0;
    if (!r) {
        fputs("accord-verify: out of memory\n", stderr);
        return 2;
    }
    for (size_t i = 0; i < n; i++)
        if (verify_path(paths[i], kr, &r[i]))
            status = 2;
    if (status == 0) {
        problems = bundle_chain_check(r, (const char *const *)paths, n, print_problem, NULL);
        for (size_t i = 0; i < n; i++)
            if ((size_t)atol(r[i].meta.v[META_REVISION]) > max)
                max = (size_t)atol(r[i].meta.v[META_REVISION]);
        if (problems)
            status = 1;
        else
            printf("OK chain: agreement %s between %s, revisions 1 to %zu, each signed by both\n",
                   r[0].meta.v[META_AGREEMENT], r[0].meta.v[META_PARTY], max);
    }
    for (size_t i = 0; i < n; i++)
        bundle_report_release(&r[i]);
    free(r);
    return status;
}

int main(int argc, char **argv)
{
    keyring kr = KEYRING_INIT;
    int verbose = 0, json = 0, chain = 0, status = 0, first = 1, bad_keys = 0, i;
    char err[VERR_MAX];
    if (sodium_init() < 0) {
        fputs("accord-verify: libsodium failed to start\n", stderr);
        return 2;
    }
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        int rc = 0;
        if (!strcmp(a, "--")) {
            i++;
            break;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h") || !strcmp(a, "--version")) {
            if (!strcmp(a, "--version"))
                printf("accord-verify %s (libsodium %s, libzip %s)\n", ACCORD_VERSION,
                       sodium_version_string(), zip_libzip_version());
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
        } else if ((!strcmp(a, "-p") || !strcmp(a, "-r")) && i + 1 < argc) {
            const char *path = argv[++i];
            if (a[1] == 'p')
                rc = keyring_add_file(&kr, path, NULL, err);
            else
                rc = keyring_add_dir(&kr, path, skipped_key, &bad_keys, err) < 0 ? -2 : 0;
            if (rc) {
                char *p = vu_escape(path, strlen(path));
                fprintf(stderr, "accord-verify: %s: %s\n", p ? p : "?", err);
                free(p);
                keyring_release(&kr);
                return rc == -2 ? 2 : 1;
            }
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "accord-verify: unknown or incomplete option '%s'\n%s", a, usage_text);
            keyring_release(&kr);
            return 2;
        } else {
            break;
        }
    }
    if (i >= argc || kr.n == 0) {
        fprintf(stderr, "accord-verify: %s\n%s",
                i >= argc ? "no bundle named" : "no trusted key (give -p or -r)", usage_text);
        keyring_release(&kr);
        return 2;
    }
    if (chain && json) {
        fprintf(stderr, "accord-verify: --chain prints text only (no --json)\n%s", usage_text);
        keyring_release(&kr);
        return 2;
    }
    if (chain) {
        status = verify_chain(argv + i, (size_t)(argc - i), &kr);
        keyring_release(&kr);
        return status == 0 && bad_keys ? 1 : status;
    }
    if (json)
        putchar('[');
    for (; i < argc; i++) {
        bundle_report r;
        int rc = verify_path(argv[i], &kr, &r);
        if (rc == 2) {
            status = 2;
            continue;
        }
        if (r.outcome != BUNDLE_VALID && status == 0)
            status = 1;
        if (json)
            print_json(argv[i], &r, first);
        else
            print_text(argv[i], &r, verbose);
        first = 0;
        bundle_report_release(&r);
    }
    if (json)
        puts("\n]");
    keyring_release(&kr);
    return status == 0 && bad_keys ? 1 : status;
}
