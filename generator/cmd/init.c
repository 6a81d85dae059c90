/* init.c - accord init DIR: a new program's content directory, ready for
 * 'accord check' and 'accord build': the starter questionnaires and guide
 * pages from accord's data, a commented program.xml and people.xml, empty
 * keys/ and bundles/, a .gitignore and the program secret. It writes only
 * into a folder that is new or empty, and every file without overwriting. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base.h"
#include "cmd.h"
#include "content.h"

const command_spec init_spec = {
    .name = "init",
    .summary = "make a new program's content directory",
    .synopsis = "init DIR",
    .description =
        "Makes DIR (and its missing parents) a content directory for a new program: the "
        "standard questionnaires and guide pages, program.xml (names=\"private\", a "
        "placeholder contact address to change) and people.xml (one example pair), both "
        "commented, empty keys/ and bundles/, a .gitignore naming what must never be "
        "committed, and the program secret (as 'accord secret' makes it). 'accord check -C "
        "DIR' finds no problem in it.\n\n"
        "DIR must not exist or be an empty folder: accord init never writes over anything.",
    .operands = "content directory",
    .min_operands = 1,
    .max_operands = 1,
    .exit_status = "0 the directory was made; 1 DIR exists and is not an empty folder; 2 a "
                   "usage or I/O error (accord's starter files not found included).",
    .options = NULL,
    .n_options = 0,
};

/* The files init writes from text, in the order it writes them; "%s" in
 * program.xml is the program id. XML comments never hold "--". */
static const char program_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!-- The program. 'man accord' (or accord's README, \"Content formats\") describes\n"
    "     every element and attribute.\n"
    "     id: names the program in every answers file and bundle; settle it before\n"
    "       anyone signs (it was taken from the folder's name).\n"
    "     names=\"private\": the public site names nobody; each person reaches their\n"
    "       own pages through their personal link, which the private index lists.\n"
    "     review-months: when an agreement is reviewed, 6 to 12 months after it.\n"
    "     questionnaire: what agreements ask unless people.xml says otherwise. -->\n"
    "<program id=\"%s\" names=\"private\" theme=\"default\" review-months=\"12\" "
    "questionnaire=\"agreement\">\n"
    "  <title>Mentoring Program</title>\n"
    "  <!-- CHANGE THIS: the address people send their public keys and signed\n"
    "       answers to. The placeholder below reaches nobody. -->\n"
    "  <contact email=\"mentoring@example.org\"/>\n"
    "  <!-- To turn a section of a questionnaire off:\n"
    "  <disable questionnaire=\"agreement\" section=\"mentoring-panel\"/> -->\n"
    "  <!-- Links for the site's resources list (at most 20):\n"
    "  <resources>\n"
    "    <resource href=\"https://example.org/mentoring\">Mentoring workshops</resource>\n"
    "  </resources> -->\n"
    "  <idp enabled=\"true\" questionnaire=\"idp\"/>\n"
    "  <!-- Up to 5 questions of your own, asked in every agreement:\n"
    "  <custom-questions>\n"
    "    <question id=\"program-goal\" type=\"short\">\n"
    "      <text>What is your main goal for this year?</text>\n"
    "    </question>\n"
    "  </custom-questions> -->\n"
    "</program>\n";

static const char people_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!-- The people of the program and their agreements: replace the example pair\n"
    "     with your own. An id is lower-case letters, digits and hyphens, starting\n"
    "     with a letter; a person's id also names their public key, keys/<id>.pub.\n"
    "     email is optional and shown on your private index only. -->\n"
    "<people>\n"
    "  <person id=\"alex\" name=\"Alex Example\" email=\"alex@example.org\"/>\n"
    "  <person id=\"sam\" name=\"Sam Example\" email=\"sam@example.org\"/>\n"
    "  <!-- alex is the mentee, sam the mentor -->\n"
    "  <agreement id=\"alex-sam\" mentee=\"alex\" mentor=\"sam\"/>\n"
    "</people>\n";

static const char gitignore[] =
    "# What must never be committed or published (written by accord init).\n"
    "# The program secret: every person's link derives from it. Back it up apart\n"
    "# from this repository, which is shared more widely than the secret may be.\n"
    "/secret\n"
    "# Secret keys stay with their owners; only public keys (*.pub) belong here.\n"
    "*.key\n"
    "# Reminders written for the admin to send.\n"
    "outbox/\n"
    "# A built site: accord build writes it outside this folder (-o), and its\n"
    "# private/ half shows everyone's answers.\n"
    "site/\n";

/* The last path component of dir when it is a valid id, else "program". */
static const char *program_id(const char *dir, char *buf, size_t size)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    size_t start = n;
    while (start > 0 && dir[start - 1] != '/')
        start--;
    if (n - start >= size)
        return "program";
    memcpy(buf, dir + start, n - start);
    buf[n - start] = '\0';
    return valid_id(buf, 0) ? buf : "program";
}

/* 0 when dir is absent or an empty folder; else says what is there and
 * returns 1 (2 when it cannot be listed). */
static int check_new(const char *dir)
{
    if (!path_exists(dir))
        return 0;
    if (!is_directory(dir)) {
        diag_say("%s: exists and is not a folder: name a new or empty folder", dir);
        return 1;
    }
    char **names;
    size_t n;
    if (list_dir(dir, "", &names, &n) != 0) {
        diag_say("%s: cannot list it: %s", dir, strerror(errno));
        return 2;
    }
    if (n) {
        sbuf what = SBUF_INIT;
        for (size_t i = 0; i < n && i < 5; i++)
            sb_printf(&what, "%s%s", i ? ", " : "", names[i]);
        if (n > 5)
            sb_printf(&what, " and %zu more", n - 5);
        diag_say("%s: not empty (it holds %s): accord init writes over nothing; name a new or "
                 "empty folder",
                 dir, what.data);
        sb_release(&what);
    }
    free_names(names, n);
    return n ? 1 : 0;
}

/* The folder the starter questionnaires/ and guide/ are copied from: the
 * data directory's starter/ (an installed accord), else its content/ (the
 * source tree, which make install copies starter/ from). malloc'd, or
 * NULL after saying why. */
static char *starter_dir(void)
{
    char *data = data_dir();
    if (!data) {
        diag_say("cannot find accord's data beside the program or in %s: set ACCORD_DATADIR "
                 "to the folder holding themes/ and starter/",
                 accord_datadir_default);
        return NULL;
    }
    static const char *const places[] = {"starter", "content"};
    char *found = NULL;
    for (size_t i = 0; !found && i < sizeof places / sizeof *places; i++) {
        char *dir = path_join(data, places[i]), *q = path_join(dir, "questionnaires");
        if (is_directory(q))
            found = dir;
        else
            free(dir);
        free(q);
    }
    if (!found)
        diag_say("%s: holds no starter/questionnaires: reinstall accord (make install)", data);
    free(data);
    return found;
}

/* Writes len bytes to dir/name, never over a file. Returns 0, or 2 after
 * saying why. */
static int put(const char *dir, const char *name, const void *data, size_t len)
{
    char *path = path_join(dir, name);
    int rc = 0;
    if (file_write_atomic(path, data, len, 0, 0) != 0) {
        diag_say("%s: %s", path,
                 errno == EEXIST ? "appeared meanwhile; not overwritten" : strerror(errno));
        rc = 2;
    }
    free(path);
    return rc;
}

/* Creates the folder dir/name. Returns 0, or 2 after saying why. */
static int folder(const char *dir, const char *name)
{
    char *path = path_join(dir, name);
    int rc = mkdir(path, 0755) == 0 ? 0 : 2;
    if (rc)
        diag_say("%s: %s", path, strerror(errno));
    free(path);
    return rc;
}

/* Copies every file of from/sub ending in suffix (each at most max bytes)
 * into a new folder to/sub; *n counts them. Returns 0, or 2 after saying
 * why. */
static int copy_folder(const char *from, const char *to, const char *sub, const char *suffix,
                       size_t max, size_t *n)
{
    char *src = path_join(from, sub), *dst = path_join(to, sub), **names = NULL;
    int rc = folder(to, sub);
    *n = 0;
    if (rc == 0 && list_dir(src, suffix, &names, n) != 0) {
        diag_say("%s: cannot list it: %s", src, strerror(errno));
        rc = 2;
    }
    for (size_t i = 0; rc == 0 && i < *n; i++) {
        char *path = path_join(src, names[i]);
        unsigned char *buf;
        size_t len;
        if (read_file(path, max, &buf, &len) != 0) {
            diag_say("%s: cannot read it: %s", path, vu_read_error(errno));
            rc = 2;
        } else {
            rc = put(dst, names[i], buf, len);
            free(buf);
        }
        free(path);
    }
    free_names(names, *n);
    free(src);
    free(dst);
    return rc;
}

/* Writes everything but the secret into dir (new or empty), printing what
 * it made. Returns 0 or 2. */
static int make_content(const char *dir, const char *starter)
{
    char idbuf[ID_MAX + 1], *text = NULL;
    const char *id = program_id(dir, idbuf, sizeof idbuf);
    size_t n_q = 0, n_g = 0;
    int len = snprintf(NULL, 0, program_xml, id), rc = 0;
    text = malloc((size_t)len + 1);
    if (!text) {
        diag_say("out of memory");
        return 2;
    }
    snprintf(text, (size_t)len + 1, program_xml, id);
    if (make_dirs(dir) != 0) {
        diag_say("%s: cannot make it: %s", dir, strerror(errno));
        rc = 2;
    }
    if (rc == 0)
        rc = copy_folder(starter, dir, "questionnaires", ".xml", XML_FILE_MAX, &n_q);
    if (rc == 0)
        rc = copy_folder(starter, dir, "guide", ".md", MARKDOWN_MAX, &n_g);
    if (rc == 0)
        rc = put(dir, "program.xml", text, (size_t)len);
    if (rc == 0)
        rc = put(dir, "people.xml", people_xml, sizeof people_xml - 1);
    if (rc == 0)
        rc = folder(dir, "keys");
    if (rc == 0)
        rc = folder(dir, "bundles");
    if (rc == 0)
        rc = put(dir, ".gitignore", gitignore, sizeof gitignore - 1);
    free(text);
    if (rc != 0)
        return rc;
    printf("made %s, a content directory:\n"
           "  program.xml        the program (id \"%s\"): its title and contact address are "
           "placeholders\n"
           "  people.xml         the people and their agreements: one example pair\n"
           "  questionnaires/    the standard questionnaires (%zu files)\n"
           "  guide/             the guide pages (%zu files)\n"
           "  keys/              the parties' public keys, as they send them (accord add)\n"
           "  bundles/           the signed bundles people send (accord add)\n"
           "  .gitignore         what must never be committed (the secret included)\n",
           dir, id, n_q, n_g);
    return 0;
}

int cmd_init(int argc, char **argv)
{
    const char *opt[1] = {0};
    int n_files, rc = options_parse(&init_spec, argc, argv, opt, &n_files);
    if (rc)
        return rc == 1 ? 0 : rc;
    const char *dir = argv[1];
    rc = check_new(dir);
    if (rc)
        return rc;
    char *starter = starter_dir();
    if (!starter)
        return 2;
    rc = make_content(dir, starter);
    free(starter);
    if (rc == 0)
        rc = secret_write(dir);
    if (rc != 0) {
        diag_say("%s: left as far as it got: remove it and run accord init again", dir);
        return 2;
    }
    printf("\nNext:\n"
           "  1. Edit %s/program.xml: the title, your contact address, the sections and\n"
           "     questions you want.\n"
           "  2. Edit %s/people.xml: your people and who mentors whom.\n"
           "  3. accord check -C %s\n"
           "  4. accord build -C %s -o SITE, SITE being a folder outside it; publish\n"
           "     SITE/public/ only (SITE/private/ shows everyone's answers).\n"
           "Back up %s/secret apart from the content: git ignores it, and every person's\n"
           "link derives from it.\n",
           dir, dir, dir, dir, dir);
    return 0;
}
