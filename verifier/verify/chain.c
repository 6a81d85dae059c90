/* chain.c - an agreement's review chain: revisions
 * 1..N of one agreement between the same parties, each fully signed, each
 * naming the digest of the one before it, dated in order. */
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

static void report(chain_ctx *c, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void report(chain_ctx *c, const char *path, const char *fmt, ...)
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
    if (from == to)
        report(c, NULL, "revision %ld is missing from the chain", from);
    else
        report(c, NULL, "revisions %ld to %ld are missing from the chain", from, to);
}

static long revision(const bundle_report *r)
{
    return atol(r->meta.v[META_REVISION]);
}

/* Checks revision k (at index cur) against revision k-1 (at index prev). */
static void check_link(chain_ctx *c, const bundle_report *r, const char *const *paths, size_t cur,
                       size_t prev)
{
    const meta *m = &r[cur].meta, *pm = &r[prev].meta;
    if (strcmp(m->v[META_PREVIOUS], r[prev].digest))
        report(c, paths[cur], "revision %s names previous %s, but revision %s (%s) has digest %s",
               m->v[META_REVISION], m->v[META_PREVIOUS], pm->v[META_REVISION], paths[prev],
               r[prev].digest);
    /* Only created times are compared: a signer writes its own signed=
     * time, so no signature time can block or allow a later revision. */
    if (strcmp(m->v[META_CREATED], pm->v[META_CREATED]) <= 0)
        report(c, paths[cur], "revision %s was created %s, not after revision %s (created %s)",
               m->v[META_REVISION], m->v[META_CREATED], pm->v[META_REVISION], pm->v[META_CREATED]);
}

size_t bundle_chain_check(const bundle_report *r, const char *const *paths, size_t n,
                          void (*problem)(void *ctx, const char *path, const char *msg), void *ctx)
{
    chain_ctx c = {problem, ctx, 0};
    size_t *at, m_count = 0, first = n;
    if (n == 0) {
        report(&c, NULL, "no bundle named");
        return c.count;
    }
    for (size_t i = 0; i < n; i++) {
        const meta *m = &r[i].meta;
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
        if (first == n) {
            first = i;
        } else if (strcmp(m->v[META_AGREEMENT], r[first].meta.v[META_AGREEMENT])) {
            report(&c, paths[i], "is agreement %s, not %s (%s)", m->v[META_AGREEMENT],
                   r[first].meta.v[META_AGREEMENT], paths[first]);
        } else if (strcmp(m->v[META_PARTY], r[first].meta.v[META_PARTY])) {
            report(&c, paths[i], "revision %s is between %s, not %s as %s is", m->v[META_REVISION],
                   m->v[META_PARTY], r[first].meta.v[META_PARTY], paths[first]);
        }
    }
    if (first == n)
        return c.count;
    at = malloc(n * sizeof *at);
    if (!at) {
        report(&c, NULL, "out of memory");
        return c.count;
    }
    /* The agreement bundles in revision order (n is small: insertion sort). */
    for (size_t i = 0; i < n; i++) {
        size_t j;
        if (!r[i].have_meta || r[i].outcome == BUNDLE_INVALID ||
            strcmp(r[i].meta.v[META_KIND], "agreement"))
            continue;
        for (j = m_count; j > 0 && revision(&r[at[j - 1]]) > revision(&r[i]); j--)
            at[j] = at[j - 1];
        at[j] = i;
        m_count++;
    }
    if (revision(&r[at[0]]) != 1)
        missing(&c, 1, revision(&r[at[0]]) - 1);
    else if (strcmp(r[at[0]].meta.v[META_PREVIOUS], "none"))
        report(&c, paths[at[0]], "revision 1 names previous %s (must be none)",
               r[at[0]].meta.v[META_PREVIOUS]);
    for (size_t j = 1; j < m_count; j++) {
        long k = revision(&r[at[j]]), pk = revision(&r[at[j - 1]]);
        if (k == pk)
            report(&c, paths[at[j]], "revision %ld appears twice (also %s)", k, paths[at[j - 1]]);
        else if (k > pk + 1)
            missing(&c, pk + 1, k - 1);
        else
            check_link(&c, r, paths, at[j], at[j - 1]);
    }
    free(at);
    return c.count;
}
