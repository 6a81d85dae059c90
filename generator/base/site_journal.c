/* site_journal.c - putting a staged build in place by a journal that a
 * later build can finish (see impl.h).
 *
 * The journal, tmp/JOURNAL, lists the paths below the root to remove, each
 * ended by a NUL; a folder comes after what it held, its path ending in
 * '/'. It is written as the live site is listed, never held whole, under
 * another name, synced, then renamed, so it is there whole or not at all,
 * and only after the new files are on disk.
 * The live site is reached through folders opened one level at a time
 * without following a link, so a link put into it never leads a removal
 * or a rename outside it. */
#include "impl.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define JOURNAL ".accord-journal"
#define JOURNAL_PART ".accord-journal.part"

enum { WALK_DEPTH_MAX = 32 }; /* folders entered below a tree (a build writes one) */

static const char *const trees[] = SITE_TREES;

/* A walk through a tree: the path being visited below the root. */
typedef struct walk {
    char rel[PATH_MAX];
    diag *d;
} walk;

/* The next name of listing d of the folder open as dir, but "." and "..",
 * valid until the next call, with *is_dir 1 for a folder (not a link to
 * one); NULL at the end (errno 0) or on a failure (errno set). */
static const char *next_entry(DIR *d, int dir, int *is_dir)
{
    struct dirent *e;
    for (errno = 0; (e = readdir(d)); errno = 0) {
        if (is_dots(e->d_name))
            continue;
        *is_dir = entry_is_folder(dir, e);
        return e->d_name;
    }
    return NULL;
}

/* Puts "/name" after w->rel's first len bytes (name alone when len is 0):
 * the new length, or 0 when the path would not fit. */
static size_t descend(walk *w, size_t len, const char *name)
{
    size_t at = len ? len + 1 : 0, l = at + strlen(name);
    if (l >= sizeof w->rel)
        return 0;
    if (len)
        w->rel[len] = '/';
    memcpy(w->rel + at, name, l - at + 1);
    return l;
}

static int open_folder(int at, const char *name)
{
    return openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

/* Lists into out (the journal being written) what the folder open as dir (w->rel, len bytes) holds
 * and written does not name. Returns 1 when that is everything in it (the folder can go too), 0
 * when not, -1 after reporting to w->d. A folder WALK_DEPTH_MAX deep, where no build writes, is
 * listed as a file: removed whole. */
static int list_stale(walk *w, const path_set *written, FILE *out, int dir, size_t len, int depth)
{
    DIR *listing = folder_listing(dir);
    const char *name;
    size_t l;
    int all = 1, listed = listing != NULL, is_dir;
    while (listed && all >= 0) {
        if (!(name = next_entry(listing, dir, &is_dir))) {
            listed = errno == 0; /* the end, or a failure */
            break;
        }
        if (!(l = descend(w, len, name))) {
            all = 0; /* no build writes such a path */
            continue;
        }
        if (!is_dir) {
            if (path_set_has(written, w->rel))
                all = 0;
            else
                fwrite(w->rel, 1, l + 1, out);
            continue;
        }
        if (depth >= WALK_DEPTH_MAX) { /* no build writes it: removed whole */
            fwrite(w->rel, 1, l + 1, out);
            continue;
        }
        int sub = open_folder(dir, name), r = -1;
        if (sub >= 0) {
            r = list_stale(w, written, out, sub, l, depth + 1);
            close(sub);
        } else {
            diag_io(w->d, w->rel, "cannot open: %s", strerror(errno));
        }
        if (r == 1) { /* w->rel's first l bytes are still this folder's path */
            fwrite(w->rel, 1, l, out);
            fwrite("/", 1, 2, out);
        }
        all = r < 0 ? -1 : all && r == 1;
    }
    if (!listed) {
        w->rel[len] = '\0';
        diag_io(w->d, w->rel, "cannot list: %s", strerror(errno));
        all = -1;
    }
    if (listing)
        closedir(listing);
    return all;
}

/* Lists into the journal of tmp (open as tmpfd) what root's trees (root
 * open as rootfd) hold that written does not name, and puts it on disk.
 * 0, or -1 after reporting to d, with no journal left. */
static int put_journal(const char *tmp, int tmpfd, int rootfd, const path_set *written, diag *d)
{
    walk w = {.d = d};
    int fd = openat(tmpfd, JOURNAL_PART, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600), rc = 0;
    FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!out) {
        diag_io(d, tmp, "cannot write the list of files to remove: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    for (size_t i = 0; rc == 0 && i < sizeof trees / sizeof *trees; i++) {
        int sub = open_folder(rootfd, trees[i]);
        if (sub < 0) { /* none yet: nothing to remove */
            if (errno != ENOENT)
                rc = -1, diag_io(d, trees[i], "cannot open: %s", strerror(errno));
            continue;
        }
        strcpy(w.rel, trees[i]);
        rc = list_stale(&w, written, out, sub, strlen(trees[i]), 1) < 0 ? -1 : 0;
        close(sub);
    }
    int failed = fflush(out) != 0 || ferror(out) || fsync(fileno(out)) != 0;
    if (fclose(out) != 0 || failed || (rc == 0 && renameat(tmpfd, JOURNAL_PART, tmpfd, JOURNAL)) ||
        (rc == 0 && fsync(tmpfd) != 0)) {
        if (rc == 0)
            diag_io(d, tmp, "cannot write the list of files to remove: %s", strerror(errno));
        rc = -1;
    }
    if (rc) {
        unlinkat(tmpfd, JOURNAL_PART, 0);
        unlinkat(tmpfd, JOURNAL, 0);
    }
    return rc;
}

int site_journal_write(const char *root, const char *tmp, const path_set *written, diag *d)
{
    int rootfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int tmpfd = open(tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = -1;
    if (rootfd < 0 || tmpfd < 0)
        diag_io(d, rootfd < 0 ? root : tmp, "cannot open: %s", strerror(errno));
    else
        rc = put_journal(tmp, tmpfd, rootfd, written, d);
    if (tmpfd >= 0)
        close(tmpfd);
    if (rootfd >= 0)
        close(rootfd);
    return rc;
}

/* The folder holding rel's last name (rel below the folder open as top),
 * opened one level at a time without following a link, and that name in
 * *leaf; rel is cut at each level and restored. -1 when a folder on the way
 * is missing or is not one (then nothing there is the site's). */
static int open_parent(int top, char *rel, const char **leaf)
{
    int dir = dup(top);
    char *p = rel, *slash;
    while (dir >= 0 && (slash = strchr(p, '/'))) {
        *slash = '\0';
        int sub = open_folder(dir, p);
        *slash = '/';
        close(dir);
        dir = sub;
        p = slash + 1;
    }
    *leaf = p;
    return dir;
}

/* Removes leaf, the entry of the folder open as dir that the journal
 * lists as p (below root): a folder it lists goes when left empty (one
 * something went into since stays); anything else, or what stands where
 * a folder was, is not the build's and goes whole. 0, or -1. */
static int remove_entry(const char *root, int dir, const char *leaf, const char *p, int folder)
{
    if (folder) {
        if (unlinkat(dir, leaf, AT_REMOVEDIR) == 0 || errno == ENOENT || errno == ENOTEMPTY ||
            errno == EEXIST)
            return 0;
        if (errno != ENOTDIR)
            return -1;
    }
    if (remove_tree_at(dir, leaf) == 0)
        return 0;
    char *whole = path_join(root, p); /* a tree deeper than remove_tree_at goes */
    int rc = whole ? remove_tree(whole) : -1;
    free(whole);
    return rc;
}

/* Removes each path the journal in lists from root (open as rootfd);
 * what is gone already is no failure. 0, or -1 after reporting. */
static int remove_listed(const char *root, int rootfd, FILE *in, diag *d)
{
    char *p = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;
    while ((n = getdelim(&p, &cap, '\0', in)) > 0) {
        if (p[n - 1] != '\0')
            break; /* a journal cut short: its last path is not whole */
        int folder = n > 1 && p[n - 2] == '/';
        const char *leaf;
        if (folder)
            p[n - 2] = '\0';
        int dir = open_parent(rootfd, p, &leaf);
        if (dir < 0)
            continue;
        if (remove_entry(root, dir, leaf, p, folder) != 0) {
            diag_io(d, p, "cannot remove: %s", strerror(errno));
            rc = -1;
        }
        close(dir);
    }
    if (ferror(in))
        rc = -1, diag_io(d, root, "cannot read the list of files to remove: %s", strerror(errno));
    free(p);
    return rc;
}

static int move_all(walk *w, int from, int to, size_t len, int depth);

/* Moves name (a folder when is_dir) from the folder open as from into the
 * folder open as to: renamed over what to holds under that name (1), or,
 * when both are folders, merged into it (0: each file of from's replaces
 * to's). -1 after reporting to w->d. */
static int move_entry(walk *w, int from, int to, const char *name, int is_dir, size_t len,
                      int depth)
{
    size_t l = descend(w, len, name);
    const char *shown = l ? w->rel : name;
    int sub_to = is_dir ? open_folder(to, name) : -1;
    if (sub_to < 0) {
        /* a folder where a file goes, a file or link where a folder goes:
         * not the build's (neither is in written), so it goes */
        if (renameat(from, name, to, name) == 0 ||
            (remove_tree_at(to, name) == 0 && renameat(from, name, to, name) == 0))
            return 1;
        diag_io(w->d, shown, "cannot put in place: %s", strerror(errno));
        return -1;
    }
    int deep = !l || depth >= WALK_DEPTH_MAX;
    int sub_from = deep ? -1 : open_folder(from, name), rc = -1;
    if (sub_from >= 0) {
        rc = move_all(w, sub_from, sub_to, l, depth + 1);
        close(sub_from);
    } else {
        diag_io(w->d, shown, "cannot put in place: %s", deep ? "too deep" : strerror(errno));
    }
    close(sub_to);
    return rc;
}

/* Moves every entry of the folder open as from (w->rel, len bytes) into
 * the folder open as to, listing it again until a listing moves nothing:
 * a listing need not show every file while files are renamed out of its
 * folder. 0, or -1 after reporting to w->d. */
static int move_all(walk *w, int from, int to, size_t len, int depth)
{
    int rc = 0, moved, is_dir;
    do {
        DIR *listing = folder_listing(from);
        const char *name;
        moved = 0;
        while (listing && (name = next_entry(listing, from, &is_dir))) {
            int r = move_entry(w, from, to, name, is_dir, len, depth);
            rc |= r < 0 ? -1 : 0;
            moved |= r > 0;
        }
        if (!listing || errno) {
            w->rel[len] = '\0';
            diag_io(w->d, w->rel, "cannot list: %s", strerror(errno));
            rc = -1;
        }
        if (listing)
            closedir(listing);
    } while (rc == 0 && moved);
    return rc;
}

/* The journal of tmp (open as tmpfd), opened to read, or NULL. */
static FILE *open_journal(int tmpfd)
{
    struct stat st;
    int fd = openat(tmpfd, JOURNAL, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    FILE *in = fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? fdopen(fd, "r") : NULL;
    if (!in && fd >= 0)
        close(fd);
    return in;
}

int site_journal_apply(const char *root, const char *tmp, diag *d)
{
    walk w = {.d = d};
    int rootfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int tmpfd = open(tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = -1;
    FILE *in = rootfd >= 0 && tmpfd >= 0 ? open_journal(tmpfd) : NULL;
    if (!in) {
        diag_io(d, tmp, "cannot read the list of files to remove: %s", strerror(errno));
    } else {
        rc = remove_listed(root, rootfd, in, d);
        fclose(in);
        for (size_t i = 0; i < sizeof trees / sizeof *trees; i++) {
            struct stat st;
            if (fstatat(tmpfd, trees[i], &st, AT_SYMLINK_NOFOLLOW) == 0) /* else moved already */
                rc |= move_entry(&w, tmpfd, rootfd, trees[i], 1, 0, 1) < 0 ? -1 : 0;
        }
    }
    if (rootfd >= 0)
        close(rootfd);
    if (tmpfd >= 0)
        close(tmpfd);
    return rc ? -1 : 0;
}

int site_journal_present(const char *tmp)
{
    char *path = path_join(tmp, JOURNAL);
    int present = path && path_exists(path);
    free(path);
    return present;
}
