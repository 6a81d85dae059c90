/* raw_verify.c - the bench's reference point: Ed25519 verifications per
 * second with crypto_sign_verify_detached alone (64-byte message, as "ED"
 * signs a BLAKE2b-512 hash). Prints one number. */
#include <sodium.h>
#include <stdio.h>
#include <time.h>

int main(void)
{
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    unsigned char msg[64] = {1}, sig[crypto_sign_BYTES];
    struct timespec a, b;
    int n = 20000, bad = 0;
    if (sodium_init() < 0)
        return 1;
    crypto_sign_keypair(pk, sk);
    crypto_sign_detached(sig, NULL, msg, sizeof msg, sk);
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < n; i++)
        bad += crypto_sign_verify_detached(sig, msg, sizeof msg, pk) != 0;
    clock_gettime(CLOCK_MONOTONIC, &b);
    double s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    printf("%.0f\n", n / s);
    return bad != 0;
}
