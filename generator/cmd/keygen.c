/* keygen.c - accord keygen: an Ed25519 key pair in minisign's formats,
 * the secret key password-encrypted as minisign does unless -W. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "accord_sign.h"
#include "base.h"
#include "cmd.h"
#include "keys.h"

enum { OPT_PUBLIC, OPT_SECRET, OPT_UNENCRYPTED, OPT_FORCE, OPT_PASSWORD_FILE, N_OPTIONS };

static const option_spec keygen_options[N_OPTIONS] = {
    [OPT_PUBLIC] = {"-p", "FILE", "where to write the public key"},
    [OPT_SECRET] = {"-s", "FILE", "where to write the secret key (readable by you alone)"},
    [OPT_UNENCRYPTED] = {"-W", NULL, "do not encrypt the secret key with a password"},
    [OPT_FORCE] = {"-f", NULL, "replace key files that exist"},
    [OPT_PASSWORD_FILE] = {"--password-file", "FILE",
                           "read the password from the first line of FILE instead of asking "
                           "on the terminal"},
};

const command_spec keygen_spec = {
    .name = "keygen",
    .summary = "make a key pair in minisign's formats",
    .synopsis = "keygen -p NAME.pub -s NAME.key [-W] [-f] [--password-file FILE]",
    .description =
        "Makes an Ed25519 key pair in minisign's file formats: stock minisign signs and "
        "verifies with it. The secret key is encrypted with a password as minisign does "
        "(scrypt, about 1 GiB of memory and a few seconds) unless -W is given. The password "
        "is asked twice on the terminal. Give the public key to the program's admin, who "
        "puts it in the content's keys/ folder as PARTY.pub; keep the secret key to "
        "yourself.",
    .operands = "",
    .min_operands = 0,
    .max_operands = 0,
    .exit_status = "0 the pair was written; 1 a key file exists (without -f) or the passwords "
                   "differ; 2 a usage or I/O error.",
    .options = keygen_options,
    .n_options = N_OPTIONS,
};

int cmd_keygen(int argc, char **argv)
{
    const char *pub = NULL, *sec = NULL, *pwfile = NULL;
    int unencrypted = 0, force = 0, io = 0, rc = 2;
    char *pw = NULL, *sk_text = NULL, err[VERR_MAX], pk_text[MS_PUBKEY_FILE_LEN_MAX], id[17];
    size_t pwlen = 0, sk_len = 0;
    ms_seckey *sk = NULL;
    ms_pubkey pk;
    const char *opt[N_OPTIONS] = {0};
    int n_files;
    rc = options_parse(&keygen_spec, argc, argv, opt, &n_files);
    if (rc)
        return rc == 1 ? 0 : rc;
    rc = 2;
    pub = opt[OPT_PUBLIC];
    sec = opt[OPT_SECRET];
    pwfile = opt[OPT_PASSWORD_FILE];
    unencrypted = opt[OPT_UNENCRYPTED] != NULL;
    force = opt[OPT_FORCE] != NULL;
    if (!pub || !sec) {
        diag_say("keygen: give -p and -s, two different files");
        options_usage_error(&keygen_spec);
        return 2;
    }
    /* -s ./x.pub -p x.pub would write the public key over the secret key
     * just made: whatever the spelling, two names must be two files */
    if (pwfile && (same_file_name(pub, pwfile) || same_file_name(sec, pwfile))) {
        diag_say("%s is the password file: write the keys elsewhere",
                 same_file_name(pub, pwfile) ? pub : sec);
        return 2;
    }
    if (same_file_name(pub, sec)) {
        diag_say("-p %s and -s %s name the same file: the public key would be "
                 "written over the secret key; give two different files",
                 pub, sec);
        return 2;
    }
    if (!force) {
        const char *paths[] = {pub, sec};
        for (int k = 0; k < 2; k++)
            if (access(paths[k], F_OK) == 0) {
                diag_say("%s: exists; not overwritten (use -f)", paths[k]);
                return 1;
            }
    }
    if (!unencrypted) {
        pw = password_read(pwfile, "Password for the new secret key: ", 1, &pwlen, &io);
        if (!pw)
            return io ? 2 : 1;
    }
    sk = ms_seckey_new();
    if (!sk) {
        diag_say("out of memory");
        goto done;
    }
    ms_keypair_new(sk, &pk);
    if (ms_seckey_encrypt(sk, pw, pwlen, err) || ms_seckey_format(sk, &sk_text, &sk_len)) {
        diag_say("%s", err);
        goto done;
    }
    ms_pubkey_format(&pk, pk_text);
    if (file_write_atomic(sec, sk_text, sk_len, 1, force)) {
        diag_say("%s: %s", sec, strerror(errno));
        rc = errno == EEXIST ? 1 : 2;
        goto done;
    }
    if (file_write_atomic(pub, pk_text, strlen(pk_text), 0, force)) {
        diag_say("%s: %s", pub, strerror(errno));
        rc = errno == EEXIST ? 1 : 2;
        unlink(sec); /* no half pair left behind */
        goto done;
    }
    ms_keyid(pk.keynum, id);
    printf("key ID %s\npublic key: %s\nsecret key: %s%s\n", id, pub, sec,
           unencrypted ? " (not encrypted)" : "");
    rc = 0;
done:
    if (sk_text) {
        sodium_memzero(sk_text, sk_len);
        sodium_free(sk_text);
    }
    ms_seckey_free(sk);
    password_free(pw);
    return rc;
}
