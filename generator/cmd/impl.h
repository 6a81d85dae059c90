/* impl.h - what the commands of this folder share beyond cmd.h: loading a
 * program's state as 'accord build' reads it, the build's page cache, the
 * --as-of day, where an output may go, and the small writers of JSON, mail
 * and calendar text. Every writer appends to an sbuf (which aborts when
 * memory runs out, so appending never fails). */
#ifndef ACCORD_CMD_IMPL_H
#define ACCORD_CMD_IMPL_H

#include <stdio.h>

#include "base.h"
#include "bundles.h"
#include "content.h"
#include "render.h"

/* --- load.c */

/* Loads content directory dir into *c and its keys and bundles into *bs,
 * as 'accord build' does (with bundles_load's flags), writing nothing;
 * problems go to stderr. The caller releases both with state_release
 * whatever the result. Returns 0, or the exit status (1 content problems,
 * 2 unreadable files). */
int state_load(const char *dir, unsigned flags, content *c, bundle_set *bs);
void state_release(content *c, bundle_set *bs);

/* --- build_cache.c: what the last build made each page from, kept beside
 * the site's trees (SITE_CACHE_FILE), so that a rebuild renders only the
 * pages whose inputs changed and takes the others, unread, from the live
 * site. The result is the same site a build without a cache writes. */

enum { PAGE_FINGERPRINT_BYTES = 32 };

/* A page's or file's fingerprint; cached 0 for a page rendered every time.
 * listed: the live site's cache names the file with this fingerprint, and
 * id the identity it had (build_cache_match); kept: it is that file,
 * linked by build_cache_keep. */
typedef struct page_key {
    unsigned char fp[PAGE_FINGERPRINT_BYTES];
    unsigned char cached, listed, kept;
    file_identity id;
} page_key;

/* The digest of everything but the bundles that pages are made from:
 * accord's version and program, content c's directory but bundles/ and
 * keys/, the keys the bundles are verified with as loaded (from keys/ or
 * the roster), and theme t's folder. 0, or -1 when some of it cannot be
 * read (then no page may be taken from the cache). */
int build_inputs_digest(const content *c, const theme *t, const keyring *keys,
                        unsigned char out[PAGE_FINGERPRINT_BYTES]);

/* The key of each of the n jobs (malloc'd, caller frees; NULL when memory
 * runs out) from the inputs digest and bs's bundle inputs. */
page_key *build_page_keys(const content *c, const bundle_set *bs, const page_job *jobs, size_t n,
                          const unsigned char inputs[PAGE_FINGERPRINT_BYTES]);

/* A file of the site that is no page (an agreement bundle): its path, its
 * bytes where they are kept, and its key. */
typedef struct cache_file {
    const char *path;
    const stored_bytes *bytes;
    page_key key;
} cache_file;

/* Reads the cache the live site at site_root holds, line by line (never
 * whole in memory), and marks listed each of the n jobs' keys and of
 * files' whose path it names with the same fingerprint, with the identity
 * it gives. A cache that cannot be read and parsed whole marks none, nor
 * does any when memory runs out. Call it once site_begin has checked the
 * root, which refuses a cache that is not a regular file (a symlink, a
 * FIFO). */
void build_cache_match(const char *site_root, const page_job *jobs, page_key *keys, size_t n,
                       cache_file *files, size_t n_files);

/* Where the site holds each agreement bundle, as <agreement>-r<N>.accord
 * beside its page (the name made.c reads a made one back by). */
#define AGREEMENTS_DIR "private/agreements"

/* The files of the live site's AGREEMENTS_DIR that its cache lists and
 * that the last build made from answers bundles (build_cache_tags): each
 * with its fingerprint and the identity it was left with, by name. */
typedef struct listed_file {
    const char *name; /* in the folder */
    unsigned char fp[PAGE_FINGERPRINT_BYTES];
    file_identity id;
} listed_file;
typedef struct listed_files {
    char *dir;      /* the folder (malloc'd) */
    listed_file *v; /* malloc'd; names in ar */
    size_t n;
    arena ar;
} listed_files;

/* sig_tags.made_unchanged over the listed_files ctx: 1 when the cache
 * lists name with the fingerprint of the bytes whose bytes_sha256 is sha
 * (build_file_key), and the file is still a regular file of the identity
 * noted; else 0. Thread-safe: it only reads l and lstats the file. */
int listed_unchanged(const void *ctx, const char *name, const unsigned char sha[STORED_HASH_BYTES]);
void listed_release(listed_files *l);

/* What a build takes from the last build's cache to load the bundles
 * (build_cache_tags), released with kept_lines_release. */
typedef struct kept_lines {
    checked_set files, made, parsed; /* its sections of lines under the MAC */
    listed_files listed;
} kept_lines;
void kept_lines_release(kept_lines *k);

/* The tags of the signatures the last build saw pass, from the cache at
 * site_root, into *out (out->tags malloc'd: caller frees), and the bundle
 * files it verified, the agreement bundles it made and the answers it
 * parsed into k's sets (release k whatever the result; out->files,
 * out->made and out->parsed point at them when they hold any), when their
 * MAC is the one c's secret gives them with inputs (build_inputs_digest;
 * NULL: none is taken); with made bundles, the cache's lines of their
 * files into k->listed, which out->made_unchanged then asks; out->made_dir
 * is left NULL for the caller. 0, or -1 when there is no cache of this
 * format that holds them (a symlink is not followed). Read before
 * site_begin takes the lock: the cache is replaced by rename, never
 * written in place, a tag that is not the program secret's only costs a
 * check, a file's line is taken only while the file keeps the identity it
 * had, and a made bundle only while its file holds the bytes noted. */
int build_cache_tags(const char *site_root, const content *c,
                     const unsigned char inputs[PAGE_FINGERPRINT_BYTES], sig_tags *out,
                     kept_lines *k);

/* 1 when the file at rel with key k is the live site's file, now linked
 * into w's new tree (k listed, the file untouched since: k->kept set);
 * else 0: write it. Thread-safe for different keys. */
int build_cache_keep(site_writer *w, const char *rel, page_key *k);

/* The key of a file whose bytes are known before it is written (an
 * agreement bundle): from their bytes_sha256, hash. */
void build_file_key(const unsigned char hash[STORED_HASH_BYTES], page_key *k);

/* Writes the cache of w's new tree to SITE_CACHE_FILE in w's temporary
 * directory, in two steps, line by line (never whole in memory).
 * build_cache_begin, once bs is loaded: with c's secret and inputs (NULL:
 * none), the lines of the bundle files bs's load verified and of the
 * agreement bundles it made and of the answers it parsed, under their MAC
 * (bs->checked, bs->made and bs->parsed
 * are then no longer needed), and the tags of the signatures
 * it saw pass; the open stream, or NULL with errno set.
 * build_cache_finish, once every file is written: each cached job's and
 * each of files' fingerprint and the identity of its file as written, or
 * as the last build's cache had it for a file kept (moving the tree keeps
 * it); it closes out (NULL: returns -1). site_commit then moves the cache
 * beside the trees. 0, or -1 with errno set (what was written is removed
 * with the temporary directory). */
FILE *build_cache_begin(const site_writer *w, const bundle_set *bs, const content *c,
                        const unsigned char *inputs);
int build_cache_finish(FILE *out, const site_writer *w, const page_job *jobs, const page_key *keys,
                       size_t n, const cache_file *files, size_t n_files);

/* Removes the site's cache before its trees are swapped, so that no cache
 * ever names files of another build. 0, or -1 with errno set (then the
 * next build renders every page all the same, when the file is
 * unreadable, or fails the site check, when it is of the wrong type). */
int build_cache_forget(const char *site_root);

/* --- changed.c */

/* Warns, at the agreement's line of people.xml, about each agreement of ps
 * whose open revision was answered against an earlier version of its
 * questionnaire (agreement_questionnaire_changed): what it means and how
 * to move it to the new version. Returns how many it warned about. */
int warn_questionnaire_changes(const content *c, const program_state *ps, diag *d);

/* Checks answers a as accord sign takes them, storing in *eff (in ar, or
 * borrowed from bs) the questionnaire to sign them with: the agreement's
 * effective questionnaire today, unless bs (may be NULL) holds the open
 * revision a is for, answered against the questionnaire a names
 * (revision_answered_with): then that snapshot, which the mentor's review
 * page carries, and it says so. Returns 0, or -1 after reporting to d. */
int answers_check_signable(const content *c, const bundle_set *bs, const answers *a, arena *ar,
                           effective *eff, diag *d);

/* The day of --as-of arg into out: strictly YYYY-MM-DD, a day of the
 * calendar; today in UTC when arg is NULL. Returns 0, or 2 after saying
 * what is wrong (cmd names the command). */
int as_of_day(const char *cmd, const char *arg, char out[11]);

/* 1 when path (which need not exist yet: its nearest existing ancestor is
 * resolved) is dir or lies inside it, else 0. */
int path_inside(const char *path, const char *dir);

/* 1 when path, resolved as path_inside resolves it, has a folder named
 * "public" among its components (a site's public/ or a folder below it). */
int path_under_public(const char *path);

/* A name for a terminal or a one-line message: s with every control
 * character (C0, DEL, C1) replaced by '?', in ar. */
const char *plain_text(arena *ar, const char *s);

/* --- add_questions.c */

/* accord add of a mentor's questions file: checked against c as the
 * content loader takes it in, then placed as questions/<party>.xml; a file
 * there with other bytes is replaced only with replace. Returns the file's
 * exit status (0 placed or already there, 1 refused or not placed, 2 an
 * I/O error), having said what happened. */
int add_questions(const content *c, const char *file, int replace);

/* --- json.c: JSON text (RFC 8259). */

/* Appends s as a JSON string: quotes, '"', '\\' and the control
 * characters U+0000 to U+001F escaped, everything else (valid UTF-8, as
 * content is checked to be) as it is. NULL appends null. */
void json_string(sbuf *b, const char *s);

/* --- mail.c: one RFC 5322 message, as a draft to open and send. */

typedef struct mail {
    const char *from_name, *from_addr; /* addresses: printable ASCII */
    const char *to_name, *to_addr;
    const char *subject;
    const char *day;        /* YYYY-MM-DD: Date: is 09:00 UTC of that day */
    const char *message_id; /* without <>: printable ASCII, no spaces */
    const char *body;       /* UTF-8 text, lines ended by "\n" */
} mail;

/* Appends m with CRLF line ends: headers folded within 78 characters,
 * display names and the subject as RFC 2047 encoded-words unless they are
 * short printable ASCII, the body quoted-printable in UTF-8, and X-Unsent: 1. */
void mail_write(sbuf *b, const mail *m);

/* 1 when addr can go into a header as it is: printable ASCII. */
int mail_addr_ascii(const char *addr);

/* Appends text wrapped at 72 columns (counting UTF-8 characters) to b,
 * continuation lines indented by indent spaces, then "\n"; runs of spaces
 * in text are one. A word longer than a line (a link) is not broken. */
void mail_wrap(sbuf *b, const char *text, int indent);

/* --- ics.c: an RFC 5545 calendar of one all-day event. */

typedef struct ics_event {
    const char *uid;         /* printable ASCII */
    const char *stamp_day;   /* YYYY-MM-DD: DTSTAMP is 09:00 UTC of that day */
    const char *day;         /* YYYY-MM-DD: the event's day */
    const char *summary;     /* UTF-8 text */
    const char *description; /* UTF-8 text, "\n" between lines */
} ics_event;

/* Appends a VCALENDAR holding e: CRLF lines folded at 75 octets (never
 * inside a UTF-8 character), text escaped. */
void ics_write(sbuf *b, const ics_event *e);

#endif
