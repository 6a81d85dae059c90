/* adopt.c - a bundle the build itself merged or made, verified again
 * with the verifier library and kept as its revision's (see impl.h):
 * its bytes in the set's spool, what verifying it found, its members. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "impl.h"

/* Notes in rev (strings in ar) what is kept of verification *r of its
 * bundle: its outcome, digest, META and countersignatures. The caller
 * releases *r. */
static void take_verification(arena *ar, agreement_rev *rev, const bundle_report *r)
{
    rev->outcome = r->outcome;
    rev->digest = arena_strdup(ar, r->digest);
    meta_keep(ar, &r->meta, &rev->meta);
    rev->countersigs = countersigs_keep(ar, r, &rev->n_countersigs);
}

void keep_members(agreement_rev *rev, const zipread_archive *z)
{
    rev->kept = *z;
    const zipread_member *h = zipread_find(&rev->kept, "agreement.html");
    rev->html = h ? h->data : NULL;
    rev->html_len = h ? h->len : 0;
}

const stored_bytes *keep_bytes(loader *L, unsigned char *b, size_t len)
{
    stored_bytes *kept = arena_alloc(L->ar, sizeof *kept);
    if (set_spool_put(L->bs, b, len, kept) == 0) {
        free(b);
        return kept;
    }
    unsigned char *mem = arena_alloc(L->ar, len ? len : 1);
    memcpy(mem, b, len);
    free(b);
    stored_memory(mem, len, kept);
    return kept;
}

int adopt_bundle(loader *L, agreement_rev *rev, unsigned char *b, size_t len, char *why)
{
    zipread_archive z;
    bundle_report r;
    if (bundle_verify(b, len, L->kr, &r, &z) == BUNDLE_INVALID) {
        snprintf(why, VERR_MAX, "%s", r.reason);
        bundle_report_release(&r);
        free(b);
        return -1;
    }
    take_verification(L->ar, rev, &r);
    bundle_report_release(&r);
    rev->bundle = keep_bytes(L, b, len);
    keep_members(rev, &z);
    return 0;
}
