/* zipread.c - the bundle archive reader: a bounded walk of the raw zip
 * layout, cross-checked with libzip (ZIP_CHECKCONS), which reads the data. */
#include "verify.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

enum { LOCAL_SIG = 0x04034b50, CENTRAL_SIG = 0x02014b50, END_SIG = 0x06054b50 };
enum { LOCAL_LEN = 30, CENTRAL_LEN = 46, END_LEN = 22 }; /* each record's fixed part */
enum { FLAG_ENCRYPTED = 0x0001, FLAG_UTF8 = 0x0800 };

static uint32_t le16(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t le32(const unsigned char *p)
{
    return le16(p) | le16(p + 2) << 16;
}

int zipread_name_check(const char *name, size_t len, char *err)
{
    char slashed[ZIPREAD_NAME_MAX + 3];
    if (len == 0 || len > ZIPREAD_NAME_MAX)
        return verr(err, "a member name is empty or longer than %d bytes", ZIPREAD_NAME_MAX);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c < 0x20 || c >= 0x7f)
            return verr(err, "a member name has a control or non-ASCII byte 0x%02x", c);
        if (c == '\\' || c == ':')
            return verr(err, "a member name has a '%c' (not a portable path)", c);
    }
    if (name[0] == '/')
        return verr(err, "a member name is an absolute path");
    snprintf(slashed, sizeof slashed, "/%.*s/", (int)len, name);
    if (strstr(slashed, "//") || strstr(slashed, "/./") || strstr(slashed, "/../"))
        return verr(err, "a member name has an empty, '.' or '..' component");
    return 0;
}

/* Finds the end record right at the end, or says why it is not there. */
static int find_end(const unsigned char *buf, size_t len, char *err)
{
    for (size_t back = 0; len >= END_LEN && back <= len - END_LEN && back <= 65535; back++) {
        const unsigned char *p = buf + len - END_LEN - back;
        if (le32(p) != END_SIG)
            continue;
        if (back == 0)
            return 0;
        return verr(err, back == le16(p + 20) ? "the archive has a comment"
                                              : "bytes follow the end of the archive");
    }
    return verr(err, "not a zip archive (no end record: truncated, or another kind of file)");
}

/* Checks central entry i at c (its fixed part there, room bytes after it
 * before the end record) and records the member's name and size. */
static int check_central(const unsigned char *c, size_t room, zipread_archive *out, size_t i,
                         char *err)
{
    size_t nlen = le16(c + 28), xlen = le16(c + 30), size = le32(c + 24);
    uint32_t made_by = le16(c + 4) >> 8, flags = le16(c + 8), attr = le32(c + 38);
    uint32_t type = (attr >> 16) & 0170000; /* a Unix mode when made on Unix (3) */
    char why[VERR_MAX], shown[4 * ZIPREAD_NAME_MAX + 8], *name;
    if (room < nlen + xlen + le16(c + 32))
        return verr(err, "the central directory is damaged (entry %zu overruns it)", i + 1);
    if (le16(c + 34) != 0)
        return verr(err, "a member lies on another disk (multi-disk archives are refused)");
    if (xlen > ZIPREAD_EXTRA_MAX || le16(c + 32) != 0)
        return verr(err, "member %zu has a comment or an oversized extra field", i + 1);
    if (zipread_name_check((const char *)c + CENTRAL_LEN, nlen, why))
        return verr(err, "member \"%s\": %s",
                    vu_escape((const char *)c + CENTRAL_LEN, nlen, shown, sizeof shown), why);
    if (!(name = out->members[i].name = strndup((const char *)c + CENTRAL_LEN, nlen)))
        return verr(err, "out of memory");
    out->n = i + 1;
    if (flags & FLAG_ENCRYPTED)
        return verr(err, "member %s is encrypted", name);
    if (flags & ~(uint32_t)FLAG_UTF8)
        return verr(err, "member %s has unsupported flags 0x%04x (data descriptor or other)", name,
                    flags);
    if (le16(c + 10) != 0)
        return verr(err, "member %s is compressed (method %u); only stored members are allowed",
                    name, le16(c + 10));
    if (le32(c + 20) != size || size > ZIPREAD_MEMBER_MAX)
        return verr(err, "member %s has inconsistent or oversized sizes", name);
    if (made_by == 3 && type == 0120000)
        return verr(err, "member %s is a symbolic link", name);
    if ((made_by == 3 && type == 0040000) || (attr & 0x10))
        return verr(err, "member %s is a directory", name);
    for (size_t k = 0; k < i; k++)
        if (!strcasecmp(out->members[k].name, name))
            return verr(err, "duplicate member name %s (names must differ, also ignoring case)",
                        name);
    out->members[i].len = size;
    return 0;
}

/* Checks the local header at l (off bytes into the archive, room bytes before
 * the central directory) against member m's central entry c: where the one
 * before ended, the same flags, method, time, date, CRC, sizes and name. */
static int check_local(const unsigned char *l, size_t off, size_t room, const unsigned char *c,
                       const zipread_member *m, char *err)
{
    size_t nlen = le16(c + 28);
    if (le32(c + 42) != off)
        return verr(err,
                    le32(c + 42) > off ? "bytes hidden before member %s"
                                       : "member %s overlaps the one before it",
                    m->name);
    if (room < LOCAL_LEN || le32(l) != LOCAL_SIG)
        return verr(err, "the local header of member %s is missing or damaged", m->name);
    if (memcmp(l + 6, c + 8, 22) || room - LOCAL_LEN < nlen ||
        memcmp(l + LOCAL_LEN, c + CENTRAL_LEN, nlen))
        return verr(err, "the local and central headers of member %s disagree", m->name);
    if (le16(l + 28) > ZIPREAD_EXTRA_MAX || room - LOCAL_LEN - nlen < le16(l + 28) + m->len)
        return verr(err, "member %s overruns the central directory", m->name);
    return 0;
}

static int walk_layout(const unsigned char *buf, size_t len, zipread_archive *out, char *err)
{
    if (len > ZIPREAD_FILE_MAX)
        return verr(err, "archive is larger than %d bytes", ZIPREAD_FILE_MAX);
    if (find_end(buf, len, err))
        return -1;
    if (le32(buf) != LOCAL_SIG)
        return verr(err, "bytes before the first member (or no member at all)");
    const unsigned char *end = buf + len - END_LEN;
    size_t n = le16(end + 10), cd_size = le32(end + 12), cd_off = le32(end + 16);
    if (le16(end + 4) != 0 || le16(end + 6) != 0 || le16(end + 8) != n)
        return verr(err, "multi-disk archives are refused");
    if (n == 0xffff || cd_size == 0xffffffff || cd_off == 0xffffffff)
        return verr(err, "zip64 archives are refused");
    if (n == 0 || n > ZIPREAD_MEMBERS_MAX)
        return verr(err, "archive has %zu members (1 to %d allowed)", n, ZIPREAD_MEMBERS_MAX);
    if (cd_off > len - END_LEN || cd_size != len - END_LEN - cd_off)
        return verr(err, "bytes hidden between the central directory and the end record, or a "
                         "damaged end record");
    if (!(out->members = calloc(n, sizeof *out->members)))
        return verr(err, "out of memory");
    size_t cpos = cd_off, off = 0;
    for (size_t i = 0; i < n; i++) {
        const unsigned char *c = buf + cpos;
        if (len - END_LEN - cpos < CENTRAL_LEN || le32(c) != CENTRAL_SIG)
            return verr(err, "the central directory is damaged (entry %zu)", i + 1);
        if (check_central(c, len - END_LEN - cpos - CENTRAL_LEN, out, i, err) ||
            check_local(buf + off, off, cd_off - off, c, &out->members[i], err))
            return -1;
        off += LOCAL_LEN + le16(c + 28) + le16(buf + off + 28) + out->members[i].len;
        cpos += CENTRAL_LEN + le16(c + 28) + le16(c + 30);
    }
    if (cpos != len - END_LEN)
        return verr(err, "bytes follow the central directory entries");
    if (off != cd_off)
        return verr(err, "bytes hidden between the last member and the central directory");
    return 0;
}

/* Reads every member's data with libzip, which must see the same members. */
static int read_with_libzip(const unsigned char *buf, size_t len, zipread_archive *out, char *err)
{
    zip_error_t ze;
    zip_source_t *src;
    zip_t *za = NULL;
    int rc = 0;
    zip_error_init(&ze);
    if (!(src = zip_source_buffer_create(buf, len, 0, &ze))) {
        rc = verr(err, "libzip: %s", zip_error_strerror(&ze));
    } else if (!(za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze))) {
        rc = verr(err, "libzip refuses the archive: %s", zip_error_strerror(&ze));
        zip_source_free(src);
    }
    zip_error_fini(&ze);
    if (!za)
        return rc;
    if (zip_get_num_entries(za, 0) != (zip_int64_t)out->n)
        rc = verr(err, "libzip counts a different number of members");
    for (size_t i = 0; rc == 0 && i < out->n; i++) {
        zipread_member *m = &out->members[i];
        const char *name = zip_get_name(za, i, ZIP_FL_ENC_RAW);
        zip_file_t *f = NULL;
        unsigned char extra;
        if (!name || strcmp(name, m->name))
            rc = verr(err, "libzip names member %zu differently", i + 1);
        else if (!(m->data = malloc(m->len + 1)) || !(f = zip_fopen_index(za, i, 0)))
            rc = verr(err, "member %s cannot be read: %s", m->name, zip_strerror(za));
        else if (zip_fread(f, m->data, m->len) != (zip_int64_t)m->len ||
                 zip_fread(f, &extra, 1) != 0)
            rc = verr(err, "member %s does not read back (CRC or size mismatch): %s", m->name,
                      zip_file_strerror(f));
        if (f && zip_fclose(f) != 0 && rc == 0)
            rc = verr(err, "member %s does not read back (CRC mismatch)", m->name);
        if (m->data)
            m->data[m->len] = '\0';
    }
    zip_discard(za);
    return rc;
}

int zipread_mem(const unsigned char *buf, size_t len, zipread_archive *out, char *err)
{
    memset(out, 0, sizeof *out);
    return walk_layout(buf, len, out, err) || read_with_libzip(buf, len, out, err) ? -1 : 0;
}

void zipread_release(zipread_archive *z)
{
    for (size_t i = 0; i < z->n; i++) {
        free(z->members[i].name);
        free(z->members[i].data);
    }
    free(z->members);
    memset(z, 0, sizeof *z);
}

const zipread_member *zipread_find(const zipread_archive *z, const char *name)
{
    for (size_t i = 0; i < z->n; i++)
        if (!strcmp(z->members[i].name, name))
            return &z->members[i];
    return NULL;
}
