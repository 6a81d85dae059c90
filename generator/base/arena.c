/* arena.c - region allocator (see base.h). */
#include "base.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
    arena_block *next;
    size_t used, size;
    max_align_t data[];
};

enum { ARENA_BLOCK_MIN = 64 * 1024 };

static void out_of_memory(void)
{
    fputs("accord: out of memory\n", stderr);
    abort();
}

/* size bytes of the arena at an offset that is a multiple of align (1,
 * or max_align_t's size), not zeroed. */
static void *take(arena *a, size_t size, size_t align)
{
    if (size > SIZE_MAX - ARENA_BLOCK_MIN)
        out_of_memory();
    arena_block *b = a->head;
    size_t at = b ? (b->used + align - 1) / align * align : 0;
    if (!b || at > b->size || b->size - at < size) {
        size_t cap = size > ARENA_BLOCK_MIN ? size : ARENA_BLOCK_MIN;
        b = malloc(sizeof *b + cap);
        if (!b)
            out_of_memory();
        b->next = a->head;
        b->size = cap;
        a->head = b;
        at = 0;
    }
    b->used = at + size;
    return (char *)b->data + at;
}

void *arena_alloc(arena *a, size_t size)
{
    void *p = take(a, size, sizeof(max_align_t));
    memset(p, 0, size);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = take(a, n + 1, 1); /* strings need no alignment: packed */
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        out_of_memory();
    char *p = take(a, (size_t)n + 1, 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void arena_adopt(arena *into, arena *from)
{
    arena_block *tail = from->head;
    if (!tail)
        return;
    while (tail->next)
        tail = tail->next;
    tail->next = into->head;
    into->head = from->head;
    from->head = NULL;
}

void arena_release(arena *a)
{
    arena_block *b = a->head;
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}
