/* site_root.c - the site root a build writes: checked, locked, staged
 * beside, committed or left as it was (see base.h). */
#define _GNU_SOURCE /* syncfs */
#include "base.h"
#include "impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static int is_ours(const char *name)
{
    static const char *const trees[] = SITE_TREES;
    for (size_t i = 0; i < sizeof trees / sizeof *trees; i++)
        if (!strcmp(name, trees[i]))
            return 1;
    return !strncmp(name, ".build-", 7);
}

/* Holds an exclusive lock on the site root for the build (released when
 * the writer is), then removes what builds that were killed left behind:
 * their temporary folders hold answers. Returns 0, or -1 after reporting. */
static int lock_root(site_writer *w, diag *d)
{
    char **names;
    size_t n;
    w->lock_fd = open(w->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (w->lock_fd < 0) {
        diag_io(d, w->root, "cannot open: %s", strerror(errno));
        return -1;
    }
    if (flock(w->lock_fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno == EWOULDBLOCK)
            diag_error(d, w->root, 0,
                       "another accord build is writing this site; try again "
                       "when it is done");
        else
            diag_io(d, w->root, "cannot lock: %s", strerror(errno));
        return -1;
    }
    if (list_dir(w->root, "", &names, &n) != 0) {
        diag_io(d, w->root, "cannot list: %s", strerror(errno));
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        if (strncmp(names[i], ".build-", 7))
            continue;
        char *p = path_join(w->root, names[i]);
        /* killed while it put its files in place: finished first (if that
         * fails, this build's own commit removes what the journal listed) */
        if (p && site_journal_present(p)) {
            if (site_journal_apply(w->root, p, d) == 0)
                diag_say("%s/%s: finished putting in place the build that stopped", w->root,
                         names[i]);
        }
        if (!p || remove_tree(p) != 0)
            diag_warn(d, w->root, 0, "cannot remove %s, left by a build that stopped: %s", names[i],
                      strerror(errno));
        free(p);
    }
    free_names(names, n);
    return 0;
}

int site_begin(site_writer *w, const char *root, size_t expect, diag *d)
{
    memset(w, 0, sizeof *w);
    w->lock_fd = -1;
    pthread_mutex_init(&w->lock, NULL);
    mode_t mask = umask(0);
    umask(mask);
    w->file_mode = 0644 & ~mask;
    struct stat st;
    /* stat, not lstat: a root that is a symlink to a folder is that folder */
    if (stat(root, &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            diag_error(d, root, 0, "the output is not a directory; choose another with -o");
            return -1;
        }
        char **names;
        size_t n;
        if (list_dir(root, "", &names, &n) != 0) {
            diag_io(d, root, "cannot list: %s", strerror(errno));
            return -1;
        }
        int foreign = 0;
        for (size_t i = 0; i < n; i++) {
            char *p = path_join(root, names[i]);
            struct stat es;
            int known =
                lstat(p, &es) == 0 &&
                (is_ours(names[i]) ? S_ISDIR(es.st_mode)
                                   : S_ISREG(es.st_mode) && !strcmp(names[i], SITE_CACHE_FILE));
            free(p);
            if (!known) {
                if (!foreign)
                    diag_error(d, root, 0,
                               "holds files accord did not write; refusing to replace it "
                               "(use an empty or new directory with -o):");
                fprintf(stderr, "accord:   %s/%s\n", root, names[i]);
                foreign++;
            }
        }
        free_names(names, n);
        if (foreign)
            return -1;
    } else if (errno == ENOENT) {
        if (make_dirs(root) != 0) {
            diag_io(d, root, "cannot create: %s", strerror(errno));
            return -1;
        }
        w->created_root = 1;
    } else {
        diag_io(d, root, "cannot open: %s", strerror(errno));
        return -1;
    }
    w->root = strdup(root);
    if (lock_root(w, d) != 0) {
        site_abort(w);
        return -1;
    }
    size_t n = strlen(root) + 32;
    w->tmp = malloc(n);
    if (!w->root || !w->tmp || path_set_reserve(&w->written, expect) != 0) {
        diag_io(d, root, "out of memory");
        site_abort(w);
        return -1;
    }
    snprintf(w->tmp, n, "%s/.build-XXXXXX", root);
    if (!mkdtemp(w->tmp)) {
        diag_io(d, root, "cannot create a temporary directory: %s", strerror(errno));
        free(w->tmp);
        w->tmp = NULL;
        site_abort(w);
        return -1;
    }
    chmod(w->tmp, 0755); /* mkdtemp's 0700 would be published as is */
    return 0;
}

/* Moves tmp/name to root/name; on failure warns and removes root/name. */
static void move_root_file(const site_writer *w, const char *name, diag *d)
{
    char *from = path_join(w->tmp, name), *to = path_join(w->root, name);
    if (!from || !to || rename(from, to) != 0) {
        diag_warn(d, w->root, 0, "cannot put %s in place: %s", name, strerror(errno));
        if (to)
            unlink(to);
    }
    free(from);
    free(to);
}

/* Puts the file system holding dir on disk (every file, not one by one). */
static int sync_all(const char *dir, diag *d)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = fd >= 0 && syncfs(fd) == 0;
    if (!rc)
        diag_io(d, dir, "cannot write to disk: %s", strerror(errno));
    if (fd >= 0)
        close(fd);
    return rc ? 0 : -1;
}

int site_commit(site_writer *w, const char *root_file, diag *d)
{
    int rc = 0;
    if (w->written_failed) {
        diag_io(d, w->root, "out of memory");
        rc = -1;
    }
    /* the new files on disk before the journal that puts them in place */
    if (rc == 0 && sync_all(w->tmp, d) == 0 &&
        site_journal_write(w->root, w->tmp, &w->written, d) == 0) {
        w->created_root = 0; /* the root holds the site from here on */
        if (site_journal_apply(w->root, w->tmp, d) != 0) {
            diag_say("the next build into %s finishes putting this one in place", w->root);
            free(w->tmp); /* kept, journal and all, for that build */
            w->tmp = NULL;
            rc = -1;
        } else if (root_file) {
            move_root_file(w, root_file, d);
        }
        if (sync_all(w->root, d) != 0)
            rc = -1;
    } else {
        rc = -1;
    }
    site_abort(w);
    return rc;
}

void site_abort(site_writer *w)
{
    if (w->tmp) /* a whole site's files when no commit took them */
        remove_tree_on_threads(w->tmp, worker_threads());
    if (w->created_root && w->root)
        rmdir(w->root);
    if (w->lock_fd >= 0)
        close(w->lock_fd); /* releases the lock */
    free(w->tmp);
    free(w->root);
    path_set_release(&w->written);
    pthread_mutex_destroy(&w->lock);
    memset(w, 0, sizeof *w);
    w->lock_fd = -1;
}
