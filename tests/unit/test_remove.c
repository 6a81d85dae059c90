/* test_remove.c - removing a tree on several threads: every file and
 * folder goes, at any depth (deeper than the walk enters too), with
 * symlinks and special files among them; a symlink is removed, and what
 * it points to outside the tree is left whole, wherever it sits. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base.h"
#include "check.h"

static char base[PATH_MAX];

static void put(const char *rel, const char *text)
{
    char path[PATH_MAX + 256];
    snprintf(path, sizeof path, "%s/%s", base, rel);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void folder(const char *rel)
{
    char path[PATH_MAX + 256];
    snprintf(path, sizeof path, "%s/%s", base, rel);
    make_dirs(path);
}

static void link_to(const char *target, const char *rel)
{
    char path[PATH_MAX + 256], to[PATH_MAX + 256];
    snprintf(path, sizeof path, "%s/%s", base, rel);
    snprintf(to, sizeof to, "%s/%s", base, target);
    if (symlink(to, path) != 0)
        perror(path);
}

static int exists(const char *rel)
{
    char path[PATH_MAX + 256];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", base, rel);
    return lstat(path, &st) == 0;
}

/* A site-like tree under base/tree, and base/outside that its links name. */
static void make_tree(void)
{
    char rel[4096] = "tree/deep";
    folder("outside/kept");
    put("outside/kept/page.html", "outside");
    folder("tree/public/forms");
    folder("tree/private/agreements");
    for (int i = 0; i < 300; i++) {
        char name[64];
        snprintf(name, sizeof name, "tree/public/forms/f%d.html", i);
        put(name, "form");
        snprintf(name, sizeof name, "tree/private/agreements/a%d.accord", i);
        put(name, "bundle");
    }
    put("tree/.accord-cache", "cache");
    put("tree/public/index.html", "index");
    link_to("outside", "tree/private/link-to-outside");           /* a folder's place, one down */
    link_to("outside/kept", "tree/public/forms/link-to-outside"); /* among the files, two down */
    link_to("outside", "tree/link-at-top");
    char fifo[PATH_MAX + 256];
    snprintf(fifo, sizeof fifo, "%s/tree/public/forms/fifo", base);
    mkfifo(fifo, 0600);
    for (int i = 0; i < 80; i++) /* deeper than any walk enters */
        strcat(rel, "/d");
    folder(rel);
    strcat(rel, "/bottom.txt");
    put(rel, "deep");
}

int main(void)
{
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(base, sizeof base, "%s/accord-test-remove-XXXXXX", tmp);
    if (!mkdtemp(base)) {
        perror("mkdtemp");
        return 1;
    }
    for (size_t threads = 1; threads <= 3; threads++) {
        char what[120], tree[PATH_MAX + 16];
        make_tree();
        snprintf(tree, sizeof tree, "%s/tree", base);
        snprintf(what, sizeof what, "%zu thread(s): the whole tree is removed", threads);
        CHECK(remove_tree_on_threads(tree, threads) == 0 && !exists("tree"), what);
        snprintf(what, sizeof what, "%zu thread(s): what links point to is left whole", threads);
        CHECK(exists("outside/kept/page.html") && exists("outside/kept"), what);
    }
    char missing[PATH_MAX + 16];
    snprintf(missing, sizeof missing, "%s/no-such-tree", base);
    CHECK(remove_tree_on_threads(missing, 2) == 0, "a tree that is not there: nothing to do");
    put("a-file", "x");
    char file[PATH_MAX + 16];
    snprintf(file, sizeof file, "%s/a-file", base);
    CHECK(remove_tree_on_threads(file, 2) == 0 && !exists("a-file"), "a file alone is removed");
    link_to("outside", "a-link");
    char link[PATH_MAX + 16];
    snprintf(link, sizeof link, "%s/a-link", base);
    CHECK(remove_tree_on_threads(link, 2) == 0 && !exists("a-link") &&
              exists("outside/kept/page.html"),
          "a symlink named as the tree is removed, not followed");
    remove_tree(base);
    return CHECK_DONE();
}
