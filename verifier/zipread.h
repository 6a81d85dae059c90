/* zipread.h - reading a bundle archive into bounded memory.
 *
 * Two independent readers must agree: a bounded walk of the raw layout
 * (contiguous stored members from offset 0, a central directory that matches
 * every local header, an end record with no comment, then end of file) and
 * libzip opened with ZIP_CHECKCONS, which reads the data and checks CRCs.
 * Nothing is ever extracted to disk.
 */
#ifndef ACCORD_ZIPREAD_H
#define ACCORD_ZIPREAD_H

#include <stddef.h>

enum {
    ZIPREAD_FILE_MAX = 64 * 1024 * 1024,   /* bytes of a whole archive */
    ZIPREAD_MEMBERS_MAX = 256,             /* members of an archive */
    ZIPREAD_MEMBER_MAX = 16 * 1024 * 1024, /* bytes of one member */
    ZIPREAD_NAME_MAX = 255,                /* bytes of a member name */
    ZIPREAD_EXTRA_MAX = 1024,              /* bytes of a header's extra field */
};

typedef struct zipread_member {
    char *name;          /* NUL-terminated; checked by zipread_name_check */
    unsigned char *data; /* len bytes plus a NUL not counted */
    size_t len;
} zipread_member;

/* An archive's members in archive order. */
typedef struct zipread_archive {
    zipread_member *members;
    size_t n;
} zipread_archive;

/* Reads the archive buf[0..len) into *out (release with zipread_release,
 * also after a failure). Returns 0, or -1 with the reason in err
 * (VERR_MAX bytes). */
int zipread_mem(const unsigned char *buf, size_t len, zipread_archive *out, char *err);

/* Frees what zipread_mem allocated; *z may then be reused. */
void zipread_release(zipread_archive *z);

/* Returns the member named name, or NULL. */
const zipread_member *zipread_find(const zipread_archive *z, const char *name);

/* Checks a member name: 1 to ZIPREAD_NAME_MAX printable ASCII bytes, no
 * backslash, colon, leading slash, empty, "." or ".." component. Returns 0,
 * or -1 with err set. */
int zipread_name_check(const char *name, size_t len, char *err);

#endif
