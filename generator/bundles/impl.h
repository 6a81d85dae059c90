/* impl.h - what the files of the bundles layer share (for the files of bundles/
 * only): an agreement's revisions as the bundles hold them, reading one
 * bundle file, the loader's lists, and placing them into revisions. */
#ifndef ACCORD_BUNDLES_IMPL_H
#define ACCORD_BUNDLES_IMPL_H

#include "bundles.h"

/* A META's values as strings in an arena: how a kept bundle holds its
 * META once checked (a meta is fixed arrays of 891 bytes; its values are
 * short). meta_keep copies m into ar; meta_expand writes s back as the
 * meta the verifier and the signer take. */
typedef struct meta_strings {
    const char *v[META_NFIELDS];
} meta_strings;
void meta_keep(arena *ar, const meta *m, meta_strings *out);
void meta_expand(const meta_strings *s, meta *out);
/* *out pointing into m's values (no copy: valid while m is). */
void meta_borrow(const meta *m, meta_strings *out);

/* The memo of the signature checks a load sees pass (bundles.h), and the
 * keyring's verifier that keeps it: keyed by the program secret when c has
 * one, then holding earlier's tags, else by a random key. NULL when out of
 * memory (passed_sigs_verifier(NULL) is NULL: libsodium verifies alone). */
passed_sigs *passed_sigs_new(const content *c, const sig_tags *earlier);
const ed25519_verifier *passed_sigs_verifier(const passed_sigs *ps);
void passed_sigs_free(passed_sigs *ps);

/* One party's verified answers bundle. */
typedef struct party_answers {
    const char *path;          /* the file it came from (content/bundles/X.accord) */
    const zipread_archive *z;  /* its five members (owned by the bundle_set) */
    meta_strings meta;         /* its META */
    char digest[65];           /* its bundle digest */
    answers ans;               /* its answers.xml */
    const questionnaire *snap; /* its questionnaire.xml, parsed */
    const unsigned char *qxml; /* the snapshot bytes */
    size_t qxml_len;
    const stored_bytes *file; /* an IDP's whole bundle file as it was verified (in the set's
                                 arena) */
    int in_records;           /* it and its META are in the loader's records arena */
} party_answers;

/* A countersignature an agreement bundle holds (signatures/<party>.minisig),
 * as its verification found it: all that is read of that verification
 * once the bundle is fitted (the parties' signatures, the ledger's lines).
 * Strings in an arena. */
typedef struct countersig {
    const char *party, *key_id, *signed_at; /* signed_at: after " signed=", else "" */
    const char *sha256;                     /* of the signature member, or NULL */
    int ok;
} countersig;

/* The countersignatures of verification r, in an array in ar (*n of
 * them; NULL when none). */
const countersig *countersigs_keep(arena *ar, const bundle_report *r, size_t *n);

/* One revision of an agreement. */
typedef struct agreement_rev {
    int revision;
    party_answers *mentee, *mentor; /* NULL when absent */
    const char *source;             /* the agreement bundle's file in content/bundles, or NULL
                                       when this build made it */
    const stored_bytes *bundle;     /* where the agreement bundle's bytes are (its file, or the
                                       set's spool; in the set's arena), or NULL */
    const countersig *countersigs;  /* with bundle: its countersignatures (in the arena) */
    size_t n_countersigs;
    bundle_outcome outcome;      /* with bundle: valid (signed by both) or awaiting */
    const char *digest;          /* with bundle: its bundle digest (in the arena) */
    meta_strings meta;           /* with bundle: its META (in the arena) */
    signature_view signed_by[2]; /* once placed: the parties' countersignatures of bundle
                                    that verified (mentee, mentor; key_id NULL for none) */
    const unsigned char *html;   /* its agreement.html member (inside kept) */
    size_t html_len;
    zipread_archive kept;         /* bundle's members */
    agreement_facts facts;        /* what its page names (the content's for a legacy page) */
    int legacy_page;              /* fully signed, its page made before pages were bound */
    const char *build_problem;    /* why no agreement bundle could be built, or NULL */
    const struct made_note *made; /* made here from two answers bundles: what to note */
} agreement_rev;

typedef struct agreement_info {
    const agreement *ag;
    agreement_rev *revs; /* sorted by revision */
    size_t n_revs, cap_revs;
    agreement_state state;
    int revision;              /* the revision the state is about (0: not started) */
    int next_revision;         /* the revision the forms are for */
    const char *next_previous; /* its previous digest, or NULL for revision 1 */
    unsigned char inputs[BUNDLES_INPUTS_BYTES]; /* bundles_inputs */
} agreement_info;

/* Returns the info of agreement id, or NULL. */
const agreement_info *bundles_info(const bundle_set *bs, const char *agreement_id);

/* Returns the latest revision with a valid (fully signed) agreement bundle,
 * or NULL. */
const agreement_rev *bundles_last_signed(const agreement_info *ai);

/* Returns revision r of ai, or NULL. */
const agreement_rev *bundles_rev(const agreement_info *ai, int r);

/* The view of revision rev (both parties' answers present) under agreement
 * META m (its bundle's, or the one a new bundle will carry). */
void bundles_view(const agreement_info *ai, const agreement_rev *rev, const meta_strings *m,
                  agreement_view *v);

/* A verified agreement bundle as found in content/bundles/. */
typedef struct copy_in {
    const char *path;
    agreement_info *ai;
    int revision;
    char digest[65];
    zipread_archive *z;     /* kept in the set */
    meta_strings meta;      /* its META (in the loader's arena) */
    bundle_outcome outcome; /* valid (signed by both) or awaiting signatures */
    /* canonical: the file's bytes are exactly what merging this copy alone
     * writes (verified_file.canonical); then countersigs are those its
     * verification found, so that a revision of this one copy reads the
     * file again and, when it still has file_hash, takes it as it is
     * instead of merging and verifying it again */
    int canonical;
    const countersig *countersigs; /* in the loader's arena */
    size_t n_countersigs;
    unsigned char file_hash[BUNDLES_INPUTS_BYTES]; /* bytes_sha256 of the bytes verified */
    size_t file_len;                               /* and their length */
    int set_aside;    /* z emptied until placing needs it (unpack_again reads it then) */
    const char *name; /* in bundles/ (bundles_load's) */
    int parsed;       /* parsed_how: placed as its revision's one copy, its page bound and
                         naming what the content says (parsed.c notes it) */
} copy_in;

/* A verified answers bundle, or the answers embedded in an agreement. */
typedef enum {
    PARSED_NO,    /* not parsed, or its answers do not fit */
    PARSED_HERE,  /* parsed by this build, and they fit */
    PARSED_TAKEN, /* taken as the last build parsed them (parsed_find) */
} parsed_how;
typedef struct answers_in {
    party_answers *pa;
    agreement_info *ai;
    const char *name;                              /* in bundles/ (bundles_load's) */
    zipread_archive *kept;                         /* pa->z, as the set keeps it */
    unsigned char file_hash[BUNDLES_INPUTS_BYTES]; /* bytes_sha256 of the bytes verified */
    int set_aside;     /* kept emptied until placing needs it (answers_unpacked; cleared then) */
    parsed_how parsed; /* placing it set this */
} answers_in;

/* One loader reads the files in order on one thread; placing agreements
 * runs on several (place_all), each with a loader of its own whose ar and
 * d are that thread's. Anything of the set more than one agreement uses
 * (the snapshot list, the spool) is read and written under lock_shared. */
typedef struct loader {
    const content *c;
    bundle_set *bs;
    const page_binder *pages;
    const keyring *kr;
    arena *ar; /* where this loader allocates: the set's, or its thread's */
    /* with BUNDLES_STATE_ONLY, while placing: where parties' answers are
     * parsed, to be set aside once their agreement is placed
     * (set_answers_aside); NULL: they are parsed into ar and held */
    arena *items;
    /* where read_bundle keeps what it makes of answers bundles (their
     * party_answers and META) until they are placed: place_agreement
     * copies those its revisions hold into ar; NULL: they go into ar */
    arena *records;
    diag *d;
    int parse_later; /* read_bundle leaves answers bundles to parse_answers */
    unsigned flags;  /* bundles_load's */
    /* with BUNDLES_NOTE_CHECKED: note_made set, and the agreement bundles
     * the last build made and the folder it wrote them to (sig_tags),
     * else NULL */
    int note_made;
    const checked_set *made;
    const char *made_dir;
    int (*made_unchanged)(const void *ctx, const char *name,
                          const unsigned char sha[STORED_HASH_BYTES]);
    const void *made_unchanged_ctx;
    /* with BUNDLES_NOTE_CHECKED: the answers bundle files the last build
     * parsed (sig_tags), else NULL */
    const checked_set *parsed;
    copy_in *copies;
    size_t n_copies, cap_copies;
    answers_in *answers;
    size_t n_answers, cap_answers;
} loader;

/* What read_bundle made of one file. */
typedef enum {
    READ_UNREADABLE, /* could not be read (reported by the caller) */
    READ_REFUSED,    /* *why says why */
    READ_IDP,        /* a mentee's IDP answers: answers->pa (answers->ai NULL) */
    READ_COPY,       /* an agreement bundle: *copy */
    READ_ANSWERS,    /* an answers bundle: *answers */
} read_outcome;

/* A bundle file read and verified (ahead.c), before it is fitted to the
 * content. */
typedef struct verified_file {
    const char *path;
    int read_errno; /* 0: read; else why not (EFBIG: larger than a bundle can be) */
    unsigned char *buf;
    size_t len;
    bundle_outcome outcome;
    bundle_report rep;
    zipread_archive z; /* when not invalid: its members, until the set keeps them */
    int z_taken;       /* z moved into the set */
    int canonical;     /* an agreement bundle whose bytes are what merging it alone writes */
    unsigned char file_hash[BUNDLES_INPUTS_BYTES]; /* bytes_sha256 of buf, when not invalid */
    file_stamp stamp; /* the file's identity while it was read, when settled */
    int settled;      /* stamp holds: unchanged while read, and for a while before */
    int from_cache;   /* taken from an earlier build's line (checked_take): nothing read,
                         z empty, rep its outcome, META, digest and countersignatures */
    const char *line; /* from_cache: that line, its newline included (the set's) */
    size_t line_len;
} verified_file;

/* Reads the file at path and verifies it against kr into *v (release with
 * verified_file_release). With now (the load's start, in seconds since
 * the epoch; 0: none) it also notes the file's stamp when the file is
 * settled (checked_settled). Thread-safe. */
void verify_file(const keyring *kr, const char *path, long long now, verified_file *v);
void verified_file_release(verified_file *v);

/* The identity of the regular file at path. 0, or -1. */
int checked_identity(const char *path, file_stamp *out);

/* 1 when a and b are the same identity. */
int checked_same(const file_stamp *a, const file_stamp *b);

/* 1 when a file with identity id last changed more than a few seconds
 * before now: a change after it was read cannot leave it the same stamp. */
int checked_settled(const file_stamp *id, long long now);

/* The parts of a cache line, for checked.c and made.c: checked_split
 * splits line (its newline removed) in place at tabs into at most max
 * fields and returns their number, or max + 1 when there are more;
 * checked_number reads a decimal number (digits only, no overflow) and
 * checked_hex32 exactly 64 hex digits into 32 bytes: 0, or -1. */
size_t checked_split(char *line, char **field, size_t max);
int checked_number(const char *s, unsigned long long *v);
int checked_hex32(const char *s, unsigned char out[BUNDLES_INPUTS_BYTES]);

/* Appends the line of v (verified as bundles/name, accepted; or taken
 * from an earlier line, which it copies) to out; none for a file not
 * settled, an IDP's, or a name or field a line cannot carry. */
void checked_note(sbuf *out, const char *name, const verified_file *v);

/* *v as s's line for name says, when s has one and the file at path still
 * has its stamp (v->from_cache). 0, or -1: verify the file (verify_file
 * fills *v anew). Thread-safe: s is only read. */
int checked_take(const checked_set *s, const char *name, const char *path, verified_file *v);

/* The files of paths (n, in the order the loader takes them), read and
 * verified on worker_threads() threads at most a window ahead of the
 * loader. ahead_take waits for file i (verifying it on the caller's thread
 * when no worker has begun it) and returns it for the caller to use and
 * release (verified_file_release) before it takes the next: files must be
 * taken in order, and a file's place is reused for one a window later.
 * ahead_stop joins the threads and releases what was not taken. A file
 * known has a line for is taken from it unread while unchanged
 * (checked_take; known NULL: none); now is verify_file's. NULL from
 * ahead_start: out of memory. */
typedef struct ahead ahead;
ahead *ahead_start(const keyring *kr, const char *const *paths, size_t n, const checked_set *known,
                   long long now);
verified_file *ahead_take(ahead *a, size_t i);
void ahead_stop(ahead *a);

/* An agreement bundle made here from two answers bundles: what the next
 * build needs to take the bytes it leaves in the site instead of making
 * them again (made.c). */
typedef struct made_note {
    unsigned char from[2][BUNDLES_INPUTS_BYTES]; /* bytes_sha256 of the mentee's and the
                                                    mentor's answers bundle files */
    unsigned char sha[BUNDLES_INPUTS_BYTES];     /* bytes_sha256 of what was made */
    size_t len;
    int taken;  /* taken from the site, not made again */
    int unread; /* and left unread there (made_found) */
} made_note;

/* The agreement bundle L->made notes for revision r of agreement id, made
 * from answers bundle files whose bytes_sha256 are from (mentee's,
 * mentor's), as L->made_dir holds it. */
typedef struct made_found {
    char *path;           /* its file (malloc'd; the caller frees) */
    unsigned char *bytes; /* as read (malloc'd; the caller frees), or NULL: left unread, since
                             L->made_unchanged vouched for the file */
    size_t len;
    char digest[65];                         /* its bundle digest */
    unsigned char sha[BUNDLES_INPUTS_BYTES]; /* bytes_sha256 of its bytes */
} made_found;

/* Fills *out and returns 1 when there is such a line and the file holds
 * those bytes: vouched for, or read and hashed; else 0 (then it is made
 * again). Thread-safe. */
int made_find(const loader *L, const char *id, int r,
              const unsigned char from[2][BUNDLES_INPUTS_BYTES], made_found *out);

/* What parsing a party's answers found in the last build, beyond what
 * META and the snapshot give (parsed.c). */
enum { PARSED_SAVED_MAX = 64 };
typedef struct parsed_party {
    char created[META_VALUE_MAX + 1]; /* embedded in an agreement: its META's; else "-" */
    char digest[65];                  /* embedded: its bundle digest; else "-" */
    char saved[PARSED_SAVED_MAX + 1]; /* the time they were saved */
    long line;                        /* of <answers> */
    size_t answers_len;               /* of its answers.xml */
    unsigned char answers_sha[BUNDLES_INPUTS_BYTES];
} parsed_party;

/* Fills out[0..n) and returns 1 when L->parsed notes that the answers of
 * the n parties of bundle file name (bytes with file_hash; n is 1 for an
 * answers bundle, 2 for an agreement bundle) fit; else 0 (parse them).
 * Thread-safe. */
int parsed_find(const loader *L, const char *name,
                const unsigned char file_hash[BUNDLES_INPUTS_BYTES], parsed_party *out, size_t n);

/* Appends to bs->parsed a line for each of an[0..na) and cp[0..nc) parsed
 * and found to fit by this build or taken as the last found them, in name
 * order, and counts them (bs->n_parsed, bs->parsed_taken). 0, or -1 out
 * of memory (bs->parsed left empty). */
int parsed_lines(bundle_set *bs, const answers_in *an, size_t na, const copy_in *cp, size_t nc);

/* Makes the agreement bundle of revision rev of ai (both answers, no
 * bundle yet), or, noting (L->note_made), takes the one the last build
 * made from the same answers bundle files, an[0..na) holding the
 * agreement's (made.c). Returns 0 (made, or why not in
 * rev->build_problem), or -1 after reporting. */
int make_agreement(loader *L, agreement_info *ai, agreement_rev *rev, answers_in *an, size_t na);

/* Moves the unpacked members of z to rev (rev->kept) and points rev's
 * page at their agreement.html (adopt.c). */
void keep_members(agreement_rev *rev, const zipread_archive *z);

/* Where bytes b (malloc'd; taken over) of a bundle merged or made by
 * the build are kept: the set's spool, or, when no temporary file can be written
 * (set_spool_put), the loader's arena. */
const stored_bytes *keep_bytes(loader *L, unsigned char *b, size_t len);

/* Verifies bytes b (malloc'd; taken over) again into rev (adopt.c): the
 * merged or made archive is what the site shows (kept with keep_bytes). Returns 0,
 * or -1 with why set. */
int adopt_bundle(loader *L, agreement_rev *rev, unsigned char *b, size_t len, char *why);

/* Appends to bs->made a line for each revision of bs's agreements with a
 * made_note, in name order, and counts them (bs->n_made, bs->made_taken,
 * bs->made_unread).
 * 0, or -1 out of memory (bs->made left empty). */
int made_lines(bundle_set *bs);

/* Fits the verified file v to the content (kept archives and strings go
 * into L->bs; v's archive when kept, v->z_taken). The caller releases v. */
read_outcome read_bundle(loader *L, verified_file *v, copy_in *copy, answers_in *ans,
                         const char **why);

/* With BUNDLES_STATE_ONLY, read_bundle sets the members of the copies
 * and answers bundles it keeps aside (their archives emptied), so that
 * they are not all held at once: each is unpacked again from its file, on
 * the thread that places its agreement, when it is read there (an answers
 * bundle that the agreement bundle carries never is), and released once
 * the agreement is placed.
 * unpack_again reads path into z (empty) when its bytes still have the
 * file_hash (bytes_sha256) of those verified, sharing the snapshot as
 * read_bundle does (snapshot_sha256: its META's). 0, or -1 after reporting
 * to L->d (a file changed or removed since it was verified stops the
 * load). */
int unpack_again(loader *L, const char *path, const unsigned char *file_hash,
                 const char *snapshot_sha256, zipread_archive *z);

/* Reads the answers and snapshot of answers bundle pa, which read_bundle
 * kept (its z, path, META and digest, its snapshot bytes shared with the
 * set's) without parsing them, and checks them against META and each
 * other. NULL, or why the bundle is refused. */
const char *parse_answers(loader *L, party_answers *pa);

/* The answers of answers bundle file a as parse_answers gives them: taken
 * as the last build parsed them when it noted the same bytes
 * (parsed_find) and their snapshot's bytes are known (in the set, or the
 * content's effective questionnaire for their agreement), without
 * unpacking the file again, else unpacked (answers_unpacked) and parsed;
 * sets a->parsed. Returns NULL when they fit, else the reason; *failed is
 * set when the file could not be unpacked again (reported to L->d). */
const char *fit_answers(loader *L, answers_in *a, int *failed);

/* Fills *rev with agreement copy cp as its revision's one copy is placed,
 * without reading its file, when the last build noted that the same bytes
 * were placed so, their page bound and naming what the content says
 * (parsed_find): its bytes are the file's, what verifying it found is
 * cp's, and its parties' answers are taken as parsed (their META the
 * agreement's with their own kind, role, party and created). 0, or -1:
 * unpack it and place it then. */
int copy_noted(loader *L, const copy_in *cp, agreement_rev *rev);

/* Unpacks a's file again when read_bundle set it aside and nothing has
 * since (unpack_again). 0, or -1 after reporting to L->d. */
int answers_unpacked(loader *L, answers_in *a);

/* Reads both parties' answers embedded in agreement archive z (verified;
 * meta m) into out[0] (mentee) and out[1] (mentor), their z views pointing
 * into z. Returns NULL, or the reason they do not fit. */
const char *read_embedded(loader *L, agreement_info *ai, const zipread_archive *z, const char *path,
                          party_answers *out[2]);

/* The agreement of META m in the content, with its parties in their roles:
 * returns it, or NULL with *why set. */
agreement_info *fit_content(loader *L, const meta *m, const char **why);

/* Why revision r of ai cannot take a bundle naming previous, made at
 * created (YYYY-MM-DDTHH:MM:SSZ) (NULL: it can; the reason in ar): r - 1
 * must have an agreement bundle signed by both parties whose digest
 * previous is, and when the agreement ended, created (unless NULL) must
 * fall on or before that day. */
const char *chain_problem(arena *ar, const agreement_info *ai, int r, const char *previous,
                          const char *created);

/* Appends b[0..len) to bs's spool under lock_shared, described in *out.
 * 0, or -1 when no temporary file can be written: bs->spool_failed and
 * spool_errno then say so (for bundles_load to tell) and no later put is
 * tried. */
int set_spool_put(bundle_set *bs, const unsigned char *b, size_t len, stored_bytes *out);

/* The lock of what the files of this layer share across threads: every
 * set's snapshot list and spool. */
void lock_shared(void);
void unlock_shared(void);

/* Why the agreement bundle of rev (adopted: verified, kept and both parties
 * read) cannot stand: its page not bound to its answers, or, before both
 * have signed, facts the content no longer says. Sets rev->facts and
 * rev->legacy_page. NULL: it stands. */
const char *check_page(loader *L, agreement_info *ai, agreement_rev *rev);

/* A checkpoint kept as LEDGER_CHECKPOINTS/NNNNNNNN.txt: the entries N it
 * names and, once a proof needed it, its line and signature when both
 * check (read once, in the set's arena; line NULL when they do not). */
typedef struct kept_checkpoint {
    long entries;
    int read;
    const unsigned char *line, *sig;
    size_t len, sig_len;
} kept_checkpoint;

/* The kept checkpoints, ascending (malloc'd; NULL when none can be
 * listed), their number in *n; then each view's indexed_at and, when one
 * is kept at or after it, its checkpoint (proof.c). Nothing without a
 * ledger. */
kept_checkpoint *ledger_kept_checkpoints(const ledger_state *lg, size_t *n);
void ledger_proofs(const ledger_state *lg, kept_checkpoint *kept, size_t n_kept, revision_view *v,
                   size_t n, arena *ar);

/* Fills bs->state from bs->info (views into bs; in its arena). */
void fill_state(bundle_set *bs);

/* Places every copy and answers bundle of L into its agreement's revisions,
 * revision by revision, and builds the agreement bundles that are due,
 * agreements on several threads (place_all.c), what each reports printed
 * in the agreements' order. Returns 0, or -1 after reporting to L->d (out
 * of memory, a page that cannot be made). */
int place_all(loader *L);

/* Places everything of agreement ai (place.c): copies cp[0..nc) and
 * answers an[0..na), each sorted by revision (the answers not parsed yet:
 * each is unpacked again when set aside and parse_answers'd once its
 * revision's copies are placed, and refused when it does not parse; one
 * that the agreement bundle placed carries byte for byte is neither),
 * touching no other agreement; allocates in L->ar, reports to L->d. The
 * answers bundles its revisions hold are copied out of L->records (even
 * when it fails), so that L->records can be released once every agreement
 * is placed: nothing reads the others again. 0, or -1 after reporting. */
int place_agreement(loader *L, agreement_info *ai, copy_in *cp, size_t nc, answers_in *an,
                    size_t na);

/* The orders place_all sorts the copies and answers in: by agreement, then
 * revision (then digest and file, or file). */
int cmp_copy(const void *a, const void *b);
int cmp_answers(const void *a, const void *b);

/* Keeps z (moved) in the set; returns the kept copy. release_archive frees
 * a kept archive's members but those it shares with the set (a snapshot). */
zipread_archive *keep_archive(bundle_set *bs, zipread_archive *z);
void release_archive(const bundle_set *bs, zipread_archive *z);

#endif
