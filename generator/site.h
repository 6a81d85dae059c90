/* site.h - writing a site root atomically: every file goes into a fresh
 * temporary directory beside the target (ROOT/.build-XXXXXX), and public/
 * and private/ are swapped in only once everything is written. A failed
 * build leaves the previous site as it was. */
#ifndef ACCORD_SITE_H
#define ACCORD_SITE_H

#include <stddef.h>

#include "diag.h"

typedef struct site_writer {
    char *root;       /* the -o directory */
    char *tmp;        /* ROOT/.build-XXXXXX */
    int created_root; /* root did not exist before: removed again on abort */
    int lock_fd;      /* the root, locked for the build; -1 when not open */
} site_writer;

/* Checks that root is absent, or a directory holding nothing but public/,
 * private/ and accord's temporary .build-* directories (accord never deletes
 * what it did not create), locks it against a second build writing it at
 * the same time, removes the .build-* directories builds that were killed
 * left behind (they may hold answers), then creates the temporary
 * directory. Returns 0, or -1 after reporting to d (foreign entries or a
 * build already running: an error; system failures: I/O errors). */
int site_begin(site_writer *w, const char *root, diag *d);

/* Writes data to rel (a path below the temporary root, such as
 * "public/guide/index.html"), creating parent directories. Returns 0, or -1
 * after reporting to d. Safe to call from several threads at once for
 * different files. */
int site_write(site_writer *w, const char *rel, const void *data, size_t len, diag *d);

/* Copies the file src to rel. Returns 0, or -1 after reporting to d. */
int site_copy(site_writer *w, const char *rel, const char *src, size_t max, diag *d);

/* Swaps the new public/ and private/ in for the old ones and removes the
 * temporary directory (with the old trees). Returns 0, or -1 after reporting
 * to d; the writer is released either way. */
int site_commit(site_writer *w, diag *d);

/* Removes the temporary directory (and root, when site_begin created it)
 * and releases the writer. */
void site_abort(site_writer *w);

#endif
