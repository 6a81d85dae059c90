/* base.h - what every layer of accord stands on: the arena and the string
 * buffer (both abort when memory runs out, as no caller could go on),
 * diagnostics (the one way anything reports a problem), files (bounded
 * reads, the one atomic writer), the thread count, a set of paths and the
 * site writer (a build staged beside the site, then put in place file by
 * file). Includes nothing of accord's but the verify library's public
 * header. */
#ifndef ACCORD_BASE_H
#define ACCORD_BASE_H

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>

#include "accord_verify.h"

/* --- arena: a region allocator: many small allocations freed at once.
 *
 * Content, questionnaires and answers are loaded once and freed together, so
 * their strings and arrays live in an arena instead of being freed one by one.
 */

typedef struct arena_block arena_block;

typedef struct arena {
    arena_block *head;
} arena;

#define ARENA_INIT                                                                                 \
    {                                                                                              \
        NULL                                                                                       \
    }

/* Returns zeroed memory owned by the arena (aligned for any type). Aborts
 * with a message when memory runs out, as every caller would. */
void *arena_alloc(arena *a, size_t size);

/* Returns a NUL-terminated copy of s (NULL stays NULL), owned by the arena. */
char *arena_strdup(arena *a, const char *s);

/* Returns a NUL-terminated copy of the first n bytes of s. */
char *arena_strndup(arena *a, const char *s, size_t n);

/* Returns a printf-formatted string owned by the arena. */
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Frees every allocation of the arena; the arena may be reused. */
void arena_release(arena *a);

/* Moves every allocation of from into into (they live until into is
 * released); from is empty again. */
void arena_adopt(arena *into, arena *from);

/* --- sbuf: a growable byte buffer for text being built.
 *
 * Like the arena, it aborts with a message when memory runs out (no caller
 * could go on), so appending never fails. */

typedef struct sbuf {
    char *data; /* NUL-terminated once anything was appended; NULL before */
    size_t len, cap;
} sbuf;

#define SBUF_INIT                                                                                  \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

void sb_put(sbuf *b, const void *data, size_t len);
void sb_puts(sbuf *b, const char *s);
void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(sbuf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* Hands the bytes over: returns a malloc'd NUL-terminated buffer (caller
 * frees; never NULL) and its length in *len; b is empty again. */
char *sb_take(sbuf *b, size_t *len);

void sb_release(sbuf *b);

/* --- diagnostics: diagnostics: problems found in input, reported as file:line.
 *
 * Modules report problems here and return; only the command layer decides the
 * exit code (1 when problems were found in input, 2 for I/O and usage).
 * Every message has one shape, "accord: FILE:LINE: [warning: ]message",
 * and goes to standard error in a single write, so messages from threads
 * that render pages at the same time never interleave. A diag with held
 * set appends its messages there instead, for whoever owns the buffer to
 * print in an order of its own (diag_print_held).
 */

typedef struct diag {
    int errors;    /* problems in the input: exit 1 */
    int io_errors; /* files that could not be opened or read: exit 2 */
    int warnings;
    int refused; /* bundles refused (reported, never rendered; exit 1 only on request) */
    sbuf *held;  /* NULL: print at once */
} diag;

#define DIAG_INIT                                                                                  \
    {                                                                                              \
        0, 0, 0, 0, NULL                                                                           \
    }

/* A diag that counts nothing into d but prints where d prints (d may be
 * NULL: at once): for problems reported as part of another's reason. */
diag diag_scratch(const diag *d);

/* Prints what held gathered, in one write, and empties it. */
void diag_print_held(sbuf *held);

/* Prints "accord: FILE:LINE: message" (":LINE" left out when line <= 0,
 * "FILE: " left out when file is NULL) to stderr and counts an error. */
void diag_error(diag *d, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* As diag_error, for a file the system could not open or read. */
void diag_io(diag *d, const char *file, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* As diag_error, prefixed "warning: ", counted as a warning only. */
void diag_warn(diag *d, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* "accord: FILE: refused: message" for a bundle that is never used. */
void diag_refuse(diag *d, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* "accord: message": what a command did (not a problem; counts nothing). */
void diag_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Adds the counts of from into d (a thread's own diag into the command's). */
void diag_merge(diag *d, const diag *from);

/* Exit status for a command that is done: 2 if any I/O error, else 1 if any
 * error, else 0. */
int diag_exit_code(const diag *d);

/* --- files: file system helpers: bounded reads, atomic writes. */

/* vu_read_file (vutil.h): the whole regular file at path, at most max
 * bytes, never blocking on a FIFO; malloc'd with a NUL appended. Returns 0,
 * or -1 with errno set (describe it with vu_read_error). */
int read_file(const char *path, size_t max, unsigned char **buf, size_t *len);

/* Writes all len bytes of data to the open file fd, retrying short writes
 * and EINTR. Returns 0, or -1 with errno set. */
int write_all(int fd, const void *data, size_t len);

/* The one atomic writer for a file a person keeps (a key, a bundle): len
 * bytes go to a temporary file in path's folder (mode 0600 when
 * private_mode, else 0644), are synced to disk, and only then take path's
 * name: without overwrite by a link that fails with EEXIST when path
 * exists (nothing is ever written over), with it by a rename over path.
 * Either way a reader sees the old file or the whole new one. Returns 0,
 * or -1 with errno set (the temporary file removed). Site pages are not
 * written through here: the site writer syncs the whole tree once. */
int file_write_atomic(const char *path, const void *data, size_t len, int private_mode,
                      int overwrite);

/* --- spool: bytes kept in a file rather than in memory, read back when
 * needed (spool.c). */

enum { STORED_HASH_BYTES = 32 };

/* The hash that names bytes within a build (a bundle file's, bytes kept):
 * SHA-256, OpenSSL's, which uses the processor's SHA instructions. A build
 * hashes every bundle file at least twice; this runs about twice as fast
 * as libsodium's BLAKE2b. */
void bytes_sha256(const unsigned char *buf, size_t len, unsigned char out[STORED_HASH_BYTES]);

/* Where bytes are kept: len bytes at offset in the open file fd (a
 * spool's), or the whole file at path (fd -1), or, when member is set,
 * that member of the zip archive at path; and their bytes_sha256, so that
 * what is read back is known to be what was kept; or, when mem is set, in
 * memory (owned by whoever made it). */
typedef struct stored_bytes {
    int fd;
    const char *path;
    const char *member;
    unsigned long long offset;
    size_t len;
    unsigned char hash[STORED_HASH_BYTES];
    const unsigned char *mem;
} stored_bytes;

/* Describes len bytes at mem, kept in memory (where no spool can be made),
 * with their hash. */
void stored_memory(const unsigned char *mem, size_t len, stored_bytes *out);

/* Describes the whole file at path (the string is kept, not copied), whose
 * bytes were len long with bytes_sha256 hash when they were read. */
void stored_file(const char *path, size_t len, const unsigned char hash[STORED_HASH_BYTES],
                 stored_bytes *out);

/* Describes member (the string is kept, not copied) of the zip archive
 * at path, whose bytes were len long with bytes_sha256 hash when they were
 * read: the archive is read and unpacked again by stored_read. */
void stored_member(const char *path, const char *member, size_t len,
                   const unsigned char hash[STORED_HASH_BYTES], stored_bytes *out);

/* Reads s back into *buf (malloc'd, NUL appended; the caller frees; s->len
 * bytes). Returns NULL, or why not: the file cannot be read, or its bytes
 * are no longer those kept. Thread-safe. */
const char *stored_read(const stored_bytes *s, unsigned char **buf);

/* An unnamed file in $TMPDIR (else /tmp) that bytes are appended to,
 * made on first use; the system removes it once it is closed. All zero
 * bytes is an empty spool. */
typedef struct spool {
    int made; /* fd is open */
    int fd;
    unsigned long long end;
} spool;

/* Appends buf[0..len) to sp and describes them in *out. Returns 0, or -1
 * with errno set. Not thread-safe; stored_read of what it wrote is. */
int spool_put(spool *sp, const unsigned char *buf, size_t len, stored_bytes *out);
void spool_close(spool *sp);

/* Creates path and its missing parents (mode 0755). Returns 0 or -1. */
int make_dirs(const char *path);

/* Removes path and everything beneath it (no symlinks followed). Returns 0
 * (also when path does not exist) or -1. */
int remove_tree(const char *path);

/* The same for the entry name of the folder open as at. */
int remove_tree_at(int at, const char *name);

/* remove_tree, with the folders two levels below path emptied on up to
 * threads threads at once (run_parallel), each folder of a tree as large
 * as a site's its own work. */
int remove_tree_on_threads(const char *path, size_t threads);

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

/* Returns the directory accord's data (themes/, starter/) is found in:
 * $ACCORD_DATADIR if set; else the first holding themes/ of, relative to the
 * folder of the executable, ../share/accord, .., ../.., and then the data
 * directory compiled in (DATADIR).
 * Returns a malloc'd path or NULL. */
char *data_dir(void);

/* The data directory make install puts accord's data in (DATADIR),
 * compiled in by the Makefile. */
extern const char accord_datadir_default[];

/* The number of threads to work with: ACCORD_JOBS when set, else one per
 * core; at least 1, at most 8. */
size_t worker_threads(void);

/* Calls work(ctx, w, i) for each i of [0, n) in increasing order of
 * taking, on up to threads threads (never more than n), the caller's among
 * them (w < threads names the thread, for state of its own); once a call
 * returns nonzero no further i is taken, but the calls under way finish,
 * so every i below the first that failed has been done. Returns 0, or -1
 * when a call failed. */
int run_parallel(size_t n, size_t threads, int (*work)(void *ctx, size_t w, size_t i), void *ctx);

/* accord's version (the Makefile's VERSION), compiled in beside DATADIR. */
extern const char accord_version[];

/* --- path set: which of many paths were named, each held as a 16-byte
 * hash (BLAKE2b-128), so that a site's worth takes about a megabyte. Two
 * paths with the same hash are one: at 2^-127 a pair, never in practice. */

enum { PATH_SET_KEY_BYTES = 16 };

typedef struct path_set {
    unsigned char *slots; /* cap keys, all zeros where empty (malloc'd) */
    size_t n, cap;        /* cap: 0 or a power of two, at least 4n / 3 */
} path_set;

#define PATH_SET_INIT ((path_set){NULL, 0, 0})

/* Makes room for n paths at once (one allocation, not one per doubling):
 * 0, or -1 when out of memory (s unchanged). */
int path_set_reserve(path_set *s, size_t n);

/* Adds path: 0, or -1 when out of memory (s unchanged). */
int path_set_add(path_set *s, const char *path);

/* 1 when path was added. */
int path_set_has(const path_set *s, const char *path);
void path_set_release(path_set *s);

/* --- site writer: writing a site root so that a failed build changes
 * nothing: every file whose bytes are new goes into a temporary directory
 * beside the target (ROOT/.build-XXXXXX); a file whose bytes did not
 * change is the live site's, left where it is. Only once everything is
 * written does the commit move the new files into public/ and private/
 * (one atomic rename each) and remove the files the build did not write,
 * following a journal that the next build finishes after a crash. */

/* The build's page cache (one file beside public/ and private/, moved in
 * by accord build's commit); a site root may hold it. */
#define SITE_CACHE_FILE ".accord-cache"

typedef struct site_writer {
    char *root;         /* the -o directory */
    char *tmp;          /* ROOT/.build-XXXXXX */
    int created_root;   /* root did not exist before: removed again on abort */
    int lock_fd;        /* the root, locked for the build; -1 when not open */
    unsigned file_mode; /* what a new file's mode is under the umask */
    /* every path the build wrote or kept (below the root): the commit
     * removes the live site's other files; guarded by lock */
    path_set written;
    int written_failed; /* a path could not be added: the commit refuses */
    pthread_mutex_t lock;
} site_writer;

/* Checks that root is absent, or a directory holding nothing but public/,
 * private/, SITE_CACHE_FILE and accord's temporary .build-* directories (accord never deletes
 * what it did not create), locks it against a second build writing it at
 * the same time, finishes the commit of a build that was killed while it
 * put its files in place (site_commit), removes the .build-* directories
 * builds that were killed left behind (they may hold answers), then creates the temporary
 * directory. expect is about how many files the build writes or keeps
 * (0: not known), so that their record is made once. Returns 0, or -1
 * after reporting to d (foreign entries or a build already running: an
 * error; system failures: I/O errors). */
int site_begin(site_writer *w, const char *root, size_t expect, diag *d);

/* Makes room in w's record for expect files in all, once the build knows
 * how many (site_begin's expect when it did not yet). 0, or -1 out of
 * memory (the record then grows as files are added). */
int site_reserve(site_writer *w, size_t expect);

/* Writes data to rel (a path below the root, such as
 * "public/guide/index.html") in the temporary directory, creating parent
 * directories; when the live site already holds those very bytes there,
 * nothing is written and that file stays, so an unchanged page keeps its
 * inode and modification time.
 * Returns 0, or -1 after reporting to d. Safe to call from several threads
 * at once for different files. */
int site_write(site_writer *w, const char *rel, const void *data, size_t len, diag *d);

/* The same, for a file whose bytes come in pieces: site_open starts rel
 * (NULL after reporting to d), site_put appends len bytes (a failure is
 * kept and reported by site_close), site_close finishes it (0, or -1
 * after reporting to d, with nothing left at rel) and site_cancel drops
 * it; both release f. Bytes equal to the live file's so far are only
 * compared, not written, so an unchanged file stays as site_write
 * leaves it without its bytes ever being held whole. */
typedef struct site_file site_file;
site_file *site_open(site_writer *w, const char *rel, diag *d);
void site_put(site_file *f, const void *data, size_t len);
int site_close(site_file *f, diag *d);
void site_cancel(site_file *f);

/* A file as a build left it: a later build takes it unread when it is
 * still this inode, size and modification time. */
typedef struct file_identity {
    unsigned long long ino, size;
    long long mtime_sec;
    long mtime_nsec;
} file_identity;

/* The identity of the file at path (not followed) into *id, and its
 * permission bits into *mode when mode is not NULL: 0, or -1 when it is
 * not a regular file or cannot be looked up. */
int file_identity_at(const char *path, file_identity *id, unsigned *mode);

/* 1 when a and b are the same identity, else 0. */
int file_identity_equal(const file_identity *a, const file_identity *b);

/* Keeps the live site's rel, reading none of it, when it is a regular
 * file with the mode a new file gets and exactly identity id (the file a
 * build wrote, untouched since). Returns 1 when kept, else 0 (write rel
 * then). Safe from several threads at once for different files. */
int site_keep(site_writer *w, const char *rel, const file_identity *id);

/* The identity rel will have once the build is in place: the new file's
 * in the temporary directory, else the live file left there. 0, or -1. */
int site_identity(const site_writer *w, const char *rel, file_identity *id);

/* Copies the file src to rel. Returns 0, or -1 after reporting to d. */
int site_copy(site_writer *w, const char *rel, const char *src, size_t max, diag *d);

/* Puts the build in place, all under the build's lock: syncs the new
 * files to disk (once, not file by file); lists the files of the live
 * public/ and private/ that the build neither wrote nor kept and puts the
 * list on disk (the journal); removes them, and the folders they leave
 * empty; renames each new file over the live one (a whole tree at once
 * when the site has none yet); then, when root_file is not NULL, moves the
 * file the build wrote at tmp/root_file to root/root_file (a failure there
 * is a warning, and leaves no root/root_file), syncs again and removes the
 * temporary directory. A build killed after the journal is on disk is
 * finished by the next site_begin (without root_file). Returns 0, or -1
 * after reporting to d (the site as it was when the failure came before
 * the journal); the writer is released either way. */
int site_commit(site_writer *w, const char *root_file, diag *d);

/* Removes the temporary directory (and root, when site_begin created it)
 * and releases the writer. */
void site_abort(site_writer *w);

#endif
