/* test_pathset.c - a path set holds every path added, through its growth,
 * and no other: paths that differ in one byte, by a prefix, or only in
 * case are different paths. */
#include <stdio.h>
#include <string.h>

#include "base.h"
#include "check.h"

enum { MANY = 100000 }; /* past several doublings */

int main(void)
{
    path_set s = PATH_SET_INIT;
    char p[64];
    CHECK(!path_set_has(&s, "public/index.html"), "an empty set holds nothing");
    int added = 1;
    for (int i = 0; i < MANY; i++) {
        snprintf(p, sizeof p, "public/forms/%d.html", i);
        added &= path_set_add(&s, p) == 0;
    }
    CHECK(added && s.n == MANY, "100,000 paths are added, each once");
    CHECK(4 * s.n <= 3 * s.cap && (s.cap & (s.cap - 1)) == 0,
          "the set is at most three quarters full, its size a power of two");
    int all = 1, none = 1;
    for (int i = 0; i < MANY; i++) {
        snprintf(p, sizeof p, "public/forms/%d.html", i);
        all &= path_set_has(&s, p);
        snprintf(p, sizeof p, "public/forms/%d.html", i + MANY);
        none &= !path_set_has(&s, p);
    }
    CHECK(all, "every path added is there after the set grew");
    CHECK(none, "no path that was not added is there");
    CHECK(!path_set_has(&s, "public/forms/1.htm") && !path_set_has(&s, "public/forms/1.html/") &&
              !path_set_has(&s, "PUBLIC/forms/1.html") && !path_set_has(&s, ""),
          "a prefix, a longer path and another case are other paths");
    CHECK(path_set_add(&s, "public/forms/1.html") == 0 && s.n == MANY,
          "adding a path again adds nothing");
    path_set_release(&s);
    CHECK(path_set_reserve(&s, MANY) == 0 && 4 * MANY <= 3 * s.cap, "room is made for 100,000");
    size_t cap = s.cap;
    for (int i = 0; i < MANY; i++) {
        snprintf(p, sizeof p, "private/%d", i);
        path_set_add(&s, p);
    }
    CHECK(s.cap == cap && s.n == MANY && path_set_has(&s, "private/99999"),
          "as many as room was made for go in without growing");
    path_set_release(&s);
    CHECK(s.n == 0 && s.cap == 0 && !path_set_has(&s, "public/forms/1.html"),
          "a released set is empty");
    return CHECK_DONE();
}
