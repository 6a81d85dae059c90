/* accord_sign.h - making and signing accord bundles: the public face of the
 * signing part (verifier/sign/), which accord links and accord-verify never
 * does. Secret key material lives only in sodium_malloc'd memory and is
 * wiped when freed. Every function that fails fills err (VERR_MAX bytes).
 * Nothing here verifies a signature: callers hand in archives bundle_verify
 * kept, and verify what comes out. */
#ifndef ACCORD_SIGN_H
#define ACCORD_SIGN_H

#include "accord_verify.h"

enum {
    MS_SK_BYTES = 64,
    MS_PUBKEY_FILE_LEN_MAX = 200, /* what ms_pubkey_format writes, at most */
};

/* A secret key file as stored: the last three fields are encrypted with
 * scrypt unless kdf_alg is 00 00. */
typedef struct ms_seckey {
    unsigned char sig_alg[2];
    unsigned char kdf_alg[2];
    unsigned char chk_alg[2];
    unsigned char kdf_salt[32];
    unsigned char kdf_opslimit_le[8];
    unsigned char kdf_memlimit_le[8];
    unsigned char keynum[MS_KEYNUM_BYTES];
    unsigned char sk[MS_SK_BYTES];
    unsigned char chk[32];
} ms_seckey;

/* A zeroed ms_seckey in sodium_malloc'd memory, or NULL; free it with
 * ms_seckey_free, which wipes it. */
ms_seckey *ms_seckey_new(void);
void ms_seckey_free(ms_seckey *sk);

/* Parses a secret key file into *out (from ms_seckey_new): algorithms
 * checked, the scrypt limits bounded before any key derivation. Does not
 * decrypt. Returns 0 or -1. */
int ms_seckey_parse(const unsigned char *buf, size_t len, ms_seckey *out, char *err);

/* 1 when sk is password-encrypted, else 0. */
int ms_seckey_encrypted(const ms_seckey *sk);

/* Decrypts sk in place (unencrypted keys are only checked). Returns 0, or
 * -1 ("wrong password" when the checksum does not match). */
int ms_seckey_decrypt(ms_seckey *sk, const char *password, size_t pwlen, char *err);

/* Prepares a decrypted sk for writing: the checksum, then with a password a
 * new salt and minisign's scrypt limits (password NULL: unencrypted, as
 * minisign -W). Returns 0 or -1. */
int ms_seckey_encrypt(ms_seckey *sk, const char *password, size_t pwlen, char *err);

/* The secret key file text of a prepared sk in sodium_malloc'd memory
 * (sodium_free after wiping). Returns 0 or -1. */
int ms_seckey_format(const ms_seckey *sk, char **out, size_t *outlen);

/* A new random key pair into sk and *pk. */
void ms_keypair_new(ms_seckey *sk, ms_pubkey *pk);

/* The public key file text of pk (NUL-terminated). */
void ms_pubkey_format(const ms_pubkey *pk, char out[MS_PUBKEY_FILE_LEN_MAX]);

/* Signs msg with the decrypted sk as minisign -S does with "ED" (legacy:
 * "Ed", for tests only). trusted: printable, at most MS_COMMENT_MAX bytes.
 * Returns a malloc'd signature file text (caller frees) or NULL. */
char *ms_sign(const ms_seckey *sk, const unsigned char *msg, size_t len, const char *trusted,
              int legacy);

/* The META file text of m, malloc'd (caller frees), its length in *len;
 * NULL when memory runs out. */
char *meta_format(const meta *m, size_t *len);

/* The canonical MANIFEST of n files (names and contents, any order) in a
 * malloc'd buffer (caller frees). Returns 0, or -1 when memory runs out or
 * two names are equal. */
int manifest_format(const char *const *names, const unsigned char *const *data, const size_t *lens,
                    size_t n, char **out, size_t *outlen);

/* The n members, in this order, as a zip archive of stored members written
 * deterministically: every timestamp mtime (clamped to DOS's range, in UTC
 * whatever the process's time zone), fixed attributes, no comment. Returns
 * 0 and a malloc'd archive (caller frees), or -1. */
int bundle_zip_write(const zipread_member *m, size_t n, long long mtime, unsigned char **out,
                     size_t *outlen, char *err);

/* An answers bundle: META from m (checked; kind answers), the answers file
 * and effective questionnaire as given, the canonical MANIFEST, and
 * signatures/<party>.minisig made with the decrypted sk. Returns 0 and a
 * malloc'd archive (caller frees), or -1. */
int bundle_answers_write(const meta *m, const unsigned char *answers, size_t answers_len,
                         const unsigned char *questionnaire, size_t questionnaire_len,
                         const ms_seckey *sk, unsigned char **out, size_t *outlen, char *err);

/* The bundle digest of an archive (SHA-256 of MANIFEST, 64 hex digits).
 * Returns 0, or -1 when there is no MANIFEST. */
int bundle_digest(const zipread_archive *z, char out[65]);

/* The META of the agreement made of the mentee's and the mentor's answers
 * bundle METAs: kind and role agreement, party "<mentee>,<mentor>", created
 * the later of the two, the rest copied. Refuses answers that do not belong
 * together (roles, program, agreement, revision, questionnaire, its digest
 * or previous differ; an IDP's). Returns 0 or -1. */
int bundle_agreement_meta(const meta *mentee, const meta *mentor, meta *out, char *err);

/* An unsigned agreement bundle: META, questionnaire.xml, agreement.html,
 * each answers bundle's five members byte for byte under parties/<id>/,
 * the canonical MANIFEST; mtime created. m may be NULL (derived) or must
 * equal what bundle_agreement_meta derives; questionnaire may be NULL (the
 * snapshot both carry) or must equal both. Returns 0 and a malloc'd
 * archive (caller frees), or -1. */
int bundle_agreement_write(const meta *m, const zipread_archive *mentee_bundle,
                           const zipread_archive *mentor_bundle, const unsigned char *questionnaire,
                           size_t qlen, const unsigned char *agreement_html, size_t hlen,
                           unsigned char **out, size_t *outlen, char *err);

/* The trusted comment of a countersignature: META's followed by
 * " signed=YYYY-MM-DDTHH:MM:SSZ", malloc'd; NULL when out of range. */
char *bundle_countersign_comment(const meta *m, long long signed_at);

/* Adds signatures/<party>.minisig made with sk at signed_at to agreement
 * archive z (META m; party one of its parties, not signed yet) and writes
 * it anew: unsigned members in order, then every signature sorted. Returns
 * 0 and a malloc'd archive (caller frees), or -1. */
int bundle_countersign(const zipread_archive *z, const meta *m, const char *party,
                       const ms_seckey *sk, long long signed_at, unsigned char **out,
                       size_t *outlen, char *err);

/* Merges n copies of one agreement bundle (same MANIFEST, each verified):
 * the union of their countersignatures (for a party who signed several
 * copies, the earliest signed= time, then the smallest bytes), written as
 * bundle_countersign writes. Returns 0 and a malloc'd archive, or -1. */
int bundle_merge_signatures(const zipread_archive *copies, size_t n, unsigned char **out,
                            size_t *outlen, char *err);

/* The text of roster r as ledger_roster_parse reads it: its program-key
 * line when it names one, key lines sorted by party then from, then the
 * revocations (malloc'd; NULL when out of memory). */
char *ledger_roster_format(const ledger_roster *r);

/* The checkpoint line "accord-checkpoint/1 program=ID entries=N head=HASH"
 * plus LF of ix's last entry into out (at most 160 bytes). */
void ledger_checkpoint_format(const char *program, const ledger_index *ix, char out[160]);

/* Checks a checkpoint file against ix: exactly the line
 * ledger_checkpoint_format makes for some entry N of ix (an older
 * checkpoint of a longer index holds), its program id copied to program.
 * 0 or -1. */
int ledger_checkpoint_check(const unsigned char *buf, size_t len, const ledger_index *ix,
                            char program[33], char *err);

#endif
