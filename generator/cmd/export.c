/* export.c - accord export: everything an auditor needs to check one
 * agreement offline, with stock minisign, sha256sum and unzip and no
 * accord: every revision's agreement bundle, the public keys that signed
 * them, the program's ledger when it has one (its key, every roster
 * revision, the index, the current checkpoint and each revision's proof of
 * listing), and check.sh with README.txt saying what to run. What is
 * exported is what the build accepts: a refused bundle is never written. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "accord_sign.h"
#include "base.h"
#include "bundles.h"
#include "cmd.h"
#include "content.h"
#include "impl.h"

enum { OPT_CONTENT, OPT_OUTPUT, N_OPTIONS };

static const option_spec export_options[N_OPTIONS] = {
    [OPT_CONTENT] = {"-C", "DIR", "the content directory (default: content)"},
    [OPT_OUTPUT] = {"-o", "OUT", "the folder to write (new or empty; not inside DIR)"},
};

const command_spec export_spec = {
    .name = "export",
    .summary = "write what an auditor needs to check one agreement offline",
    .synopsis = "export -o OUT [-C DIR] AGREEMENT",
    .description =
        "Writes to OUT every revision of AGREEMENT's agreement bundle that the build accepts, "
        "the public keys that signed them (keys/PARTY-KEYID.pub), and, when the program keeps a "
        "ledger, its program key, every roster revision, the index, the current checkpoint and "
        "each revision's checkpoint of first listing, all with their signatures; then check.sh "
        "and README.txt, which check it all with minisign, sha256sum and unzip alone.",
    .operands = "agreement id",
    .min_operands = 1,
    .max_operands = 1,
    .exit_status = "0 written; 1 no such agreement, none of its revisions has an agreement "
                   "bundle, or OUT is not new or empty; 2 a usage or I/O error.",
    .options = export_options,
    .n_options = N_OPTIONS,
};

/* Writes data as out/name (never over a file). 0, or 2 after saying why. */
static int put(const char *out, const char *name, const void *data, size_t len)
{
    char *path = path_join(out, name);
    int rc = file_write_atomic(path, data, len, 0, 0) == 0 ? 0 : 2;
    if (rc)
        diag_say("%s: %s", path, strerror(errno));
    free(path);
    return rc;
}

/* Copies DIR/ledger/name to out/ledger/name. 0, or 2 after saying why. */
static int copy_ledger_file(const bundle_set *bs, const char *out, const char *name)
{
    char *from = path_join(bs->ledger.dir, name), to[300];
    snprintf(to, sizeof to, "ledger/%s", name);
    unsigned char *buf;
    size_t len;
    int rc = read_file(from, LEDGER_INDEX_MAX, &buf, &len) == 0 ? 0 : 2;
    if (rc)
        diag_say("%s: %s", from, strerror(errno));
    else {
        rc = put(out, to, buf, len);
        free(buf);
    }
    free(from);
    return rc;
}

/* The ledger: program key, every roster revision and its signature, the
 * index and the current checkpoint with its signature. */
static int export_ledger(const bundle_set *bs, const char *out, sbuf *sh)
{
    char **names;
    size_t n;
    int rc = 0;
    if (list_dir(bs->ledger.dir, "", &names, &n) != 0) {
        diag_say("%s: %s", bs->ledger.dir, strerror(errno));
        return 2;
    }
    for (size_t i = 0; i < n && !rc; i++)
        if (!strncmp(names[i], "roster-", 7) || !strcmp(names[i], "index.txt") ||
            !strncmp(names[i], "checkpoint.txt", 14) || !strcmp(names[i], "program.pub"))
            rc = copy_ledger_file(bs, out, names[i]);
    sb_puts(sh, "\n# the program's ledger: its checkpoint and every roster revision, signed\n"
                "# by the program key, and the index's hash chain\n"
                "minisign -Vm ledger/checkpoint.txt -p ledger/program.pub\n");
    for (size_t i = 0; i < n; i++)
        if (!strncmp(names[i], "roster-", 7) && strlen(names[i]) > 4 &&
            !strcmp(names[i] + strlen(names[i]) - 4, ".txt"))
            sb_printf(sh, "minisign -Vm ledger/%s -p ledger/program.pub\n", names[i]);
    sb_puts(sh,
            "prev=0000000000000000000000000000000000000000000000000000000000000000\n"
            "n=0\n"
            "while IFS= read -r line; do\n"
            "    n=$((n + 1))\n"
            "    set -- $line\n"
            "    [ \"$1\" = \"$n\" ] && [ \"$2\" = \"$prev\" ] || { echo \"index broken at entry "
            "$n\"; exit 1; }\n"
            "    prev=$(printf '%s\\n' \"$line\" | sha256sum | cut -d' ' -f1)\n"
            "done <ledger/index.txt\n"
            "grep -q \" entries=$n head=$prev$\" ledger/checkpoint.txt || { echo \"the "
            "checkpoint does not name the index's head\"; exit 1; }\n"
            "echo \"index chain OK: $n entries\"\n");
    free_names(names, n);
    return rc;
}

/* One revision: its bundle, the keys that countersigned it, its proof of
 * listing, and the commands that check them. */
static int export_revision(const bundle_set *bs, const agreement_status *st,
                           const revision_view *rev, const char *out, sbuf *sh)
{
    const char *id = st->ag->id;
    char base[200], name[300];
    snprintf(base, sizeof base, "%s-r%d", id, rev->revision);
    snprintf(name, sizeof name, "%s.accord", base);
    unsigned char *bytes;
    const char *why = stored_read(rev->bundle, &bytes);
    int rc = why ? 2 : put(out, name, bytes, rev->bundle->len);
    if (why)
        diag_say("%s: %s", rev->bundle->path ? rev->bundle->path : name, why);
    free(bytes);
    sb_printf(sh, "\n# revision %d\nrm -rf %s && mkdir %s && unzip -q %s -d %s\n", rev->revision,
              base, base, name, base);
    for (int k = 0; k < 2 && !rc; k++) {
        const signature_view *s = &rev->sigs[k];
        if (!s->key_id)
            continue;
        for (size_t i = 0; i < bs->keys.n; i++) {
            const keyring_entry *e = &bs->keys.entries[i];
            char kid[17], text[MS_PUBKEY_FILE_LEN_MAX];
            ms_keyid(e->pk.keynum, kid);
            if (strcmp(e->party, s->party) || strcmp(kid, s->key_id))
                continue;
            snprintf(name, sizeof name, "keys/%s-%s.pub", s->party, kid);
            char *path = path_join(out, name);
            int there = path_exists(path);
            free(path);
            ms_pubkey_format(&e->pk, text);
            if (!there)
                rc = put(out, name, text, strlen(text));
            sb_printf(sh, "minisign -Vm %s/MANIFEST -x %s/signatures/%s.minisig -p %s\n", base,
                      base, s->party, name);
            break;
        }
    }
    sb_printf(sh, "(cd %s && sha256sum -c --quiet MANIFEST)\n", base);
    const revision_view *before = agreement_status_rev(st, rev->revision - 1);
    if (before && before->bundle) /* the chain: revision N names N-1's MANIFEST digest */
        sb_printf(sh,
                  "grep -qx \"previous: $(sha256sum <%s-r%d/MANIFEST | cut -d' ' -f1)\" %s/META "
                  "|| { echo \"revision %d does not follow revision %d\"; exit 1; }\n",
                  id, before->revision, base, rev->revision, before->revision);
    if (!rc && rev->checkpoint) {
        snprintf(name, sizeof name, "%s.checkpoint.txt", base);
        rc = put(out, name, rev->checkpoint, rev->checkpoint_len);
        snprintf(name, sizeof name, "%s.checkpoint.txt.minisig", base);
        if (!rc)
            rc = put(out, name, rev->checkpoint_sig, rev->checkpoint_sig_len);
        sb_printf(sh,
                  "minisign -Vm %s.checkpoint.txt -p ledger/program.pub\n"
                  "grep -q \" $(sha256sum <%s/MANIFEST | cut -d' ' -f1)$\" ledger/index.txt || "
                  "{ echo \"revision %d is not in the index\"; exit 1; }\n",
                  base, base, rev->revision);
    }
    return rc;
}

/* Makes the folder out/name. 0 or -1 (errno set). */
static int make_sub(const char *out, const char *name)
{
    char *path = path_join(out, name);
    int rc = mkdir(path, 0755);
    free(path);
    return rc;
}

static const char readme[] =
    "This folder holds one agreement as the program signed it, for anyone to check\n"
    "offline with stock tools: minisign, sha256sum and unzip (no accord needed).\n"
    "\n"
    "  sh check.sh\n"
    "\n"
    "runs every check and stops at the first that fails; each command in it can\n"
    "also be run by hand. For each revision N of the agreement, AGREEMENT-rN.accord\n"
    "is a zip archive: minisign checks each party's signature of its MANIFEST with\n"
    "the public key in keys/ whose key ID the signature names, and sha256sum -c\n"
    "checks every file against MANIFEST. When the program keeps a ledger, ledger/\n"
    "holds its public key, every roster revision (which keys were valid when),\n"
    "the index (a hash chain of every file the program accepted) and its signed\n"
    "checkpoint; AGREEMENT-rN.checkpoint.txt is the checkpoint that first listed\n"
    "revision N. A program that later removed or replaced the agreement would\n"
    "have to show an index that this checkpoint does not fit.\n";

int cmd_export(int argc, char **argv)
{
    const char *opt[N_OPTIONS] = {0};
    int n_files, rc = options_parse(&export_spec, argc, argv, opt, &n_files);
    if (rc)
        return rc == 1 ? 0 : rc;
    const char *dir = opt[OPT_CONTENT] ? opt[OPT_CONTENT] : "content", *out = opt[OPT_OUTPUT];
    const char *id = argv[argc - 1];
    if (!out || !*out) {
        diag_say("export: give -o OUT, the folder to write");
        options_usage_error(&export_spec);
        return 2;
    }
    content c;
    bundle_set bs;
    if ((rc = state_load(dir, 0, &c, &bs)) != 0) {
        state_release(&c, &bs);
        return rc;
    }
    const agreement_status *st = program_state_find(&bs.state, id);
    size_t n_bundles = 0;
    for (size_t i = 0; st && i < st->n_revs; i++)
        n_bundles += st->revs[i].bundle != NULL;
    char **names = NULL;
    size_t n_there = 0;
    if (!content_agreement(&c, id)) {
        diag_say("%s: no agreement of that id in %s/people.xml", id, dir);
        rc = 1;
    } else if (!n_bundles) {
        diag_say("%s: no revision has an agreement file yet: nothing to export", id);
        rc = 1;
    } else if (path_inside(out, dir)) {
        diag_say("%s: is inside the content directory: write it elsewhere", out);
        rc = 1;
    } else if (path_exists(out) &&
               (!is_directory(out) || list_dir(out, "", &names, &n_there) != 0 || n_there)) {
        diag_say("%s: is not a new or empty folder", out);
        rc = 1;
    } else if ((!path_exists(out) && mkdir(out, 0755) != 0) || make_sub(out, "keys") ||
               (bs.ledger.present && make_sub(out, "ledger"))) {
        diag_say("%s: %s", out, strerror(errno));
        rc = 2;
    }
    free_names(names, n_there);
    sbuf sh = SBUF_INIT;
    sb_printf(&sh,
              "#!/bin/sh\n# check.sh - checks agreement %s with stock tools (README.txt)\n"
              "set -e\ncd \"$(dirname \"$0\")\"\n",
              id);
    if (!rc && bs.ledger.present)
        rc = export_ledger(&bs, out, &sh);
    for (size_t i = 0; !rc && i < st->n_revs; i++)
        if (st->revs[i].bundle)
            rc = export_revision(&bs, st, &st->revs[i], out, &sh);
    sb_puts(&sh, "\necho \"all checks passed\"\n");
    if (!rc)
        rc = put(out, "check.sh", sh.data, sh.len);
    if (!rc)
        rc = put(out, "README.txt", readme, strlen(readme));
    if (!rc)
        printf("wrote %zu revision%s of %s to %s: run sh %s/check.sh\n", n_bundles,
               n_bundles == 1 ? "" : "s", id, out, out);
    sb_release(&sh);
    state_release(&c, &bs);
    return rc;
}
