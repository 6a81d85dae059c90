/* add_questions.c - accord add for a mentor's questions file (FILE.xml, as
 * the questions page downloads it): checked as the content loader takes
 * it in (mentor_questions_check), then placed as questions/<party>.xml.
 * people.xml, the admin's file, is never written. A file already there
 * with other bytes is kept unless replace is set, and replacing it is
 * said. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "impl.h"

int add_questions(const content *c, const char *file, int replace)
{
    arena ar = ARENA_INIT;
    diag d = DIAG_INIT;
    const char *party;
    size_t n;
    unsigned char *buf = NULL, *old = NULL;
    size_t len, old_len;
    int rc = 0;
    /* the bytes placed are read before the check, and must be the file's
     * still after it */
    if (read_file(file, XML_FILE_MAX, &buf, &len) != 0) {
        diag_say("%s: refused: %s", file,
                 errno == EFBIG ? "larger than a questions file can be" : vu_read_error(errno));
        arena_release(&ar);
        return errno == EFBIG ? 1 : 2;
    }
    if (mentor_questions_check(c, file, &ar, &d, &party, &n) != 0) {
        diag_say("%s: not placed: a mentor's questions file must pass these checks", file);
        free(buf);
        arena_release(&ar);
        return diag_exit_code(&d) > 1 ? 2 : 1;
    }
    char *qdir = path_join(c->dir, "questions");
    char *name = arena_printf(&ar, "%s.xml", party);
    char *path = path_join(qdir, name);
    const char *what =
        arena_printf(&ar, "%zu question%s of mentor %s", n, n == 1 ? "" : "s", party);
    int there = read_file(path, XML_FILE_MAX, &old, &old_len) == 0;
    if (there && old_len == len && !memcmp(old, buf, len)) {
        printf("%s: %s: already there as %s\n", file, what, path);
    } else if (there && !replace) {
        diag_say("%s: not placed: %s holds other questions of mentor %s, which are kept "
                 "(nothing is overwritten without --replace); to take these instead, add it "
                 "again with --replace",
                 file, path, party);
        rc = 1;
    } else if (make_dirs(qdir) != 0 || file_write_atomic(path, buf, len, 0, there) != 0) {
        diag_say("%s: cannot write it: %s", path, strerror(errno));
        rc = 2;
    } else {
        printf("%s: %s: %s %s\n", file, what, there ? "replaced the questions in" : "placed as",
               path);
    }
    if (!rc)
        printf("The forms of mentor %s's agreements ask them from the next 'accord build'.\n",
               party);
    free(old);
    free(buf);
    free(path);
    free(qdir);
    arena_release(&ar);
    return rc;
}
