/* test_arena.c - the region allocator: arena_alloc gives zeroed memory
 * aligned for any type, whatever came before it; strings are packed, each
 * its own NUL-terminated copy; allocations larger than a block and
 * adopted arenas stay valid until the arena is released. */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base.h"
#include "check.h"

static int aligned(const void *p)
{
    return (uintptr_t)p % alignof(max_align_t) == 0;
}

static int all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

int main(void)
{
    arena a = ARENA_INIT;
    int ok_align = 1, ok_zero = 1, ok_strings = 1;
    char *first = arena_strdup(&a, "x");
    for (size_t i = 1; i < 5000; i++) { /* strings of every length between structs */
        char text[40];
        size_t n = i % 37;
        memset(text, 'a' + (int)(i % 26), n);
        text[n] = '\0';
        char *s = arena_strndup(&a, text, n);
        ok_strings &= !strcmp(s, text);
        unsigned char *p = arena_alloc(&a, i % 97 + 1);
        ok_align &= aligned(p);
        ok_zero &= all_zero(p, i % 97 + 1);
        memset(p, 0xff, i % 97 + 1); /* dirty it: the next string must not see it */
        ok_strings &= !strcmp(s, text);
    }
    CHECK(ok_align, "arena_alloc is aligned for any type after strings of any length");
    CHECK(ok_zero, "arena_alloc is zeroed");
    CHECK(ok_strings, "each string is a NUL-terminated copy that later allocations leave alone");
    CHECK(!strcmp(first, "x"), "the first string survives thousands of later allocations");

    char *a1 = arena_strndup(&a, "ab", 1), *a2 = arena_strdup(&a, "cd");
    CHECK(a2 == a1 + 2, "strings are packed, without padding between them");
    CHECK(!strcmp(a1, "a") && !strcmp(a2, "cd"), "strndup copies n bytes and ends them");
    CHECK(arena_strdup(&a, NULL) == NULL, "NULL stays NULL");
    char *p = arena_printf(&a, "%s-%d", "rev", 12);
    CHECK(!strcmp(p, "rev-12"), "arena_printf formats into the arena");

    size_t big = 3 * 64 * 1024 + 5;
    unsigned char *large = arena_alloc(&a, big);
    CHECK(aligned(large) && all_zero(large, big),
          "a block larger than a block is zeroed and aligned");
    large[big - 1] = 1;
    unsigned char *after = arena_alloc(&a, 8);
    CHECK(aligned(after) && all_zero(after, 8) && large[big - 1] == 1,
          "an allocation after a large one is its own");

    arena b = ARENA_INIT;
    char *from_b = arena_strdup(&b, "adopted");
    arena_adopt(&a, &b);
    CHECK(!strcmp(from_b, "adopted") && b.head == NULL, "an adopted arena's memory is kept");
    arena_release(&a);
    CHECK(a.head == NULL, "release leaves an empty arena, ready for use");
    CHECK(aligned(arena_alloc(&a, 1)), "and it is used again");
    arena_release(&a);
    return CHECK_DONE();
}
