/* ed25519_edge.c - runs the Ed25519 edge vectors of
 * tests/fixtures/ed25519-edge.json (made by make-ed25519-edge.mjs) through
 * libsodium's crypto_sign_verify_detached, the check accord-verify makes,
 * and says for each whether libsodium's verdict is the file's "libsodium"
 * field: "ok - NAME (libsodium accepts|refuses)" or "not ok - ...".
 *
 *   ed25519_edge FILE.json
 *
 * The file holds one vector a line, {"name":"...","pk":"HEX","msg":"HEX",
 * "sig":"HEX","libsodium":true|false,...}, names without '"' or '\', so a
 * line parser reads it. Exit 0 when every vector agrees and there is at
 * least one, 1 otherwise, 2 when the file cannot be read.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_MAX_BYTES 8192
#define MSG_MAX 1024

/* The string value of key in line (up to the next '"') into out (size n);
 * 0 when there is none or it does not fit. */
static int field(const char *line, const char *key, char *out, size_t n)
{
    char pat[32];
    snprintf(pat, sizeof pat, "\"%s\":\"", key);
    const char *p = strstr(line, pat);
    if (!p)
        return 0;
    p += strlen(pat);
    const char *end = strchr(p, '"');
    if (!end || (size_t)(end - p) >= n)
        return 0;
    memcpy(out, p, (size_t)(end - p));
    out[end - p] = '\0';
    return 1;
}

/* hex into out (exactly want bytes, or up to max when want is 0); the
 * length, or -1. */
static long unhex(const char *hex, unsigned char *out, size_t want, size_t max)
{
    size_t len;
    if (sodium_hex2bin(out, want ? want : max, hex, strlen(hex), NULL, &len, NULL) != 0)
        return -1;
    if (want && len != want)
        return -1;
    return (long)len;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: ed25519_edge FILE.json\n");
        return 2;
    }
    if (sodium_init() < 0) {
        printf("not ok - sodium_init\n");
        return 1;
    }
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    static char line[LINE_MAX_BYTES], name[256], pkx[65], sigx[129], msgx[2 * MSG_MAX + 1];
    unsigned char pk[32], sig[64], msg[MSG_MAX];
    int n = 0, bad = 0, lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (line[0] != '{')
            continue;
        n++;
        const char *verdict = strstr(line, "\"libsodium\":");
        if (verdict)
            verdict += strlen("\"libsodium\":");
        long mlen = -1;
        if (!field(line, "name", name, sizeof name) || !field(line, "pk", pkx, sizeof pkx) ||
            !field(line, "sig", sigx, sizeof sigx) || !field(line, "msg", msgx, sizeof msgx) ||
            !verdict || (strncmp(verdict, "true", 4) != 0 && strncmp(verdict, "false", 5) != 0) ||
            unhex(pkx, pk, sizeof pk, 0) < 0 || unhex(sigx, sig, sizeof sig, 0) < 0 ||
            (mlen = unhex(msgx, msg, 0, sizeof msg)) < 0) {
            printf("not ok - line %d of %s is not a vector this parser reads\n", lineno, argv[1]);
            bad++;
            continue;
        }
        int want = strncmp(verdict, "true", 4) == 0;
        int got = crypto_sign_verify_detached(sig, msg, (unsigned long long)mlen, pk) == 0;
        if (got == want) {
            printf("ok - %s (libsodium %s)\n", name, got ? "accepts" : "refuses");
        } else {
            printf("not ok - %s: libsodium %s, the file says it %s\n", name,
                   got ? "accepts" : "refuses", want ? "accepts" : "refuses");
            bad++;
        }
    }
    fclose(f);
    if (n == 0) {
        printf("not ok - %s holds no vectors\n", argv[1]);
        return 1;
    }
    printf("# %d vectors, %d disagree (libsodium %s)\n", n, bad, sodium_version_string());
    return bad ? 1 : 0;
}
