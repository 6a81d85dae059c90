/* chain.c - an agreement's review chain (accord_verify.h bundle_chain_check). */
#include "verify.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct chain_ctx {
    void (*problem)(void *ctx, const char *path, const char *msg);
    void *ctx;
    size_t count;
} chain_ctx;

static void __attribute__((format(printf, 3, 4)))
report(chain_ctx *c, const char *path, const char *fmt, ...)
{
    char msg[2 * VERR_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->problem(c->ctx, path, msg);
    c->count++;
}

static void missing(chain_ctx *c, long from, long to)
{
    report(c, NULL,
           from == to ? "revision %ld is missing from the chain"
                      : "revisions %ld to %ld are missing from the chain",
           from, to);
}

static long revision(const bundle_report *r)
{
    return atol(r->meta.v[META_REVISION]);
}

size_t bundle_chain_check(const bundle_report *r, const char *const *paths, size_t n,
                          void (*problem)(void *ctx, const char *path, const char *msg), void *ctx)
{
    chain_ctx c = {problem, ctx, 0};
    size_t *at = malloc((n + 1) * sizeof *at), count = 0, first = n;
    if (!at || n == 0) {
        report(&c, NULL, at ? "no bundle named" : "out of memory");
        free(at);
        return c.count;
    }
    for (size_t i = 0; i < n; i++) {
        const meta *m = &r[i].meta;
        size_t j;
        if (!r[i].have_meta || r[i].outcome == BUNDLE_INVALID) {
            report(&c, paths[i], "does not verify: %s", r[i].reason);
            continue;
        }
        if (strcmp(m->v[META_KIND], "agreement")) {
            report(&c, paths[i], "is an answers bundle, not an agreement bundle");
            continue;
        }
        if (r[i].outcome == BUNDLE_AWAITING)
            report(&c, paths[i], "revision %s is not fully signed (%s)", m->v[META_REVISION],
                   r[i].reason);
        if (first == n)
            first = i;
        else if (strcmp(m->v[META_AGREEMENT], r[first].meta.v[META_AGREEMENT]))
            report(&c, paths[i], "is agreement %s, not %s (%s)", m->v[META_AGREEMENT],
                   r[first].meta.v[META_AGREEMENT], paths[first]);
        else if (strcmp(m->v[META_PARTY], r[first].meta.v[META_PARTY]))
            report(&c, paths[i], "revision %s is between %s, not %s as %s is", m->v[META_REVISION],
                   m->v[META_PARTY], r[first].meta.v[META_PARTY], paths[first]);
        /* at: the agreements in revision order (n is small: insertion sort) */
        for (j = count++; j > 0 && revision(&r[at[j - 1]]) > revision(&r[i]); j--)
            at[j] = at[j - 1];
        at[j] = i;
    }
    if (count && revision(&r[at[0]]) != 1)
        missing(&c, 1, revision(&r[at[0]]) - 1);
    else if (count && strcmp(r[at[0]].meta.v[META_PREVIOUS], "none"))
        report(&c, paths[at[0]], "revision 1 names previous %s (must be none)",
               r[at[0]].meta.v[META_PREVIOUS]);
    for (size_t j = 1; j < count; j++) {
        const bundle_report *b = &r[at[j]], *a = &r[at[j - 1]];
        const char *pb = paths[at[j]], *pa = paths[at[j - 1]];
        if (revision(b) == revision(a))
            report(&c, pb, "revision %ld appears twice (also %s)", revision(b), pa);
        else if (revision(b) > revision(a) + 1)
            missing(&c, revision(a) + 1, revision(b) - 1);
        else if (strcmp(b->meta.v[META_PREVIOUS], a->digest))
            report(&c, pb, "revision %s names previous %s, but revision %s (%s) has digest %s",
                   b->meta.v[META_REVISION], b->meta.v[META_PREVIOUS], a->meta.v[META_REVISION], pa,
                   a->digest);
        /* Only created times are compared: a signer writes its own signed=
         * time, so no signature time can block or allow a later revision. */
        if (revision(b) == revision(a) + 1 &&
            strcmp(b->meta.v[META_CREATED], a->meta.v[META_CREATED]) <= 0)
            report(&c, pb, "revision %s was created %s, not after revision %s (created %s)",
                   b->meta.v[META_REVISION], b->meta.v[META_CREATED], a->meta.v[META_REVISION],
                   a->meta.v[META_CREATED]);
    }
    free(at);
    return c.count;
}
