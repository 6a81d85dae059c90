/* impl.h - what base's files share: walking folders (remove.c) and the
 * journal that puts a build in place (site_journal.c), which the site
 * root (site_root.c) asks of; see base.h's site writer. */
#ifndef ACCORD_BASE_IMPL_H
#define ACCORD_BASE_IMPL_H

#include <dirent.h>

#include "base.h"

/* 1 when name is "." or "..". */
int is_dots(const char *name);

/* 1 when entry e of the folder open as at is a folder (not a link to
 * one): the listing says, or a stat when the file system does not. */
int entry_is_folder(int at, const struct dirent *e);

/* A listing of the folder open as dir, which stays open (closedir closes
 * the listing's own descriptor), or NULL. */
DIR *folder_listing(int dir);

/* The trees of a site root that a build writes. */
#define SITE_TREES                                                                                 \
    {                                                                                              \
        "public", "private"                                                                        \
    }

/* Lists the files (and the folders left empty without them) of root's
 * trees that written does not name into the journal of the build staged in
 * tmp, and puts it on disk: once it is, applying it finishes the build.
 * 0, or -1 after reporting to d (nothing changed in root). */
int site_journal_write(const char *root, const char *tmp, const path_set *written, diag *d);

/* Applies the journal of tmp to root: removes what it lists, then renames
 * every file of tmp's trees over root's (a tree root lacks, whole).
 * Harmless to repeat. 0, or -1 after reporting to d (what failed is left,
 * the rest is done). */
int site_journal_apply(const char *root, const char *tmp, diag *d);

/* 1 when tmp holds a journal on disk (a build killed while it committed). */
int site_journal_present(const char *tmp);

#endif
