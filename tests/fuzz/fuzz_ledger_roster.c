/* fuzz_ledger_roster.c - libFuzzer target: roster files. What parses must
 * hold its keys sorted by key number, each key ID once, each revocation
 * after its key's from with one of the four reasons, and every key must be
 * found by its party and key ID (ledger_roster_keyring, keyring_find). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "verify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const reasons[] = {"lost", "compromised", "replaced", "left"};
    ledger_roster r;
    keyring kr = KEYRING_INIT;
    long line;
    char err[VERR_MAX];
    if (ledger_roster_parse(data, size, &r, &line, err) == 0) {
        for (size_t i = 0; i < r.n; i++) {
            const roster_key *k = &r.keys[i];
            if (i && memcmp(r.keys[i - 1].pk.keynum, k->pk.keynum, MS_KEYNUM_BYTES) >= 0)
                abort();
            if (!vu_is_id(k->party, strlen(k->party)) || k->from < 1)
                abort();
            int known = 0;
            for (int n = 0; n < 4; n++)
                known |= !strcmp(k->reason, reasons[n]);
            if (k->revoked_at ? k->revoked_at <= k->from || !known : k->reason[0] != '\0')
                abort();
        }
        if (ledger_roster_keyring(&r, "roster", &kr, err) != 0 || kr.n != r.n)
            abort();
        for (size_t i = 0; i < r.n; i++)
            if (keyring_find(&kr, r.keys[i].party, r.keys[i].pk.keynum) == NULL)
                abort();
    }
    keyring_release(&kr);
    ledger_roster_release(&r);
    return 0;
}
