/* threads.c - how many threads accord works with, and handing them
 * work (see base.h). */
#include "base.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

size_t worker_threads(void)
{
    const char *env = getenv("ACCORD_JOBS");
    long n = env && *env ? atol(env) : sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 8 ? 8 : (size_t)n;
}

typedef struct shared_run {
    size_t n;
    int (*work)(void *ctx, size_t w, size_t i);
    void *ctx;
    pthread_mutex_t lock;
    size_t next;
    int failed;
} shared_run;

typedef struct runner {
    shared_run *run;
    size_t w;
    pthread_t tid;
} runner;

static void *take_work(void *arg)
{
    runner *r = arg;
    shared_run *s = r->run;
    for (;;) {
        pthread_mutex_lock(&s->lock);
        size_t i = s->next++;
        int stop = s->failed || i >= s->n;
        pthread_mutex_unlock(&s->lock);
        if (stop)
            break;
        if (s->work(s->ctx, r->w, i) != 0) {
            pthread_mutex_lock(&s->lock);
            s->failed = 1;
            pthread_mutex_unlock(&s->lock);
        }
    }
    return NULL;
}

int run_parallel(size_t n, size_t threads, int (*work)(void *ctx, size_t w, size_t i), void *ctx)
{
    shared_run s = {.n = n, .work = work, .ctx = ctx};
    threads = threads < n ? threads : n; /* no thread without work (0: the caller alone) */
    runner one, *r = threads > 1 ? calloc(threads, sizeof *r) : NULL;
    if (!r) { /* one thread: this one */
        threads = 1;
        r = &one;
    }
    pthread_mutex_init(&s.lock, NULL);
    size_t started = 0;
    for (size_t t = 0; t < threads; t++) {
        r[t] = (runner){.run = &s, .w = t};
        if (t == 0 || pthread_create(&r[t].tid, NULL, take_work, &r[t]) == 0)
            started = t + 1;
        else
            break;
    }
    take_work(&r[0]);
    for (size_t t = 1; t < started; t++)
        pthread_join(r[t].tid, NULL);
    pthread_mutex_destroy(&s.lock);
    if (r != &one)
        free(r);
    return s.failed ? -1 : 0;
}
