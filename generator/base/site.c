/* site.c - atomic site writing (see base.h). */
#define _GNU_SOURCE /* renameat2 */
#include "base.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const trees[] = {"public", "private"};

static int is_ours(const char *name)
{
    return !strcmp(name, "public") || !strcmp(name, "private") || !strncmp(name, ".build-", 7);
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
        if (!p || remove_tree(p) != 0)
            diag_warn(d, w->root, 0, "cannot remove %s, left by a build that stopped: %s", names[i],
                      strerror(errno));
        free(p);
    }
    free_names(names, n);
    return 0;
}

int site_begin(site_writer *w, const char *root, diag *d)
{
    memset(w, 0, sizeof *w);
    w->lock_fd = -1;
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
    if (!w->root || !w->tmp) {
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

/* Creates the parent directories of path (path is modified and restored). */
static int make_parents(char *path)
{
    char *slash = strrchr(path, '/');
    if (!slash)
        return 0;
    *slash = '\0';
    int rc = is_directory(path) ? 0 : make_dirs(path);
    *slash = '/';
    return rc;
}

/* Links live, described by st, to p (making p's folders when they are
 * missing); 1 when p is then that very file (not one that replaced it
 * meanwhile, nor a symlink put in its place), else 0 with nothing at p. */
static int link_live(const char *live, const struct stat *st, char *p)
{
    struct stat ls;
    if (link(live, p) != 0 && (errno != ENOENT || make_parents(p) != 0 || link(live, p) != 0))
        return 0;
    if (lstat(p, &ls) != 0 || ls.st_ino != st->st_ino || ls.st_dev != st->st_dev) {
        unlink(p); /* the live file was replaced meanwhile: write it anew */
        return 0;
    }
    return 1;
}

static void identity_of(const struct stat *st, file_identity *id)
{
    *id = (file_identity){.ino = (unsigned long long)st->st_ino,
                          .size = (unsigned long long)st->st_size,
                          .mtime_sec = (long long)st->st_mtim.tv_sec,
                          .mtime_nsec = st->st_mtim.tv_nsec};
}

/* 1 when st is a regular file with the mode a new file gets: one the
 * build could have written, never a symlink or special file. */
static int is_page_file(const site_writer *w, const struct stat *st)
{
    return S_ISREG(st->st_mode) && (st->st_mode & 07777) == w->file_mode;
}

/* The live site's rel opened without following symlinks or blocking on
 * special files, when it is a regular file with the mode a new file gets:
 * its descriptor (caller closes) with *st and *live (malloc'd, caller
 * frees), else -1. */
static int open_live(const site_writer *w, const char *rel, struct stat *st, char **live)
{
    *live = path_join(w->root, rel);
    int fd = *live ? open(*live, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) : -1;
    if (fd >= 0 && (fstat(fd, st) != 0 || !is_page_file(w, st))) {
        close(fd);
        fd = -1;
    }
    return fd;
}

int site_keep(site_writer *w, const char *rel, const file_identity *id)
{
    char *live = path_join(w->root, rel), *p = path_join(w->tmp, rel);
    struct stat st;
    file_identity now;
    int kept = 0;
    /* lstat, not open: nothing is read, and a symlink or special file in
     * the live site is never linked */
    if (live && p && lstat(live, &st) == 0 && is_page_file(w, &st)) {
        identity_of(&st, &now);
        kept = now.ino == id->ino && now.size == id->size && now.mtime_sec == id->mtime_sec &&
               now.mtime_nsec == id->mtime_nsec && link_live(live, &st, p);
    }
    free(live);
    free(p);
    return kept;
}

int site_identity(const site_writer *w, const char *rel, file_identity *id)
{
    char *p = path_join(w->tmp, rel);
    struct stat st;
    int rc = p && lstat(p, &st) == 0 && S_ISREG(st.st_mode) ? 0 : -1;
    if (rc == 0)
        identity_of(&st, id);
    free(p);
    return rc;
}

/* A file of the new tree being written (site_open). Until its bytes
 * differ from the live file's, nothing is written: they are compared with
 * the live file as they come, and when they are all of it, that file is
 * linked instead. At the first difference the file is created and the
 * equal part copied from the live file. */
struct site_file {
    char *p;     /* where it goes in the new tree (malloc'd) */
    char *live;  /* the live site's rel (malloc'd) */
    int live_fd; /* the live file while every byte put so far matches it, else -1 */
    struct stat live_st;
    unsigned long long at; /* bytes put */
    int fd;                /* the new file once created, else -1 */
    int created;           /* f->p is that file: removed when the write fails */
    int err;               /* errno of the first failure, 0 while none */
    const char *doing;     /* what failed: "create", "write" */
    const char *why;       /* why, when errno does not say */
};

/* 1 while the live file is as it was when compared: its status not
 * changed since it was opened (a write, even one that keeps its size and
 * sets its time back, changes it), so that what was found equal still is. */
static int live_unchanged(const site_file *f)
{
    struct stat now;
    return fstat(f->live_fd, &now) == 0 && now.st_ino == f->live_st.st_ino &&
           now.st_size == f->live_st.st_size && now.st_ctim.tv_sec == f->live_st.st_ctim.tv_sec &&
           now.st_ctim.tv_nsec == f->live_st.st_ctim.tv_nsec;
}

/* Reports f's first failure to d. */
static void report_failure(const site_file *f, diag *d)
{
    diag_io(d, f->p, "cannot %s: %s", f->doing, f->why ? f->why : strerror(f->err));
}

/* Creates f's file and copies into it the at bytes put so far, equal to
 * the live file's first at bytes. 0, or -1 with f->err set. */
static int create_new(site_file *f)
{
    /* a fresh file in our own temporary tree: the swap is the atomic step */
    f->fd = open(f->p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (f->fd < 0) {
        f->err = errno;
        f->doing = "create";
        return -1;
    }
    f->created = 1;
    unsigned char buf[65536];
    for (unsigned long long off = 0; off < f->at;) {
        size_t want = f->at - off < sizeof buf ? (size_t)(f->at - off) : sizeof buf;
        ssize_t got = pread(f->live_fd, buf, want, (off_t)off);
        if (got <= 0 || write_all(f->fd, buf, (size_t)got) != 0) {
            f->err = got == 0 ? EIO : errno;
            f->doing = "write";
            return -1;
        }
        off += (unsigned long long)got;
    }
    if (f->at && !live_unchanged(f)) {
        f->err = EAGAIN;
        f->doing = "write";
        f->why = "the live site's copy changed while the build read it; build again";
        return -1;
    }
    return 0;
}

/* Stops comparing f with the live file. */
static void leave_live(site_file *f)
{
    if (f->live_fd >= 0)
        close(f->live_fd);
    f->live_fd = -1;
}

/* 1 when the live file's next len bytes, from f->at, are data's. */
static int same_as_live(site_file *f, const unsigned char *data, size_t len)
{
    if (f->at + len > (unsigned long long)f->live_st.st_size)
        return 0;
    unsigned char buf[65536];
    for (size_t done = 0; done < len;) {
        size_t want = len - done < sizeof buf ? len - done : sizeof buf;
        ssize_t got = pread(f->live_fd, buf, want, (off_t)(f->at + done));
        if (got <= 0 || memcmp(buf, data + done, (size_t)got))
            return 0;
        done += (size_t)got;
    }
    return 1;
}

site_file *site_open(site_writer *w, const char *rel, diag *d)
{
    site_file *f = calloc(1, sizeof *f);
    if (f)
        *f = (site_file){.p = path_join(w->tmp, rel), .live_fd = -1, .fd = -1};
    if (!f || !f->p || make_parents(f->p) != 0) {
        diag_io(d, rel, "cannot create its folder: %s", strerror(errno));
        site_cancel(f);
        return NULL;
    }
    f->live_fd = open_live(w, rel, &f->live_st, &f->live);
    if (f->live_fd < 0 && create_new(f) != 0) {
        report_failure(f, d);
        site_cancel(f);
        return NULL;
    }
    return f;
}

void site_put(site_file *f, const void *data, size_t len)
{
    if (f->err || !len)
        return;
    if (f->fd < 0) {
        if (same_as_live(f, data, len)) {
            f->at += len;
            return;
        }
        if (create_new(f) != 0)
            return;
        leave_live(f);
    }
    if (write_all(f->fd, data, len) != 0) {
        f->err = errno;
        f->doing = "write";
    }
    f->at += len;
}

int site_close(site_file *f, diag *d)
{
    int done = 0;
    if (!f->err && f->fd < 0) {
        done = f->at == (unsigned long long)f->live_st.st_size && live_unchanged(f) &&
               link_live(f->live, &f->live_st, f->p);
        if (!done)
            create_new(f);
    }
    leave_live(f);
    if (!done && !f->err && close(f->fd) != 0) {
        f->err = errno;
        f->doing = "write";
    }
    f->fd = -1;
    int rc = f->err ? -1 : 0;
    if (rc)
        report_failure(f, d);
    site_cancel(f);
    return rc;
}

void site_cancel(site_file *f)
{
    if (!f)
        return;
    leave_live(f);
    if (f->fd >= 0)
        close(f->fd);
    if (f->created && (f->fd >= 0 || f->err))
        unlink(f->p);
    free(f->p);
    free(f->live);
    free(f);
}

int site_write(site_writer *w, const char *rel, const void *data, size_t len, diag *d)
{
    site_file *f = site_open(w, rel, d);
    if (!f)
        return -1;
    site_put(f, data, len);
    return site_close(f, d);
}

int site_copy(site_writer *w, const char *rel, const char *src, size_t max, diag *d)
{
    unsigned char *buf;
    size_t len;
    if (read_file(src, max, &buf, &len) != 0) {
        diag_io(d, src, "cannot read: %s", vu_read_error(errno));
        return -1;
    }
    int rc = site_write(w, rel, buf, len, d);
    free(buf);
    return rc;
}

/* Puts tmp/name in place of root/name; the old tree, if any, ends up in
 * tmp/name (removed with tmp). */
static int swap_in(site_writer *w, const char *name, diag *d)
{
    char *fresh = path_join(w->tmp, name), *live = path_join(w->root, name);
    int rc = 0;
    if (!is_directory(live)) {
        if (rename(fresh, live) != 0)
            rc = -1;
    } else if (renameat2(AT_FDCWD, fresh, AT_FDCWD, live, RENAME_EXCHANGE) != 0) {
        /* file systems without RENAME_EXCHANGE: two renames, a brief gap */
        char *old = path_join(w->tmp, "old");
        char *oldn = old ? path_join(old, name) : NULL;
        if (!oldn || make_dirs(old) != 0 || rename(live, oldn) != 0 || rename(fresh, live) != 0)
            rc = -1;
        free(old);
        free(oldn);
    }
    if (rc != 0)
        diag_io(d, live, "cannot replace: %s", strerror(errno));
    free(fresh);
    free(live);
    return rc;
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

int site_commit(site_writer *w, const char *root_file, diag *d)
{
    int rc = 0;
    /* Durable at a cost that does not grow with the pages: one sync of the
     * file system holding the new tree before it is swapped in (not one
     * fsync per page), then one of the root, which holds the renames. */
    int fd = open(w->tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || syncfs(fd) != 0) {
        diag_io(d, w->tmp, "cannot write to disk: %s", strerror(errno));
        rc = -1;
    }
    if (fd >= 0)
        close(fd);
    for (size_t i = 0; i < sizeof trees / sizeof *trees && rc == 0; i++)
        rc = swap_in(w, trees[i], d);
    if (rc == 0 && root_file)
        move_root_file(w, root_file, d);
    if (rc == 0 && fsync(w->lock_fd) != 0) {
        diag_io(d, w->root, "cannot write to disk: %s", strerror(errno));
        rc = -1;
    }
    w->created_root = 0; /* the root holds the site now */
    site_abort(w);
    return rc;
}

void site_abort(site_writer *w)
{
    if (w->tmp) /* after a swap, the last build's trees: a site's worth of files */
        remove_tree_on_threads(w->tmp, worker_threads());
    if (w->created_root && w->root)
        rmdir(w->root);
    if (w->lock_fd >= 0)
        close(w->lock_fd); /* releases the lock */
    free(w->tmp);
    free(w->root);
    memset(w, 0, sizeof *w);
    w->lock_fd = -1;
}
