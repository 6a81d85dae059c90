/* test_site.c - a page written in pieces: the new tree holds exactly the
 * bytes put, an unchanged page is the live site's very file (same inode),
 * a changed one is a file of its own whatever piece first differs, the
 * live site's symlinks and special files are never followed, and a page
 * dropped half-way leaves nothing behind. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base.h"
#include "check.h"

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
    CHECK(site_begin(&w, root, &d) == 0, "a build begins over the live site");
    CHECK(write_pieces(&w, "public/same.html", big, BIG, 1000, &d) == 0,
          "the same bytes in pieces");
    CHECK(inode_of(w.tmp, "public/same.html") == same_ino,
          "the same bytes: the live file itself, linked");

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
          "a page equal to a live file written to meanwhile is neither linked nor kept");

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

    CHECK(site_commit(&w, NULL, &d) == 0, "the new tree takes the live one's place");
    CHECK(inode_of(root, "public/same.html") == same_ino &&
              holds(root, "public/late.html", late, BIG),
          "after the swap: the unchanged page kept, the changed one new");
    free(late);
    free(early);
    char cmd[4300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    if (system(cmd) != 0)
        return 1;
    return CHECK_DONE();
}
