/* ahead.c - bundle files read and verified on worker threads ahead of the
 * loader, which takes them in name order (see impl.h). Verification needs
 * nothing but the file and the keyring, so it runs on every core; what
 * follows (fitting the content, the order of revisions) stays in order on
 * the loader's thread. This stage holds at most AHEAD_WINDOW files past
 * the one the loader takes, however many the program has. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "impl.h"

enum { AHEAD_WINDOW = 64 };

enum { SLOT_FREE, SLOT_CLAIMED, SLOT_DONE };

void verify_file(const keyring *kr, const char *path, long long now, verified_file *v)
{
    file_stamp after;
    memset(v, 0, sizeof *v);
    v->path = path;
    int stamped = now && checked_identity(path, &v->stamp) == 0;
    if (read_file(path, ZIPREAD_FILE_MAX, &v->buf, &v->len) != 0) {
        v->read_errno = errno ? errno : EIO;
        v->outcome = BUNDLE_INVALID;
        return;
    }
    /* the same file before and after the read, settled: these bytes are its */
    v->settled = stamped && checked_identity(path, &after) == 0 &&
                 checked_same(&after, &v->stamp) && after.size == v->len &&
                 checked_settled(&after, now);
    v->outcome = bundle_verify(v->buf, v->len, kr, &v->rep, &v->z);
    if (v->outcome == BUNDLE_INVALID)
        return;
    bytes_sha256(v->buf, v->len, v->file_hash);
    unsigned char *merged;
    size_t merged_len;
    char err[VERR_MAX];
    if (!strcmp(v->rep.meta.v[META_KIND], "agreement") &&
        bundle_merge_signatures(&v->z, 1, &merged, &merged_len, err) == 0) {
        v->canonical = merged_len == v->len && !memcmp(merged, v->buf, v->len);
        free(merged);
    }
}

void verified_file_release(verified_file *v)
{
    if (!v->path)
        return; /* released already */
    free(v->buf);
    v->buf = NULL;
    bundle_report_release(&v->rep);
    if (v->outcome != BUNDLE_INVALID && !v->z_taken)
        zipread_release(&v->z);
    memset(v, 0, sizeof *v);
}

struct ahead {
    const keyring *kr;
    const checked_set *known; /* taken for files found unchanged, or NULL */
    long long now;            /* the load's start (verify_file) */
    const char *const *paths;
    size_t n;
    verified_file *files; /* a ring of n_slots: path i's is files[i % n_slots] */
    size_t n_slots;
    unsigned char *state; /* SLOT_* per path */
    size_t next;          /* the first path no thread has claimed */
    size_t taken;         /* the loader has taken every path before this */
    int stop;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    pthread_t *tids;
    size_t n_threads;
};

/* Claims the next path when it lies within the window (or is `want`,
 * which the loader waits for): its index, or n when there is none to
 * claim now. Called with the lock held. */
static size_t claim(ahead *a, size_t want)
{
    size_t i = a->next;
    if (i >= a->n || (i >= a->taken + AHEAD_WINDOW && i != want))
        return a->n;
    a->state[i] = SLOT_CLAIMED;
    a->next = i + 1;
    return i;
}

/* Path i's slot. The paths claimed lie in [taken, taken + AHEAD_WINDOW)
 * and the loader holds at most taken - 1 (released before it takes the
 * next): AHEAD_WINDOW + 1 slots never give two of those one slot. */
static verified_file *slot(const ahead *a, size_t i)
{
    return &a->files[i % a->n_slots];
}

static void verify_slot(ahead *a, size_t i)
{
    pthread_mutex_unlock(&a->lock);
    const char *path = a->paths[i], *name = strrchr(path, '/');
    if (!a->known || checked_take(a->known, name ? name + 1 : path, path, slot(a, i)) != 0)
        verify_file(a->kr, path, a->now, slot(a, i));
    pthread_mutex_lock(&a->lock);
    a->state[i] = SLOT_DONE;
    pthread_cond_broadcast(&a->changed);
}

static void *worker(void *arg)
{
    ahead *a = arg;
    pthread_mutex_lock(&a->lock);
    while (!a->stop) {
        size_t i = claim(a, a->n);
        if (i < a->n)
            verify_slot(a, i);
        else if (a->next >= a->n)
            break;
        else
            pthread_cond_wait(&a->changed, &a->lock);
    }
    pthread_mutex_unlock(&a->lock);
    return NULL;
}

ahead *ahead_start(const keyring *kr, const char *const *paths, size_t n, const checked_set *known,
                   long long now)
{
    ahead *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    *a = (ahead){.kr = kr, .known = known, .now = now, .paths = paths, .n = n};
    a->n_slots = n < AHEAD_WINDOW + 1 ? (n ? n : 1) : AHEAD_WINDOW + 1;
    a->files = calloc(a->n_slots, sizeof *a->files);
    a->state = calloc(n ? n : 1, 1);
    size_t nt = n < 16 ? 0 : worker_threads();
    a->tids = calloc(nt ? nt : 1, sizeof *a->tids);
    if (!a->files || !a->state || !a->tids) {
        free(a->files);
        free(a->state);
        free(a->tids);
        free(a);
        return NULL;
    }
    pthread_mutex_init(&a->lock, NULL);
    pthread_cond_init(&a->changed, NULL);
    for (size_t i = 0; i < nt; i++)
        if (pthread_create(&a->tids[a->n_threads], NULL, worker, a) == 0)
            a->n_threads++;
    return a;
}

verified_file *ahead_take(ahead *a, size_t i)
{
    pthread_mutex_lock(&a->lock);
    a->taken = i;
    pthread_cond_broadcast(&a->changed); /* the window moved */
    while (a->state[i] != SLOT_DONE) {
        if (a->state[i] == SLOT_FREE && claim(a, i) == i)
            verify_slot(a, i); /* no worker has it: verify it here */
        else
            pthread_cond_wait(&a->changed, &a->lock);
    }
    pthread_mutex_unlock(&a->lock);
    return slot(a, i);
}

void ahead_stop(ahead *a)
{
    if (!a)
        return;
    pthread_mutex_lock(&a->lock);
    a->stop = 1;
    pthread_cond_broadcast(&a->changed);
    pthread_mutex_unlock(&a->lock);
    for (size_t i = 0; i < a->n_threads; i++)
        pthread_join(a->tids[i], NULL);
    for (size_t i = 0; i < a->n; i++)
        if (a->state[i] == SLOT_DONE)
            verified_file_release(slot(a, i)); /* nothing when the loader did, or a later
                                                  path's, which no one takes now */
    pthread_cond_destroy(&a->changed);
    pthread_mutex_destroy(&a->lock);
    free(a->files);
    free(a->state);
    free(a->tids);
    free(a);
}
