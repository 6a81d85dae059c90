/* signing_kit.c - the files of the signing kit (see render.h).
 *
 * The kit is what a person who does not want to trust the site's host
 * signs with: a zip they download once, check against the SHA-256 printed
 * in accord's README, unpack and open from their own computer. Its page,
 * signing-kit/signing-kit.html, signs the answers a form saved for the kit
 * and makes or checks keys, with the theme's scripts under
 * signing-kit/assets/: the same bytes as the site's assets/, so the kit
 * runs exactly the code the site runs.
 *
 * One fingerprint in a README fits every program only if every program
 * gets the same bytes. So the kit takes nothing from the content: no
 * program title, id or contact, no nav, no guide. Its page is made from the
 * theme's page.html like every page (the same Content-Security-Policy and
 * asset links), with fixed words and accord's version; its assets are the
 * theme's files. The same accord version and theme give the same kit.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "impl.h"

#define KIT_DIR "signing-kit/"

/* Links of the template to other pages of a site ("index.html" around the
 * site title) would lead nowhere from the kit's folder: such an <a> keeps
 * its text and loses its href. Links into assets/ and within the page
 * stay. */
static void drop_site_links(xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        xmlChar *href = strcmp((const char *)n->name, "a") ? NULL : xmlGetProp(n, BAD_CAST "href");
        if (href && url_is_relative_file((const char *)href) &&
            strncmp((const char *)href, "assets/", 7))
            xmlUnsetProp(n, BAD_CAST "href");
        xmlFree(href);
        drop_site_links(n->children);
    }
}

/* The kit's page, in plain words: what it is for, the element kit.js drives
 * to sign a file of answers a form saved, and keys.js's to make or check
 * keys. */
static int kit_page(const theme *t, unsigned char **out, size_t *len)
{
    page p;
    if (page_begin(&p, t, PAGE_SIGNING_KIT, 0, NULL, "Signing kit") != 0)
        return -1;
    drop_site_links(p.doc->children);
    if (p.footer) {
        sbuf b = SBUF_INIT;
        sb_printf(&b, "Made by accord %s. Open this page from your own computer.", accord_version);
        html_el(p.footer, "p", b.data);
        sb_release(&b);
    }
    xmlNodePtr m = p.main;
    html_el(m, "h1", "Your signing kit");
    html_el(m, "p",
            "This page works from your own computer, with no connection to the internet. It "
            "signs the answers your program's form saved for it, and it makes or checks keys.");
    html_el(m, "h2", "Sign your answers");
    html_el(m, "p",
            "On your form, after “Check your answers”, choose “Save for my signing kit”. Open "
            "that file here and read what it shows: that is exactly what you sign. Then sign it, "
            "and send the signed file to your program.");
    xmlNodePtr kit = html_elc(m, "div", "accord-kit", NULL);
    html_attr(kit, "id", "accord-kit");
    render_zip_limits(kit);
    html_el(m, "h2", "Make or check your keys");
    html_el(m, "p",
            "Make a new pair of keys, or check that a secret key you have opens with your "
            "password.");
    render_keys_box(m, NULL, "your program", NULL);
    html_el(html_el(m, "noscript", NULL), "p",
            "This page needs JavaScript to sign and to make keys. Turn JavaScript on in your "
            "browser, then open this page again.");
    return page_finish(&p, out, len);
}

void render_signing_kit_free(zipread_member *members, size_t n)
{
    for (size_t i = 0; members && i < n; i++) {
        free(members[i].name);
        free(members[i].data);
    }
    free(members);
}

int render_signing_kit(const theme *t, zipread_member **members, size_t *n, diag *d)
{
    zipread_member *m = calloc(1 + t->n_assets, sizeof *m);
    if (!m || !(m[0].name = strdup(KIT_DIR "signing-kit.html")) ||
        kit_page(t, &m[0].data, &m[0].len) != 0) {
        render_signing_kit_free(m, 1);
        diag_io(d, NULL, "cannot make the signing kit: out of memory");
        return -1;
    }
    for (size_t i = 0; i < t->n_assets; i++) {
        sbuf name = SBUF_INIT;
        size_t name_len;
        sb_printf(&name, KIT_DIR "assets/%s", t->assets[i]);
        m[1 + i].name = sb_take(&name, &name_len);
        char *src = path_join(t->dir, t->assets[i]);
        if (!src || read_file(src, THEME_FILE_MAX, &m[1 + i].data, &m[1 + i].len) != 0) {
            diag_io(d, src ? src : t->dir, "cannot read: %s", vu_read_error(errno));
            free(src);
            render_signing_kit_free(m, 2 + i);
            return -1;
        }
        free(src);
    }
    *members = m;
    *n = 1 + t->n_assets;
    return 0;
}
