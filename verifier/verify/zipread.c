/* zipread.c - the bundle archive reader: a bounded walk of the raw zip
 * layout, cross-checked with libzip (ZIP_CHECKCONS) which reads the data. */
#include "verify.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

enum {
    LOCAL_SIG = 0x04034b50,
    CENTRAL_SIG = 0x02014b50,
    END_SIG = 0x06054b50,
    LOCAL_LEN = 30,
    CENTRAL_LEN = 46,
    END_LEN = 22,
    FLAG_ENCRYPTED = 0x0001,
    FLAG_UTF8 = 0x0800,
};

static uint32_t le16(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t le32(const unsigned char *p)
{
    return le16(p) | le16(p + 2) << 16;
}

/* What the central directory says of one member. */
typedef struct central {
    uint32_t made_by, flags, method, time, date, crc, csize, usize, ext_attr, offset;
    const unsigned char *name;
    size_t name_len;
} central;

int zipread_name_check(const char *name, size_t len, char *err)
{
    size_t start = 0;
    if (len == 0 || len > ZIPREAD_NAME_MAX) {
        verr(err, "a member name is empty or longer than %d bytes", ZIPREAD_NAME_MAX);
        return -1;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c < 0x20 || c >= 0x7f) {
            verr(err, "a member name has a control or non-ASCII byte 0x%02x", c);
            return -1;
        }
        if (c == '\\' || c == ':') {
            verr(err, "a member name has a '%c' (not a portable path)", c);
            return -1;
        }
    }
    if (name[0] == '/') {
        verr(err, "a member name is an absolute path");
        return -1;
    }
    for (size_t i = 0; i <= len; i++) {
        if (i < len && name[i] != '/')
            continue;
        size_t n = i - start;
        if (n == 0 || (n == 1 && name[start] == '.') ||
            (n == 2 && name[start] == '.' && name[start + 1] == '.')) {
            verr(err, "a member name has an empty, '.' or '..' component");
            return -1;
        }
        start = i + 1;
    }
    return 0;
}

/* Finds the end record exactly at the end, or explains why it is not there. */
static int find_end(const unsigned char *buf, size_t len, char *err)
{
    if (len >= END_LEN && le32(buf + len - END_LEN) == END_SIG)
        return 0;
    /* Look back for an end record followed by a comment or other bytes. */
    size_t lo = len > END_LEN + 65535 ? len - END_LEN - 65535 : 0;
    for (size_t p = len >= END_LEN ? len - END_LEN : 0; len >= END_LEN && p + 1 > lo; p--) {
        if (le32(buf + p) == END_SIG) {
            if (p + END_LEN + le16(buf + p + 20) == len)
                verr(err, "the archive has a comment");
            else
                verr(err, "bytes follow the end of the archive");
            return -1;
        }
        if (p == 0)
            break;
    }
    verr(err, "not a zip archive (no end record: truncated, or another kind of file)");
    return -1;
}

static int walk_central(const unsigned char *buf, size_t cd_off, size_t cd_end, size_t n,
                        central *c, char *err)
{
    size_t pos = cd_off;
    for (size_t i = 0; i < n; i++) {
        const unsigned char *p = buf + pos;
        size_t xlen, clen;
        if (cd_end - pos < CENTRAL_LEN || le32(p) != CENTRAL_SIG) {
            verr(err, "the central directory is damaged (entry %zu)", i + 1);
            return -1;
        }
        c[i].made_by = le16(p + 4);
        c[i].flags = le16(p + 8);
        c[i].method = le16(p + 10);
        c[i].time = le16(p + 12);
        c[i].date = le16(p + 14);
        c[i].crc = le32(p + 16);
        c[i].csize = le32(p + 20);
        c[i].usize = le32(p + 24);
        c[i].name_len = le16(p + 28);
        xlen = le16(p + 30);
        clen = le16(p + 32);
        c[i].ext_attr = le32(p + 38);
        c[i].offset = le32(p + 42);
        c[i].name = p + CENTRAL_LEN;
        if (cd_end - pos - CENTRAL_LEN < c[i].name_len + xlen + clen) {
            verr(err, "the central directory is damaged (entry %zu overruns it)", i + 1);
            return -1;
        }
        if (le16(p + 34) != 0) {
            verr(err, "a member lies on another disk (multi-disk archives are refused)");
            return -1;
        }
        if (xlen > ZIPREAD_EXTRA_MAX || clen != 0) {
            verr(err, "member %zu has a comment or an oversized extra field", i + 1);
            return -1;
        }
        pos += CENTRAL_LEN + c[i].name_len + xlen + clen;
    }
    if (pos != cd_end) {
        verr(err, "bytes follow the central directory entries");
        return -1;
    }
    return 0;
}

/* Checks one member's central entry on its own. */
static int check_central(const central *c, char *name, char *err)
{
    char why[VERR_MAX];
    char *shown;
    if (zipread_name_check((const char *)c->name, c->name_len, why)) {
        shown = vu_escape((const char *)c->name, c->name_len);
        verr(err, "member \"%s\": %s", shown ? shown : "?", why);
        free(shown);
        return -1;
    }
    memcpy(name, c->name, c->name_len);
    name[c->name_len] = '\0';
    if (c->flags & FLAG_ENCRYPTED) {
        verr(err, "member %s is encrypted", name);
        return -1;
    }
    if (c->flags & ~(uint32_t)FLAG_UTF8) {
        verr(err, "member %s has unsupported flags 0x%04x (data descriptor or other)", name,
             c->flags);
        return -1;
    }
    if (c->method != 0) {
        verr(err, "member %s is compressed (method %u); only stored members are allowed", name,
             c->method);
        return -1;
    }
    if (c->csize != c->usize || c->usize > ZIPREAD_MEMBER_MAX) {
        verr(err, "member %s has inconsistent or oversized sizes", name);
        return -1;
    }
    uint32_t type = (c->ext_attr >> 16) & 0170000;
    if ((c->made_by >> 8) == 3 && type == 0120000) {
        verr(err, "member %s is a symbolic link", name);
        return -1;
    }
    if (((c->made_by >> 8) == 3 && type == 0040000) || (c->ext_attr & 0x10)) {
        verr(err, "member %s is a directory", name);
        return -1;
    }
    return 0;
}

/* Walks the local headers: contiguous from offset 0 up to the central
 * directory, each agreeing with its central entry. */
static int walk_local(const unsigned char *buf, size_t cd_off, const central *c, size_t n,
                      const zipread_member *m, char *err)
{
    size_t off = 0;
    for (size_t i = 0; i < n; i++) {
        const unsigned char *p = buf + off;
        size_t nlen, xlen;
        if (c[i].offset != off) {
            verr(err,
                 c[i].offset > off ? "bytes hidden before member %s"
                                   : "member %s overlaps the one before it",
                 m[i].name);
            return -1;
        }
        if (cd_off - off < LOCAL_LEN || le32(p) != LOCAL_SIG) {
            verr(err, "the local header of member %s is missing or damaged", m[i].name);
            return -1;
        }
        nlen = le16(p + 26);
        xlen = le16(p + 28);
        if (le16(p + 6) != c[i].flags || le16(p + 8) != c[i].method || le16(p + 10) != c[i].time ||
            le16(p + 12) != c[i].date || le32(p + 14) != c[i].crc || le32(p + 18) != c[i].csize ||
            le32(p + 22) != c[i].usize || nlen != c[i].name_len ||
            cd_off - off - LOCAL_LEN < nlen || memcmp(p + LOCAL_LEN, c[i].name, nlen) != 0) {
            verr(err, "the local and central headers of member %s disagree", m[i].name);
            return -1;
        }
        if (xlen > ZIPREAD_EXTRA_MAX || cd_off - off - LOCAL_LEN - nlen < xlen + c[i].csize) {
            verr(err, "member %s overruns the central directory", m[i].name);
            return -1;
        }
        off += LOCAL_LEN + nlen + xlen + c[i].csize;
    }
    if (off != cd_off) {
        verr(err, "bytes hidden between the last member and the central directory");
        return -1;
    }
    return 0;
}

static int walk_layout(const unsigned char *buf, size_t len, zipread_archive *out, char *err)
{
    const unsigned char *end;
    size_t n, cd_size, cd_off, eocd;
    central *c;
    if (len > ZIPREAD_FILE_MAX) {
        verr(err, "archive is larger than %d bytes", ZIPREAD_FILE_MAX);
        return -1;
    }
    if (find_end(buf, len, err))
        return -1;
    if (len < 4 || le32(buf) != LOCAL_SIG) {
        verr(err, "bytes before the first member (or no member at all)");
        return -1;
    }
    eocd = len - END_LEN;
    end = buf + eocd;
    n = le16(end + 10);
    cd_size = le32(end + 12);
    cd_off = le32(end + 16);
    if (le16(end + 4) != 0 || le16(end + 6) != 0 || le16(end + 8) != n) {
        verr(err, "multi-disk archives are refused");
        return -1;
    }
    if (n == 0xffff || cd_size == 0xffffffff || cd_off == 0xffffffff) {
        verr(err, "zip64 archives are refused");
        return -1;
    }
    if (n == 0 || n > ZIPREAD_MEMBERS_MAX) {
        verr(err, "archive has %zu members (1 to %d allowed)", n, ZIPREAD_MEMBERS_MAX);
        return -1;
    }
    if (cd_off > eocd || cd_size != eocd - cd_off) {
        verr(err, "bytes hidden between the central directory and the end record, or a "
                  "damaged end record");
        return -1;
    }
    c = calloc(n, sizeof *c);
    out->members = calloc(n, sizeof *out->members);
    if (!c || !out->members) {
        free(c);
        verr(err, "out of memory");
        return -1;
    }
    int rc = walk_central(buf, cd_off, eocd, n, c, err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        out->members[i].name = malloc(c[i].name_len + 1);
        if (!out->members[i].name) {
            verr(err, "out of memory");
            rc = -1;
            break;
        }
        out->n = i + 1;
        rc = check_central(&c[i], out->members[i].name, err);
        for (size_t k = 0; rc == 0 && k < i; k++) {
            if (strcasecmp(out->members[k].name, out->members[i].name) == 0) {
                verr(err, "duplicate member name %s (names must differ, also ignoring case)",
                     out->members[i].name);
                rc = -1;
            }
        }
        if (rc == 0)
            out->members[i].len = c[i].usize;
    }
    if (rc == 0)
        rc = walk_local(buf, cd_off, c, n, out->members, err);
    free(c);
    return rc;
}

/* Reads every member's data with libzip and checks it names them alike. */
static int read_with_libzip(const unsigned char *buf, size_t len, zipread_archive *out, char *err)
{
    zip_error_t ze;
    zip_source_t *src;
    zip_t *za;
    int rc = 0;
    zip_error_init(&ze);
    src = zip_source_buffer_create(buf, len, 0, &ze);
    if (!src) {
        verr(err, "libzip: %s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return -1;
    }
    za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    if (!za) {
        verr(err, "libzip refuses the archive: %s", zip_error_strerror(&ze));
        zip_source_free(src);
        zip_error_fini(&ze);
        return -1;
    }
    zip_error_fini(&ze);
    if (zip_get_num_entries(za, 0) != (zip_int64_t)out->n) {
        verr(err, "libzip counts a different number of members");
        rc = -1;
    }
    for (size_t i = 0; rc == 0 && i < out->n; i++) {
        zipread_member *m = &out->members[i];
        const char *name = zip_get_name(za, i, ZIP_FL_ENC_RAW);
        zip_file_t *f;
        unsigned char extra;
        if (!name || strcmp(name, m->name)) {
            verr(err, "libzip names member %zu differently", i + 1);
            rc = -1;
            break;
        }
        m->data = malloc(m->len + 1);
        f = m->data ? zip_fopen_index(za, i, 0) : NULL;
        if (!f) {
            verr(err, "member %s cannot be read: %s", m->name, zip_strerror(za));
            rc = -1;
            break;
        }
        if (zip_fread(f, m->data, m->len) != (zip_int64_t)m->len || zip_fread(f, &extra, 1) != 0) {
            verr(err, "member %s does not read back (CRC or size mismatch): %s", m->name,
                 zip_file_strerror(f));
            rc = -1;
        }
        if (zip_fclose(f) != 0 && rc == 0) {
            verr(err, "member %s does not read back (CRC mismatch)", m->name);
            rc = -1;
        }
        if (rc == 0)
            m->data[m->len] = '\0';
    }
    zip_discard(za);
    return rc;
}

int zipread_mem(const unsigned char *buf, size_t len, zipread_archive *out, char *err)
{
    memset(out, 0, sizeof *out);
    if (walk_layout(buf, len, out, err))
        return -1;
    return read_with_libzip(buf, len, out, err);
}

void zipread_release(zipread_archive *z)
{
    for (size_t i = 0; i < z->n; i++) {
        free(z->members[i].name);
        free(z->members[i].data);
    }
    free(z->members);
    z->members = NULL;
    z->n = 0;
}

const zipread_member *zipread_find(const zipread_archive *z, const char *name)
{
    for (size_t i = 0; i < z->n; i++)
        if (!strcmp(z->members[i].name, name))
            return &z->members[i];
    return NULL;
}
