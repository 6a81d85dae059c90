/* open_twice.c - a preloaded stand-in for open(2), for
 * bundle_changed.sh: the second time the process opens the file named
 * by OPEN_TWICE_PATH, that file is first replaced by OPEN_TWICE_WITH
 * (renamed over it), or removed when OPEN_TWICE_WITH is empty. The first
 * open is accord verifying the file; the second, unpacking it again to
 * place its agreement: so a file that changes between the two is made
 * to, every run, at that very moment. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static atomic_int opens;

int open(const char *path, int flags, ...)
{
    static int (*real_open)(const char *, int, ...);
    mode_t mode = 0;
    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    if (!real_open)
        real_open = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
    const char *want = getenv("OPEN_TWICE_PATH"), *with = getenv("OPEN_TWICE_WITH");
    if (want && with && !strcmp(path, want) && atomic_fetch_add(&opens, 1) == 1) {
        if (*with ? rename(with, path) : unlink(path))
            perror("open_twice");
    }
    return real_open(path, flags, mode);
}
