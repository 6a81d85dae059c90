/* theme.c - finding and loading a theme (see impl.h). */
#include "impl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

static int theme_load(const char *name, const char *program_file, theme *t, diag *d)
{
    memset(t, 0, sizeof *t);
    /* a theme name is a path component: the id grammar, so it cannot climb
     * out of themes/ */
    if (!name || !valid_id(name, 0)) {
        diag_error(d, program_file, 0, "theme '%s' is not a valid theme name", name ? name : "");
        return -1;
    }
    t->name = strdup(name);
    char *data = data_dir();
    if (!data) {
        diag_io(d, NULL,
                "cannot find accord's data (its themes folder) beside the program or in %s: "
                "set ACCORD_DATADIR to the folder holding themes/",
                accord_datadir_default);
        return -1;
    }
    char *themes = path_join(data, "themes");
    free(data);
    t->dir = path_join(themes, name);
    if (!is_directory(t->dir)) {
        diag_error(d, program_file, 0, "unknown theme '%s': no folder %s", name, t->dir);
        char **names;
        size_t n;
        if (list_dir(themes, "", &names, &n) == 0) {
            for (size_t i = 0; i < n; i++)
                diag_say("available theme: %s", names[i]);
            free_names(names, n);
        }
        free(themes);
        return -1;
    }
    free(themes);

    char *page_path = path_join(t->dir, "page.html");
    unsigned char *buf;
    size_t len;
    if (read_file(page_path, THEME_FILE_MAX, &buf, &len) != 0) {
        if (errno == ENOENT)
            diag_error(d, page_path, 0, "theme '%s' has no page.html", name);
        else
            diag_io(d, page_path, "cannot read: %s", vu_read_error(errno));
        free(page_path);
        return -1;
    }
    t->page = htmlReadMemory((const char *)buf, (int)len, NULL, "UTF-8",
                             HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
    free(buf);
    if (!t->page || !html_find_el(xmlDocGetRootElement(t->page), "body")) {
        diag_error(d, page_path, 0, "theme page.html is not an HTML document with a <body>");
        free(page_path);
        return -1;
    }
    if (!html_find_attr(xmlDocGetRootElement(t->page), "data-slot", "main")) {
        diag_error(d, page_path, 0, "theme page.html has no data-slot=\"main\" element");
        free(page_path);
        return -1;
    }
    free(page_path);

    char **names;
    size_t n;
    if (list_dir(t->dir, "", &names, &n) != 0) {
        diag_io(d, t->dir, "cannot list: %s", strerror(errno));
        return -1;
    }
    t->assets = calloc(n ? n : 1, sizeof *t->assets);
    for (size_t i = 0; i < n; i++) {
        char *p = path_join(t->dir, names[i]);
        /* page.html is the template; dot files (editor backups) and folders
         * are not assets */
        int skip = !strcmp(names[i], "page.html") || names[i][0] == '.' || is_directory(p);
        free(p);
        if (skip)
            free(names[i]);
        else
            t->assets[t->n_assets++] = names[i];
    }
    free(names);
    return 0;
}

static void theme_release(theme *t)
{
    free(t->name);
    free(t->dir);
    if (t->page)
        xmlFreeDoc(t->page);
    for (size_t i = 0; i < t->n_assets; i++)
        free(t->assets[i]);
    free(t->assets);
    memset(t, 0, sizeof *t);
}

theme *theme_open(const char *name, const char *program_file, diag *d)
{
    theme *t = calloc(1, sizeof *t);
    if (!t) {
        diag_io(d, NULL, "out of memory");
        return NULL;
    }
    if (theme_load(name, program_file, t, d) != 0) {
        theme_close(t);
        return NULL;
    }
    return t;
}

void theme_close(theme *t)
{
    if (t) {
        theme_release(t);
        free(t);
    }
}

const char *theme_dir(const theme *t)
{
    return t->dir;
}

int theme_copy_assets(const theme *t, site_writer *w, diag *d)
{
    static const char *const trees[] = {"public", "private"};
    int rc = 0;
    for (size_t i = 0; i < t->n_assets && rc == 0; i++) {
        char *src = path_join(t->dir, t->assets[i]);
        for (size_t k = 0; src && k < 2 && rc == 0; k++) {
            char *rel = malloc(strlen(trees[k]) + strlen(t->assets[i]) + 16);
            if (!rel)
                break;
            sprintf(rel, "%s/assets/%s", trees[k], t->assets[i]);
            rc = site_copy(w, rel, src, THEME_FILE_MAX, d);
            free(rel);
        }
        if (!src)
            rc = -1;
        free(src);
    }
    return rc;
}
