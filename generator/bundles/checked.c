/* checked.c - what a build found verifying each bundle file, kept in the
 * site's cache so that the next build takes an unchanged file's outcome
 * without reading it (see bundles.h and impl.h).
 *
 * A line per file: its name; the identity it had when read (device, inode,
 * size, modification and status-change times); its outcome, whether it is
 * canonical, its bundle digest, the SHA-256 of its bytes and their length;
 * its META values; and per countersignature its member, party, key ID,
 * signing time, member SHA-256 and whether it verified. Fields are
 * separated by tabs: no META value, key ID or time holds a control
 * character (the verifier refuses them), and a file whose name holds a tab
 * or line feed is never noted. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

#include "impl.h"

enum {
    FIXED_FIELDS = 13, /* name to length */
    SIG_FIELDS = 6,
    SIGS_MAX = 8,            /* countersignatures noted: an agreement has two parties */
    RACY_SECONDS = 2,        /* a file changed this close to its reading is not noted */
    CHECKED_LINE_MAX = 8192, /* bytes of a line, its newline included */
};

static const char mac_context[] = "accord: bundle files a build verified";

int checked_identity(const char *path, file_stamp *out)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return -1;
    *out = (file_stamp){.dev = (unsigned long long)st.st_dev,
                        .ino = (unsigned long long)st.st_ino,
                        .size = (unsigned long long)st.st_size,
                        .mtime_sec = (long long)st.st_mtim.tv_sec,
                        .mtime_nsec = st.st_mtim.tv_nsec,
                        .ctime_sec = (long long)st.st_ctim.tv_sec,
                        .ctime_nsec = st.st_ctim.tv_nsec};
    return 0;
}

int checked_settled(const file_stamp *id, long long now)
{
    return id->ctime_sec + RACY_SECONDS < now && id->mtime_sec + RACY_SECONDS < now;
}

int checked_same(const file_stamp *a, const file_stamp *b)
{
    return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
           a->mtime_sec == b->mtime_sec && a->mtime_nsec == b->mtime_nsec &&
           a->ctime_sec == b->ctime_sec && a->ctime_nsec == b->ctime_nsec;
}

/* 1 when s holds a tab or line feed, which a field of a line cannot. */
static int separates(const char *s)
{
    return strpbrk(s, "\t\n") != NULL;
}

/* 1 when a field of v's line would hold a separator: none can, as the
 * verifier refuses control characters in them, but a line is never
 * written on that alone. */
static int unfit(const char *name, const verified_file *v)
{
    int bad = separates(name);
    for (int k = 0; k < META_NFIELDS; k++)
        bad |= separates(v->rep.meta.v[k]);
    for (size_t i = 0; i < v->rep.n_sigs; i++)
        bad |= separates(v->rep.sigs[i].member) | separates(v->rep.sigs[i].party) |
               separates(v->rep.sigs[i].keyid) | separates(v->rep.sigs[i].signed_at);
    return bad;
}

void checked_note(sbuf *out, const char *name, const verified_file *v)
{
    if (!v->settled || v->outcome == BUNDLE_INVALID ||
        !strcmp(v->rep.meta.v[META_AGREEMENT], "-") || unfit(name, v))
        return;
    if (v->from_cache) { /* what printing it again would give */
        sb_put(out, v->line, v->line_len);
        return;
    }
    size_t start = out->len, n_sigs = 0;
    char hash[2 * BUNDLES_INPUTS_BYTES + 1];
    const file_stamp *s = &v->stamp;
    sodium_bin2hex(hash, sizeof hash, v->file_hash, sizeof v->file_hash);
    sb_printf(out, "%s\t%llu\t%llu\t%llu\t%lld\t%ld\t%lld\t%ld\t%d\t%d\t%s\t%s\t%zu", name, s->dev,
              s->ino, s->size, s->mtime_sec, s->mtime_nsec, s->ctime_sec, s->ctime_nsec,
              (int)v->outcome, v->canonical, v->rep.digest, hash, v->len);
    for (int k = 0; k < META_NFIELDS; k++)
        sb_printf(out, "\t%s", v->rep.meta.v[k]);
    for (size_t i = 0; i < v->rep.n_sigs; i++)
        n_sigs += v->rep.sigs[i].countersign != 0;
    sb_printf(out, "\t%zu", n_sigs);
    for (size_t i = 0; i < v->rep.n_sigs; i++) {
        const bundle_sig_report *g = &v->rep.sigs[i];
        const char *sha = "-";
        for (size_t m = 0; g->countersign && m < v->rep.n_members; m++)
            if (!strcmp(v->rep.members[m].name, g->member))
                sha = v->rep.members[m].sha256;
        if (g->countersign)
            sb_printf(out, "\t%s\t%s\t%s\t%s\t%s\t%d", g->member, g->party, g->keyid, g->signed_at,
                      sha, g->ok != 0);
    }
    sb_puts(out, "\n");
    if (n_sigs > SIGS_MAX || out->len - start > CHECKED_LINE_MAX) { /* never read back */
        out->len = start;
        out->data[start] = '\0';
    }
}

/* Adds text (len bytes) to h after its length, so that where one text
 * ends and the next begins is part of what is hashed. */
static void put_text(crypto_generichash_state *h, const sbuf *text)
{
    unsigned char n[8];
    size_t len = text ? text->len : 0;
    for (int i = 0; i < 8; i++)
        n[i] = (unsigned char)((unsigned long long)len >> (8 * i));
    crypto_generichash_update(h, n, sizeof n);
    if (len)
        crypto_generichash_update(h, (const unsigned char *)text->data, len);
}

void checked_mac(const unsigned char *secret, size_t secret_len, const unsigned char *inputs,
                 size_t inputs_len, const sbuf *const *sections, size_t n,
                 unsigned char mac[CHECKED_MAC_BYTES])
{
    unsigned char key[crypto_generichash_KEYBYTES];
    crypto_generichash(key, sizeof key, (const unsigned char *)mac_context, sizeof mac_context - 1,
                       secret, secret_len);
    crypto_generichash_state h;
    crypto_generichash_init(&h, key, sizeof key, CHECKED_MAC_BYTES);
    crypto_generichash_update(&h, inputs, inputs_len);
    for (size_t i = 0; i < n; i++)
        put_text(&h, sections[i]);
    crypto_generichash_final(&h, mac, CHECKED_MAC_BYTES);
    sodium_memzero(key, sizeof key);
}

/* A line as parsed: pointers into a copy of it. */
typedef struct checked_entry {
    file_stamp stamp;
    bundle_outcome outcome;
    int canonical;
    const char *digest;
    unsigned char file_hash[BUNDLES_INPUTS_BYTES];
    size_t len;
    const char *meta[META_NFIELDS];
    size_t n_sigs;
    const char *const *sig; /* SIG_FIELDS a countersignature: member, party, key ID,
                               signed at, member SHA-256 or "-", ok */
} checked_entry;

size_t checked_split(char *line, char **field, size_t max)
{
    size_t n = 0;
    for (char *p = line;; p++) {
        if (n == max)
            return max + 1;
        field[n++] = p;
        p = strchr(p, '\t');
        if (!p)
            return n;
        *p = '\0';
    }
}

int checked_number(const char *s, unsigned long long *v)
{
    char *end;
    errno = 0;
    *v = strtoull(s, &end, 10);
    return *s >= '0' && *s <= '9' && !*end && !errno ? 0 : -1;
}

int checked_hex32(const char *s, unsigned char out[BUNDLES_INPUTS_BYTES])
{
    size_t got = 0, len = strlen(s);
    return len == 2 * BUNDLES_INPUTS_BYTES &&
                   sodium_hex2bin(out, BUNDLES_INPUTS_BYTES, s, len, NULL, &got, NULL) == 0 &&
                   got == BUNDLES_INPUTS_BYTES
               ? 0
               : -1;
}

static int to_ll(const char *s, long long *v)
{
    char *end;
    errno = 0;
    *v = strtoll(s, &end, 10);
    return *s && !*end && !errno ? 0 : -1;
}

static int is_bit(const char *s)
{
    return !strcmp(s, "0") || !strcmp(s, "1");
}

/* Parses line (newline removed; split in place) into *e, its strings
 * pointing into line and its fields into f (FIELDS_MAX). 0, or -1. */
enum { FIELDS_MAX = FIXED_FIELDS + META_NFIELDS + 1 + SIGS_MAX * SIG_FIELDS };
static int parse_line(char *line, char **f, checked_entry *e)
{
    size_t n = checked_split(line, f, FIELDS_MAX);
    unsigned long long u[4], sigs;
    long long l[4];
    if (n > FIELDS_MAX || n < FIXED_FIELDS + META_NFIELDS + 1)
        return -1;
    for (int i = 0; i < 3; i++)
        if (checked_number(f[1 + i], &u[i]))
            return -1;
    for (int i = 0; i < 4; i++)
        if (to_ll(f[4 + i], &l[i]))
            return -1;
    if (checked_number(f[12], &u[3]) || u[3] > SIZE_MAX ||
        checked_number(f[FIXED_FIELDS + META_NFIELDS], &sigs) || sigs > SIGS_MAX ||
        n != FIXED_FIELDS + META_NFIELDS + 1 + sigs * SIG_FIELDS || !is_bit(f[8]) ||
        !is_bit(f[9]) || strlen(f[10]) != 64 || checked_hex32(f[11], e->file_hash))
        return -1;
    e->stamp = (file_stamp){.dev = u[0],
                            .ino = u[1],
                            .size = u[2],
                            .mtime_sec = l[0],
                            .mtime_nsec = (long)l[1],
                            .ctime_sec = l[2],
                            .ctime_nsec = (long)l[3]};
    e->outcome = f[8][0] == '0' ? BUNDLE_VALID : BUNDLE_AWAITING;
    e->canonical = f[9][0] == '1';
    e->digest = f[10];
    e->len = (size_t)u[3];
    for (int k = 0; k < META_NFIELDS; k++) {
        e->meta[k] = f[FIXED_FIELDS + k];
        if (strlen(e->meta[k]) > META_VALUE_MAX)
            return -1;
    }
    e->n_sigs = (size_t)sigs;
    e->sig = (const char *const *)f + FIXED_FIELDS + META_NFIELDS + 1;
    const bundle_sig_report *r = NULL;
    for (size_t i = 0; i < e->n_sigs; i++) {
        const char *const *g = e->sig + i * SIG_FIELDS;
        if (strlen(g[0]) >= sizeof r->member || strlen(g[1]) >= sizeof r->party ||
            strlen(g[2]) >= sizeof r->keyid || strlen(g[3]) >= sizeof r->signed_at ||
            (strcmp(g[4], "-") && strlen(g[4]) != 64) || !is_bit(g[5]))
            return -1;
    }
    return 0;
}

/* The name of the line at p: its first field, length in *len. */
static const char *line_name(const char *p, size_t *len)
{
    *len = strcspn(p, "\t\n");
    return p;
}

int checked_parse(char *text, size_t n, checked_set *out)
{
    memset(out, 0, sizeof *out);
    out->text = text;
    out->line = malloc((n ? n : 1) * sizeof *out->line);
    if (!out->line)
        return -1;
    const char *p = text, *prev = NULL;
    size_t prev_len = 0;
    for (size_t i = 0; i < n; i++) {
        const char *nl = strchr(p, '\n');
        size_t len;
        const char *name = line_name(p, &len);
        if (!nl || !len || name[len] != '\t' ||
            (prev &&
             (memcmp(prev, name, len < prev_len ? len : prev_len) > 0 ||
              (memcmp(prev, name, len < prev_len ? len : prev_len) == 0 && prev_len >= len))))
            return -1;
        out->line[i] = p;
        prev = name;
        prev_len = len;
        p = nl + 1;
    }
    out->n = n;
    return *p ? -1 : 0;
}

void checked_release(checked_set *s)
{
    free(s->text);
    free((void *)s->line);
    memset(s, 0, sizeof *s);
}

const char *checked_line(const checked_set *s, const char *name)
{
    size_t lo = 0, hi = s ? s->n : 0, want = strlen(name);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2, len;
        const char *at = line_name(s->line[mid], &len);
        int c = memcmp(at, name, len < want ? len : want);
        if (!c)
            c = len < want ? -1 : len > want;
        if (!c)
            return s->line[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Fills v from entry e (the file at path): nothing read, its archive
 * empty. 0, or -1 out of memory (v released). */
static int fill(verified_file *v, const char *path, const checked_entry *e)
{
    memset(v, 0, sizeof *v);
    v->path = path;
    v->len = e->len;
    v->outcome = e->outcome;
    v->canonical = e->canonical;
    v->stamp = e->stamp;
    v->settled = 1;
    v->from_cache = 1;
    memcpy(v->file_hash, e->file_hash, sizeof v->file_hash);
    v->rep.outcome = e->outcome;
    v->rep.have_meta = 1;
    snprintf(v->rep.digest, sizeof v->rep.digest, "%s", e->digest);
    for (int k = 0; k < META_NFIELDS; k++)
        snprintf(v->rep.meta.v[k], sizeof v->rep.meta.v[k], "%s", e->meta[k]);
    v->rep.sigs = calloc(e->n_sigs ? e->n_sigs : 1, sizeof *v->rep.sigs);
    v->rep.members = calloc(e->n_sigs ? e->n_sigs : 1, sizeof *v->rep.members);
    int rc = v->rep.sigs && v->rep.members ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < e->n_sigs; i++) {
        bundle_sig_report *g = &v->rep.sigs[v->rep.n_sigs++];
        const char *const *f = e->sig + i * SIG_FIELDS;
        snprintf(g->member, sizeof g->member, "%s", f[0]);
        snprintf(g->party, sizeof g->party, "%s", f[1]);
        snprintf(g->keyid, sizeof g->keyid, "%s", f[2]);
        snprintf(g->signed_at, sizeof g->signed_at, "%s", f[3]);
        g->countersign = 1;
        g->ok = f[5][0] == '1';
        if (!strcmp(f[4], "-"))
            continue;
        /* its member's SHA-256, where countersigs_keep looks for it */
        bundle_member_report *m = &v->rep.members[v->rep.n_members];
        if (!(m->name = strdup(f[0])))
            rc = -1;
        else
            v->rep.n_members++;
        snprintf(m->sha256, sizeof m->sha256, "%s", f[4]);
    }
    if (rc) {
        bundle_report_release(&v->rep);
        memset(v, 0, sizeof *v);
    }
    return rc;
}

int checked_take(const checked_set *s, const char *name, const char *path, verified_file *v)
{
    const char *at = checked_line(s, name);
    char line[CHECKED_LINE_MAX + 1], *f[FIELDS_MAX];
    size_t len = at ? strcspn(at, "\n") : 0;
    checked_entry e;
    file_stamp now;
    if (!at || len > CHECKED_LINE_MAX)
        return -1;
    memcpy(line, at, len); /* the set is shared by every thread: parse a copy */
    line[len] = '\0';
    if (parse_line(line, f, &e) != 0 || checked_identity(path, &now) != 0 ||
        !checked_same(&now, &e.stamp) || fill(v, path, &e) != 0)
        return -1;
    v->line = at;
    v->line_len = len + 1;
    return 0;
}
