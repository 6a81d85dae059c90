/* ledger.c - the program's ledger in DIR/ledger/ (bundles.h): loaded and
 * checked with the verifier's parsers, appended to in memory, written
 * atomically and its checkpoint signed. A ledger file is never replaced
 * but index.txt (by itself plus new lines) and the checkpoint. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "impl.h"

/* Reads path (at most max bytes) into *buf; reports to d. 0 or -1. */
static int read_ledger_file(const char *path, size_t max, unsigned char **buf, size_t *len, diag *d)
{
    if (read_file(path, max, buf, len) == 0)
        return 0;
    diag_io(d, path, "cannot read it: %s", vu_read_error(errno));
    return -1;
}

const ms_pubkey *ledger_key_at(const ledger_state *lg, long seq)
{
    const ms_pubkey *pk = &lg->program_key;
    for (size_t i = 0; i < lg->n_keys && lg->keys[i].after < seq; i++)
        pk = &lg->keys[i].pk;
    return pk;
}

/* Checks that path's .minisig is the signature of buf by the program key
 * in force at index entry seq. */
static int check_signed(const ledger_state *lg, long seq, const char *path,
                        const unsigned char *buf, size_t len, diag *d)
{
    char sp[400], err[VERR_MAX], kid[17];
    unsigned char *sig;
    size_t slen;
    const ms_pubkey *pk = ledger_key_at(lg, seq);
    snprintf(sp, sizeof sp, "%s.minisig", path);
    int rc = read_ledger_file(sp, MS_KEY_FILE_MAX, &sig, &slen, d);
    if (rc == 0 && ledger_sig_verify(sig, slen, pk, buf, len, err)) {
        ms_keyid(pk->keynum, kid);
        diag_error(d, sp, 0,
                   "not the signature of %s by the program key in force at index entry %ld "
                   "(key ID %s): %s",
                   path, seq, kid, err);
        rc = -1;
    }
    if (rc == 0)
        free(sig);
    return rc;
}

/* The roster of index entry e (the one before it, prev, or NULL) into
 * lg->roster: its SHA-256, signature, revision, previous and program; a
 * program-key line is kept in lg->keys. 0 or -1 (reported). */
static int load_roster(const content *c, ledger_state *lg, const ledger_entry *e, const char *prev,
                       diag *d)
{
    unsigned char *buf;
    size_t len;
    long line;
    char err[VERR_MAX], sha[65];
    ledger_roster_release(&lg->roster);
    snprintf(lg->roster_path, sizeof lg->roster_path, "%s/roster-%04ld.txt", lg->dir,
             atol(e->f[0]));
    if (read_ledger_file(lg->roster_path, LEDGER_ROSTER_MAX, &buf, &len, d))
        return -1;
    manifest_sha256(buf, len, sha);
    int rc = -1;
    if (strcmp(sha, e->f[1]))
        diag_error(d, lg->roster_path, 0, "its SHA-256 is not the one index entry %ld records",
                   e->seq);
    else if (check_signed(lg, e->seq, lg->roster_path, buf, len, d) == 0) {
        if (ledger_roster_parse(buf, len, &lg->roster, &line, err))
            diag_error(d, lg->roster_path, line, "%s", err);
        else if (lg->roster.revision != atol(e->f[0]) ||
                 strcmp(lg->roster.program, c->program.id) ||
                 strcmp(lg->roster.previous, prev ? prev : "none"))
            diag_error(d, lg->roster_path, 2,
                       "not revision %s of program %s's roster after %s (its previous)", e->f[0],
                       c->program.id, prev ? prev : "none");
        else
            rc = 0;
    }
    if (rc == 0 && lg->roster.has_program_key) {
        struct ledger_key *v = realloc(lg->keys, (lg->n_keys + 1) * sizeof *v);
        if (!v) {
            diag_error(d, NULL, 0, "out of memory");
            rc = -1;
        } else {
            lg->keys = v;
            v[lg->n_keys].after = e->seq;
            v[lg->n_keys++].pk = lg->roster.program_key;
        }
    }
    free(buf);
    return rc;
}

/* Every roster of the index in order, each checked by load_roster; the
 * latest is left in lg->roster. 0 or -1 (reported). */
static int load_rosters(const content *c, ledger_state *lg, diag *d)
{
    const char *prev = NULL;
    for (size_t i = 0; i < lg->ix.n; i++)
        if (!strcmp(lg->ix.e[i].kind, "roster")) {
            if (load_roster(c, lg, &lg->ix.e[i], prev, d))
                return -1;
            prev = lg->ix.e[i].f[1];
        }
    return 0;
}

int ledger_load(const content *c, int init, ledger_state *lg, diag *d)
{
    memset(lg, 0, sizeof *lg);
    if (!c->program.program_key)
        return 0;
    lg->present = 1;
    lg->dir = path_join(c->dir, "ledger");
    char *kp = path_join(c->dir, c->program.program_key), err[VERR_MAX], pid[33], want[160];
    char *ip = path_join(lg->dir, "index.txt"), *cp = path_join(lg->dir, "checkpoint.txt");
    keyring kr = KEYRING_INIT;
    unsigned char *cbuf = NULL;
    size_t clen;
    long line;
    int before = d->errors + d->io_errors;
    if (init && !path_exists(kp))
        goto done;
    if (keyring_add_file(&kr, kp, NULL, err))
        diag_error(d, kp, 0, "the program key (program.xml line %ld) cannot be used: %s",
                   c->program.program_key_line, err);
    else
        lg->program_key = kr.entries[0].pk;
    keyring_release(&kr);
    if (init && !path_exists(ip))
        goto done;
    if (d->errors + d->io_errors == before &&
        read_ledger_file(ip, LEDGER_INDEX_MAX, (unsigned char **)&lg->text, &lg->len, d) == 0) {
        lg->cap = lg->written = lg->len;
        if (ledger_index_parse((unsigned char *)lg->text, lg->len, &lg->ix, &line, err))
            diag_error(d, ip, line, "%s", err);
        else if (!lg->ix.n)
            diag_error(d, ip, 0, "the index is empty: run accord roster init");
        else if (load_rosters(c, lg, d) == 0 && read_ledger_file(cp, 4096, &cbuf, &clen, d) == 0) {
            ledger_checkpoint_format(c->program.id, &lg->ix, want);
            if (ledger_checkpoint_check(cbuf, clen, &lg->ix, pid, err))
                diag_error(d, cp, 1, "%s", err);
            else if (clen != strlen(want) || memcmp(cbuf, want, clen))
                diag_error(d, cp, 1, "does not name program %s's whole index (%zu entries)",
                           c->program.id, lg->ix.n);
            else
                check_signed(lg, (long)lg->ix.n, cp, cbuf, clen, d);
        }
        ledger_entry *fit = lg->ix.n ? realloc(lg->ix.e, lg->ix.n * sizeof *fit) : NULL;
        if (fit) /* the parser's room to grow (up to half the array) is not kept */
            lg->ix.e = fit;
    }
done:
    free(cbuf);
    free(kp);
    free(ip);
    free(cp);
    return d->errors + d->io_errors == before ? 0 : -1;
}

void ledger_drop_text(ledger_state *lg)
{
    free(lg->text);
    lg->text = NULL;
    lg->len = lg->cap = lg->written = 0;
}

void ledger_release(ledger_state *lg)
{
    free(lg->dir);
    free(lg->text);
    free(lg->keys);
    ledger_index_release(&lg->ix);
    ledger_roster_release(&lg->roster);
    sodium_memzero(lg->index_key, sizeof lg->index_key);
    memset(lg, 0, sizeof *lg);
}

/* Reads DIR/ledger/index-key into lg->index_key, once. 0 or -1 (reported). */
static int read_index_key(ledger_state *lg, diag *d)
{
    if (lg->index_key_read)
        return 0;
    char *kp = path_join(lg->dir, "index-key");
    unsigned char *buf;
    size_t len, klen = 0;
    int rc = read_ledger_file(kp, 200, &buf, &len, d);
    if (rc == 0) {
        rc = sodium_base642bin(lg->index_key, sizeof lg->index_key, (char *)buf, len, "\n", &klen,
                               NULL, sodium_base64_VARIANT_ORIGINAL) ||
                     klen != sizeof lg->index_key
                 ? -1
                 : 0;
        sodium_memzero(buf, len);
        free(buf);
        if (rc)
            diag_error(d, kp, 1, "not 32 bytes in base64 on one line");
    }
    lg->index_key_read = rc == 0;
    free(kp);
    return rc;
}

int ledger_name(const content *c, ledger_state *lg, const char *id, char out[70], diag *d)
{
    unsigned char h[32];
    if (c->program.names_public) {
        snprintf(out, 70, "%s", id);
        return 0;
    }
    if (read_index_key(lg, d))
        return -1;
    crypto_generichash(h, sizeof h, (const unsigned char *)id, strlen(id), lg->index_key,
                       sizeof lg->index_key);
    memcpy(out, "h:", 2);
    sodium_bin2hex(out + 2, 65, h, sizeof h);
    return 0;
}

/* Checks the entry "SEQ PREV kind fields" (kind not roster) as the index
 * parser checks one, without parsing the whole index again: as the second
 * line of a probe index after a first roster entry. Fills *e from it,
 * with seq and the hash of line (len bytes with its LF) put right.
 * 0, or -1 with err set. */
static int check_entry(const char *kind, const char *fields, long seq, const char *line, size_t len,
                       ledger_entry *e, char *err)
{
    static const char first[] =
        "1 0000000000000000000000000000000000000000000000000000000000000000"
        " roster 1 "
        "0000000000000000000000000000000000000000000000000000000000000000\n";
    char probe[sizeof first + 700], hex[65];
    long at;
    ledger_index ix;
    manifest_sha256((const unsigned char *)first, sizeof first - 1, hex);
    size_t n = (size_t)snprintf(probe, sizeof probe, "%s2 %s %s %s\n", first, hex, kind, fields);
    int rc = n < sizeof probe && !ledger_index_parse((const unsigned char *)probe, n, &ix, &at, err)
                 ? 0
                 : -1;
    if (rc == 0) {
        *e = ix.e[1];
        e->seq = seq;
        manifest_sha256((const unsigned char *)line, len, e->hash);
    } else if (n >= sizeof probe)
        snprintf(err, VERR_MAX, "the entry is too long");
    ledger_index_release(&ix);
    return rc;
}

/* The longest index line ledger_append writes, with its LF. */
enum { LEDGER_LINE_MAX = 600 };

/* Room in lg for entries more index lines of up to bytes bytes in all,
 * beyond what it holds: grown once to what is asked for (every growth of
 * a large block may leave the old one's pages in use). 0, or -1 when out
 * of memory (what lg holds unchanged). */
static int reserve(ledger_state *lg, size_t entries, size_t bytes)
{
    if (lg->len + bytes > lg->cap) {
        char *v = realloc(lg->text, lg->len + bytes);
        if (!v)
            return -1;
        lg->text = v;
        lg->cap = lg->len + bytes;
    }
    if (lg->ix.n + entries > lg->ix_cap) {
        ledger_entry *v = realloc(lg->ix.e, (lg->ix.n + entries) * sizeof *v);
        if (!v)
            return -1;
        lg->ix.e = v;
        lg->ix_cap = lg->ix.n + entries;
    }
    return 0;
}

int ledger_append(ledger_state *lg, const char *kind, const char *fields, diag *d)
{
    long line;
    char err[VERR_MAX];
    const char *prev = lg->ix.n
                           ? lg->ix.e[lg->ix.n - 1].hash
                           : "0000000000000000000000000000000000000000000000000000000000000000";
    char entry[LEDGER_LINE_MAX];
    size_t n =
        (size_t)snprintf(entry, sizeof entry, "%zu %s %s %s\n", lg->ix.n + 1, prev, kind, fields);
    if (n >= sizeof entry || lg->len + n + 1 < lg->len) {
        diag_error(d, "(new index entry)", 0, "the entry is too long");
        return -1;
    }
    /* grown by half when no reserve was made for it */
    if ((lg->len + n > lg->cap || lg->ix.n >= lg->ix_cap) &&
        reserve(lg, lg->ix.n / 2 + 64, lg->len / 2 + 64 * LEDGER_LINE_MAX) != 0) {
        diag_error(d, NULL, 0, "out of memory");
        return -1;
    }
    memcpy(lg->text + lg->len, entry, n);
    if (!strcmp(kind, "roster") || !lg->ix.n) {
        /* a roster entry's revision counts the rosters before it: parsed
         * with the whole index (there are few) */
        ledger_index_release(&lg->ix);
        if (ledger_index_parse((unsigned char *)lg->text, lg->len + n, &lg->ix, &line, err)) {
            diag_error(d, "(new index entry)", line, "%s", err);
            ledger_index_parse((unsigned char *)lg->text, lg->len, &lg->ix, &line, err);
            return -1;
        }
        lg->ix_cap = lg->ix.n;
    } else {
        ledger_entry e;
        if (check_entry(kind, fields, (long)lg->ix.n + 1, entry, n, &e, err)) {
            diag_error(d, "(new index entry)", (long)lg->ix.n + 1, "%s", err);
            return -1;
        }
        lg->ix.e[lg->ix.n++] = e;
        /* indexed_at scans the entries since the last sort: a few hundred
         * at most (a failed sort leaves them to the scan) */
        if (lg->ix.n - lg->ix.n_sorted >= 512)
            ledger_index_sort(&lg->ix);
    }
    lg->len += n;
    return 0;
}

/* Writes path (overwrite: replace it) and says what failed. 0, or 1 when
 * it exists and must not be replaced, or 2. */
static int write_or_say(const char *path, const void *data, size_t len, int overwrite)
{
    if (file_write_atomic(path, data, len, 0, overwrite) == 0)
        return 0;
    diag_say("%s: %s", path,
             errno == EEXIST ? "exists; a ledger file is never replaced" : strerror(errno));
    return errno == EEXIST ? 1 : 2;
}

/* Keeps the checkpoint of the index as it is now, line and sig, as
 * checkpoints/NNNNNNNN.txt and .minisig (N its entries): never replaced;
 * the same bytes again (a commit that appended nothing) are no change. 0,
 * or the exit status after saying why. */
static int keep_checkpoint(const ledger_state *lg, const char *line, const char *sig)
{
    char *dir = path_join(lg->dir, LEDGER_CHECKPOINTS), path[400];
    const char *data[2] = {line, sig}, *ext[2] = {"txt", "txt.minisig"};
    int rc = mkdir(dir, 0755) == 0 || errno == EEXIST ? 0 : 2;
    if (rc)
        diag_say("%s: %s", dir, strerror(errno));
    for (int k = 0; k < 2 && !rc; k++) {
        unsigned char *old;
        size_t len;
        snprintf(path, sizeof path, "%s/%08zu.%s", dir, lg->ix.n, ext[k]);
        if (read_file(path, 4096, &old, &len) == 0) {
            int same = len == strlen(data[k]) && !memcmp(old, data[k], len);
            free(old);
            if (!same) {
                diag_say("%s: exists with other bytes; a kept checkpoint is never replaced", path);
                rc = 1;
            }
            continue;
        }
        rc = write_or_say(path, data[k], strlen(data[k]), 0);
    }
    free(dir);
    return rc;
}

int ledger_commit(const content *c, ledger_state *lg, const ms_seckey *sk)
{
    char *ip = path_join(lg->dir, "index.txt"), *cp = path_join(lg->dir, "checkpoint.txt");
    char *sp = path_join(lg->dir, "checkpoint.txt.minisig"), line[160], trusted[160], *sig;
    int rc = 2;
    ledger_checkpoint_format(c->program.id, &lg->ix, line);
    /* the trusted comment, which minisign -V prints: the line without its LF */
    snprintf(trusted, sizeof trusted, "%.*s", (int)strlen(line) - 1, line);
    sig = ms_sign(sk, (const unsigned char *)line, strlen(line), trusted, 0);
    if (sig && !(rc = write_or_say(ip, lg->text, lg->len, lg->written > 0)) &&
        !(rc = write_or_say(cp, line, strlen(line), 1)) &&
        !(rc = write_or_say(sp, sig, strlen(sig), 1)))
        rc = keep_checkpoint(lg, line, sig);
    if (rc == 0)
        lg->written = lg->len;
    free(sig);
    free(ip);
    free(cp);
    free(sp);
    return rc;
}

/* The SEQ of lg's first index entry of kind whose last field is sha, or 0:
 * the sorted entries by ledger_index_first, those appended since by a scan. */
static long indexed_at(const ledger_state *lg, const char *kind, const char *sha)
{
    long at = ledger_index_first(&lg->ix, kind, sha);
    for (size_t i = lg->ix.n_sorted; !at && i < lg->ix.n; i++) {
        const ledger_entry *e = &lg->ix.e[i];
        if (!strcmp(e->kind, kind) && !strcmp(e->f[e->nf - 1], sha))
            at = e->seq;
    }
    return at;
}

/* Appends "bundle kind subject revision digest" unless digest is indexed. */
static int add_bundle(const content *c, ledger_state *lg, const char *kind, const char *subject,
                      int revision, const char *digest, size_t *added, diag *d)
{
    char name[70], fields[200];
    if (indexed_at(lg, "bundle", digest))
        return 0;
    if (ledger_name(c, lg, subject, name, d))
        return -1;
    snprintf(fields, sizeof fields, "%s %s %d %s", kind, name, revision, digest);
    ++*added;
    return ledger_append(lg, "bundle", fields, d);
}

/* The countersignatures of an agreement revision's bundle, each once. */
static int add_signatures(const content *c, ledger_state *lg, const agreement_rev *rev,
                          const char *subject, size_t *added, diag *d)
{
    char name[70], party[70], fields[300];
    for (size_t i = 0; i < rev->n_countersigs; i++) {
        const countersig *s = &rev->countersigs[i];
        if (!s->sha256 || indexed_at(lg, "signature", s->sha256))
            continue;
        if (ledger_name(c, lg, subject, name, d) || ledger_name(c, lg, s->party, party, d))
            return -1;
        snprintf(fields, sizeof fields, "%s %s %s", name, party, s->sha256);
        ++*added;
        if (ledger_append(lg, "signature", fields, d))
            return -1;
    }
    return 0;
}

/* The most entries bundles_index can append for bs: one per bundle and
 * countersignature, indexed already or not. */
static size_t most_entries(const bundle_set *bs)
{
    size_t most = bs->n_idps;
    for (size_t i = 0; i < bs->n; i++)
        for (size_t k = 0; k < bs->info[i].n_revs; k++) {
            const agreement_rev *rev = &bs->info[i].revs[k];
            most += (rev->mentee != NULL) + (rev->mentor != NULL);
            most += rev->bundle ? 1 + rev->n_countersigs : 0;
        }
    return most;
}

int bundles_index(const content *c, bundle_set *bs, size_t *added, diag *d)
{
    ledger_state *lg = &bs->ledger;
    int rc = 0;
    *added = 0;
    size_t most = most_entries(bs);
    if (most && reserve(lg, most, most * LEDGER_LINE_MAX) != 0) {
        diag_error(d, NULL, 0, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < bs->n && rc == 0; i++) {
        const agreement_info *ai = &bs->info[i];
        const char *id = ai->ag->id;
        for (size_t k = 0; k < ai->n_revs && rc == 0; k++) {
            const agreement_rev *rev = &ai->revs[k];
            const party_answers *pa[2] = {rev->mentee, rev->mentor};
            for (int p = 0; p < 2 && rc == 0; p++)
                if (pa[p])
                    rc = add_bundle(c, lg, "answers", id, rev->revision, pa[p]->digest, added, d);
            if (rc == 0 && rev->bundle && rev->digest && rev->digest[0])
                rc = add_bundle(c, lg, "agreement", id, rev->revision, rev->digest, added, d);
            if (rc == 0 && rev->bundle)
                rc = add_signatures(c, lg, rev, id, added, d);
        }
    }
    for (size_t i = 0; i < bs->n_idps && rc == 0; i++)
        rc = add_bundle(c, lg, "idp", bs->idps[i]->meta.v[META_PARTY], bs->idps[i]->ans.revision,
                        bs->idps[i]->digest, added, d);
    return rc;
}
