/* ledger.c - the program's ledger as plain text: the hash-chained index and
 * the roster of the parties' keys; validity of a bundle's signatures by
 * index order. */
#define _GNU_SOURCE /* qsort_r */
#include "verify.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { LINE_MAX_BYTES = 400, WORDS_MAX = 8, SEQ_MAX = 1000000000 };

static const char zeros[65] = "0000000000000000000000000000000000000000000000000000000000000000";
static const char *const reasons[] = {"lost", "compromised", "replaced", "left"};

/* Copies the line at buf[*off..) without its LF into text (NUL-terminated)
 * and moves *off past it. 0 or -1 (no LF, too long, a NUL or CR). */
static int next_line(const unsigned char *buf, size_t len, size_t *off, char *text, char *err)
{
    const unsigned char *s = buf + *off, *nl = memchr(s, '\n', len - *off);
    size_t n = nl ? (size_t)(nl - s) : 0;
    if (!nl)
        return verr(err, "the last line does not end in a line feed");
    if (n > LINE_MAX_BYTES)
        return verr(err, "line is longer than %d bytes", LINE_MAX_BYTES);
    memcpy(text, s, n);
    text[n] = '\0';
    if (strlen(text) != n || memchr(text, '\r', n))
        return verr(err, "line holds a NUL or CR byte");
    *off += n + 1;
    return 0;
}

/* Splits text in place at single spaces into at most WORDS_MAX non-empty
 * words. Returns their number, or -1. */
static int split(char *text, char **w)
{
    int n = 0;
    for (char *p = text;; p++) {
        if (n == WORDS_MAX || !*p || *p == ' ')
            return -1;
        w[n++] = p;
        p += strcspn(p, " ");
        if (!*p)
            return n;
        *p = '\0';
    }
}

static int is_hex64(const char *s)
{
    return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

/* An id, or "h:" and 64 hex digits (a name hashed with the index key). */
static int is_subject(const char *s)
{
    return vu_is_id(s, strlen(s)) || (!strncmp(s, "h:", 2) && is_hex64(s + 2));
}

/* A decimal 1 to SEQ_MAX without leading zeros, else 0. */
static long number(const char *s)
{
    size_t n = strspn(s, "0123456789");
    return n && n < 11 && !s[n] && s[0] != '0' && atol(s) <= SEQ_MAX ? atol(s) : 0;
}

/* Checks the kind and fields of e (nw words at w, SEQ PREV KIND first). */
static int check_fields(ledger_entry *e, char **w, int nw, long *rosters, char *err)
{
    static const char *const kinds[] = {"roster", "bundle", "signature"};
    static const int fields[] = {2, 4, 3};
    size_t k = 0;
    while (k < 3 && strcmp(w[2], kinds[k]))
        k++;
    if (k == 3)
        return verr(err, "unknown kind '%.12s' (roster, bundle or signature)", w[2]);
    if (nw - 3 != fields[k])
        return verr(err, "a %s entry has %d fields after its kind", w[2], fields[k]);
    if (e->seq == 1 && k != 0)
        return verr(err, "entry 1 is not the first roster");
    snprintf(e->kind, sizeof e->kind, "%s", w[2]);
    for (int i = 3; i < nw; i++) {
        if (strlen(w[i]) > LEDGER_FIELD_MAX)
            return verr(err, "field %d is longer than %d bytes", i - 2, LEDGER_FIELD_MAX);
        snprintf(e->f[e->nf++], sizeof e->f[0], "%s", w[i]);
    }
    if (k == 0 && number(e->f[0]) != ++*rosters)
        return verr(err, "roster revision %.12s, expected %ld", e->f[0], *rosters);
    if (k == 1 && strcmp(e->f[0], "answers") && strcmp(e->f[0], "agreement") &&
        strcmp(e->f[0], "idp"))
        return verr(err, "bundle kind '%.12s' (answers, agreement or idp)", e->f[0]);
    if ((k == 1 && (!is_subject(e->f[1]) || !number(e->f[2]))) ||
        (k == 2 && (!is_subject(e->f[0]) || !is_subject(e->f[1]))))
        return verr(err, "a %s entry's subject, party or revision is malformed", w[2]);
    if (!is_hex64(e->f[e->nf - 1]))
        return verr(err, "the last field is not a SHA-256 (64 lowercase hex digits)");
    return 0;
}

/* An entry's place among the sorted ones against (sha, kind): by last
 * field, then kind. */
static int order(const ledger_entry *e, const char *sha, const char *kind)
{
    int c = strcmp(e->f[e->nf - 1], sha);
    return c ? c : strcmp(e->kind, kind);
}

/* qsort_r order of places a and b in entries: order, then place. */
static int by_last_field(const void *a, const void *b, void *entries)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    const ledger_entry *y = (const ledger_entry *)entries + j;
    int c = order((const ledger_entry *)entries + i, y->f[y->nf - 1], y->kind);
    return c ? c : (i > j) - (i < j);
}

int ledger_index_parse(const unsigned char *buf, size_t len, ledger_index *out, long *line,
                       char *err)
{
    size_t off = 0, cap = 0;
    long rosters = 0;
    char text[LINE_MAX_BYTES + 1], *w[WORDS_MAX];
    memset(out, 0, sizeof *out);
    *line = 0;
    if (len > LEDGER_INDEX_MAX)
        return verr(err, "index is larger than %d bytes", LEDGER_INDEX_MAX);
    while (off < len) {
        size_t start = off;
        *line = (long)out->n + 1;
        if (vu_grow((void **)&out->e, out->n, &cap, sizeof *out->e, 64))
            return verr(err, "out of memory");
        ledger_entry *e = memset(&out->e[out->n], 0, sizeof *out->e);
        if (next_line(buf, len, &off, text, err))
            return -1;
        int nw = split(text, w);
        if (nw < 3)
            return verr(err, "an entry is SEQ PREV KIND FIELDS..., one space apart");
        e->seq = number(w[0]);
        if (e->seq != *line)
            return verr(err, "SEQ is '%.12s', expected %ld", w[0], *line);
        if (strcmp(w[1], out->n ? out->e[out->n - 1].hash : zeros))
            return verr(err, "PREV is not the SHA-256 of %s: the chain is broken",
                        out->n ? "the line before" : "nothing (64 zeros)");
        if (check_fields(e, w, nw, &rosters, err))
            return -1;
        manifest_sha256(buf + start, off - start, e->hash);
        out->n++;
    }
    *line = 0;
    return ledger_index_sort(out) ? verr(err, "out of memory") : 0;
}

int ledger_index_sort(ledger_index *ix)
{
    size_t *v = realloc(ix->by_last, (ix->n ? ix->n : 1) * sizeof *v);
    if (!v)
        return -1;
    for (ix->by_last = v, ix->n_sorted = 0; ix->n_sorted < ix->n; ix->n_sorted++)
        v[ix->n_sorted] = ix->n_sorted;
    qsort_r(v, ix->n, sizeof *v, by_last_field, ix->e);
    return 0;
}

void ledger_index_release(ledger_index *ix)
{
    free(ix->e);
    free(ix->by_last);
    memset(ix, 0, sizeof *ix);
}

static int by_keynum(const void *a, const void *b)
{
    return memcmp(((const roster_key *)a)->pk.keynum, ((const roster_key *)b)->pk.keynum,
                  MS_KEYNUM_BYTES);
}

/* The roster's key of party with key ID id (as ms_keyid prints it), or
 * NULL: a binary search of the keys, sorted by key number. */
static roster_key *roster_find(const ledger_roster *r, const char *party, const char *id)
{
    roster_key probe = {0}, *k;
    if (!r->n || strlen(id) != 16 || strspn(id, "0123456789ABCDEF") != 16)
        return NULL;
    for (int i = 0; i < MS_KEYNUM_BYTES; i++) /* ms_keyid, reversed */
        sscanf(id + 14 - 2 * i, "%2hhx", &probe.pk.keynum[i]);
    k = bsearch(&probe, r->keys, r->n, sizeof *r->keys, by_keynum);
    return k && !strcmp(k->party, party) ? k : NULL;
}

/* Sorts r's keys by key number, each key ID listed once: 0, or -1 with
 * *line 0 (the whole roster). */
static int sort_keys(ledger_roster *r, long *line, char *err)
{
    char kid[17];
    if (r->n)
        qsort(r->keys, r->n, sizeof *r->keys, by_keynum);
    for (size_t i = 1; i < r->n; i++)
        if (!by_keynum(&r->keys[i - 1], &r->keys[i])) {
            ms_keyid(r->keys[i].pk.keynum, kid);
            *line = 0;
            return verr(err, "key ID %s is listed twice", kid);
        }
    return 0;
}

/* "KEYID BASE64" (id, b64) into pk: a public key as minisign writes it
 * (canonical base64 of an Ed25519 key) whose key ID is id. 0 or -1. */
static int roster_pubkey(const char *id, const char *b64, ms_pubkey *pk, char *err)
{
    char file[LINE_MAX_BYTES + 32], kid[17];
    snprintf(file, sizeof file, "untrusted comment: roster\n%s\n", b64);
    if (ms_pubkey_parse((const unsigned char *)file, strlen(file), pk, err))
        return -1;
    ms_keyid(pk->keynum, kid);
    return strcmp(kid, id) ? verr(err, "key ID %.16s is not the key's (%s)", id, kid) : 0;
}

int ledger_roster_parse(const unsigned char *buf, size_t len, ledger_roster *out, long *line,
                        char *err)
{
    static const char *const head[] = {"accord-roster/1", "program", "revision", "previous"};
    char text[LINE_MAX_BYTES + 1], *w[WORDS_MAX];
    size_t off = 0, cap = 0;
    int revoked_seen = 0;
    memset(out, 0, sizeof *out);
    if (len > LEDGER_ROSTER_MAX)
        return verr(err, "roster is larger than %d bytes", LEDGER_ROSTER_MAX);
    for (*line = 1; off < len; ++*line) {
        if (next_line(buf, len, &off, text, err))
            return -1;
        int nw = split(text, w);
        if (*line <= 4 &&
            (nw != 1 + (*line > 1) || strcmp(w[0], head[*line - 1]) ||
             (*line == 2 && !vu_is_id(w[1], strlen(w[1]))) || (*line == 3 && !number(w[1])) ||
             (*line == 4 && (out->revision == 1 ? strcmp(w[1], "none") : !is_hex64(w[1])))))
            return verr(err, "the first four lines are not 'accord-roster/1', 'program ID', "
                             "'revision N' and 'previous none' (revision 1) or 'previous "
                             "SHA256' (later revisions)");
        if (*line == 2)
            snprintf(out->program, sizeof out->program, "%s", w[1]);
        else if (*line == 3)
            out->revision = number(w[1]);
        else if (*line == 4)
            snprintf(out->previous, sizeof out->previous, "%s", w[1]);
        else if (*line == 5 && nw == 3 && !strcmp(w[0], "program-key")) {
            if (roster_pubkey(w[1], w[2], &out->program_key, err))
                return -1;
            out->has_program_key = 1;
        } else if (nw == 6 && !strcmp(w[0], "key") && !revoked_seen &&
                   vu_is_id(w[1], strlen(w[1])) && !strcmp(w[4], "from") && number(w[5])) {
            if (vu_grow((void **)&out->keys, out->n, &cap, sizeof *out->keys, 16))
                return verr(err, "out of memory");
            roster_key *k = memset(&out->keys[out->n], 0, sizeof *k);
            if (roster_pubkey(w[2], w[3], &k->pk, err))
                return -1;
            snprintf(k->party, sizeof k->party, "%s", w[1]);
            k->from = number(w[5]);
            out->n++;
        } else if (nw == 6 && !strcmp(w[0], "revoked") && !strcmp(w[3], "at") && number(w[4])) {
            if (!revoked_seen && sort_keys(out, line, err))
                return -1;
            roster_key *k = roster_find(out, w[1], w[2]);
            size_t r = 0;
            while (r < 4 && strcmp(w[5], reasons[r]))
                r++;
            if (!k || k->revoked_at || number(w[4]) <= k->from || r == 4)
                return verr(err, "a revocation of a key not listed above, revoked twice, not "
                                 "after its from, or with a reason other than lost, "
                                 "compromised, replaced or left");
            k->revoked_at = number(w[4]);
            snprintf(k->reason, sizeof k->reason, "%s", reasons[r]);
            revoked_seen = 1;
        } else if (*line > 1) {
            return verr(err, "not 'key PARTY KEYID BASE64 from SEQ' nor 'revoked PARTY KEYID at "
                             "SEQ REASON' (keys first) nor, as line 5, 'program-key KEYID "
                             "BASE64'");
        }
    }
    if (*line < 5)
        return verr(err, "the roster ends before its fourth line");
    *line = 0;
    return revoked_seen ? 0 : sort_keys(out, line, err);
}

void ledger_roster_release(ledger_roster *r)
{
    free(r->keys);
    memset(r, 0, sizeof *r);
}

/* The SHA-256 of member name of rep, or NULL. */
static const char *member_sha(const bundle_report *rep, const char *name)
{
    for (size_t i = 0; i < rep->n_members; i++)
        if (!strcmp(rep->members[i].name, name))
            return rep->members[i].sha256;
    return NULL;
}

long ledger_index_first(const ledger_index *ix, const char *kind, const char *sha)
{
    size_t lo = 0, hi = sha ? ix->n_sorted : 0;
    while (lo < hi) { /* the first sorted entry not below (sha, kind) */
        size_t mid = lo + (hi - lo) / 2;
        if (order(&ix->e[ix->by_last[mid]], sha, kind) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return sha && lo < ix->n_sorted && !order(&ix->e[ix->by_last[lo]], sha, kind)
               ? ix->e[ix->by_last[lo]].seq
               : 0;
}

/* The SEQ of the entry recording signature s of rep, or 0. */
static long recorded_at(const ledger_index *ix, const bundle_report *rep,
                        const bundle_sig_report *s)
{
    const char *sig = member_sha(rep, s->member), *at = strstr(s->member, "signatures/");
    char mf[160];
    snprintf(mf, sizeof mf, "%.*sMANIFEST", at ? (int)(at - s->member) : 0, s->member);
    /* a countersignature is recorded by its own entry, never its bundle's */
    const char *digest = s->countersign    ? NULL
                         : at == s->member ? rep->digest
                                           : member_sha(rep, mf);
    long by_sig = ledger_index_first(ix, "signature", sig),
         by_digest = ledger_index_first(ix, "bundle", digest);
    return by_sig && (!by_digest || by_sig < by_digest) ? by_sig : by_digest;
}

int ledger_sig_verify(const unsigned char *sig, size_t siglen, const ms_pubkey *pk,
                      const unsigned char *msg, size_t len, char *err)
{
    ms_sig s;
    return ms_sig_parse(sig, siglen, &s, err) ? -1 : ms_sig_verify(&s, pk, msg, len, NULL, err);
}

int ledger_check_report(const ledger_roster *r, const ledger_index *ix, int all_recorded,
                        const bundle_report *rep, char *err)
{
    size_t unrecorded = 0;
    if (strcmp(rep->meta.v[META_PROGRAM], r->program))
        return verr(err, "it is for program '%s', not the roster's ('%s')",
                    rep->meta.v[META_PROGRAM], r->program);
    for (size_t i = 0; i < rep->n_sigs; i++) {
        const bundle_sig_report *s = &rep->sigs[i];
        const roster_key *k = roster_find(r, s->party, s->keyid);
        long at = recorded_at(ix, rep, s);
        unrecorded += !at;
        if (!k)
            return verr(err, "%s: key ID %s is not %s's in the roster", s->member, s->keyid,
                        s->party);
        if (at && at <= k->from)
            return verr(err,
                        "%s: key ID %s was added at index entry %ld, not before this "
                        "signature's entry %ld",
                        s->member, s->keyid, k->from, at);
        if (k->revoked_at && (!at || at >= k->revoked_at))
            return verr(err,
                        "%s: key ID %s of %s was revoked (%s) at index entry %ld, and this "
                        "signature is %s",
                        s->member, s->keyid, s->party, k->reason, k->revoked_at,
                        at ? "recorded only after that" : "not in the index");
    }
    if (all_recorded && unrecorded)
        return verr(err, "not in the index: %zu of its %zu signatures", unrecorded, rep->n_sigs);
    return 0;
}
