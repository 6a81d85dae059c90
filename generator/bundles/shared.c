/* shared.c - what the files of this layer share across threads: the
 * lock over the set, its spool, the archives it keeps, and the copies of
 * META and countersignatures a bundle leaves in an arena. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "impl.h"

zipread_archive *keep_archive(bundle_set *bs, zipread_archive *z)
{
    if (bs->n_archives == bs->cap_archives) {
        size_t cap = bs->cap_archives ? 2 * bs->cap_archives : 16;
        zipread_archive **v = realloc(bs->archives, cap * sizeof *v);
        if (!v)
            return NULL;
        bs->archives = v;
        bs->cap_archives = cap;
    }
    zipread_archive *k = malloc(sizeof *k);
    if (!k)
        return NULL;
    *k = *z;
    bs->archives[bs->n_archives++] = k;
    return k;
}

void meta_borrow(const meta *m, meta_strings *out)
{
    for (int k = 0; k < META_NFIELDS; k++)
        out->v[k] = m->v[k];
}

void meta_keep(arena *ar, const meta *m, meta_strings *out)
{
    for (int k = 0; k < META_NFIELDS; k++)
        out->v[k] = arena_strdup(ar, m->v[k]);
}

void meta_expand(const meta_strings *s, meta *out)
{
    memset(out, 0, sizeof *out);
    for (int k = 0; k < META_NFIELDS; k++) /* each came from a meta: it fits */
        snprintf(out->v[k], sizeof out->v[k], "%s", s->v[k]);
}

void release_archive(const bundle_set *bs, zipread_archive *z)
{
    lock_shared();
    for (size_t i = 0; i < z->n; i++)
        for (const snapshot *s = bs->snapshots; s; s = s->next)
            if (z->members[i].data == s->xml)
                z->members[i].data = NULL; /* the set's, not z's */
    unlock_shared();
    zipread_release(z);
}

const countersig *countersigs_keep(arena *ar, const bundle_report *r, size_t *n)
{
    size_t count = 0;
    for (size_t i = 0; i < r->n_sigs; i++)
        count += r->sigs[i].countersign != 0;
    *n = count;
    if (!count)
        return NULL;
    countersig *out = arena_alloc(ar, count * sizeof *out);
    size_t k = 0;
    for (size_t i = 0; i < r->n_sigs; i++) {
        const bundle_sig_report *s = &r->sigs[i];
        if (!s->countersign)
            continue;
        countersig *c = &out[k++];
        c->party = arena_strdup(ar, s->party);
        c->key_id = arena_strdup(ar, s->keyid);
        c->signed_at = arena_strdup(ar, s->signed_at);
        c->sha256 = NULL;
        for (size_t m = 0; m < r->n_members && !c->sha256; m++)
            if (!strcmp(r->members[m].name, s->member))
                c->sha256 = arena_strdup(ar, r->members[m].sha256);
        c->ok = s->ok;
    }
    return out;
}

static pthread_mutex_t shared = PTHREAD_MUTEX_INITIALIZER;

void lock_shared(void)
{
    pthread_mutex_lock(&shared);
}

void unlock_shared(void)
{
    pthread_mutex_unlock(&shared);
}

int set_spool_put(bundle_set *bs, const unsigned char *b, size_t len, stored_bytes *out)
{
    lock_shared();
    int put = !bs->spool_failed && spool_put(&bs->spool, b, len, out) == 0;
    if (!put && !bs->spool_failed) {
        bs->spool_failed = 1;
        bs->spool_errno = errno;
    }
    unlock_shared();
    return put ? 0 : -1;
}
