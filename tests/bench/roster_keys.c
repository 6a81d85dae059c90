/* roster_keys.c - the bench's large roster: writes into DIR a fresh
 * program key (program.pub) and roster revision 1 (roster-0001.txt) of N
 * random party keys, party pI's added at index entry I + 1, with its
 * .minisig by the program key, written by the signing library's
 * ledger_roster_format as accord roster writes it.
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
    char pub[MS_PUBKEY_FILE_LEN_MAX], *roster, *sig;
    ledger_roster r = {.program = "bench", .previous = "none", .revision = 1, .n = (size_t)n};
    if (!sk || !(r.keys = calloc(r.n, sizeof *r.keys)))
        return 1;
    ms_keypair_new(sk, &pk);
    ms_pubkey_format(&pk, pub);
    for (size_t i = 0; i < r.n; i++) {
        roster_key *k = &r.keys[i];
        snprintf(k->party, sizeof k->party, "p%zu", i);
        memcpy(k->pk.sig_alg, "Ed", 2);
        randombytes_buf(k->pk.keynum, sizeof k->pk.keynum);
        randombytes_buf(k->pk.pk, sizeof k->pk.pk);
        k->from = (long)i + 1;
    }
    if (!(roster = ledger_roster_format(&r)) ||
        !(sig = ms_sign(sk, (const unsigned char *)roster, strlen(roster),
                        "accord-roster/1 program=bench revision=1", 0)))
        return 1;
    put(argv[2], "program.pub", pub, strlen(pub));
    put(argv[2], "roster-0001.txt", roster, strlen(roster));
    put(argv[2], "roster-0001.txt.minisig", sig, strlen(sig));
    ms_seckey_free(sk);
    ledger_roster_release(&r);
    free(roster);
    free(sig);
    return 0;
}
