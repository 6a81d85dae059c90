/* program.c - program.xml: the program's settings (README "Program"). */
#include <stdlib.h>
#include <string.h>

#include "impl.h"

static const char *id_hint = "use a lowercase letter, then up to 31 lowercase letters, digits "
                             "or '-'";

/* Reads a link-like element (<resource>, <further-resources>): its text is
 * the label, href the optional link. */
static void read_link(const xmlNode *n, const char *file, const char *what, arena *ar, diag *d,
                      const char **label, const char **href)
{
    long line = xmldoc_line(n);
    *label = xmldoc_text(ar, n);
    *href = xmldoc_attr(ar, n, "href");
    if (!**label)
        diag_error(d, file, line, "%s has no text: write its label", what);
    else if (utf8_chars(*label) > LABEL_MAX)
        diag_error(d, file, line, "%s label is longer than %d characters: shorten it", what,
                   LABEL_MAX);
    if (*href && !url_program_link_allowed(*href))
        diag_error(d, file, line,
                   "%s link '%s' is not allowed: links must start with https://, http:// or "
                   "mailto: and contain no spaces",
                   what, *href);
}

/* The reason email_problem gives for an address it cannot quote. */
static const char unprintable[] = "it holds a space or a control character";

/* Why email, of n bytes, cannot be an address accord writes, or NULL when
 * it can. The address goes into mailto: links and mail headers as it is,
 * so beyond its shape (one
 * '@', a local part, a domain with a dot inside) it holds nothing a URL or
 * a mail header reads otherwise: no white space or control character, none
 * of <>()[]\\,;:" and no '?', '&', '#' or '%'. */
static const char *email_problem(const char *email, size_t n)
{
    for (const unsigned char *p = (const unsigned char *)email; *p; p++) {
        if (*p <= ' ' || *p == 0x7f)
            return unprintable;
        if (strchr("<>()[]\\,;:\"?&#%", *p))
            return "it holds one of < > ( ) [ ] \\ , ; : \" ? & # %";
    }
    const char *at = strchr(email, '@');
    if (!at || strchr(at + 1, '@'))
        return "an address has exactly one @";
    if (at == email)
        return "nothing comes before the @";
    const char *dot = strchr(at + 1, '.');
    if (!dot || dot == at + 1 || email[n - 1] == '.')
        return "the part after the @ must be a domain such as example.edu";
    return NULL;
}

const char *content_email(const xmlNode *el, const char *what, const char *file, arena *ar, diag *d)
{
    const char *email = xmldoc_attr(ar, el, "email");
    if (!email)
        return NULL;
    size_t n = strlen(email);
    if (n < CONTACT_MIN || n > CONTACT_MAX) {
        diag_error(d, file, xmldoc_line(el),
                   "%s email has %zu bytes: write an address such as someone@example.edu, in "
                   "%d to %d bytes",
                   what, n, CONTACT_MIN, CONTACT_MAX);
        return NULL;
    }
    const char *why = email_problem(email, n);
    if (!why)
        return email;
    int quote = why != unprintable;
    diag_error(d, file, xmldoc_line(el),
               "%s email%s%s%s cannot be used: %s; write an address such as "
               "someone@example.edu",
               what, quote ? " \"" : "", quote ? email : "", quote ? "\"" : "", why);
    return NULL;
}

/* The url of <site>: an absolute https:// or http:// URL with a host,
 * as url_program_link_allowed, and no '?' or '#' (a person's link is the
 * url, then "p/NAME.html#k=KEY"); NULL after reporting to d when not. */
static const char *site_url(const xmlNode *el, const char *file, arena *ar, diag *d)
{
    const char *url = xmldoc_attr(ar, el, "url");
    const char *rest = !strncmp(url, "https://", 8)  ? url + 8
                       : !strncmp(url, "http://", 7) ? url + 7
                                                     : NULL;
    if (rest && *rest && *rest != '/' && !strpbrk(url, "?#") && url_program_link_allowed(url) &&
        strlen(url) <= LABEL_MAX)
        return url;
    diag_error(d, file, xmldoc_line(el),
               "site url is not the address of a site: write the public site's address as "
               "https://host/ or http://host/path/ (no spaces, '?' or '#', at most %d bytes)",
               LABEL_MAX);
    return NULL;
}

/* The file of <program-key>: relative, inside the content directory (no
 * empty, "." or ".." component), printable ASCII, ending ".pub"; NULL
 * after reporting to d when not. */
static const char *program_key_file(const xmlNode *el, const char *file, arena *ar, diag *d,
                                    long *line)
{
    const char *f = xmldoc_attr(ar, el, "file");
    size_t n = strlen(f);
    int ok = n > 4 && n <= 200 && f[0] != '/' && !strcmp(f + n - 4, ".pub") && !strstr(f, "//") &&
             strncmp(f, "./", 2) && strncmp(f, "../", 3) && !strstr(f, "/../") && !strstr(f, "/./");
    for (size_t i = 0; ok && i < n; i++)
        ok = f[i] > 0x20 && f[i] < 0x7f && f[i] != '\\';
    *line = xmldoc_line(el);
    if (ok)
        return f;
    diag_error(d, file, *line,
               "program-key file \"%s\" is not a public key file inside the content directory: "
               "write a relative path ending in .pub, such as ledger/program.pub",
               f);
    return NULL;
}

static void program_from_doc(xmlDocPtr doc, const char *file, arena *ar, diag *d, program *p)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    long line = xmldoc_line(root);
    p->file = file;
    p->line = line;
    p->id = xmldoc_attr(ar, root, "id");
    p->theme = xmldoc_attr(ar, root, "theme");
    if (!p->theme)
        p->theme = "default";
    p->questionnaire = xmldoc_attr(ar, root, "questionnaire");
    const char *months = xmldoc_attr(ar, root, "review-months");
    const char *names = xmldoc_attr(ar, root, "names");
    p->names_public = names && !strcmp(names, "public");
    if (!valid_id(p->id, 0))
        diag_error(d, file, line, "program id '%s' is not valid: %s", p->id ? p->id : "", id_hint);
    if (!valid_id(p->theme, 0))
        diag_error(d, file, line, "theme '%s' is not a valid theme folder name: %s", p->theme,
                   id_hint);
    if (!valid_id(p->questionnaire, 0))
        diag_error(d, file, line, "questionnaire '%s' is not a valid questionnaire id: %s",
                   p->questionnaire ? p->questionnaire : "", id_hint);
    long m = -1;
    if (months) {
        char *end;
        m = strtol(months, &end, 10);
        if (*end || end == months)
            m = -1;
    }
    if (m < REVIEW_MONTHS_MIN || m > REVIEW_MONTHS_MAX)
        diag_error(d, file, line,
                   "review-months=\"%s\" is out of range: agreements are reviewed every %d to %d "
                   "months",
                   months ? months : "", REVIEW_MONTHS_MIN, REVIEW_MONTHS_MAX);
    else
        p->review_months = (int)m;

    xmlNodePtr title = xmldoc_child(root, "title");
    p->title = title ? xmldoc_text(ar, title) : "";
    if (!*p->title)
        diag_error(d, file, title ? xmldoc_line(title) : line, "program title is empty: write it");
    else if (utf8_chars(p->title) > LABEL_MAX)
        diag_error(d, file, xmldoc_line(title),
                   "program title is longer than %d characters: shorten it", LABEL_MAX);

    xmlNodePtr contact = xmldoc_child(root, "contact");
    if (contact)
        p->contact = content_email(contact, "contact", file, ar, d);
    xmlNodePtr site = xmldoc_child(root, "site");
    if (site)
        p->site_url = site_url(site, file, ar, d);
    xmlNodePtr pk = xmldoc_child(root, "program-key");
    if (pk)
        p->program_key = program_key_file(pk, file, ar, d, &p->program_key_line);

    size_t nd = xmldoc_count(root, "disable");
    if (nd > DISABLE_MAX) {
        diag_error(d, file, line, "program.xml has %zu <disable>s: at most %d are allowed", nd,
                   DISABLE_MAX);
        nd = 0;
    }
    p->disabled = arena_alloc(ar, (nd ? nd : 1) * sizeof *p->disabled);
    for (xmlNodePtr c = root->children; c && p->n_disabled < nd; c = c->next) {
        if (!xmldoc_is(c, "disable"))
            continue;
        disabled_section *ds = &p->disabled[p->n_disabled++];
        ds->questionnaire = xmldoc_attr(ar, c, "questionnaire");
        ds->section = xmldoc_attr(ar, c, "section");
        ds->line = xmldoc_line(c);
        for (size_t j = 0; j + 1 < p->n_disabled; j++)
            if (!strcmp(p->disabled[j].questionnaire, ds->questionnaire) &&
                !strcmp(p->disabled[j].section, ds->section))
                diag_error(d, file, ds->line,
                           "section '%s' of questionnaire '%s' is disabled twice (first at line "
                           "%ld): remove one <disable>",
                           ds->section, ds->questionnaire, p->disabled[j].line);
    }

    xmlNodePtr res = xmldoc_child(root, "resources");
    size_t nr = xmldoc_count(res, "resource");
    p->resources = arena_alloc(ar, (nr ? nr : 1) * sizeof *p->resources);
    for (xmlNodePtr c = res ? res->children : NULL; c; c = c->next) {
        if (!xmldoc_is(c, "resource"))
            continue;
        resource *r = &p->resources[p->n_resources++];
        read_link(c, file, "resource", ar, d, &r->label, &r->href);
        if (p->n_resources == RESOURCES_MAX + 1)
            diag_error(d, file, xmldoc_line(c),
                       "more than %d resources: list at most %d, or link to a page listing "
                       "more",
                       RESOURCES_MAX, RESOURCES_MAX);
    }

    xmlNodePtr further = xmldoc_child(root, "further-resources");
    if (further)
        read_link(further, file, "further-resources", ar, d, &p->further_label, &p->further_href);

    xmlNodePtr idp = xmldoc_child(root, "idp");
    if (idp) {
        const char *en = xmldoc_attr(ar, idp, "enabled");
        p->idp_line = xmldoc_line(idp);
        p->idp_enabled = !en || !strcmp(en, "true") || !strcmp(en, "1");
        p->idp_questionnaire = xmldoc_attr(ar, idp, "questionnaire");
        p->idp_href = xmldoc_attr(ar, idp, "href");
        const char *shared = xmldoc_attr(ar, idp, "shared-with-mentor");
        p->idp_shared = shared && (!strcmp(shared, "true") || !strcmp(shared, "1"));
        if (!valid_id(p->idp_questionnaire, 0))
            diag_error(d, file, xmldoc_line(idp),
                       "idp questionnaire '%s' is not a valid questionnaire id: %s",
                       p->idp_questionnaire ? p->idp_questionnaire : "", id_hint);
        if (p->idp_href && !url_program_link_allowed(p->idp_href))
            diag_error(d, file, xmldoc_line(idp),
                       "idp link '%s' is not allowed: links must start with https://, http:// "
                       "or mailto: and contain no spaces",
                       p->idp_href);
    }

    custom_questions_parse(xmldoc_child(root, "custom-questions"), file, "the program", ar, d,
                           &p->custom, &p->n_custom);
}

int program_load(const char *path, arena *ar, diag *d, program *out)
{
    memset(out, 0, sizeof *out);
    out->file = arena_strdup(ar, path);
    out->theme = "default";
    int before = d->errors + d->io_errors;
    xmlDocPtr doc = xmldoc_open(path, NULL, 0, "program", "program.xml", d);
    if (!doc)
        return -1;
    program_from_doc(doc, out->file, ar, d, out);
    xmlFreeDoc(doc);
    return d->errors + d->io_errors == before ? 0 : -1;
}
