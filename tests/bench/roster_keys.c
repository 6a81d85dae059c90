/* roster_keys.c - the bench's large roster: writes into DIR a fresh
 * program key (program.pub) and roster revision 1 (roster-0001.txt) of N
 * random party keys, party pI's added at index entry I + 1, with its
 * .minisig by the program key, in the formats accord roster writes.
 * Usage: roster_keys N DIR. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord_sign.h"

/* Writes len bytes of text to DIR/name; exits on failure. */
static void put(const char *dir, const char *name, const char *text, size_t len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0) {
        perror(path);
        exit(1);
    }
}

int main(int argc, char **argv)
{
    long n = argc == 3 ? atol(argv[1]) : 0;
    if (n < 1 || sodium_init() < 0) {
        fputs("usage: roster_keys N DIR\n", stderr);
        return 2;
    }
    ms_seckey *sk = ms_seckey_new();
    ms_pubkey pk;
    char pub[MS_PUBKEY_FILE_LEN_MAX], kid[17], b64[80];
    size_t cap = 200 + (size_t)n * 120, len;
    char *roster = malloc(cap), *sig;
    if (!sk || !roster)
        return 1;
    ms_keypair_new(sk, &pk);
    ms_pubkey_format(&pk, pub);
    len = (size_t)snprintf(roster, cap,
                           "accord-roster/1\nprogram bench\nrevision 1\nprevious none\n");
    for (long i = 0; i < n; i++) {
        unsigned char key[2 + MS_KEYNUM_BYTES + MS_PK_BYTES] = {'E', 'd'};
        randombytes_buf(key + 2, sizeof key - 2);
        sodium_bin2base64(b64, sizeof b64, key, sizeof key, sodium_base64_VARIANT_ORIGINAL);
        ms_keyid(key + 2, kid);
        len += (size_t)snprintf(roster + len, cap - len, "key p%ld %s %s from %ld\n", i, kid, b64,
                                i + 1);
    }
    if (!(sig = ms_sign(sk, (const unsigned char *)roster, len, "accord roster bench", 0)))
        return 1;
    put(argv[2], "program.pub", pub, strlen(pub));
    put(argv[2], "roster-0001.txt", roster, len);
    put(argv[2], "roster-0001.txt.minisig", sig, strlen(sig));
    ms_seckey_free(sk);
    free(roster);
    free(sig);
    return 0;
}
