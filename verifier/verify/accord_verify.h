/* accord_verify.h - verifying accord bundles offline (bundle_verify says
 * what is checked): the public face of verifier/verify/ (all accord-verify
 * runs). Links libsodium, libzip and libcrypto (SHA-256) only; never writes
 * a file or signs. A function that fails says why in err (VERR_MAX bytes). */
#ifndef ACCORD_VERIFY_H
#define ACCORD_VERIFY_H

#include <errno.h>
#include <stddef.h>

#define VERR_MAX 256

/* Formats a message into err (may be NULL). Returns -1, so that a failing
 * function can end with return verr(err, ...). */
int verr(char *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* SHA-256 of buf[0..len) as 64 lowercase hex digits plus NUL. */
void manifest_sha256(const unsigned char *buf, size_t len, char out[65]);

#define VU_ENOTREG ESPIPE /* vu_read_file's errno for a FIFO, device or socket */

/* Reads the whole regular file at path (at most max bytes) into a malloc'd
 * buffer plus a NUL (caller frees), never blocking: anything but a regular
 * file is refused before a read. 0, or -1 with errno set (EFBIG, EISDIR,
 * VU_ENOTREG or the system's). Every file accord's programs read comes here. */
int vu_read_file(const char *path, size_t max, unsigned char **buf, size_t *len);

/* The words for an errno of vu_read_file. */
const char *vu_read_error(int err);

/* s[0..n) safe for a terminal, into out (cap bytes, at least 4), which it
 * returns: bytes outside printable ASCII and backslashes as \xNN / \\, cut
 * short with "..." where it does not fit (VU_ESCAPED_MAX: a 4 KB path). */
enum { VU_ESCAPED_MAX = 4 * 4096 + 8 };
const char *vu_escape(const char *s, size_t n, char *out, size_t cap);

/* 1 when s[0..n) is UTF-8 with no control character; when s (a C string)
 * starts with an id of n bytes, ^[a-z][a-z0-9-]{0,31}$. */
int vu_printable_utf8(const unsigned char *s, size_t n);
int vu_is_id(const char *s, size_t n);

/* META: "key: value" lines, LF, these keys in this order, once each. */
enum {
    META_FORMAT,
    META_KIND,
    META_PROGRAM,
    META_AGREEMENT, /* "-" for an IDP answers bundle (no agreement) */
    META_REVISION,
    META_ROLE,
    META_PARTY,
    META_QUESTIONNAIRE,
    META_QUESTIONNAIRE_SHA256,
    META_PREVIOUS,
    META_CREATED,
    META_NFIELDS,
    META_VALUE_MAX = 80, /* bytes of one value */
    META_MAX = 2048,     /* bytes of a META file */
};

extern const char *const meta_keys[META_NFIELDS]; /* in META's order */

typedef struct meta {
    char v[META_NFIELDS][META_VALUE_MAX + 1];
} meta;

/* Parses and checks META (keys, order, each value's grammar, previous none
 * exactly for revision 1); meta_check checks values alone. 0 or -1. */
int meta_parse(const unsigned char *buf, size_t len, meta *out, char *err);
int meta_check(const meta *m, char *err);

/* "accord/1" then " key=value" per field in META order, into out. */
enum { META_COMMENT_MAX = sizeof "accord/1" + META_NFIELDS * (22 + META_VALUE_MAX) };
void meta_trusted_comment(const meta *m, char out[META_COMMENT_MAX]);

/* "YYYY-MM-DDTHH:MM:SSZ" to epoch seconds (-1 when malformed) and back. */
long long meta_time_parse(const char *created);
int meta_time_format(long long t, char out[21]);

/* t plus months calendar months, the day clamped to the end of a shorter
 * month (Jan 31 + 1 = Feb 28 or 29); -1 when out of range. */
long long meta_time_add_months(long long t, int months);

enum {
    ZIPREAD_FILE_MAX = 64 * 1024 * 1024,   /* bytes of a whole archive */
    ZIPREAD_MEMBERS_MAX = 256,             /* members of an archive */
    ZIPREAD_MEMBER_MAX = 16 * 1024 * 1024, /* bytes of one member */
    ZIPREAD_NAME_MAX = 255,                /* bytes of a member name */
    ZIPREAD_EXTRA_MAX = 1024,              /* bytes of a header's extra field */
};

typedef struct zipread_member {
    char *name;          /* NUL-terminated, a portable relative path */
    unsigned char *data; /* len bytes plus a NUL not counted */
    size_t len;
} zipread_member;

typedef struct zipread_archive {
    zipread_member *members; /* in archive order */
    size_t n;
} zipread_archive;

/* Reads buf[0..len) into *out (release with zipread_release, also after a
 * failure). Returns 0, or -1 with err set. */
int zipread_mem(const unsigned char *buf, size_t len, zipread_archive *out, char *err);

/* The member called name, or NULL; zipread_release frees every member. */
const zipread_member *zipread_find(const zipread_archive *z, const char *name);
void zipread_release(zipread_archive *z);

enum {
    MS_KEYNUM_BYTES = 8,
    MS_PK_BYTES = 32,
    MS_SIG_BYTES = 64,
    MS_KEY_FILE_MAX = 4096, /* bytes of a key or .minisig file */
    MS_COMMENT_MAX = 1024,  /* bytes of an untrusted or trusted comment */
    KEYRING_MAX = 1000000,  /* keys of a keyring: a bound against a hostile directory */
};

/* A decoded minisign public key: "Ed" | keynum | Ed25519 key. */
typedef struct ms_pubkey {
    unsigned char sig_alg[2];
    unsigned char keynum[MS_KEYNUM_BYTES];
    unsigned char pk[MS_PK_BYTES];
} ms_pubkey;

/* The key ID as minisign prints it (16 uppercase hex digits). */
void ms_keyid(const unsigned char keynum[MS_KEYNUM_BYTES], char out[17]);

/* The keys a verification trusts: those its caller names, never a key in a
 * bundle. Sorted by key number: finding one is a binary search. */
typedef struct keyring_entry {
    char party[33]; /* "" for a key trusted for any party (-p) */
    ms_pubkey pk;
    char *path; /* malloc'd */
} keyring_entry;

/* How a keyring's signatures are verified: Ed25519 with the contract of
 * libsodium's crypto_sign_verify_detached (0: valid), plus a ctx. */
typedef struct ed25519_verifier {
    int (*verify)(void *ctx, const unsigned char *sig, const unsigned char *m,
                  unsigned long long mlen, const unsigned char *pk);
    void *ctx;
} ed25519_verifier;

typedef struct keyring {
    keyring_entry *entries;
    size_t n, cap;
    const ed25519_verifier *ed25519; /* NULL: libsodium verifies */
} keyring;

/* An empty keyring; keyring_release frees what the add functions put in. */
#define KEYRING_INIT ((keyring){NULL, 0, 0, NULL})

typedef void (*keyring_problem_fn)(void *ctx, const char *path, const char *why);

/* Adds the key file at path for party (NULL: any party). 0; -1 not a key;
 * -2 unreadable. */
int keyring_add_file(keyring *kr, const char *path, const char *party, char *err);

/* Adds every "<party>.pub" and "<party>.<anything>.pub" of dir for that
 * party; a file that is not a usable key goes to problem (may be NULL) and
 * is left out. Returns how many were, or -1 when dir cannot be read. */
int keyring_add_dir(keyring *kr, const char *dir, keyring_problem_fn problem, void *ctx, char *err);

/* The key with key number keynum trusted for party, else one trusted for
 * any party, else NULL. */
const keyring_entry *keyring_find(const keyring *kr, const char *party,
                                  const unsigned char keynum[MS_KEYNUM_BYTES]);

void keyring_release(keyring *kr);

/* An agreement's countersignatures carry a time no later than this many
 * months after the agreement was created (a fixed rule, no clock). */
enum { SIGNING_MONTHS_MAX = 24 };

typedef enum {
    BUNDLE_VALID,
    BUNDLE_AWAITING, /* an agreement, good so far, not signed by every party */
    BUNDLE_INVALID,
} bundle_outcome;

typedef struct bundle_member_report {
    char *name; /* malloc'd */
    char sha256[65];
    size_t len;
} bundle_member_report;

typedef struct bundle_sig_report {
    char member[128]; /* the signature's member path */
    char party[33];
    char keyid[17];
    char trusted[MS_COMMENT_MAX + 1]; /* signer-supplied: escape to print */
    int ok;
    int countersign;    /* an agreement's top-level signatures/<party>.minisig */
    char signed_at[21]; /* countersignatures: the time after " signed=", else "" */
} bundle_sig_report;

typedef struct bundle_report {
    bundle_outcome outcome;
    char reason[VERR_MAX]; /* why it is invalid, or whom it awaits */
    int have_meta;
    meta meta;
    char digest[65]; /* the bundle digest: SHA-256 of MANIFEST, or "" */
    bundle_member_report *members;
    size_t n_members;
    bundle_sig_report *sigs;
    size_t n_sigs;
    char awaiting[2][33]; /* verified agreements: who has not signed, mentee first */
    size_t n_awaiting;
} bundle_report;

/* Verifies buf[0..len) against kr into *out (always bundle_report_release it).
 * - Answers: exactly META, answers.xml, questionnaire.xml, MANIFEST and
 *   signatures/<party>.minisig with META's trusted comment.
 * - Agreement (party "mentee,mentor"): META, questionnaire.xml,
 *   agreement.html, each party's whole answers bundle under parties/<id>/
 *   (verified as above with that very party's key; role mentee, and
 *   mentor for the final answers; program, agreement, revision,
 *   questionnaire, its digest and previous the agreement's; created the
 *   later of theirs; so both snapshots hash as its questionnaire.xml),
 *   MANIFEST, and signatures/<id>.minisig per party who countersigned
 *   (META's comment + " signed=<UTC time>", from created to
 *   SIGNING_MONTHS_MAX months after): valid when both have, awaiting when
 *   fewer have and every one holds. It cannot render, so it does not check
 *   that agreement.html says what the answers say (accord's page check).
 * When keep is not NULL and the bundle is not invalid, its members move to
 * *keep (zipread_release it). */
bundle_outcome bundle_verify(const unsigned char *buf, size_t len, const keyring *kr,
                             bundle_report *out, zipread_archive *keep);

void bundle_report_release(bundle_report *r);

/* Checks n verified agreements (any order) are one agreement's revisions
 * 1..N: each valid, previous "none" then the digest of the one before,
 * created increasing (signing times, which signers write, are not
 * compared), the same parties. Calls problem per problem (path NULL: the
 * chain as a whole); returns their number. */
size_t bundle_chain_check(const bundle_report *r, const char *const *paths, size_t n,
                          void (*problem)(void *ctx, const char *path, const char *msg), void *ctx);

/* The program's ledger: index and roster. */
enum {
    LEDGER_INDEX_MAX = 64 * 1024 * 1024,   /* bytes of index.txt */
    LEDGER_ROSTER_MAX = 128 * 1024 * 1024, /* bytes of a roster file (a million key lines) */
    LEDGER_FIELD_MAX = 66,                 /* bytes of an index field ("h:" + 64 hex) */
};

/* One index line "SEQ PREV KIND FIELDS..." (kind roster, bundle or signature;
 * PREV is checked, not kept); hash is the SHA-256 of the line with its LF. */
typedef struct ledger_entry {
    long seq;
    char hash[65], kind[10];
    char f[4][LEDGER_FIELD_MAX + 1];
    int nf;
} ledger_entry;

typedef struct ledger_index {
    ledger_entry *e; /* malloc'd; e[i].seq == i + 1 */
    size_t n;
    size_t *by_last; /* malloc'd: the places in e of the first n_sorted entries, in the
                        order of their last field (a SHA-256), kind, then seq */
    size_t n_sorted; /* entries appended since the last sort are in no search */
} ledger_index;

/* Parses index.txt: lines LF-ended, SEQ 1, 2, ..., PREV the hash of the
 * line before (64 zeros first), each kind's fields, entry 1 roster revision
 * 1, roster revisions counting up; sorts the entries into by_last. -1 with
 * *line the bad line; release *out either way. */
int ledger_index_parse(const unsigned char *buf, size_t len, ledger_index *out, long *line,
                       char *err);
void ledger_index_release(ledger_index *ix);

/* Sorts all of ix's entries into by_last (after appends). 0, or -1 when
 * out of memory (ix unchanged). */
int ledger_index_sort(ledger_index *ix);

/* The SEQ of ix's first sorted entry of kind whose last field is sha, or 0
 * (also for sha NULL): a binary search of by_last. */
long ledger_index_first(const ledger_index *ix, const char *kind, const char *sha);

/* A party's key: valid after index entry from, until entry revoked_at (0:
 * never) for reason (lost, compromised, replaced or left). */
typedef struct roster_key {
    char party[33];
    ms_pubkey pk;
    long from, revoked_at;
    char reason[12];
} roster_key;

/* A roster revision. previous: the SHA-256 of the revision before, or
 * "none". has_program_key (line 5 "program-key KEYID BASE64"): the program
 * key in force for every index entry after this revision's. */
typedef struct ledger_roster {
    char program[33], previous[65];
    long revision;
    int has_program_key;
    ms_pubkey program_key;
    roster_key *keys; /* malloc'd, sorted by key number (each key ID once) */
    size_t n;
} ledger_roster;

/* Parses a roster file (as ledger_roster_format writes it; a key ID once,
 * a revocation of a listed key after its from). -1 with *line the bad
 * line (0: a key ID listed twice); release *out either way. */
int ledger_roster_parse(const unsigned char *buf, size_t len, ledger_roster *out, long *line,
                        char *err);
void ledger_roster_release(ledger_roster *r);

/* Adds every key of r (revoked ones too) to kr for its party. 0 or -1. */
int ledger_roster_keyring(const ledger_roster *r, const char *path, keyring *kr, char *err);

/* Verifies a ledger file's .minisig over msg with the program key pk: 0 or -1. */
int ledger_sig_verify(const unsigned char *sig, size_t siglen, const ms_pubkey *pk,
                      const unsigned char *msg, size_t len, char *err);

/* Validity by order of a verified bundle of r->program: each signature
 * counts when its key was added before the entry recording it (a signature
 * entry with the .minisig's SHA-256, or a bundle entry with the digest of
 * the MANIFEST it signs) and not revoked by then; one not in the index
 * counts when all_recorded is 0 and its key is not revoked. 0 or -1. */
int ledger_check_report(const ledger_roster *r, const ledger_index *ix, int all_recorded,
                        const bundle_report *rep, char *err);

#endif
