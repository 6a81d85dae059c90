/* test_site.c - a page written in pieces: the staged file holds exactly
 * the bytes put, an unchanged page is the live site's very file (same
 * inode, nothing staged), a changed one is a file of its own whatever
 * piece first differs, the live site's symlinks and special files are
 * never followed, and a page dropped half-way leaves nothing behind. The
 * commit puts the new files in place and removes what the build did not
 * write, whatever stands in the way; a build killed after its journal is
 * finished by the next, which follows no link put in meanwhile. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base.h"
#include "check.h"
#include "../../generator/base/impl.h"

enum { BIG = 300000 }; /* more than the 64 KiB the writer compares at a time */

static unsigned char big[BIG];

static char root[4096];

static void write_live(const char *rel, const void *bytes, size_t len)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    FILE *f = fopen(path, "wb");
    fwrite(bytes, 1, len, f);
    fclose(f);
}

static ino_t inode_of(const char *dir, const char *rel)
{
    char path[4200];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    return lstat(path, &st) == 0 ? st.st_ino : 0;
}

static mode_t mode_of(const char *dir, const char *rel)
{
    char path[4200];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    return lstat(path, &st) == 0 ? st.st_mode : 0;
}

/* 1 when root holds no .build-* folder. */
static int no_build_folder(void)
{
    char **names;
    size_t n;
    if (list_dir(root, "", &names, &n) != 0)
        return 0;
    int none = 1;
    for (size_t i = 0; i < n; i++)
        none &= strncmp(names[i], ".build-", 7) != 0;
    free_names(names, n);
    return none;
}

/* 1 when dir/rel holds exactly want[0..len). */
static int holds(const char *dir, const char *rel, const unsigned char *want, size_t len)
{
    char path[4200];
    unsigned char *got;
    size_t n;
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    if (read_file(path, 2 * BIG, &got, &n) != 0)
        return 0;
    int same = n == len && !memcmp(got, want, len);
    free(got);
    return same;
}

/* Writes want[0..len) to rel in pieces of `piece` bytes. 0, or -1. */
static int write_pieces(site_writer *w, const char *rel, const unsigned char *want, size_t len,
                        size_t piece, diag *d)
{
    site_file *f = site_open(w, rel, d);
    if (!f)
        return -1;
    for (size_t at = 0; at < len; at += piece)
        site_put(f, want + at, len - at < piece ? len - at : piece);
    return site_close(f, d);
}

/* A build killed once its journal is on disk (a child that stops there):
 * the next build's site_begin finishes it, through no link put into the
 * live site since, and a file and a folder each standing where the other
 * goes are replaced. */
static void killed_commit(diag *d)
{
    char path[8600], outside[4200];
    const char *live[] = {"public/stale.html", "public/clash", "public/folder/x.html",
                          "public/gone/away.html", "private/old/page.html"};
    for (size_t i = 0; i < sizeof live / sizeof *live; i++) {
        snprintf(path, sizeof path, "%s/%s", root, live[i]);
        *strrchr(path, '/') = '\0'; /* its folder */
        make_dirs(path);
        write_live(live[i], "old", 3);
    }
    snprintf(outside, sizeof outside, "%s-outside", root);
    mkdir(outside, 0755);
    snprintf(path, sizeof path, "%s/away.html", outside);
    FILE *f = fopen(path, "w");
    fputs("not the site's", f);
    fclose(f);
    pid_t pid = fork();
    if (pid == 0) {
        site_writer w;
        diag quiet = DIAG_INIT;
        int ok = site_begin(&w, root, 0, &quiet) == 0 &&
                 site_write(&w, "public/clash/page.html", "new", 3, &quiet) == 0 &&
                 site_write(&w, "public/folder", "file", 4, &quiet) == 0 &&
                 site_write(&w, "public/fresh/page.html", "fresh", 5, &quiet) == 0 &&
                 site_write(&w, "private/index.html", "new", 3, &quiet) == 0 &&
                 site_journal_write(root, w.tmp, &w.written, &quiet) == 0;
        /* meanwhile, a listed folder becomes a link to one outside */
        char gone[4200];
        snprintf(gone, sizeof gone, "%s/public/gone", root);
        snprintf(path, sizeof path, "%s/public/gone/away.html", root);
        ok = ok && unlink(path) == 0 && rmdir(gone) == 0 && symlink(outside, gone) == 0;
        _exit(ok ? 0 : 1); /* killed: nothing after the journal */
    }
    int status = -1;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a build is killed after its journal");
    CHECK(!no_build_folder() && holds(root, "public/stale.html", (const unsigned char *)"old", 3),
          "it left its folder, and the live site as it was");
    site_writer w;
    CHECK(site_begin(&w, root, 0, d) == 0, "the next build begins");
    CHECK(holds(root, "public/clash/page.html", (const unsigned char *)"new", 3) &&
              holds(root, "public/folder", (const unsigned char *)"file", 4) &&
              holds(root, "public/fresh/page.html", (const unsigned char *)"fresh", 5) &&
              holds(root, "private/index.html", (const unsigned char *)"new", 3),
          "it put the killed build's files in place, over a file and a folder in the way");
    CHECK(inode_of(root, "public/stale.html") == 0 && inode_of(root, "private/old") == 0,
          "it removed what the killed build did not write, and the folders left empty");
    CHECK(holds(outside, "away.html", (const unsigned char *)"not the site's", 14),
          "a listed path through a link put in meanwhile is not followed");
    site_abort(&w);
    CHECK(no_build_folder(), "no temporary folder is left");
    snprintf(path, sizeof path, "rm -rf '%s'", outside);
    if (system(path) != 0)
        CHECK(0, "the folder outside is removed");
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(root, sizeof root, "%s/accord-site-XXXXXX", tmp ? tmp : "/tmp");
    if (!mkdtemp(root))
        return 1;
    for (size_t i = 0; i < BIG; i++)
        big[i] = (unsigned char)(i * 7 + i / 251);
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/public", root);
    mkdir(dir, 0755);
    snprintf(dir, sizeof dir, "%s/private", root);
    mkdir(dir, 0755);
    /* the live site, as a build leaves it */
    umask(022);
    write_live("public/same.html", big, BIG);
    write_live("public/late.html", big, BIG);
    write_live("public/early.html", big, BIG);
    write_live("public/shorter.html", big, BIG);
    write_live("public/longer.html", big, 1000);
    write_live("public/dropped.html", "old", 3);
    write_live("public/edited.html", big, BIG);
    write_live("public/touched.html", big, BIG);
    write_live("public/target.html", big, BIG);
    snprintf(dir, sizeof dir, "%s/public/link.html", root);
    char target[4200];
    snprintf(target, sizeof target, "%s/public/target.html", root);
    CHECK(symlink(target, dir) == 0, "the live site holds a symlink");
    snprintf(dir, sizeof dir, "%s/public/fifo.html", root);
    CHECK(mkfifo(dir, 0644) == 0, "the live site holds a FIFO");
    ino_t same_ino = inode_of(root, "public/same.html");
    ino_t target_ino = inode_of(root, "public/target.html");

    diag d = DIAG_INIT;
    site_writer w;
    CHECK(site_begin(&w, root, 16, &d) == 0, "a build begins over the live site");
    size_t cap = w.written.cap;
    CHECK(site_reserve(&w, 100000) == 0 && w.written.cap > cap && w.written.n == 0,
          "room made at once for the files the build will write, none of them written yet");
    CHECK(write_pieces(&w, "public/same.html", big, BIG, 1000, &d) == 0,
          "the same bytes in pieces");
    CHECK(inode_of(w.tmp, "public/same.html") == 0 &&
              inode_of(root, "public/same.html") == same_ino,
          "the same bytes: the live file itself, nothing staged");

    unsigned char *late = malloc(BIG);
    memcpy(late, big, BIG);
    late[BIG - 5] ^= 1;
    CHECK(write_pieces(&w, "public/late.html", late, BIG, 70000, &d) == 0 &&
              holds(w.tmp, "public/late.html", late, BIG) &&
              inode_of(w.tmp, "public/late.html") != inode_of(root, "public/late.html"),
          "a change in the last piece: a new file with every byte put");
    unsigned char *early = malloc(BIG);
    memcpy(early, big, BIG);
    early[0] ^= 1;
    CHECK(write_pieces(&w, "public/early.html", early, BIG, BIG, &d) == 0 &&
              holds(w.tmp, "public/early.html", early, BIG),
          "a change in the first byte, one piece: a new file");
    CHECK(write_pieces(&w, "public/shorter.html", big, BIG - 1, 4096, &d) == 0 &&
              holds(w.tmp, "public/shorter.html", big, BIG - 1) &&
              inode_of(w.tmp, "public/shorter.html") != inode_of(root, "public/shorter.html"),
          "the live file's bytes but the last: a new, shorter file");
    CHECK(write_pieces(&w, "public/longer.html", big, BIG, 1000, &d) == 0 &&
              holds(w.tmp, "public/longer.html", big, BIG),
          "the live file's bytes and more: a new, longer file");
    CHECK(write_pieces(&w, "public/new/page.html", big, 10, 3, &d) == 0 &&
              holds(w.tmp, "public/new/page.html", big, 10),
          "no live file: a new file, its folder made");
    CHECK(write_pieces(&w, "public/link.html", big, BIG, 5000, &d) == 0 &&
              holds(w.tmp, "public/link.html", big, BIG) &&
              inode_of(w.tmp, "public/link.html") != target_ino,
          "a live symlink to the same bytes is not followed: a file of its own");
    CHECK(write_pieces(&w, "public/fifo.html", big, 100, 7, &d) == 0 &&
              holds(w.tmp, "public/fifo.html", big, 100),
          "a live FIFO is not read: a file of its own");
    CHECK(write_pieces(&w, "public/empty.html", big, 0, 1, &d) == 0 &&
              holds(w.tmp, "public/empty.html", big, 0),
          "nothing put: an empty file");

    /* the live file written to while the build compares with it: past
     * the timestamps' granularity, so that the write shows */
    usleep(20000);
    site_file *f = site_open(&w, "public/edited.html", &d);
    site_put(f, big, BIG / 2);
    snprintf(dir, sizeof dir, "%s/public/edited.html", root);
    int fd = open(dir, O_WRONLY);
    CHECK(fd >= 0 && pwrite(fd, "x", 1, 0) == 1, "the live file's first byte is changed meanwhile");
    close(fd);
    site_put(f, late + BIG / 2, BIG - BIG / 2);
    diag quiet = DIAG_INIT;
    CHECK(site_close(f, &quiet) != 0 && quiet.io_errors == 1 &&
              inode_of(w.tmp, "public/edited.html") == 0,
          "a page that differs after the live file changed under it fails, leaving nothing");
    f = site_open(&w, "public/touched.html", &d);
    site_put(f, big, BIG);
    snprintf(dir, sizeof dir, "%s/public/touched.html", root);
    fd = open(dir, O_WRONLY);
    CHECK(fd >= 0 && pwrite(fd, big, 1, 0) == 1, "the live file rewritten with its own byte");
    close(fd);
    CHECK(site_close(f, &quiet) != 0 && inode_of(w.tmp, "public/touched.html") == 0,
          "a page equal to a live file written to meanwhile is neither staged nor kept");

    f = site_open(&w, "public/dropped.html", &d);
    site_put(f, "new bytes", 9);
    site_cancel(f);
    CHECK(inode_of(w.tmp, "public/dropped.html") == 0,
          "a page dropped after it differed: nothing left in the new tree");
    f = site_open(&w, "public/dropped.html", &d);
    site_put(f, "ol", 2);
    site_cancel(f);
    CHECK(inode_of(w.tmp, "public/dropped.html") == 0,
          "a page dropped while it matched: nothing left in the new tree");
    CHECK(write_pieces(&w, "private/index.html", big, 10, 10, &d) == 0, "a private page");
    CHECK(d.errors == 0 && d.io_errors == 0, "no problem reported");

    CHECK(site_commit(&w, NULL, &d) == 0, "the build is put in place");
    CHECK(inode_of(root, "public/same.html") == same_ino &&
              holds(root, "public/late.html", late, BIG) &&
              holds(root, "public/new/page.html", big, 10),
          "after the commit: the unchanged page kept, the changed and new ones in place");
    CHECK(inode_of(root, "public/target.html") == 0 && inode_of(root, "public/dropped.html") == 0 &&
              inode_of(root, "public/edited.html") == 0,
          "the live files the build did not write are gone");
    CHECK(inode_of(root, "public/link.html") != 0 && !S_ISLNK(mode_of(root, "public/link.html")) &&
              S_ISREG(mode_of(root, "public/fifo.html")),
          "a symlink and a FIFO the build wrote over are files");
    CHECK(no_build_folder(), "no temporary folder is left");
    free(late);
    free(early);
    killed_commit(&d);
    char cmd[4300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    if (system(cmd) != 0)
        return 1;
    return CHECK_DONE();
}
