/* parsed.c - the answers bundle files whose answers a build parsed and
 * found to fit their META and snapshot, noted in the site's cache so that
 * the next build takes what parsing found for the same bytes instead of
 * parsing them again (see impl.h).
 *
 * A line per file: its name in bundles/; the SHA-256 of its bytes; the
 * time its answers were saved; the line of <answers> in its answers.xml;
 * the length and SHA-256 of its answers.xml. Fields are separated by
 * tabs. The lines are kept beside the bundle
 * files' lines (checked.c) under the same MAC, which binds them to every
 * other input of the build: the same bytes, under the same content and
 * accord, parse the same way and fit or not the same way. Everything else
 * parsing gives is the file's META's and its snapshot's, read again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "impl.h"

enum {
    PARSED_FIELDS = 6,
    PARSED_LINE_MAX = 512, /* bytes of a line, its newline included */
};

int parsed_find(const loader *L, const answers_in *a, parsed_note *out)
{
    char text[PARSED_LINE_MAX + 1], *f[PARSED_FIELDS];
    const char *at = L->parsed && a->name ? checked_line(L->parsed, a->name) : NULL;
    size_t n = at ? strcspn(at, "\n") : 0;
    unsigned char hash[BUNDLES_INPUTS_BYTES];
    unsigned long long line, len;
    if (!at || n > PARSED_LINE_MAX)
        return 0;
    memcpy(text, at, n); /* the set is shared by every thread: parse a copy */
    text[n] = '\0';
    if (checked_split(text, f, PARSED_FIELDS) != PARSED_FIELDS || checked_hex32(f[1], hash) ||
        sodium_memcmp(hash, a->file_hash, sizeof hash) != 0 || !*f[2] ||
        strlen(f[2]) > PARSED_SAVED_MAX || checked_number(f[3], &line) || line > 0x7fffffff ||
        checked_number(f[4], &len) || len > ZIPREAD_MEMBER_MAX ||
        checked_hex32(f[5], out->answers_sha))
        return 0;
    memcpy(out->saved, f[2], strlen(f[2]) + 1);
    out->line = (long)line;
    out->answers_len = (size_t)len;
    return 1;
}

int parsed_lines(bundle_set *bs, const answers_in *an, size_t n)
{
    size_t k = 0;
    char **lines = calloc(n ? n : 1, sizeof *lines);
    if (!lines)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const answers *a = &an[i].pa->ans;
        char hex[2][2 * BUNDLES_INPUTS_BYTES + 1];
        if (!an[i].parsed || !an[i].name || strpbrk(an[i].name, "\t\n") || !a->saved ||
            strpbrk(a->saved, "\t\n") || strlen(a->saved) > PARSED_SAVED_MAX || a->line < 0 ||
            !a->items_at)
            continue;
        bs->parsed_taken += an[i].parsed == PARSED_TAKEN;
        sodium_bin2hex(hex[0], sizeof hex[0], an[i].file_hash, sizeof an[i].file_hash);
        sodium_bin2hex(hex[1], sizeof hex[1], a->items_at->hash, sizeof a->items_at->hash);
        sbuf one = SBUF_INIT;
        sb_printf(&one, "%s\t%s\t%s\t%ld\t%zu\t%s\n", an[i].name, hex[0], a->saved, a->line,
                  a->items_at->len, hex[1]);
        size_t len;
        if (one.len <= PARSED_LINE_MAX)
            lines[k++] = sb_take(&one, &len);
        sb_release(&one);
    }
    checked_join(&bs->parsed, lines, k);
    bs->n_parsed = k;
    free(lines);
    return 0;
}
