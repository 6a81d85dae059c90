/* bundles.h - the bundles an admin received (content/bundles/NAME.accord),
 * verified with the verifier library against content/keys/ and sorted into
 * each agreement's revisions.
 *
 * Every bundle is verified before anything of it is used; a bundle that does
 * not verify, or does not fit the content, is refused with its reason and
 * never rendered. Answers are read against the questionnaire snapshot inside
 * their bundle, never today's questionnaire file. Revisions are taken in
 * order: revision N (> 1) is accepted only when its previous is the digest
 * of revision N-1's agreement bundle, signed by both parties. An agreement
 * bundle is accepted only when its page is bound to its answers (through
 * a page_binder: this layer does not include the renderer). Includes
 * content, keys, base and the verify and sign libraries.
 */
#ifndef ACCORD_BUNDLES_H
#define ACCORD_BUNDLES_H

#include <stddef.h>

#include "accord_sign.h"
#include "content.h"

struct agreement_info;

/* The program's ledger (README "Program key, roster and index"), when
 * program.xml names a program key: its index, the latest roster, and what
 * a command appends before ledger_commit writes it. */
enum { LEDGER_INDEX_KEY_BYTES = 32 }; /* DIR/ledger/index-key, in base64 on one line */

typedef struct ledger_state {
    int present;           /* program.xml names a program key */
    char *dir;             /* DIR/ledger (malloc'd) */
    ms_pubkey program_key; /* the first program key, as the key file names it */
    struct ledger_key {
        long after;   /* in force for index entries after this one (a roster's) */
        ms_pubkey pk; /* as that roster's program-key line names it */
    } * keys;         /* each change of the program key, in index order (malloc'd) */
    size_t n_keys;
    char *text; /* index.txt's bytes, then what is appended (malloc'd) */
    size_t len, cap;
    size_t written;       /* bytes of text already in index.txt */
    ledger_index ix;      /* text parsed */
    size_t ix_cap;        /* room known in ix.e for appends (ix.n or more: grown when not) */
    ledger_roster roster; /* the latest revision */
    char roster_path[300];
    unsigned char index_key[LEDGER_INDEX_KEY_BYTES]; /* once ledger_name has read it */
    int index_key_read;
} ledger_state;

/* Loads the ledger of c into *lg (release with ledger_release): nothing
 * when program.xml names no program key; otherwise the first key,
 * index.txt (its chain), every roster entry's roster file in order (its
 * SHA-256, its signature by the program key in force at its entry, its
 * revision, previous and program; a program-key line changes the key for
 * the entries after it), and checkpoint.txt naming the whole index with
 * its signature by the key in force at its last entry. Each problem goes to d
 * as "FILE:LINE: ..."; returns 0, or -1 after reporting. With init set, a
 * ledger without an index yet is no error (roster init makes it). */
int ledger_load(const content *c, int init, ledger_state *lg, diag *d);
void ledger_release(ledger_state *lg);

/* Frees lg's copy of index.txt's bytes, which only ledger_append and
 * ledger_commit need: for a load that will not append to the index. */
void ledger_drop_text(ledger_state *lg);

/* The program key in force at index entry seq: the one the last roster
 * before seq names with a program-key line, else the first. */
const ms_pubkey *ledger_key_at(const ledger_state *lg, long seq);

/* How the index names id (an agreement id or a party): as it is with
 * names="public", else "h:" and the hex of BLAKE2b-256 of id keyed with
 * the 32 bytes of DIR/ledger/index-key (read once, kept in lg). 0, or -1
 * when the index key cannot be read (reported to d). */
int ledger_name(const content *c, ledger_state *lg, const char *id, char out[70], diag *d);

/* Appends the entry "SEQ PREV kind fields" (fields space-separated, made
 * by the caller) to lg in memory, checked as the index is. 0 or -1. */
int ledger_append(ledger_state *lg, const char *kind, const char *fields, diag *d);

/* Writes what was appended: index.txt replaced atomically by its old bytes
 * followed by the new lines, then checkpoint.txt and its .minisig signed
 * with the program's decrypted secret key sk (which must be the
 * program key in force at the index's last entry), and a copy of both kept for good as
 * LEDGER_CHECKPOINTS/NNNNNNNN.txt and .minisig (N the entries it names),
 * so that each bundle's page can show the checkpoint that first listed
 * it. 0, or the exit status (1 or 2) after reporting. */
#define LEDGER_CHECKPOINTS "checkpoints"
int ledger_commit(const content *c, ledger_state *lg, const ms_seckey *sk);

/* A questionnaire snapshot as bundles carry it: one copy of each distinct
 * bytes, which the bundles kept point at, parsed and checked once, when
 * the first answers to it are (in the set's arena). */
typedef struct snapshot {
    char sha256[65];        /* of xml */
    const questionnaire *q; /* NULL until parsed (or when it does not parse) */
    const unsigned char *xml;
    size_t len;
    struct snapshot *next;
} snapshot;

/* Signature checks an earlier build saw pass, as tags (passed_sigs.c): n
 * of PASSED_SIG_TAG_BYTES bytes each, one after another. */
enum { PASSED_SIG_TAG_BYTES = 32 };
typedef struct sig_tags {
    const unsigned char *tags;
    size_t n;
    /* the bundle files the last build verified (checked_parse), their
     * outcomes taken for files found unchanged (NULL: none); bundles_load
     * releases it once it has taken every file */
    struct checked_set *files;
    /* the agreement bundles the last build made from two answers bundles
     * (made.c says what a line holds; NULL: none; bundles_load releases
     * it once every agreement is placed), and the folder of the site it
     * wrote them to, where the same bytes are taken instead of being made
     * again while they still have the SHA-256 noted */
    struct checked_set *made;
    const char *made_dir;
    /* 1 when the file name in made_dir holds, unread, the bytes whose
     * bytes_sha256 is sha: ctx's owner vouches for it (the identity the
     * last build left it with is unchanged, under its line naming those
     * bytes), so it is taken without being read; whoever reads it later
     * checks that SHA-256 (stored_read). NULL: every such file is read and
     * hashed. Thread-safe. */
    int (*made_unchanged)(const void *ctx, const char *name,
                          const unsigned char sha[STORED_HASH_BYTES]);
    const void *made_unchanged_ctx;
    /* the answers bundle files the last build parsed (parsed.c says what a
     * line holds; NULL: none), their answers taken as parsed for the same
     * bytes; bundles_load releases it once every agreement is placed */
    struct checked_set *parsed;
} sig_tags;

/* Where bundles_load gets what the last build noted: once the keys that
 * verify this build's bundles are loaded, and before any bundle is read,
 * it calls get(keys, ctx), which returns it (NULL: nothing), its owner
 * keeping it until bundles_load returns. Whoever noted it bound it to
 * those keys, so get is handed them. */
typedef struct earlier_source {
    const sig_tags *(*get)(const keyring *keys, void *ctx);
    void *ctx;
} earlier_source;

/* What a build found verifying each bundle file, so that the next build
 * takes an unchanged file's outcome without reading it: one line a file
 * (checked.c says what a line holds), parsed into a checked_set. A line
 * is taken only when the file still has the identity it had when read
 * (device, inode, size, modification and status-change times), which is
 * noted only for a file unchanged for some seconds before it was read;
 * whatever reads its bytes again checks them (placing its agreement
 * from them, the whole file against the SHA-256 noted; a page that shows
 * answers taken as parsed, their member against the SHA-256 parsed.c
 * notes), and the build stops when they differ. The lines are kept under
 * checked_mac, keyed by the program secret and bound to the build's other
 * inputs: a changed key, roster or accord makes them void. */
typedef struct file_stamp {
    unsigned long long dev, ino, size;
    long long mtime_sec, ctime_sec;
    long mtime_nsec, ctime_nsec;
} file_stamp;
typedef struct checked_set {
    char *text;        /* the lines (malloc'd) */
    const char **line; /* where each starts, in name order (malloc'd) */
    size_t n;
} checked_set;
enum { CHECKED_MAC_BYTES = 32 };

/* Takes text (malloc'd, NUL-terminated: n lines, each ending in a
 * newline, in strictly increasing order of their names, a name being what
 * comes before a line's first tab) into *out (release it whatever the
 * result). A line is parsed when its name is looked up. 0, or -1 when
 * text is not n such lines. */
int checked_parse(char *text, size_t n, checked_set *out);
void checked_release(checked_set *s);

/* The line of name in s (s may be NULL), or NULL: a binary search. */
const char *checked_line(const checked_set *s, const char *name);

/* The MAC of the n sections of lines a build keeps for the next
 * (bundle files, made bundles, parsed answers; each may be NULL: none),
 * in that order, under secret (secret_len bytes), bound to inputs (a
 * digest of every other input of the build). */
void checked_mac(const unsigned char *secret, size_t secret_len, const unsigned char *inputs,
                 size_t inputs_len, const sbuf *const *sections, size_t n,
                 unsigned char mac[CHECKED_MAC_BYTES]);
typedef struct passed_sigs passed_sigs;

/* The verified bundles of a content directory. */
typedef struct bundle_set {
    program_state state;         /* what they say of each agreement */
    struct agreement_info *info; /* the same as this layer keeps it, one per agreement */
    size_t n;
    int have_bundles;           /* content/bundles/ exists */
    zipread_archive **archives; /* every kept archive, released with the set */
    size_t n_archives, cap_archives;
    keyring keys;                /* the latest roster's keys with a ledger, else content/keys/
                                    (bundles_load_keys) */
    ledger_state ledger;         /* the program's ledger (present 0 without one) */
    struct party_answers **idps; /* each mentee's latest IDP answers (malloc'd array) */
    size_t n_idps, cap_idps;
    passed_sigs *passed; /* the signature checks that passed (keys.ed25519 uses it) */
    snapshot *snapshots; /* every distinct snapshot read so far */
    spool spool;         /* the agreement bundles merged or made here, out of memory */
    int spool_failed;    /* no spool could be written: they are kept in ar */
    int spool_errno;     /* why not */
    /* with BUNDLES_NOTE_CHECKED: a line per bundle file verified or taken
     * unread from earlier->files (checked.c), in name order */
    sbuf checked;
    size_t n_checked;
    size_t checked_taken; /* files taken unread */
    /* with BUNDLES_NOTE_CHECKED: a line per agreement bundle made from two
     * answers bundles (made.c), in name order */
    sbuf made;
    size_t n_made;
    size_t made_taken;  /* taken from earlier->made_dir, not made again */
    size_t made_unread; /* of those, left unread there (earlier->made_unchanged) */
    /* with BUNDLES_NOTE_CHECKED: a line per answers bundle file whose
     * answers fit (parsed.c), in name order */
    sbuf parsed;
    size_t n_parsed;
    size_t parsed_taken; /* taken from earlier->parsed, not parsed again */
    arena ar;
} bundle_set;

enum {
    /* bundles_load: leave out keys and bundles that cannot be read (each
     * reported as a warning) instead of stopping */
    BUNDLES_SKIP_UNREADABLE = 1,
    /* bundles_load: the caller is about to index them (accord index): no
     * warning that a bundle is not in the index yet */
    BUNDLES_INDEXING = 2,
    /* bundles_load: the caller reads the program state alone (as
     * bundles_index does), and neither takes in nor checks bundles
     * afterwards: each bundle is unpacked again when its agreement is
     * placed and freed once it is, so that not every bundle is held at
     * once */
    BUNDLES_STATE_ONLY = 4,
    /* bundles_load, with BUNDLES_STATE_ONLY and no ledger: note each bundle
     * file's outcome in bs->checked, and take an unchanged file's from
     * earlier->files instead of reading it; note each agreement bundle
     * made in bs->made, and take one made from the same answers bundles
     * from earlier->made_dir instead of making it */
    BUNDLES_NOTE_CHECKED = 8,
};

/* What the pages of agreement i (its place in the content's agreements)
 * are made from among the bundle files: BLAKE2b-256 chained over the name
 * and the bytes_sha256 of each bundle file bundles_load took
 * for it, in name order (an IDP bundle counts for each agreement of its
 * mentee); all zero bytes when none. Two loads of the same files with the
 * same trust inputs give the same agreement state when these are equal. */
enum { BUNDLES_INPUTS_BYTES = 32 };
const unsigned char *bundles_inputs(const bundle_set *bs, size_t i);

/* Loads the trusted keys of content c (c->dir/keys/) into *kr, reporting to
 * d each key file that cannot be used (an error; a warning with
 * BUNDLES_SKIP_UNREADABLE), a keys/ that is not a directory, and each key
 * ID trusted for two parties (a warning). Returns 0, or -1 when an error
 * was reported. A missing keys/ is no error here. */
int bundles_load_keys(const content *c, unsigned flags, keyring *kr, diag *d);

/* Loads content/keys/ (bundles_load_keys), then verifies every
 * content/bundles/NAME.accord of c against those keys and
 * sorts the good ones into *bs (release with bundle_set_release whatever
 * the result). A bundle that does not verify, does not fit the content or
 * the order of revisions, or whose page is not bound to its answers, is
 * reported with diag_refuse and never used. Agreement bundles with the same
 * MANIFEST are merged (bundle_merge_signatures); a revision with both
 * parties' answers and no agreement bundle gets one made here, its page
 * made by pages->make with the content's facts. Keys or bundles that cannot
 * be read (unreadable, not regular files, keys/ or bundles/ of the wrong
 * type, keys/ missing while bundles exist) are errors in d and make it
 * return -1, unless flags has BUNDLES_SKIP_UNREADABLE. Returns 0, or -1
 * after reporting to d. Each Ed25519 check is done once per load; with the
 * program secret, what earlier gives holds the tags (bundles_passed_sigs)
 * of the last build's checks, which are taken as passed (earlier may be
 * NULL). */
int bundles_load(const content *c, const page_binder *pages, unsigned flags,
                 const earlier_source *earlier, bundle_set *bs, diag *d);

/* The tags of the signature checks bs's load saw pass, or took from earlier
 * (all of earlier's when it took files unread, bs->checked_taken): calls
 * each (when not NULL) per tag and returns their number. None
 * without the program secret: tags under a random key mean nothing to the
 * next build. */
typedef void (*passed_sig_fn)(void *ctx, const unsigned char tag[PASSED_SIG_TAG_BYTES]);
size_t bundles_passed_sigs(const bundle_set *bs, passed_sig_fn each, void *ctx);

/* How many signature checks bs's load did and saw pass, and how many it
 * took as passed from earlier's tags. */
void bundles_sig_counts(const bundle_set *bs, size_t *checked, size_t *taken);

/* What bundles_check_file found an accepted bundle to be (accord add names
 * it by this). */
typedef struct bundle_facts {
    meta meta;       /* its META: kind, agreement ("-" for IDP answers), revision, role, party */
    char digest[65]; /* its bundle digest: SHA-256 of its MANIFEST */
    char signers[2 * ID_MAX + 2]; /* an agreement: who countersigned it, mentee first,
                                     ","-joined ("" for none); answers: "" */
} bundle_facts;

/* Checks one bundle file (accord check FILE.accord) as bundles_load would
 * take it in, against the content and the revisions already in bs (what it
 * reads is kept in bs, which it does not otherwise change): reports why it
 * would be refused (an error in d) or nothing. Returns 0 when it would be
 * accepted (then fills *facts unless facts is NULL), else -1. */
int bundles_check_file(const content *c, bundle_set *bs, const page_binder *pages, const char *path,
                       diag *d, bundle_facts *facts);

/* Checks that answers a (a review: revision > 1) follow the revisions in
 * bs: previous is the digest of revision - 1's agreement bundle signed by
 * both parties. Reports an error to d and returns -1 when not; 0 otherwise
 * (revision 1 and IDP answers included). */
int bundles_check_previous(bundle_set *bs, const answers *a, diag *d);

/* Reads the view of an agreement bundle's archive z (verified; META am)
 * without the content: both parties' embedded answers and the snapshot,
 * parsed and checked against each other (in ar; path names z in
 * messages). Returns NULL, or the reason they do not fit. */
const char *bundles_read_view(const zipread_archive *z, const meta *am, const char *path, arena *ar,
                              agreement_view *v);

/* Appends to bs->ledger (in memory; ledger_commit writes it) every bundle
 * and countersignature of bs not in the index yet: per agreement (in
 * people.xml's order) and revision the answers bundles, mentee first, the
 * agreement bundle, its countersignatures; then each mentee's latest IDP.
 * *added counts the entries. 0, or -1 after reporting to d. */
int bundles_index(const content *c, bundle_set *bs, size_t *added, diag *d);

/* Frees the unpacked members of every bundle of bs once bs->state is made:
 * what the views point to stays (bundle bytes, parsed answers, snapshots),
 * and bs keeps its state, keys and ledger, but it can no longer take in,
 * check or index bundles. */
void bundle_set_drop_members(bundle_set *bs);

void bundle_set_release(bundle_set *bs);

#endif
