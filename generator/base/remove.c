/* remove.c - removing a tree of files: on one thread, or with the
 * folders two levels down emptied on several at once (see base.h). A
 * symlink is removed, never followed: folders are opened relative to the
 * descriptor of the one above, without following a link. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "base.h"
#include "impl.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { REMOVE_DEPTH_MAX = 64 }; /* folders empty_dir enters below the tree removed */

int is_dots(const char *name)
{
    return !strcmp(name, ".") || !strcmp(name, "..");
}

int entry_is_folder(int at, const struct dirent *e)
{
    struct stat st;
    if (e->d_type != DT_UNKNOWN)
        return e->d_type == DT_DIR;
    return fstatat(at, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
}

DIR *folder_listing(int dir)
{
    int fd = dup(dir); /* the listing's own: closedir closes it */
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d && fd >= 0)
        close(fd);
    return d;
}

/* Removes everything the folder open as dir holds, depth folders below the
 * tree's top, then closes dir. Goes on past a failure; 0, or -1. */
static int empty_dir(int dir, int depth)
{
    DIR *d = fdopendir(dir);
    struct dirent *e;
    int rc = 0;
    if (!d) {
        close(dir);
        return -1;
    }
    while ((e = readdir(d))) {
        int at = dirfd(d);
        if (is_dots(e->d_name))
            continue;
        if (!entry_is_folder(at, e)) {
            rc |= unlinkat(at, e->d_name, 0);
            continue;
        }
        int sub = depth < REMOVE_DEPTH_MAX
                      ? openat(at, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                      : -1;
        if (sub < 0 || empty_dir(sub, depth + 1) != 0 || unlinkat(at, e->d_name, AT_REMOVEDIR) != 0)
            rc = -1;
    }
    closedir(d);
    return rc ? -1 : 0;
}

/* nftw's callback: removes one entry (children come first: FTW_DEPTH). */
static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    return type == FTW_DP ? rmdir(path) : unlink(path);
}

int remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    int dir = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dir >= 0 && empty_dir(dir, 1) == 0 && rmdir(path) == 0)
        return 0;
    /* what is left, deeper than REMOVE_DEPTH_MAX or after a failure: nftw
     * goes as deep as a path can be (FTW_PHYS: a link is removed, never
     * followed) */
    return nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int remove_tree_at(int at, const char *name)
{
    int dir = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dir < 0) /* not a folder (or a link to one): the entry alone */
        return unlinkat(at, name, 0) == 0 || errno == ENOENT ? 0 : -1;
    return empty_dir(dir, 1) == 0 && unlinkat(at, name, AT_REMOVEDIR) == 0 ? 0 : -1;
}

/* A folder two levels below the top of a tree being removed: its name in
 * the folder open as parent. */
typedef struct subfolder {
    int parent;
    char *name;
} subfolder;

/* The subfolders to remove, the folders of each parent one after another
 * (malloc'd, n of them, room for cap). */
typedef struct removal {
    subfolder *sub;
    size_t n, cap;
} removal;

/* Adds the folders in the folder open as parent to r. 0, or -1 when
 * memory runs out (those added are still removed). */
static int list_subfolders(removal *r, int parent)
{
    DIR *d = folder_listing(parent);
    struct dirent *e;
    int rc = d ? 0 : -1;
    while (d && rc == 0 && (e = readdir(d))) {
        if (is_dots(e->d_name) || !entry_is_folder(parent, e))
            continue;
        if (r->n == r->cap) {
            size_t cap = r->cap ? 2 * r->cap : 32;
            subfolder *v = realloc(r->sub, cap * sizeof *v);
            if (!v) {
                rc = -1;
                break;
            }
            r->sub = v;
            r->cap = cap;
        }
        r->sub[r->n] = (subfolder){parent, strdup(e->d_name)};
        rc = r->sub[r->n].name ? 0 : -1;
        r->n += rc == 0;
    }
    if (d)
        closedir(d);
    return rc;
}

/* run_parallel's work: empties and removes subfolder i (what fails is
 * left for remove_tree to retry). */
static int remove_subfolder(void *ctx, size_t w, size_t i)
{
    const subfolder *s = &((removal *)ctx)->sub[i];
    int fd = openat(s->parent, s->name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0 && empty_dir(fd, 3) == 0)
        unlinkat(s->parent, s->name, AT_REMOVEDIR);
    return 0;
}

int remove_tree_on_threads(const char *path, size_t threads)
{
    removal r = {0};
    int top = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR *d = top >= 0 ? fdopendir(top) : NULL;
    struct dirent *e;
    if (!d && top >= 0)
        close(top);
    while (d && (e = readdir(d))) {
        int parent = !is_dots(e->d_name) && entry_is_folder(top, e)
                         ? openat(top, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                         : -1;
        if (parent < 0)
            continue;
        size_t before = r.n;
        list_subfolders(&r, parent);
        if (r.n == before)
            close(parent); /* no folder of it on the list: done with */
    }
    run_parallel(r.n, threads, remove_subfolder, &r);
    for (size_t i = 0; i < r.n; i++) {
        free(r.sub[i].name);
        if (i + 1 == r.n || r.sub[i + 1].parent != r.sub[i].parent)
            close(r.sub[i].parent); /* the last of its parent's folders */
    }
    free(r.sub);
    if (d)
        closedir(d);
    return remove_tree(path); /* the rest: files near the top, and whatever failed */
}
