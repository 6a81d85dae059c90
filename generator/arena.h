/* arena.h - a region allocator: many small allocations freed at once.
 *
 * Content, questionnaires and answers are loaded once and freed together, so
 * their strings and arrays live in an arena instead of being freed one by one.
 */
#ifndef ACCORD_ARENA_H
#define ACCORD_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;

typedef struct arena {
    arena_block *head;
} arena;

#define ARENA_INIT                                                                                 \
    {                                                                                              \
        NULL                                                                                       \
    }

/* Returns zeroed memory owned by the arena (aligned for any type). Aborts
 * with a message when memory runs out, as every caller would. */
void *arena_alloc(arena *a, size_t size);

/* Returns a NUL-terminated copy of s (NULL stays NULL), owned by the arena. */
char *arena_strdup(arena *a, const char *s);

/* Returns a NUL-terminated copy of the first n bytes of s. */
char *arena_strndup(arena *a, const char *s, size_t n);

/* Returns a printf-formatted string owned by the arena. */
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Frees every allocation of the arena; the arena may be reused. */
void arena_release(arena *a);

#endif
