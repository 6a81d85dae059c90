/* files.c - file system helpers: bounded reads, the one atomic writer,
 * folders, names (see base.h). */
#include "base.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int read_file(const char *path, size_t max, unsigned char **buf, size_t *len)
{
    return vu_read_file(path, max, buf, len);
}

int write_all(int fd, const void *data, size_t len)
{
    const unsigned char *p = data;
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, p + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = EIO;
            return -1;
        }
        off += (size_t)w;
    }
    return 0;
}

int file_write_atomic(const char *path, const void *data, size_t len, int private_mode,
                      int overwrite)
{
    size_t pl = strlen(path);
    char *tmp = malloc(pl + 16);
    int fd, saved;
    if (!tmp)
        return -1;
    snprintf(tmp, pl + 16, "%s.tmp.XXXXXX", path);
    fd = mkstemp(tmp); /* mode 0600 */
    if (fd < 0) {
        free(tmp);
        return -1;
    }
    if ((!private_mode && fchmod(fd, 0644) != 0) || write_all(fd, data, len) != 0 || fsync(fd) != 0)
        goto fail;
    if (close(fd) != 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (overwrite ? rename(tmp, path) != 0 : link(tmp, path) != 0)
        goto fail;
    if (!overwrite)
        unlink(tmp);
    free(tmp);
    return 0;
fail:
    saved = errno;
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    free(tmp);
    errno = saved;
    return -1;
}

int make_dirs(const char *path)
{
    char buf[PATH_MAX];
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof buf) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(buf, path, n + 1);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(buf, 0755) != 0 && errno != EEXIST)
        return -1;
    return is_directory(buf) ? 0 : (errno = ENOTDIR, -1);
}

int path_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

int is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *path_join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (!p)
        return NULL;
    memcpy(p, dir, a);
    size_t off = a;
    if (a && dir[a - 1] != '/')
        p[off++] = '/';
    memcpy(p + off, name, b + 1);
    return p;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int list_dir(const char *dir, const char *suffix, char ***names, size_t *n)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    size_t cap = 16, count = 0, slen = strlen(suffix);
    char **v = malloc(cap * sizeof *v);
    if (!v) {
        closedir(d);
        return -1;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (len < slen || strcmp(e->d_name + len - slen, suffix) != 0)
            continue;
        if (count == cap) {
            char **nv = realloc(v, 2 * cap * sizeof *v);
            if (!nv)
                goto oom;
            v = nv;
            cap *= 2;
        }
        if (!(v[count] = strdup(e->d_name)))
            goto oom;
        count++;
    }
    closedir(d);
    qsort(v, count, sizeof *v, cmp_names);
    *names = v;
    *n = count;
    return 0;
oom:
    closedir(d);
    free_names(v, count);
    errno = ENOMEM;
    return -1;
}

void free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* The places data_dir searches after $ACCORD_DATADIR, relative to the
 * folder holding the executable: an installed tree, the source tree's
 * bin/, and bin/san/. */
static const char *const beside_exe[] = {"../share/accord", "..", "../.."};

/* dir, realpath'd, when it holds themes/; else NULL. */
static char *data_candidate(const char *dir)
{
    char *themes = path_join(dir, "themes");
    char *real = themes && is_directory(themes) ? realpath(dir, NULL) : NULL;
    free(themes);
    return real;
}

char *data_dir(void)
{
    const char *env = getenv("ACCORD_DATADIR");
    if (env && *env)
        return strdup(env);
    char *exe = realpath("/proc/self/exe", NULL), *slash = exe ? strrchr(exe, '/') : NULL;
    char *found = NULL;
    if (slash) {
        *slash = '\0';
        for (size_t i = 0; !found && i < sizeof beside_exe / sizeof *beside_exe; i++) {
            char *dir = path_join(exe, beside_exe[i]);
            found = dir ? data_candidate(dir) : NULL;
            free(dir);
        }
    }
    free(exe);
    return found ? found : data_candidate(accord_datadir_default);
}

/* The absolute name of path's directory entry: its folder resolved (links
 * and "..") plus its last component; NULL when the folder does not exist. */
static char *entry_name(const char *path)
{
    char *copy = strdup(path), *dir, *base, *real, *out = NULL;
    if (!copy)
        return NULL;
    char *slash = strrchr(copy, '/');
    if (slash) {
        *slash = '\0';
        dir = slash == copy ? "/" : copy;
        base = slash + 1;
    } else {
        dir = ".";
        base = copy;
    }
    real = realpath(dir, NULL);
    if (real && *base && strcmp(base, ".") && strcmp(base, "..")) {
        size_t n = strlen(real) + strlen(base) + 2;
        out = malloc(n);
        if (out)
            snprintf(out, n, "%s/%s", strcmp(real, "/") ? real : "", base);
    }
    free(real);
    free(copy);
    return out;
}

int same_file_name(const char *a, const char *b)
{
    struct stat sa, sb;
    char *ea = entry_name(a), *eb = entry_name(b);
    int same = !strcmp(a, b) || (ea && eb && !strcmp(ea, eb)) ||
               (stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
                sa.st_ino == sb.st_ino);
    free(ea);
    free(eb);
    return same;
}
