/* load.c - what the commands share (impl.h): the program's state as
 * 'accord build' reads it, the --as-of day, where an output may go, and
 * names made safe for a terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "accord_verify.h"
#include "impl.h"
#include "render.h"

int state_load(const char *dir, unsigned flags, content *c, bundle_set *bs)
{
    diag d = DIAG_INIT;
    memset(c, 0, sizeof *c);
    memset(bs, 0, sizeof *bs);
    if (!is_directory(dir)) {
        diag_say("%s: no such content directory: name one with -C DIR", dir);
        return 2;
    }
    if (content_load(dir, c, &d) != 0) {
        diag_say("the content has problems (see above)");
        return diag_exit_code(&d) ? diag_exit_code(&d) : 1;
    }
    render_init();
    if (bundles_load(c, &agreement_pages, flags, NULL, bs, &d) != 0) {
        diag_say("the keys or bundles cannot be read (see above)");
        return diag_exit_code(&d) ? diag_exit_code(&d) : 1;
    }
    if (d.refused)
        diag_say("%d bundle%s refused (see above): what they hold is not counted", d.refused,
                 d.refused == 1 ? "" : "s");
    return 0;
}

void state_release(content *c, bundle_set *bs)
{
    bundle_set_release(bs);
    content_release(c);
}

int as_of_day(const char *cmd, const char *arg, char out[11])
{
    char t[21];
    if (!arg) {
        if (meta_time_format((long long)time(NULL), t) != 0) {
            diag_say("%s: the system clock is out of range: give the day with --as-of", cmd);
            return 2;
        }
        snprintf(out, 11, "%.10s", t);
        return 0;
    }
    if (!valid_day(arg)) {
        diag_say("%s: --as-of '%s' is not a day: write it as YYYY-MM-DD, e.g. 2026-10-05", cmd,
                 arg);
        return 2;
    }
    memcpy(out, arg, 11);
    return 0;
}

/* The real path of path: that of its nearest existing ancestor, then the
 * rest of path as written (malloc'd; NULL when nothing resolves). */
static char *resolve(const char *path)
{
    char *probe = strdup(path), *real = NULL;
    const char *rest = "";
    while (probe && !(real = realpath(probe, NULL))) {
        char *slash = strrchr(probe, '/');
        if (!slash || slash == probe) {
            real = realpath(slash ? "/" : ".", NULL);
            rest = path;
            break;
        }
        *slash = '\0';
        rest = path + (slash - probe);
    }
    char *full = NULL;
    if (real) {
        size_t n = strlen(real);
        int sep = *rest && *rest != '/' && real[n - 1] != '/';
        if (real[n - 1] == '/' && *rest == '/')
            rest++;
        size_t len = n + (size_t)sep + strlen(rest) + 1;
        if ((full = malloc(len)))
            snprintf(full, len, "%s%s%s", real, sep ? "/" : "", rest);
    }
    free(probe);
    free(real);
    return full;
}

int path_inside(const char *path, const char *dir)
{
    char *cdir = realpath(dir, NULL), *real = resolve(path);
    int inside = 0;
    if (cdir && real) {
        size_t n = strlen(cdir);
        inside = !strncmp(real, cdir, n) && (real[n] == '/' || real[n] == '\0');
    }
    free(cdir);
    free(real);
    return inside;
}

int path_under_public(const char *path)
{
    char *real = resolve(path);
    int under = 0;
    for (char *p = real; p && (p = strstr(p, "/public")); p += 7)
        if (p[7] == '/' || p[7] == '\0')
            under = 1;
    free(real);
    return under;
}

const char *plain_text(arena *ar, const char *s)
{
    char *out = arena_alloc(ar, strlen(s) + 1), *o = out;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) { /* U+0080 to U+009F */
            p++;
            *o++ = '?';
        } else {
            *o++ = *p < 0x20 || *p == 0x7f ? '?' : (char)*p;
        }
    }
    return out;
}
