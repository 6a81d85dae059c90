/* keys_page.c - public/keys.html, "Your keys": what a key pair is for and
 * how to keep it, in plain words, the element the page script fills to
 * make a pair in the browser (minisign format, password-encrypted), and
 * where to get the signing kit. */
#include <stdio.h>

#include "impl.h"

/* Keys made in the browser are encrypted with scrypt at 256 MiB (N = 2^18,
 * r = 8, p = 1: libsodium's choice for these two limits) instead of
 * minisign's 1 GiB default, so that a key unlocks in about a second in a
 * browser tab and on phones. The limits are written into the key file, so
 * minisign and accord unlock such keys unchanged. */
enum {
    KEYS_KDF_OPSLIMIT = 8388608,   /* 2^23 */
    KEYS_KDF_MEMLIMIT = 268435456, /* 2^28 bytes */
};

/* The shortest password the page accepts for a new secret key, in
 * characters: the key file may be copied, and its password is then all
 * that guards it. */
enum { KEYS_PASSWORD_MIN = 12 };

static void make_section(xmlNodePtr m, const program *pr)
{
    html_el(m, "h2", "Make your keys");
    char choose[128];
    snprintf(choose, sizeof choose,
             "Choose a password of at least %d characters, then make your keys below. Your "
             "browser makes two files:",
             KEYS_PASSWORD_MIN);
    html_el(m, "p", choose);
    xmlNodePtr ul = html_el(m, "ul", NULL);
    xmlNodePtr li = html_el(ul, "li", NULL);
    html_el(li, "strong", "Your secret key");
    html_text(li, " signs your answers. Keep it, with its password. Never send it to anyone: "
                  "the program will never ask for it.");
    li = html_el(ul, "li", NULL);
    html_el(li, "strong", "Your public key");
    html_text(li, " lets the program check that answers signed with your secret key really "
                  "come from you. Send it to the program");
    if (pr->contact) {
        html_text(li, " at ");
        char href[8 + CONTACT_MAX];
        snprintf(href, sizeof href, "mailto:%s", pr->contact);
        html_link(li, href, pr->contact);
    }
    html_text(li, ".");
    html_el(m, "p",
            "Everything happens in your browser: nothing you type on this page leaves your "
            "computer.");
}

void render_keys_box(xmlNodePtr parent, const char *program_id, const char *program_title,
                     const char *contact)
{
    xmlNodePtr box = html_elc(parent, "div", "accord-keys", NULL);
    html_attr(box, "id", "accord-keys");
    html_attr_number(box, "data-kdf-opslimit", KEYS_KDF_OPSLIMIT);
    html_attr_number(box, "data-kdf-memlimit", KEYS_KDF_MEMLIMIT);
    if (program_id)
        html_attr(box, "data-program", program_id);
    html_attr(box, "data-program-title", program_title);
    if (contact)
        html_attr(box, "data-contact", contact);
    html_attr_number(box, "data-password-min", KEYS_PASSWORD_MIN);
}

/* Where to get the signing kit, and its fingerprint (none without a kit). */
static void kit_section(const render_ctx *rc, page *p)
{
    if (!rc->kit_sha256)
        return;
    xmlNodePtr m = p->main;
    html_el(m, "h2", "A signing kit you can keep");
    html_el(m, "p",
            "Whoever runs this website controls the scripts that see your key and password. If "
            "you would rather not trust that, download the signing kit once, check its "
            "fingerprint against the one in the software's README, and open it from your own "
            "computer. It signs your answers and makes keys just like this website, without a "
            "connection.");
    xmlNodePtr para = html_el(m, "p", NULL);
    render_link(p, para, SIGNING_KIT_FILE, "Download the signing kit");
    html_text(para, " (a zip file). Its fingerprint (SHA-256) is:");
    html_el(html_elc(m, "p", "kit-fingerprint", NULL), "code", rc->kit_sha256);
}

int render_keys(const render_ctx *rc, const page_job *j, page *p, diag *d)
{
    const program *pr = &rc->c->program;
    if (render_page_begin(rc, j, p, "Your keys") != 0)
        return -1;
    xmlNodePtr m = p->main;
    html_el(m, "h1", "Your keys");
    html_el(m, "p",
            "You sign your answers with a key of your own, so that the program knows they are "
            "yours. You make it here, once, and use it for every form you sign.");
    make_section(m, pr);
    render_keys_box(m, pr->id, pr->title, pr->contact);
    xmlNodePtr ns = html_el(m, "noscript", NULL);
    html_el(ns, "p",
            "This page needs JavaScript to make keys. Turn JavaScript on in your browser, then "
            "come back to this page.");

    html_el(m, "h2", "Keep them safe");
    html_el(m, "p",
            "Save your secret key where only you can reach it, such as your own computer, and "
            "remember its password. Nobody can recover a forgotten password, not even the "
            "program.");

    html_el(m, "h2", "If you lose your key");
    html_el(m, "p",
            "If you lose your secret key or forget its password, make a new pair here and send "
            "the new public key to the program, saying that the old one is lost. Answers you "
            "have already signed stay valid.");
    html_el(m, "p",
            "If someone else may have your secret key, tell the program at once, so that it "
            "stops accepting the old key. Then make a new pair.");

    kit_section(rc, p);
    (void)d;
    return 0;
}
