/* party_keys.c - the public keys a form page gives its scripts: those the
 * program holds for the form's own two parties, never anyone else's, and
 * that the signing page gives its script the same way; with a program
 * ledger, their validity by index order and the index entries of the
 * page's subject (see render.h and impl.h). */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "impl.h"

static int by_party_then_file(const void *pa, const void *pb)
{
    const party_key *a = pa, *b = pb;
    int c = strcmp(a->party, b->party);
    return c ? c : strcmp(a->file, b->file);
}

party_key *render_party_keys(const keyring *kr, arena *ar, size_t *n)
{
    party_key *v = arena_alloc(ar, (kr->n ? kr->n : 1) * sizeof *v);
    size_t k = 0;
    for (size_t i = 0; i < kr->n; i++) {
        const keyring_entry *e = &kr->entries[i];
        if (!e->party[0])
            continue;
        /* the .pub file's second line, as minisign writes it */
        unsigned char bin[2 + MS_KEYNUM_BYTES + MS_PK_BYTES] = {'E', 'd'};
        char b64[sodium_base64_ENCODED_LEN(sizeof bin, sodium_base64_VARIANT_ORIGINAL)];
        memcpy(bin + 2, e->pk.keynum, MS_KEYNUM_BYTES);
        memcpy(bin + 2 + MS_KEYNUM_BYTES, e->pk.pk, MS_PK_BYTES);
        sodium_bin2base64(b64, sizeof b64, bin, sizeof bin, sodium_base64_VARIANT_ORIGINAL);
        const char *slash = strrchr(e->path, '/');
        v[k++] = (party_key){.party = arena_strdup(ar, e->party),
                             .file = arena_strdup(ar, slash ? slash + 1 : e->path),
                             .line = arena_strdup(ar, b64)};
    }
    if (k > 1)
        qsort(v, k, sizeof *v, by_party_then_file);
    *n = k;
    return v;
}

/* The first of the n items at v, size bytes apart and sorted by their
 * name (name_of) in strcmp order, whose name is not below want; n when
 * there is none. */
static size_t first_named(const void *v, size_t n, size_t size,
                          const char *(*name_of)(const void *), const char *want)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(name_of((const char *)v + mid * size), want) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static const char *party_key_party(const void *k)
{
    return ((const party_key *)k)->party;
}

const char *render_key_list(const render_ctx *rc, const char *party, arena *ar)
{
    sbuf b = SBUF_INIT;
    for (size_t i = first_named(rc->keys, rc->n_keys, sizeof *rc->keys, party_key_party, party);
         i < rc->n_keys && !strcmp(rc->keys[i].party, party); i++) {
        if (b.len)
            sb_puts(&b, " ");
        sb_puts(&b, rc->keys[i].line);
    }
    const char *s = arena_strdup(ar, b.len ? b.data : "");
    sb_release(&b);
    return s;
}

void render_form_keys(const render_ctx *rc, form_spec *fs, arena *ar)
{
    const char *mentee = fs->ag ? fs->ag->mentee : fs->party;
    fs->keys[ROLE_MENTEE] = render_key_list(rc, mentee, ar);
    fs->keys[ROLE_MENTOR] = fs->ag ? render_key_list(rc, fs->ag->mentor, ar) : NULL;
    fs->validity = render_key_validity(rc, mentee, fs->ag ? fs->ag->mentor : NULL, ar);
    fs->indexed = render_indexed(rc, fs->ag, mentee, ar);
}

/* The subject an index entry records: a bundle's (its second field) or a
 * signature's (its first); NULL for a roster entry. */
static const char *entry_subject(const ledger_entry *e)
{
    return !strcmp(e->kind, "bundle") ? e->f[1] : !strcmp(e->kind, "signature") ? e->f[0] : NULL;
}

/* The subject of the subject_entry at e. */
static const char *subject_at(const void *e)
{
    return ((const subject_entry *)e)->subject;
}

static const char *roster_key_party_at(const void *k)
{
    return (*(const roster_key *const *)k)->party;
}

static int by_subject_then_seq(const void *pa, const void *pb)
{
    const subject_entry *a = pa, *b = pb;
    int c = strcmp(a->subject, b->subject);
    return c ? c : (a->seq > b->seq) - (a->seq < b->seq);
}

static int by_party_then_from(const void *pa, const void *pb)
{
    const roster_key *a = *(const roster_key *const *)pa, *b = *(const roster_key *const *)pb;
    int c = strcmp(a->party, b->party);
    c = c ? c : (a->from > b->from) - (a->from < b->from);
    return c ? c : memcmp(a->pk.keynum, b->pk.keynum, MS_KEYNUM_BYTES);
}

void render_page_ledger_sort(page_ledger *pl, const ledger_index *ix, arena *ar)
{
    const ledger_roster *r = pl->roster;
    pl->keys_by_party = arena_alloc(ar, (r->n + 1) * sizeof *pl->keys_by_party);
    for (size_t i = 0; i < r->n; i++)
        pl->keys_by_party[i] = &r->keys[i];
    if (r->n > 1)
        qsort(pl->keys_by_party, r->n, sizeof *pl->keys_by_party, by_party_then_from);
    subject_entry *v = arena_alloc(ar, (ix->n + 1) * sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < ix->n; i++) { /* the parser checked the last field is 64 hex digits */
        const ledger_entry *e = &ix->e[i];
        if (!(v[n].subject = entry_subject(e)))
            continue;
        v[n].seq = e->seq;
        sodium_hex2bin(v[n].sha256, sizeof v[n].sha256, e->f[e->nf - 1], 64, NULL, NULL, NULL);
        n++;
    }
    if (n > 1)
        qsort(v, n, sizeof *v, by_subject_then_seq);
    /* each subject copied once, for the run of its entries: v outlives ix */
    for (size_t i = 0; i < n; i++)
        v[i].subject = i && !strcmp(v[i].subject, v[i - 1].subject)
                           ? v[i - 1].subject
                           : arena_strdup(ar, v[i].subject);
    pl->entries_by_subject = v;
    pl->n_entries_by_subject = n;
}

/* Appends "KEYID:FROM[:REVOKED:REASON]" for each roster key of party to b. */
static void put_validity(const page_ledger *pl, const char *party, sbuf *b)
{
    const roster_key **v = pl->keys_by_party;
    size_t n = pl->roster->n;
    for (size_t i = first_named(v, n, sizeof *v, roster_key_party_at, party);
         i < n && !strcmp(v[i]->party, party); i++) {
        const roster_key *k = v[i];
        char kid[17];
        ms_keyid(k->pk.keynum, kid);
        sb_printf(b, "%s%s:%ld", b->len ? " " : "", kid, k->from);
        if (k->revoked_at)
            sb_printf(b, ":%ld:%s", k->revoked_at, k->reason);
    }
}

const char *render_key_validity(const render_ctx *rc, const char *mentee, const char *mentor,
                                arena *ar)
{
    if (!rc->ledger)
        return NULL;
    sbuf b = SBUF_INIT; /* the parties in the order of their names, as the roster lists them */
    int mentor_first = mentor && strcmp(mentor, mentee) < 0;
    put_validity(rc->ledger, mentor_first ? mentor : mentee, &b);
    if (mentor && strcmp(mentor, mentee))
        put_validity(rc->ledger, mentor_first ? mentee : mentor, &b);
    const char *s = arena_strdup(ar, b.len ? b.data : "");
    sb_release(&b);
    return s;
}

const char *render_indexed(const render_ctx *rc, const agreement *ag, const char *mentee, arena *ar)
{
    if (!rc->ledger)
        return NULL;
    const page_ledger *pl = rc->ledger;
    const content *c = rc->c;
    const person *p = ag ? NULL : content_person(c, mentee);
    const char *name = ag  ? pl->agreement_names[ag - c->agreements]
                       : p ? pl->person_names[p - c->people]
                           : "";
    const subject_entry *v = pl->entries_by_subject;
    size_t n = pl->n_entries_by_subject;
    sbuf b = SBUF_INIT;
    for (size_t i = first_named(v, n, sizeof *v, subject_at, name);
         i < n && !strcmp(v[i].subject, name); i++) {
        char hex[65];
        sodium_bin2hex(hex, sizeof hex, v[i].sha256, sizeof v[i].sha256);
        sb_printf(&b, "%s%ld:%s", b.len ? " " : "", v[i].seq, hex);
    }
    const char *s = arena_strdup(ar, b.len ? b.data : "");
    sb_release(&b);
    return s;
}

void render_ledger_attrs(xmlNodePtr el, const char *validity, const char *indexed)
{
    if (validity && indexed) {
        html_attr(el, "data-key-validity", validity);
        html_attr(el, "data-indexed", indexed);
    }
}
