/* made.c - the agreement bundle of a revision both parties have
 * answered, made from their two answers bundles, and noted in the site's
 * cache so that the next build takes the bytes it wrote to the site
 * instead of making them again (see impl.h).
 *
 * A line per bundle made: its file's name in the site's folder of
 * agreements (<agreement>-r<revision>.accord); the SHA-256 of the
 * mentee's and of the mentor's answers bundle files it was made from; the
 * SHA-256 and length of what was made; its bundle digest. Fields are
 * separated by tabs. The lines are kept beside the bundle files' lines
 * (checked.c) under the same MAC, which binds them to every other input of
 * the build: a bundle made again from the same two files, under the same
 * content, theme and accord, is the same bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "impl.h"

enum {
    MADE_FIELDS = 6,
    MADE_LINE_MAX = 1024, /* bytes of a line, its newline included */
    NAME_MAX_BYTES = 256  /* bytes of a file's name */
};

/* The name of revision r's bundle file of agreement id into name; -1 when
 * it cannot be one (too long, or a character a name or line cannot hold). */
static int made_name(const char *id, int r, char name[NAME_MAX_BYTES])
{
    int n = snprintf(name, NAME_MAX_BYTES, "%s-r%d.accord", id, r);
    return n > 0 && n < NAME_MAX_BYTES && !strpbrk(id, "/\t\n") ? 0 : -1;
}

/* A line as parsed. */
typedef struct made_entry {
    unsigned char from[2][BUNDLES_INPUTS_BYTES], sha[BUNDLES_INPUTS_BYTES];
    size_t len;
    const char *digest;
} made_entry;

/* Parses line (its newline removed; split in place) into *e: exactly
 * MADE_FIELDS fields. 0, or -1. */
static int parse_made(char *line, made_entry *e)
{
    char *f[MADE_FIELDS];
    unsigned long long len;
    if (checked_split(line, f, MADE_FIELDS) != MADE_FIELDS || checked_hex32(f[1], e->from[0]) ||
        checked_hex32(f[2], e->from[1]) || checked_hex32(f[3], e->sha) ||
        checked_number(f[4], &len) || len > ZIPREAD_FILE_MAX || strlen(f[5]) != 64 ||
        strspn(f[5], "0123456789abcdef") != 64)
        return -1;
    e->len = (size_t)len;
    e->digest = f[5];
    return 0;
}

int made_find(const loader *L, const char *id, int r,
              const unsigned char from[2][BUNDLES_INPUTS_BYTES], made_found *out)
{
    char name[NAME_MAX_BYTES], line[MADE_LINE_MAX + 1];
    const char *at =
        L->made && L->made_dir && made_name(id, r, name) == 0 ? checked_line(L->made, name) : NULL;
    size_t n = at ? strcspn(at, "\n") : 0;
    made_entry e;
    if (!at || n > MADE_LINE_MAX)
        return 0;
    memcpy(line, at, n); /* the set is shared by every thread: parse a copy */
    line[n] = '\0';
    if (parse_made(line, &e) != 0 || sodium_memcmp(e.from, from, sizeof e.from) != 0)
        return 0;
    *out = (made_found){.path = path_join(L->made_dir, name), .len = e.len};
    memcpy(out->digest, e.digest, 65);
    memcpy(out->sha, e.sha, sizeof e.sha);
    if (!out->path)
        return 0;
    if (L->made_unchanged && L->made_unchanged(L->made_unchanged_ctx, name, e.sha))
        return 1;
    unsigned char hash[BUNDLES_INPUTS_BYTES];
    size_t got = 0;
    int read = read_file(out->path, e.len, &out->bytes, &got) == 0;
    if (read)
        bytes_sha256(out->bytes, got, hash);
    if (!read || got != e.len || sodium_memcmp(hash, e.sha, sizeof hash) != 0) {
        free(out->bytes);
        free(out->path);
        return 0;
    }
    return 1;
}

/* Orders lines by their names (what comes before the first tab), as
 * checked_parse reads them. */
static int by_name(const void *pa, const void *pb)
{
    const char *a = *(char *const *)pa, *b = *(char *const *)pb;
    size_t la = strcspn(a, "\t"), lb = strcspn(b, "\t");
    int c = memcmp(a, b, la < lb ? la : lb);
    return c ? c : (la > lb) - (la < lb);
}

int made_lines(bundle_set *bs)
{
    size_t n = 0, k = 0;
    for (size_t i = 0; i < bs->n; i++)
        for (size_t r = 0; r < bs->info[i].n_revs; r++)
            n += bs->info[i].revs[r].made != NULL;
    char **lines = calloc(n ? n : 1, sizeof *lines);
    if (!lines)
        return -1;
    for (size_t i = 0; i < bs->n; i++)
        for (size_t r = 0; r < bs->info[i].n_revs; r++) {
            const agreement_rev *rev = &bs->info[i].revs[r];
            const made_note *m = rev->made;
            char name[NAME_MAX_BYTES], hex[3][2 * BUNDLES_INPUTS_BYTES + 1];
            if (!m || made_name(bs->info[i].ag->id, rev->revision, name) != 0)
                continue;
            bs->made_taken += m->taken;
            bs->made_unread += m->unread;
            sodium_bin2hex(hex[0], sizeof hex[0], m->from[0], sizeof m->from[0]);
            sodium_bin2hex(hex[1], sizeof hex[1], m->from[1], sizeof m->from[1]);
            sodium_bin2hex(hex[2], sizeof hex[2], m->sha, sizeof m->sha);
            sbuf one = SBUF_INIT;
            sb_printf(&one, "%s\t%s\t%s\t%s\t%zu\t%s\n", name, hex[0], hex[1], hex[2], m->len,
                      rev->digest);
            size_t len;
            lines[k++] = sb_take(&one, &len);
        }
    qsort(lines, k, sizeof *lines, by_name);
    for (size_t i = 0; i < k; i++) {
        sb_puts(&bs->made, lines[i]);
        free(lines[i]);
    }
    bs->n_made = k;
    free(lines);
    return 0;
}

/* The bytes_sha256 of the answers bundle files of rev's parties, among
 * an[0..na), into from: 1, or 0 when either came from elsewhere (from
 * inside an agreement bundle refused). */
static int answers_files(const agreement_rev *rev, const answers_in *an, size_t na,
                         unsigned char from[2][BUNDLES_INPUTS_BYTES])
{
    int found = 0;
    for (size_t k = 0; k < na; k++)
        for (int p = 0; p < 2; p++)
            if (an[k].pa == (p ? rev->mentor : rev->mentee)) {
                memcpy(from[p], an[k].file_hash, sizeof from[p]);
                found |= 1 << p;
            }
    return found == 3;
}

/* A note (in L's arena) of a bundle of len bytes whose bytes_sha256 is
 * sha, made from the answers bundle files from: neither taken nor left
 * unread until the caller says so. */
static made_note *new_made_note(loader *L, const unsigned char from[2][BUNDLES_INPUTS_BYTES],
                                const unsigned char sha[BUNDLES_INPUTS_BYTES], size_t len)
{
    made_note *m = arena_alloc(L->ar, sizeof *m);
    *m = (made_note){.len = len};
    memcpy(m->from, from, sizeof m->from);
    memcpy(m->sha, sha, sizeof m->sha);
    return m;
}

/* Takes, for rev, the agreement bundle the last build made from the same
 * answers bundle files (from) and left in the site, when it is still
 * there: its bytes are kept as made ones are, or, when the file was
 * vouched for unread, read from the site where they are needed; its META
 * is am (what making it would write), and it awaits both
 * countersignatures. 1, or 0: make it. */
static int take_made(loader *L, const agreement_info *ai, agreement_rev *rev,
                     const unsigned char from[2][BUNDLES_INPUTS_BYTES], const meta *am)
{
    made_found found;
    if (!made_find(L, ai->ag->id, rev->revision, from, &found))
        return 0;
    made_note *m = new_made_note(L, from, found.sha, found.len);
    m->taken = 1;
    m->unread = found.bytes == NULL;
    rev->made = m;
    rev->outcome = BUNDLE_AWAITING;
    rev->digest = arena_strdup(L->ar, found.digest);
    meta_keep(L->ar, am, &rev->meta);
    rev->countersigs = NULL;
    rev->n_countersigs = 0;
    if (found.bytes)
        rev->bundle = keep_bytes(L, found.bytes, found.len);
    else {
        stored_bytes *in_site = arena_alloc(L->ar, sizeof *in_site);
        stored_file(arena_strdup(L->ar, found.path), found.len, found.sha, in_site);
        rev->bundle = in_site;
    }
    free(found.path);
    return 1;
}

/* Notes rev's bundle, made here from the answers bundle files from, for
 * the next build (made_lines): only one that awaits both
 * countersignatures, which is all a bundle made from answers can be. */
static void note_made(loader *L, agreement_rev *rev,
                      const unsigned char from[2][BUNDLES_INPUTS_BYTES])
{
    if (rev->outcome != BUNDLE_AWAITING || rev->n_countersigs)
        return;
    rev->made = new_made_note(L, from, rev->bundle->hash, rev->bundle->len);
}

int make_agreement(loader *L, agreement_info *ai, agreement_rev *rev, answers_in *an, size_t na)
{
    meta am, parts[2];
    meta_expand(&rev->mentee->meta, &parts[0]);
    meta_expand(&rev->mentor->meta, &parts[1]);
    char err[VERR_MAX] = "";
    if (bundle_agreement_meta(&parts[0], &parts[1], &am, err) != 0 ||
        rev->mentee->qxml_len != rev->mentor->qxml_len ||
        memcmp(rev->mentee->qxml, rev->mentor->qxml, rev->mentee->qxml_len)) {
        rev->build_problem =
            arena_printf(L->ar, "the mentee's and the mentor's answers do not belong together: %s",
                         err[0] ? err : "their questionnaire snapshots differ");
        diag_warn(L->d, NULL, 0, "agreement %s revision %d: %s", ai->ag->id, rev->revision,
                  rev->build_problem);
        return 0;
    }
    agreement_view v;
    meta_strings am_values;
    unsigned char *h, *out;
    size_t hlen, outlen;
    meta_borrow(&am, &am_values);
    bundles_view(ai, rev, &am_values, &v);
    rev->facts = content_agreement_facts(L->c, ai->ag);
    unsigned char from[2][BUNDLES_INPUTS_BYTES];
    int noting = L->note_made && answers_files(rev, an, na, from);
    if (noting && take_made(L, ai, rev, from, &am))
        return 0;
    /* answers taken as the last build parsed them are set aside and their
     * files not unpacked: the page shows them, and the bundle holds the
     * files' members */
    const char *unread = NULL;
    arena *held = L->items ? L->items : L->ar;
    if (answers_hold(&v.mentee_answers, held, &unread) ||
        answers_hold(&v.mentor_answers, held, &unread)) {
        diag_error(L->d, NULL, 0, "cannot read the answers of agreement %s revision %d again: %s",
                   ai->ag->id, rev->revision, unread);
        return -1;
    }
    for (size_t k = 0; k < na; k++)
        if ((an[k].pa == rev->mentee || an[k].pa == rev->mentor) && answers_unpacked(L, &an[k]))
            return -1;
    if (L->pages->make(&v, &rev->facts, &h, &hlen, err) != 0) {
        diag_error(L->d, NULL, 0, "cannot make the page of agreement %s revision %d: %s",
                   ai->ag->id, rev->revision, err);
        return -1;
    }
    int rc = bundle_agreement_write(&am, rev->mentee->z, rev->mentor->z, NULL, 0, h, hlen, &out,
                                    &outlen, err);
    free(h);
    if (rc != 0 || adopt_bundle(L, rev, out, outlen, err) != 0) {
        diag_error(L->d, NULL, 0, "cannot build the agreement bundle of %s revision %d: %s",
                   ai->ag->id, rev->revision, err);
        return -1;
    }
    /* made here: its parties are the answers bundles', nothing points into
     * its unpacked members, so only its bytes and verification are kept */
    release_archive(L->bs, &rev->kept);
    rev->html = NULL;
    rev->html_len = 0;
    if (noting)
        note_made(L, rev, from);
    return 0;
}
