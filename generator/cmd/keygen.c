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

static const char keygen_usage[] =
    "usage: accord keygen -p NAME.pub -s NAME.key [-W] [-f] [--password-file FILE]\n"
    "\n"
    "Makes an Ed25519 key pair in minisign's file formats (stock minisign signs\n"
    "and verifies with it). The secret key is encrypted with a password, as\n"
    "minisign does (scrypt, about 1 GiB and a few seconds), unless -W.\n"
    "\n"
    "  -p FILE              where to write the public key\n"
    "  -s FILE              where to write the secret key (mode 0600)\n"
    "  -W                   do not encrypt the secret key\n"
    "  -f                   overwrite existing key files\n"
    "  --password-file FILE read the password from FILE's first line instead of\n"
    "                       asking on the terminal\n";

int cmd_keygen(int argc, char **argv)
{
    const char *pub = NULL, *sec = NULL, *pwfile = NULL;
    int unencrypted = 0, force = 0, io = 0, rc = 2;
    char *pw = NULL, *sk_text = NULL, err[VERR_MAX], pk_text[MS_PUBKEY_FILE_LEN_MAX], id[17];
    size_t pwlen = 0, sk_len = 0;
    ms_seckey *sk = NULL;
    ms_pubkey pk;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(keygen_usage, stdout);
            return 0;
        } else if (!strcmp(a, "-W")) {
            unencrypted = 1;
        } else if (!strcmp(a, "-f")) {
            force = 1;
        } else if (!strcmp(a, "-p") && i + 1 < argc) {
            pub = argv[++i];
        } else if (!strcmp(a, "-s") && i + 1 < argc) {
            sec = argv[++i];
        } else if (!strcmp(a, "--password-file") && i + 1 < argc) {
            pwfile = argv[++i];
        } else {
            diag_say("unexpected argument '%s'", a);
            fputs(keygen_usage, stderr);
            return 2;
        }
    }
    if (!pub || !sec) {
        diag_say("give -p and -s, two different files");
        fputs(keygen_usage, stderr);
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
    if (sodium_init() < 0) {
        diag_say("libsodium failed to start");
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
