/* threads.c - how many threads accord works with (see base.h). */
#include "base.h"

#include <stdlib.h>
#include <unistd.h>

size_t worker_threads(void)
{
    const char *env = getenv("ACCORD_JOBS");
    long n = env && *env ? atol(env) : sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 8 ? 8 : (size_t)n;
}
