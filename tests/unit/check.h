/* check.h - the smallest test harness: CHECK prints "ok - what" or
 * "not ok - what (file:line)" for tests/run to count. */
#ifndef ACCORD_CHECK_H
#define ACCORD_CHECK_H

#include <stdio.h>

static int check_failures;

#define CHECK(cond, what)                                                                          \
    do {                                                                                           \
        if (cond) {                                                                                \
            printf("ok - %s\n", what);                                                             \
        } else {                                                                                   \
            printf("not ok - %s (%s:%d)\n", what, __FILE__, __LINE__);                             \
            check_failures++;                                                                      \
        }                                                                                          \
    } while (0)

#define CHECK_DONE() (check_failures ? 1 : 0)

#endif
