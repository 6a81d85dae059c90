/* theme.h - a theme: themes/<name>/page.html (the page template, parsed
 * once) and the asset files copied beside the pages. */
#ifndef ACCORD_THEME_H
#define ACCORD_THEME_H

#include <stddef.h>

#include <libxml/tree.h>

#include "diag.h"

enum { THEME_FILE_MAX = 4 * 1024 * 1024 }; /* bytes: page.html or one asset */

typedef struct theme {
    char *name;
    char *dir;      /* data_dir()/themes/<name> */
    xmlDocPtr page; /* parsed page.html; read-only once loaded */
    char **assets;  /* file names in dir other than page.html, sorted */
    size_t n_assets;
} theme;

/* Loads the theme called name (a folder of data_dir()/themes/) into *t.
 * Returns 0, or -1 after reporting to d: an unknown theme or a page.html
 * without a body is an error in the content (program.xml names the theme);
 * a file that cannot be read is an I/O error. The caller releases t with
 * theme_release whatever the result. */
int theme_load(const char *name, const char *program_file, theme *t, diag *d);

void theme_release(theme *t);

#endif
