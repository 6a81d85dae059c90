/* parsed.c - the bundle files whose answers a build parsed and found to
 * fit, noted in the site's cache so that the next build takes what
 * parsing found for the same bytes instead of parsing them again (see
 * impl.h): answers bundle files, and agreement bundles placed as the one
 * canonical copy of their revision whose page is bound to the answers it
 * shows and names what the content says today.
 *
 * A line per file: its name in bundles/; the SHA-256 of its bytes; then
 * per party (one for an answers bundle, mentee then mentor for an
 * agreement bundle) the created time and bundle digest of its embedded
 * answers bundle ("-" and "-" for an answers bundle, whose own are
 * used), the time its answers were saved, the line of <answers> in its
 * answers.xml, and the length and SHA-256 of that answers.xml. Fields are
 * separated by tabs. The lines are kept beside the bundle files' lines
 * (checked.c) under the same MAC, which binds them to every other input of
 * the build: the same bytes, under the same content and accord, parse and
 * check the same way. Everything else parsing gives comes from the file's
 * META (for an embedded party, the agreement's with its own kind, role,
 * party and created: a party whose META is otherwise is never noted) and
 * from its snapshot. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "impl.h"

enum {
    PARTY_FIELDS = 6,
    FIELDS_MAX = 2 + 2 * PARTY_FIELDS,
    PARSED_LINE_MAX = 1024, /* bytes of a line, its newline included */
};

/* Reads the PARTY_FIELDS fields f of a party into *p. 0, or -1. */
static int read_party_fields(char *const *f, parsed_party *p)
{
    unsigned long long line, len;
    if (strlen(f[0]) > META_VALUE_MAX || (strcmp(f[1], "-") && strlen(f[1]) != 64) || !*f[2] ||
        strlen(f[2]) > PARSED_SAVED_MAX || checked_number(f[3], &line) || line > 0x7fffffff ||
        checked_number(f[4], &len) || len > ZIPREAD_MEMBER_MAX ||
        checked_hex32(f[5], p->answers_sha))
        return -1;
    memcpy(p->created, f[0], strlen(f[0]) + 1);
    memcpy(p->digest, f[1], strlen(f[1]) + 1);
    memcpy(p->saved, f[2], strlen(f[2]) + 1);
    p->line = (long)line;
    p->answers_len = (size_t)len;
    return 0;
}

int parsed_find(const loader *L, const char *name, const unsigned char file_hash[32],
                parsed_party *out, size_t n)
{
    char text[PARSED_LINE_MAX + 1], *f[FIELDS_MAX];
    const char *at = L->parsed && name ? checked_line(L->parsed, name) : NULL;
    size_t len = at ? strcspn(at, "\n") : 0;
    unsigned char hash[BUNDLES_INPUTS_BYTES];
    if (!at || len > PARSED_LINE_MAX || n < 1 || n > 2)
        return 0;
    memcpy(text, at, len); /* the set is shared by every thread: parse a copy */
    text[len] = '\0';
    if (checked_split(text, f, FIELDS_MAX) != 2 + n * PARTY_FIELDS || checked_hex32(f[1], hash) ||
        sodium_memcmp(hash, file_hash, sizeof hash) != 0)
        return 0;
    for (size_t p = 0; p < n; p++)
        if (read_party_fields(f + 2 + p * PARTY_FIELDS, &out[p]) != 0)
            return 0;
    return 1;
}

/* Appends to one the fields of party pa: its created time and digest when
 * embedded, else "-" twice. 0, or -1 when they cannot be noted. */
static int party_fields(sbuf *one, const party_answers *pa, int embedded)
{
    const answers *a = &pa->ans;
    char hex[2 * BUNDLES_INPUTS_BYTES + 1];
    if (!a->saved || strpbrk(a->saved, "\t\n") || strlen(a->saved) > PARSED_SAVED_MAX ||
        a->line < 0 || !a->items_at)
        return -1;
    sodium_bin2hex(hex, sizeof hex, a->items_at->hash, sizeof a->items_at->hash);
    sb_printf(one, "\t%s\t%s\t%s\t%ld\t%zu\t%s", embedded ? pa->meta.v[META_CREATED] : "-",
              embedded ? pa->digest : "-", a->saved, a->line, a->items_at->len, hex);
    return 0;
}

/* 1 when party pa (id, role) of agreement bundle META am is what
 * take_party makes of its note: its META the agreement's but for kind,
 * role, party and created. */
static int party_rebuilds(const party_answers *pa, const meta_strings *am, const char *role,
                          const char *id)
{
    if (strcmp(pa->meta.v[META_PARTY], id))
        return 0;
    for (int k = 0; k < META_NFIELDS; k++) {
        const char *want = am->v[k];
        if (k == META_KIND)
            want = "answers";
        else if (k == META_ROLE)
            want = role;
        else if (k == META_PARTY || k == META_CREATED)
            continue;
        if (strcmp(pa->meta.v[k], want))
            return 0;
    }
    return strchr(pa->meta.v[META_CREATED], '\t') == NULL;
}

/* Appends to out the line of the file name (bytes file_hash) with the n
 * parties p: 1, or 0 when they cannot all be noted (out as it was). */
static int note_line(sbuf *out, const char *name,
                     const unsigned char file_hash[BUNDLES_INPUTS_BYTES], party_answers *const *p,
                     size_t n)
{
    char hex[2 * BUNDLES_INPUTS_BYTES + 1];
    size_t start = out->len;
    int ok = !strpbrk(name, "\t\n");
    sodium_bin2hex(hex, sizeof hex, file_hash, BUNDLES_INPUTS_BYTES);
    if (ok)
        sb_printf(out, "%s\t%s", name, hex);
    for (size_t k = 0; ok && k < n; k++)
        ok = party_fields(out, p[k], n == 2) == 0;
    if (ok)
        sb_puts(out, "\n");
    if (ok && out->len - start <= PARSED_LINE_MAX)
        return 1;
    out->len = start; /* never read back */
    if (out->data)
        out->data[start] = '\0';
    return 0;
}

/* A file to note: an answers bundle or an agreement copy, by name. */
typedef struct to_note {
    const char *name;
    const answers_in *a;
    const copy_in *c;
} to_note;

static int by_name(const void *pa, const void *pb)
{
    return strcmp(((const to_note *)pa)->name, ((const to_note *)pb)->name);
}

/* The parties of copy c to note, into p, when its revision was placed
 * from it as parsed.c says: 1, or 0. */
static int copy_parties(const copy_in *c, party_answers *p[2])
{
    const agreement_rev *rev = c->parsed ? bundles_rev(c->ai, c->revision) : NULL;
    if (!rev || rev->source != c->path || !rev->mentee || !rev->mentor ||
        !party_rebuilds(rev->mentee, &rev->meta, "mentee", c->ai->ag->mentee) ||
        !party_rebuilds(rev->mentor, &rev->meta, "mentor", c->ai->ag->mentor))
        return 0;
    p[0] = rev->mentee;
    p[1] = rev->mentor;
    return 1;
}

int parsed_lines(bundle_set *bs, const answers_in *an, size_t na, const copy_in *cp, size_t nc)
{
    size_t n = 0;
    to_note *v = malloc((na + nc + 1) * sizeof *v);
    if (!v)
        return -1;
    for (size_t i = 0; i < na; i++)
        if (an[i].parsed && an[i].name)
            v[n++] = (to_note){an[i].name, &an[i], NULL};
    for (size_t i = 0; i < nc; i++)
        if (cp[i].parsed && cp[i].name)
            v[n++] = (to_note){cp[i].name, NULL, &cp[i]};
    qsort(v, n, sizeof *v, by_name);
    for (size_t i = 0; i < n; i++) {
        party_answers *p[2];
        int noted = 0, taken;
        if (v[i].a) {
            noted = note_line(&bs->parsed, v[i].name, v[i].a->file_hash, &v[i].a->pa, 1);
            taken = v[i].a->parsed == PARSED_TAKEN;
        } else {
            noted = copy_parties(v[i].c, p) &&
                    note_line(&bs->parsed, v[i].name, v[i].c->file_hash, p, 2);
            taken = v[i].c->parsed == PARSED_TAKEN;
        }
        bs->n_parsed += noted;
        bs->parsed_taken += noted && taken;
    }
    free(v);
    return 0;
}
