/* site.c - a build's files, staged beside the live site or left in it
 * when unchanged (see base.h); site_root.c puts them in place. */
#include "base.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Creates the missing parent directories of path (path is modified and
 * restored). Returns 0 or -1. */
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

/* Adds rel to the paths the build wrote or kept. */
static void note_written(site_writer *w, const char *rel)
{
    pthread_mutex_lock(&w->lock);
    if (path_set_add(&w->written, rel) != 0)
        w->written_failed = 1;
    pthread_mutex_unlock(&w->lock);
}

static void identity_of(const struct stat *st, file_identity *id)
{
    *id = (file_identity){.ino = (unsigned long long)st->st_ino,
                          .size = (unsigned long long)st->st_size,
                          .mtime_sec = (long long)st->st_mtim.tv_sec,
                          .mtime_nsec = st->st_mtim.tv_nsec};
}

int file_identity_at(const char *path, file_identity *id, unsigned *mode)
{
    struct stat st;
    if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return -1;
    identity_of(&st, id);
    if (mode)
        *mode = st.st_mode & 07777;
    return 0;
}

int file_identity_equal(const file_identity *a, const file_identity *b)
{
    return a->ino == b->ino && a->size == b->size && a->mtime_sec == b->mtime_sec &&
           a->mtime_nsec == b->mtime_nsec;
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

int site_reserve(site_writer *w, size_t expect)
{
    pthread_mutex_lock(&w->lock);
    int rc = path_set_reserve(&w->written, expect);
    pthread_mutex_unlock(&w->lock);
    return rc;
}

int site_keep(site_writer *w, const char *rel, const file_identity *id)
{
    char *live = path_join(w->root, rel);
    file_identity now;
    unsigned mode;
    /* lstat, not open: nothing is read, and a symlink or special file in
     * the live site is never kept */
    int kept = live && file_identity_at(live, &now, &mode) == 0 && mode == w->file_mode &&
               file_identity_equal(&now, id);
    free(live);
    if (kept)
        note_written(w, rel);
    return kept;
}

int site_identity(const site_writer *w, const char *rel, file_identity *id)
{
    /* the new file when there is one, else the live one left in place */
    char *p = path_join(w->tmp, rel);
    struct stat st;
    int found = p && lstat(p, &st) == 0;
    free(p);
    if (!found) {
        p = path_join(w->root, rel);
        found = p && lstat(p, &st) == 0;
        free(p);
    }
    if (!found || !S_ISREG(st.st_mode))
        return -1;
    identity_of(&st, id);
    return 0;
}

/* A file of the build being written (site_open). Until its bytes differ
 * from the live file's, nothing is written: they are compared with the
 * live file as they come, and when they are all of it, that file stays.
 * At the first difference the file is created and the equal part copied
 * from the live file. */
struct site_file {
    site_writer *w;
    char *rel;   /* below the root (malloc'd) */
    char *p;     /* where it goes in the temporary directory (malloc'd) */
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

/* 1 while the live site's rel is still the file opened (not one renamed
 * over it since), so that leaving it there leaves what was compared. */
static int live_still_there(const site_file *f)
{
    struct stat now;
    return lstat(f->live, &now) == 0 && now.st_ino == f->live_st.st_ino &&
           now.st_dev == f->live_st.st_dev;
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
    /* a fresh file in our own temporary directory: the rename is the atomic step */
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
        *f = (site_file){
            .w = w, .rel = strdup(rel), .p = path_join(w->tmp, rel), .live_fd = -1, .fd = -1};
    if (!f || !f->rel || !f->p || make_parents(f->p) != 0) {
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
               live_still_there(f);
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
    else
        note_written(f->w, f->rel);
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
    free(f->rel);
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
