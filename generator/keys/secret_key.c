/* secret_key.c - a signer's secret key, read straight into sodium_malloc'd
 * memory and decrypted there (see keys.h). */
#include "keys.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "accord_sign.h"

/* Reads a secret key file straight into sodium_malloc'd memory (no stdio
 * buffer keeps a copy). Returns the buffer (sodium_free after wiping) and its
 * length, or NULL with errno set (EFBIG when larger than MS_KEY_FILE_MAX). */
static unsigned char *read_secret_file(const char *path, size_t *len)
{
    unsigned char *buf;
    size_t n = 0;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC), saved;
    struct stat st;
    if (fd < 0)
        return NULL;
    /* as vu_read_file: a FIFO or device is refused before any read blocks */
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        saved = fstat(fd, &st) != 0 ? errno : S_ISDIR(st.st_mode) ? EISDIR : VU_ENOTREG;
        close(fd);
        errno = saved;
        return NULL;
    }
    buf = sodium_malloc(MS_KEY_FILE_MAX + 1);
    if (!buf) {
        close(fd);
        errno = ENOMEM;
        return NULL;
    }
    for (;;) {
        ssize_t got = read(fd, buf + n, MS_KEY_FILE_MAX + 1 - n);
        if (got < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (got < 0) {
            saved = errno;
            goto fail;
        }
        if (got == 0)
            break;
        n += (size_t)got;
        if (n > MS_KEY_FILE_MAX) {
            saved = EFBIG;
            goto fail;
        }
    }
    close(fd);
    *len = n;
    return buf;
fail:
    close(fd);
    sodium_memzero(buf, MS_KEY_FILE_MAX + 1);
    sodium_free(buf);
    errno = saved;
    return NULL;
}

static void free_secret_file(unsigned char *buf)
{
    if (buf) {
        sodium_memzero(buf, MS_KEY_FILE_MAX + 1);
        sodium_free(buf);
    }
}

ms_seckey *sign_load_secret_key(const char *path, const char *pwfile, int *rc)
{
    unsigned char *buf = NULL;
    size_t len = 0, pwlen = 0;
    char err[VERR_MAX], *pw = NULL;
    int io = 0;
    ms_seckey *sk = ms_seckey_new();
    if (!sk) {
        diag_say("out of memory");
        *rc = 2;
        return NULL;
    }
    buf = read_secret_file(path, &len);
    if (!buf) {
        diag_say("%s: %s", path,
                 errno == EFBIG ? "secret key file is too large" : vu_read_error(errno));
        *rc = errno == EFBIG ? 1 : 2;
        goto fail;
    }
    if (ms_seckey_parse(buf, len, sk, err)) {
        diag_say("%s: %s", path, err);
        *rc = 1;
        goto fail;
    }
    if (ms_seckey_encrypted(sk)) {
        pw = password_read(pwfile, "Password for the secret key: ", 0, &pwlen, &io);
        if (!pw) {
            *rc = io ? 2 : 1;
            goto fail;
        }
    }
    if (ms_seckey_decrypt(sk, pw, pwlen, err)) {
        diag_say("%s: %s", path, err);
        *rc = 1;
        goto fail;
    }
    password_free(pw);
    free_secret_file(buf);
    return sk;
fail:
    password_free(pw);
    free_secret_file(buf);
    ms_seckey_free(sk);
    return NULL;
}

int secret_key_matches(const ms_seckey *sk, const ms_pubkey *pk)
{
    return !memcmp(sk->keynum, pk->keynum, MS_KEYNUM_BYTES) &&
           !memcmp(sk->sk + 32, pk->pk, MS_PK_BYTES);
}
