/* build_cache.c - what the last build made each page from, so that a
 * rebuild renders only the pages whose inputs changed (see impl.h).
 *
 * A page's fingerprint is BLAKE2b-256 over: the cache format; accord's
 * version and the bytes of the running program; every file the build
 * reads other than the bundles and keys (the content directory but
 * bundles/ and keys/, and the theme's folder), names and bytes; the keys
 * as loaded; the page's job; and, for each
 * agreement the page is rendered from (render_job_agreements), its place
 * and what it is made from among the bundle files (bundles_inputs). Pages
 * that read every agreement are not cached. An agreement bundle's
 * fingerprint is made from its bytes' bytes_sha256 (build_file_key). The site root
 * holds SITE_CACHE_FILE: per cached page or bundle its fingerprint and the
 * identity of the file written (inode, size, modification time). A page
 * whose fingerprint is the cache's is the live site's file, left in place,
 * when that file still has its identity; anything else renders it: no
 * cache, an unreadable, malformed or foreign one, an input that cannot be
 * read, a file changed or replaced since. A rebuild holds no more of the
 * cache than what each key it matches takes (its file's identity).
 *
 * The file: CACHE_HEAD; FILES_HEAD and the number of lines of bundle
 * files the build verified (bundles.h checked_parse), those lines;
 * MADE_HEAD and the number of lines of agreement bundles it made from
 * answers bundles (made.c), those lines; PARSED_HEAD and the number of
 * lines of answers bundle files whose answers it parsed (parsed.c), those
 * lines; MAC_HEAD with the checked_mac of the three in hex (all zeros:
 * none without the program secret); TAGS_HEAD and
 * the number of tag lines; each tag of a signature check the build saw
 * pass (bundles_passed_sigs) in hex; a line per cached page or bundle.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "impl.h"
#include "render.h"

#define CACHE_HEAD "accord-build-cache 7\n"
#define FILES_HEAD "files "
#define MADE_HEAD "made "
#define PARSED_HEAD "parsed "
#define MAC_HEAD "mac "
#define TAGS_HEAD "checks "

enum {
    TREE_DEPTH_MAX = 16,                /* folders entered below the content directory */
    CACHE_FILE_MAX = 256 * 1024 * 1024, /* bytes of SITE_CACHE_FILE read back */
    FILE_LINE_MAX = 8192                /* bytes of a bundle file's line (checked.c) */
};

static void put_u64(crypto_generichash_state *h, uint64_t v)
{
    unsigned char b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)(v >> (8 * i));
    crypto_generichash_update(h, b, sizeof b);
}

static void put_str(crypto_generichash_state *h, const char *s)
{
    s = s ? s : "";
    put_u64(h, strlen(s));
    crypto_generichash_update(h, (const unsigned char *)s, strlen(s));
}

/* The file at path (may be NULL) opened for reading with open's flags
 * more (O_NOFOLLOW or 0), with its status in *st, when it is a regular
 * file (a FIFO or device is never waited on); else -1. */
static int open_regular(const char *path, int more, struct stat *st)
{
    int fd = path ? open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | more) : -1;
    if (fd >= 0 && (fstat(fd, st) != 0 || !S_ISREG(st->st_mode))) {
        close(fd);
        fd = -1;
    }
    return fd;
}

/* Hashes the bytes of the file at path, with their count. 0, or -1. */
static int put_file(crypto_generichash_state *h, const char *path)
{
    struct stat st;
    int fd = open_regular(path, 0, &st);
    if (fd < 0)
        return -1;
    put_u64(h, (uint64_t)st.st_size);
    unsigned char buf[65536];
    ssize_t got;
    while ((got = read(fd, buf, sizeof buf)) > 0)
        crypto_generichash_update(h, buf, (size_t)got);
    close(fd);
    return got == 0 ? 0 : -1;
}

/* An entry of a folder as readdir gives it: its name (malloc'd) and
 * d_type. */
typedef struct dir_entry {
    char *name;
    unsigned char type;
} dir_entry;

static int by_name(const void *a, const void *b)
{
    return strcmp(((const dir_entry *)a)->name, ((const dir_entry *)b)->name);
}

/* What the entry at path is, following a symlink (*mode: its S_IFMT bits),
 * and whether it is a symlink (*is_link): from readdir's d_type when that
 * names a regular file or a folder, since neither is a link, else from
 * stat and lstat. 0, or -1. */
static int entry_type(const char *path, unsigned char d_type, mode_t *mode, int *is_link)
{
    struct stat st, ls;
    *is_link = 0;
    if (d_type == DT_REG || d_type == DT_DIR) {
        *mode = d_type == DT_REG ? S_IFREG : S_IFDIR;
        return 0;
    }
    if (stat(path, &st) != 0 || lstat(path, &ls) != 0)
        return -1;
    *mode = st.st_mode & S_IFMT;
    *is_link = S_ISLNK(ls.st_mode);
    return 0;
}

/* 1 when name is one of the NULL-terminated names (NULL: none). */
static int is_named(const char *name, const char *const *names)
{
    for (size_t i = 0; names && names[i]; i++)
        if (!strcmp(name, names[i]))
            return 1;
    return 0;
}

/* Hashes every entry below dir, in name order, as rel/NAME and what it
 * is (following symlinks to files, as the content loader does): a folder's
 * entries (down to max_depth levels below; deeper, its name alone), a
 * file's bytes, anything else its type. At the top (depth 0) the entries
 * named in skip (NULL-terminated; NULL: none) are left out. 0, or -1 when
 * something cannot be read or a folder to enter is a symlink (which may
 * loop or change unseen). */
static int put_tree(crypto_generichash_state *h, const char *dir, const char *rel,
                    const char *const *skip, int depth, int max_depth)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return -1;
    dir_entry *entries = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *de;
    while (rc == 0 && (de = readdir(dp))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") ||
            (depth == 0 && is_named(de->d_name, skip)))
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 32;
            dir_entry *v = realloc(entries, cap * sizeof *v);
            if (!v)
                rc = -1;
            else
                entries = v;
        }
        if (rc == 0) {
            entries[n] = (dir_entry){strdup(de->d_name), de->d_type};
            if (!entries[n++].name)
                rc = -1;
        }
    }
    closedir(dp);
    if (rc == 0 && n)
        qsort(entries, n, sizeof *entries, by_name);
    for (size_t i = 0; i < n && rc == 0; i++) {
        char *path = path_join(dir, entries[i].name), *sub = path_join(rel, entries[i].name);
        mode_t mode;
        int is_link;
        if (!path || !sub || entry_type(path, entries[i].type, &mode, &is_link) != 0)
            rc = -1;
        else if (S_ISDIR(mode)) {
            put_str(h, "D");
            put_str(h, sub);
            if (is_link && depth < max_depth)
                rc = -1; /* a folder linked from elsewhere (or a loop): not cached */
            else if (depth < max_depth)
                rc = put_tree(h, path, sub, NULL, depth + 1, max_depth);
        } else if (S_ISREG(mode)) {
            put_str(h, "F");
            put_str(h, sub);
            rc = put_file(h, path);
        } else {
            put_str(h, "O");
            put_str(h, sub);
            put_u64(h, (uint64_t)mode);
        }
        free(path);
        free(sub);
    }
    for (size_t i = 0; i < n; i++)
        free(entries[i].name);
    free(entries);
    return rc;
}

/* Hashes the keys that verify the bundles as the pages show them: each
 * one's party, key and file name, in the keyring's order. */
static void put_keys(crypto_generichash_state *h, const keyring *kr)
{
    put_u64(h, (uint64_t)kr->n);
    for (size_t i = 0; i < kr->n; i++) {
        const keyring_entry *e = &kr->entries[i];
        const char *file = e->path ? e->path : "", *slash = strrchr(file, '/');
        put_str(h, e->party);
        crypto_generichash_update(h, (const unsigned char *)&e->pk, sizeof e->pk);
        put_str(h, slash ? slash + 1 : file);
    }
}

int build_inputs_digest(const content *c, const theme *t, const keyring *keys,
                        unsigned char out[PAGE_FINGERPRINT_BYTES])
{
    /* keys/ is read once, by the loader: its keys are hashed from there */
    static const char *const not_read_here[] = {"bundles", "keys", NULL};
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, PAGE_FINGERPRINT_BYTES);
    put_str(&h, CACHE_HEAD);
    put_str(&h, accord_version);
    put_str(&h, "program");
    int rc = put_file(&h, "/proc/self/exe");
    put_str(&h, "content");
    rc = rc ? rc : put_tree(&h, c->dir, "", not_read_here, 0, TREE_DEPTH_MAX);
    put_str(&h, "keys");
    put_keys(&h, keys);
    put_str(&h, "theme"); /* a theme is the files of its folder (theme_open) */
    rc = rc ? rc : put_tree(&h, theme_dir(t), "", NULL, 0, 0);
    crypto_generichash_final(&h, out, PAGE_FINGERPRINT_BYTES);
    return rc;
}

page_key *build_page_keys(const content *c, const bundle_set *bs, const page_job *jobs, size_t n,
                          const unsigned char inputs[PAGE_FINGERPRINT_BYTES])
{
    page_key *k = calloc(n ? n : 1, sizeof *k);
    for (size_t i = 0; k && i < n; i++) {
        const page_job *j = &jobs[i];
        const size_t *ags;
        size_t n_ags;
        if (render_job_agreements(c, j, &ags, &n_ags) != 0)
            continue; /* rendered every time */
        crypto_generichash_state h;
        crypto_generichash_init(&h, NULL, 0, PAGE_FINGERPRINT_BYTES);
        crypto_generichash_update(&h, inputs, PAGE_FINGERPRINT_BYTES);
        put_str(&h, j->path);
        put_str(&h, j->sealed_bundle);
        const uint64_t fields[] = {
            (uint64_t)j->kind, (uint64_t)j->depth,    (uint64_t)j->idp,          (uint64_t)j->item,
            (uint64_t)j->role, (uint64_t)j->revision, (uint64_t)j->private_form, (uint64_t)n_ags};
        for (size_t f = 0; f < sizeof fields / sizeof *fields; f++)
            put_u64(&h, fields[f]);
        for (size_t a = 0; a < n_ags; a++) {
            put_u64(&h, (uint64_t)ags[a]);
            crypto_generichash_update(&h, bundles_inputs(bs, ags[a]), BUNDLES_INPUTS_BYTES);
        }
        crypto_generichash_final(&h, k[i].fp, PAGE_FINGERPRINT_BYTES);
        k[i].cached = 1;
    }
    return k;
}

/* One line of the cache: a file's fingerprint, identity and path. */
typedef struct cache_line_in {
    unsigned char fp[PAGE_FINGERPRINT_BYTES];
    file_identity id;
    const char *path; /* in the line read */
} cache_line_in;

/* Parses one line "FP INO SIZE SEC NSEC PATH\n" as fgets read it into *e,
 * its path left in line. 0, or -1 when it is not such a line (one cut
 * short, or with a NUL byte, has no newline at its end). */
static int parse_entry(char *line, cache_line_in *e)
{
    size_t len = strlen(line);
    char *sp = strchr(line, ' ');
    if (len < 2 || line[len - 1] != '\n' || !sp || sp - line != 2 * PAGE_FINGERPRINT_BYTES ||
        sodium_hex2bin(e->fp, sizeof e->fp, line, (size_t)(sp - line), NULL, NULL, NULL) != 0)
        return -1;
    line[len - 1] = '\0';
    unsigned long long ino, size;
    long long sec;
    long nsec;
    int used = 0;
    if (sscanf(sp + 1, "%llu %llu %lld %ld %n", &ino, &size, &sec, &nsec, &used) != 4 || !used ||
        !sp[1 + used])
        return -1;
    e->id = (file_identity){.ino = ino, .size = size, .mtime_sec = sec, .mtime_nsec = nsec};
    e->path = sp + 1 + used;
    return 0;
}

/* The lines of f, its size in *size, or (size_t)-1 when f is empty,
 * cannot be read or holds more than CACHE_FILE_MAX bytes. f is rewound. */
static size_t count_lines(FILE *f, size_t *size)
{
    size_t lines = 0, bytes = 0, got;
    char buf[65536];
    while ((got = fread(buf, 1, sizeof buf, f)) > 0 && (bytes += got) <= CACHE_FILE_MAX)
        for (size_t i = 0; i < got; i++)
            lines += buf[i] == '\n';
    rewind(f);
    *size = bytes;
    return bytes > CACHE_FILE_MAX || ferror(f) || !lines ? (size_t)-1 : lines;
}

/* Reads the line "HEAD N\n" (head: FILES_HEAD, MADE_HEAD, TAGS_HEAD) into
 * *n. 0, or -1. */
static int read_count(FILE *f, const char *head, size_t *n)
{
    char line[64], *end;
    const char *digits = line + strlen(head);
    if (!fgets(line, sizeof line, f) || strncmp(line, head, strlen(head)) ||
        !isdigit((unsigned char)*digits))
        return -1;
    errno = 0;
    unsigned long long v = strtoull(digits, &end, 10);
    if (errno || strcmp(end, "\n") || v > SIZE_MAX)
        return -1;
    *n = (size_t)v;
    return 0;
}

/* Reads one line of a tag's hex into tag (or only checks it: tag NULL). 0, or -1. */
static int read_tag(FILE *f, unsigned char *tag)
{
    char line[2 * PASSED_SIG_TAG_BYTES + 3];
    unsigned char bin[PASSED_SIG_TAG_BYTES];
    size_t got = 0;
    if (!fgets(line, sizeof line, f) || strlen(line) != 2 * PASSED_SIG_TAG_BYTES + 1 ||
        line[2 * PASSED_SIG_TAG_BYTES] != '\n' ||
        sodium_hex2bin(bin, sizeof bin, line, 2 * PASSED_SIG_TAG_BYTES, NULL, &got, NULL) != 0 ||
        got != sizeof bin)
        return -1;
    if (tag)
        memcpy(tag, bin, sizeof bin);
    return 0;
}

/* Reads n lines (each at most FILE_LINE_MAX bytes) into *text (when not
 * NULL), or only past them. 0, or -1 when they are not such lines. */
static int read_lines(FILE *f, size_t n, sbuf *text)
{
    char line[FILE_LINE_MAX + 1];
    for (size_t i = 0; i < n; i++) {
        if (!fgets(line, sizeof line, f) || !strchr(line, '\n'))
            return -1;
        if (text)
            sb_puts(text, line);
    }
    return 0;
}

/* The sections of lines the cache keeps under its MAC, in file order. */
enum { LINES_FILES, LINES_MADE, LINES_PARSED, N_LINES };
static const char *const lines_head[N_LINES] = {FILES_HEAD, MADE_HEAD, PARSED_HEAD};

typedef struct mac_lines {
    sbuf text[N_LINES];
    size_t n[N_LINES];
    unsigned char mac[CHECKED_MAC_BYTES];
} mac_lines;

/* Reads each section's count line and lines, then the MAC line, into *m:
 * with keep the lines' text too, else only past them. 0, or -1 when they
 * are not such lines. */
static int read_sections(FILE *f, mac_lines *m, int keep)
{
    char line[FILE_LINE_MAX + 1];
    for (int s = 0; s < N_LINES; s++)
        if (read_count(f, lines_head[s], &m->n[s]) != 0 ||
            read_lines(f, m->n[s], keep ? &m->text[s] : NULL) != 0)
            return -1;
    size_t got = 0, hex = 2 * CHECKED_MAC_BYTES;
    return fgets(line, sizeof line, f) && !strncmp(line, MAC_HEAD, strlen(MAC_HEAD)) &&
                   strlen(line) == strlen(MAC_HEAD) + hex + 1 &&
                   sodium_hex2bin(m->mac, sizeof m->mac, line + strlen(MAC_HEAD), hex, NULL, &got,
                                  NULL) == 0 &&
                   got == sizeof m->mac
               ? 0
               : -1;
}

/* The cache file of site_root opened for reading when it is a regular file
 * (a FIFO or device is never waited on, a symlink never followed) of this
 * format, read up to its first section of lines under the MAC: those
 * sections, the MAC line, the tags' count line, *n_tags tag lines, then
 * *n_pages page lines. NULL when not. */
static FILE *open_cache(const char *site_root, size_t *n_tags, size_t *n_pages)
{
    char *path = path_join(site_root, SITE_CACHE_FILE), head[sizeof CACHE_HEAD];
    struct stat st;
    int fd = open_regular(path, O_NOFOLLOW, &st);
    FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
    if (!f && fd >= 0)
        close(fd);
    free(path);
    size_t size = 0, lines = f ? count_lines(f, &size) : (size_t)-1, fixed = N_LINES + 3;
    mac_lines m;
    long sections_at = -1;
    if (lines != (size_t)-1 && lines >= fixed && fgets(head, sizeof head, f) &&
        !strcmp(head, CACHE_HEAD) && (sections_at = ftell(f)) >= 0 &&
        read_sections(f, &m, 0) == 0) {
        size_t held = fixed + m.n[LINES_FILES] + m.n[LINES_MADE] + m.n[LINES_PARSED], tags = 0;
        if (held <= lines && read_count(f, TAGS_HEAD, &tags) == 0 && tags <= lines - held &&
            tags <= size / (2 * PASSED_SIG_TAG_BYTES + 1) && fseek(f, sections_at, SEEK_SET) == 0) {
            *n_tags = tags;
            *n_pages = lines - held - tags;
            return f;
        }
    }
    if (f)
        fclose(f);
    return NULL;
}

/* The cache's sections of lines into k's sets when their MAC is the one
 * c's secret gives them with inputs; else every set stays empty. */
static void take_sections(FILE *f, const content *c,
                          const unsigned char inputs[PAGE_FINGERPRINT_BYTES], kept_lines *k)
{
    mac_lines m = {0};
    checked_set *sets[N_LINES] = {&k->files, &k->made, &k->parsed};
    const sbuf *texts[N_LINES] = {&m.text[0], &m.text[1], &m.text[2]};
    unsigned char want[CHECKED_MAC_BYTES];
    int read = read_sections(f, &m, 1) == 0;
    if (read && (m.n[0] || m.n[1] || m.n[2]) && c->has_secret && inputs) {
        checked_mac(c->secret, sizeof c->secret, inputs, PAGE_FINGERPRINT_BYTES, texts, N_LINES,
                    want);
        for (int s = 0; s < N_LINES && sodium_memcmp(m.mac, want, sizeof want) == 0; s++) {
            size_t len;
            if (m.n[s] && checked_parse(sb_take(&m.text[s], &len), m.n[s], sets[s]) != 0)
                checked_release(sets[s]);
        }
    }
    for (int s = 0; s < N_LINES; s++)
        sb_release(&m.text[s]);
}

static int by_listed_name(const void *a, const void *b)
{
    return strcmp(((const listed_file *)a)->name, ((const listed_file *)b)->name);
}

/* Reads the n page lines left in f into *l: those of AGREEMENTS_DIR's
 * files that made has a line for. A line that is not one, or anything
 * after the last, leaves l empty: a cache read in part vouches for
 * nothing. */
static void take_listed(FILE *f, size_t n, const checked_set *made, listed_files *l)
{
    static const char folder[] = AGREEMENTS_DIR "/";
    char line[2 * PAGE_FINGERPRINT_BYTES + 4 * 20 + PATH_MAX + 8];
    size_t cap = made->n;
    l->v = malloc(cap * sizeof *l->v);
    int ok = l->v != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        cache_line_in e;
        ok = fgets(line, sizeof line, f) != NULL;
        if (!ok || !strstr(line, " " AGREEMENTS_DIR "/"))
            continue; /* no other line is of use, and match reads them all */
        ok = parse_entry(line, &e) == 0;
        const char *name = e.path + sizeof folder - 1;
        if (!ok || strncmp(e.path, folder, sizeof folder - 1) || strchr(name, '/') ||
            !checked_line(made, name) || l->n == cap)
            continue;
        listed_file *to = &l->v[l->n++];
        to->name = arena_strdup(&l->ar, name);
        memcpy(to->fp, e.fp, sizeof to->fp);
        to->id = e.id;
    }
    if (!ok || fgetc(f) != EOF) {
        l->n = 0;
        return;
    }
    qsort(l->v, l->n, sizeof *l->v, by_listed_name);
}

int listed_unchanged(const void *ctx, const char *name, const unsigned char sha[STORED_HASH_BYTES])
{
    const listed_files *l = ctx;
    const listed_file *hit =
        l->n ? bsearch(&(listed_file){.name = name}, l->v, l->n, sizeof *l->v, by_listed_name)
             : NULL;
    page_key k;
    if (!hit)
        return 0;
    build_file_key(sha, &k);
    char *path = path_join(l->dir, name);
    file_identity now;
    int same = path && !memcmp(k.fp, hit->fp, sizeof k.fp) &&
               file_identity_at(path, &now, NULL) == 0 && file_identity_equal(&now, &hit->id);
    free(path);
    return same;
}

void listed_release(listed_files *l)
{
    free(l->dir);
    free(l->v);
    arena_release(&l->ar);
    memset(l, 0, sizeof *l);
}

void kept_lines_release(kept_lines *k)
{
    checked_release(&k->files);
    checked_release(&k->made);
    checked_release(&k->parsed);
    listed_release(&k->listed);
}

int build_cache_tags(const char *site_root, const content *c,
                     const unsigned char inputs[PAGE_FINGERPRINT_BYTES], sig_tags *out,
                     kept_lines *k)
{
    size_t n = 0, n_pages;
    memset(k, 0, sizeof *k);
    k->listed = (listed_files){.dir = path_join(site_root, AGREEMENTS_DIR), .ar = ARENA_INIT};
    FILE *f = open_cache(site_root, &n, &n_pages);
    if (f) {
        take_sections(f, c, inputs, k);
        size_t again;
        if (read_count(f, TAGS_HEAD, &again) != 0 || again != n) {
            fclose(f);
            kept_lines_release(k);
            return -1;
        }
    }
    unsigned char *tags = f ? malloc(n ? n * PASSED_SIG_TAG_BYTES : 1) : NULL;
    int ok = tags != NULL;
    for (size_t i = 0; ok && i < n; i++)
        ok = read_tag(f, tags + i * PASSED_SIG_TAG_BYTES) == 0;
    if (ok && k->made.n && k->listed.dir)
        take_listed(f, n_pages, &k->made, &k->listed);
    if (f)
        fclose(f);
    if (!ok) {
        free(tags);
        kept_lines_release(k);
        return -1;
    }
    *out = (sig_tags){.tags = tags,
                      .n = n,
                      .files = k->files.n ? &k->files : NULL,
                      .made = k->made.n ? &k->made : NULL,
                      .made_unchanged = k->listed.n ? listed_unchanged : NULL,
                      .made_unchanged_ctx = &k->listed,
                      .parsed = k->parsed.n ? &k->parsed : NULL};
    return 0;
}

/* A key the cache may list, by the path of its file. */
typedef struct wanted {
    const char *path;
    page_key *key;
} wanted;

static int by_path(const void *a, const void *b)
{
    return strcmp(((const wanted *)a)->path, ((const wanted *)b)->path);
}

void build_cache_match(const char *site_root, const page_job *jobs, page_key *keys, size_t n,
                       cache_file *files, size_t n_files)
{
    size_t n_tags, n_lines = 0, m = 0;
    FILE *f = open_cache(site_root, &n_tags, &n_lines);
    wanted *w = f ? malloc((n + n_files + 1) * sizeof *w) : NULL;
    for (size_t i = 0; w && i < n; i++)
        if (keys[i].cached)
            w[m++] = (wanted){jobs[i].path, &keys[i]};
    for (size_t i = 0; w && i < n_files; i++)
        if (files[i].key.cached)
            w[m++] = (wanted){files[i].path, &files[i].key};
    if (w)
        qsort(w, m, sizeof *w, by_path);
    /* a fingerprint, four numbers of up to 20 digits, a path, 6 separators */
    char line[2 * PAGE_FINGERPRINT_BYTES + 4 * 20 + PATH_MAX + 8];
    mac_lines sections;
    int ok =
        w != NULL && read_sections(f, &sections, 0) == 0 && read_count(f, TAGS_HEAD, &n_tags) == 0;
    for (size_t i = 0; ok && i < n_tags; i++)
        ok = read_tag(f, NULL) == 0;
    for (size_t i = 0; ok && i < n_lines; i++) {
        cache_line_in e;
        ok = fgets(line, sizeof line, f) && parse_entry(line, &e) == 0;
        const wanted *hit = ok ? bsearch(&(wanted){e.path, NULL}, w, m, sizeof *w, by_path) : NULL;
        if (hit && !memcmp(hit->key->fp, e.fp, sizeof e.fp)) {
            hit->key->listed = 1;
            hit->key->id = e.id;
        }
    }
    ok = ok && fgetc(f) == EOF; /* nothing added since it was counted */
    for (size_t i = 0; !ok && w && i < m; i++)
        w[i].key->listed = 0; /* a cache read in part vouches for nothing */
    if (f)
        fclose(f);
    free(w);
}

int build_cache_keep(site_writer *w, const char *rel, page_key *k)
{
    k->kept = k->cached && k->listed && site_keep(w, rel, &k->id);
    return k->kept;
}

void build_file_key(const unsigned char hash[STORED_HASH_BYTES], page_key *k)
{
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, PAGE_FINGERPRINT_BYTES);
    put_str(&h, CACHE_HEAD);
    put_str(&h, "file"); /* no page's job: its bytes are all it is made of */
    crypto_generichash_update(&h, hash, STORED_HASH_BYTES);
    crypto_generichash_final(&h, k->fp, PAGE_FINGERPRINT_BYTES);
    k->cached = 1;
    k->listed = k->kept = 0;
}

/* The line of the file at rel with key k, as w's new tree holds it (a
 * file kept has the identity it was kept by: one changed since it was
 * checked is not vouched for); none for a path that a line could not
 * carry as it is. */
static void cache_line(const site_writer *w, const char *rel, const page_key *k, FILE *out)
{
    file_identity id;
    char hex[2 * PAGE_FINGERPRINT_BYTES + 1];
    if (!k->cached || strpbrk(rel, "\n ") || (!k->kept && site_identity(w, rel, &id) != 0))
        return;
    if (k->kept)
        id = k->id;
    sodium_bin2hex(hex, sizeof hex, k->fp, sizeof k->fp);
    fprintf(out, "%s %llu %llu %lld %ld %s\n", hex, id.ino, id.size, id.mtime_sec, id.mtime_nsec,
            rel);
}

static void tag_line(void *out, const unsigned char tag[PASSED_SIG_TAG_BYTES])
{
    char hex[2 * PASSED_SIG_TAG_BYTES + 1];
    sodium_bin2hex(hex, sizeof hex, tag, PASSED_SIG_TAG_BYTES);
    fprintf(out, "%s\n", hex);
}

FILE *build_cache_begin(const site_writer *w, const bundle_set *bs, const content *c,
                        const unsigned char *inputs)
{
    char *path = path_join(w->tmp, SITE_CACHE_FILE);
    int fd = path ? open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, w->file_mode) : -1;
    FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
    free(path);
    if (!out) {
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    fputs(CACHE_HEAD, out);
    /* the lines of bundle files and of made bundles are of use to a build
     * with the same secret only */
    const sbuf *texts[N_LINES] = {&bs->checked, &bs->made, &bs->parsed};
    size_t counts[N_LINES] = {bs->n_checked, bs->n_made, bs->n_parsed};
    int with_lines = c->has_secret && inputs && (counts[0] || counts[1] || counts[2]);
    unsigned char mac[CHECKED_MAC_BYTES] = {0};
    char mac_hex[2 * CHECKED_MAC_BYTES + 1];
    if (with_lines)
        checked_mac(c->secret, sizeof c->secret, inputs, PAGE_FINGERPRINT_BYTES, texts, N_LINES,
                    mac);
    sodium_bin2hex(mac_hex, sizeof mac_hex, mac, sizeof mac);
    for (int s = 0; s < N_LINES; s++) {
        fprintf(out, "%s%zu\n", lines_head[s], with_lines ? counts[s] : 0);
        if (with_lines && texts[s]->len)
            fwrite(texts[s]->data, 1, texts[s]->len, out);
    }
    fprintf(out, MAC_HEAD "%s\n", mac_hex);
    fprintf(out, TAGS_HEAD "%zu\n", bundles_passed_sigs(bs, NULL, NULL));
    bundles_passed_sigs(bs, tag_line, out);
    return out;
}

int build_cache_finish(FILE *out, const site_writer *w, const page_job *jobs, const page_key *keys,
                       size_t n, const cache_file *files, size_t n_files)
{
    if (!out)
        return -1;
    for (size_t i = 0; i < n; i++)
        cache_line(w, jobs[i].path, &keys[i], out);
    for (size_t i = 0; i < n_files; i++)
        cache_line(w, files[i].path, &files[i].key, out);
    int failed = ferror(out);
    return fclose(out) != 0 || failed ? -1 : 0; /* synced with the tree (site_commit) */
}

int build_cache_forget(const char *site_root)
{
    char *path = path_join(site_root, SITE_CACHE_FILE);
    int rc = path && (unlink(path) == 0 || errno == ENOENT) ? 0 : -1;
    free(path);
    return rc;
}
