/* fsutil.h - file system helpers: bounded reads, atomic writes. */
#ifndef ACCORD_FSUTIL_H
#define ACCORD_FSUTIL_H

#include <stddef.h>

#include "vutil.h"

/* vu_read_file (vutil.h): the whole regular file at path, at most max
 * bytes, never blocking on a FIFO; malloc'd with a NUL appended. Returns 0,
 * or -1 with errno set (describe it with vu_read_error). */
int read_file(const char *path, size_t max, unsigned char **buf, size_t *len);

/* Writes all len bytes of data to the open file fd, retrying short writes
 * and EINTR. Returns 0, or -1 with errno set. */
int write_all(int fd, const void *data, size_t len);

/* Writes len bytes to path atomically: a temporary file in the same
 * directory, fsync'd, then renamed over path. Returns 0, or -1 with errno
 * set (the temporary file is removed). */
int write_file_atomic(const char *path, const void *data, size_t len);

/* Creates path and its missing parents (mode 0755). Returns 0 or -1. */
int make_dirs(const char *path);

/* Removes path and everything beneath it (no symlinks followed). Returns 0
 * (also when path does not exist) or -1. */
int remove_tree(const char *path);

/* Returns 1 when path exists (any type), else 0. */
int path_exists(const char *path);

/* Returns 1 when path is a directory, else 0. */
int is_directory(const char *path);

/* Returns 1 when paths a and b name the same file however they are
 * spelled: the same directory entry once their folders are resolved, or
 * (both existing) the same file through links. */
int same_file_name(const char *a, const char *b);

/* Returns a malloc'd "dir/name" (caller frees). */
char *path_join(const char *dir, const char *name);

/* Lists the names in dir ending in suffix (suffix "" lists everything except
 * "." and ".."), sorted bytewise. Returns 0 and a malloc'd array of malloc'd
 * names (free with free_names), or -1 with errno set. */
int list_dir(const char *dir, const char *suffix, char ***names, size_t *n);
void free_names(char **names, size_t n);

/* Returns the directory accord's data (themes/) is found in: $ACCORD_DATADIR
 * if set; else, beside the executable, ../share/accord, .., or ../.. (the
 * first that holds themes/). Returns a malloc'd path or NULL. */
char *data_dir(void);

#endif
