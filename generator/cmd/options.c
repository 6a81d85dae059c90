/* options.c - the one option parser of accord's commands, and their help,
 * both read from the command's own table. */
#include <stdio.h>
#include <string.h>

#include "base.h"
#include "cmd.h"

/* The option that arg names, and where its attached argument starts (NULL when
 * none is attached), or NULL when arg names no option of cs. */
static const option_spec *find_option(const command_spec *cs, const char *arg,
                                      const char **attached)
{
    *attached = NULL;
    for (size_t i = 0; i < cs->n_options; i++) {
        const option_spec *o = &cs->options[i];
        size_t n = strlen(o->name);
        if (strncmp(o->name, arg, n))
            continue;
        if (!arg[n])
            return o;
        /* "-Cdir" for a short option, "--name=value" for a long one */
        if (o->arg && o->name[1] != '-') {
            *attached = arg + n;
            return o;
        }
        if (o->arg && arg[n] == '=') {
            *attached = arg + n + 1;
            return o;
        }
    }
    return NULL;
}

void options_usage_error(const command_spec *cs)
{
    fprintf(stderr, "usage: accord %s\n'accord %s --help' says more.\n", cs->synopsis, cs->name);
}

int options_parse(const command_spec *cs, int argc, char **argv, const char **values,
                  int *n_operands)
{
    int n = 0, only_operands = 0;
    for (int i = 1; i < argc; i++) {
        char *a = argv[i];
        const char *attached;
        const option_spec *o;
        if (only_operands || a[0] != '-' || !a[1]) {
            if (cs->max_operands >= 0 && n == cs->max_operands) {
                if (cs->max_operands)
                    diag_say("%s: one %s at a time; '%s' is one too many", cs->name, cs->operands,
                             a);
                else
                    diag_say("%s: takes no file; '%s' is not an option", cs->name, a);
                options_usage_error(cs);
                return 2;
            }
            argv[1 + n++] = a; /* never ahead of i: files are moved down */
        } else if (!strcmp(a, "--")) {
            only_operands = 1;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            options_help(cs, stdout);
            return 1;
        } else if (!(o = find_option(cs, a, &attached))) {
            diag_say("%s: unknown option '%s'", cs->name, a);
            options_usage_error(cs);
            return 2;
        } else if (!o->arg) {
            values[o - cs->options] = "";
        } else if (attached && *attached) {
            values[o - cs->options] = attached;
        } else if (!attached && i + 1 < argc) {
            values[o - cs->options] = argv[++i];
        } else {
            diag_say("%s: %s needs %s", cs->name, o->name, o->arg);
            options_usage_error(cs);
            return 2;
        }
    }
    if (n < cs->min_operands) {
        diag_say("%s: name the %s", cs->name, cs->operands);
        options_usage_error(cs);
        return 2;
    }
    *n_operands = n;
    return 0;
}

enum { HELP_INDENT = 24, HELP_WIDTH = 79 };

/* Prints text word-wrapped to HELP_WIDTH columns, the cursor being at
 * column col, continuation lines indented to indent; "\n" in text ends a
 * line ("\n\n" a paragraph), and a bracketed group is never split. */
static void wrap(FILE *out, const char *text, int col, int indent)
{
    int line_empty = 1;
    for (const char *p = text; *p;) {
        if (*p == ' ') {
            p++;
            continue;
        }
        if (*p == '\n') {
            fputc('\n', out);
            if (p[1] && p[1] != '\n')
                fprintf(out, "%*s", indent, "");
            col = indent;
            line_empty = 1;
            p++;
            continue;
        }
        /* a bracketed group ("[-o FILE]") is kept on one line */
        const char *close = *p == '[' ? strchr(p, ']') : NULL;
        if (!close || memchr(p, '\n', (size_t)(close - p)))
            close = p;
        int w = (int)(close - p) + (int)strcspn(close, " \n");
        if (!line_empty && col + 1 + w > HELP_WIDTH) {
            fprintf(out, "\n%*s", indent, "");
            col = indent;
            line_empty = 1;
        }
        if (!line_empty) {
            fputc(' ', out);
            col++;
        }
        fwrite(p, 1, (size_t)w, out);
        col += w;
        p += w;
        line_empty = 0;
    }
    fputc('\n', out);
}

/* "  -C DIR" padded to the help column, then the wrapped help. */
static void option_line(FILE *out, const char *name, const char *arg, const char *help)
{
    int col = fprintf(out, "  %s%s%s", name, arg ? " " : "", arg ? arg : "");
    if (col >= HELP_INDENT - 1) {
        fputc('\n', out);
        col = 0;
    }
    fprintf(out, "%*s", HELP_INDENT - col, "");
    wrap(out, help, HELP_INDENT, HELP_INDENT);
}

void options_help(const command_spec *cs, FILE *out)
{
    static const char usage[] = "usage: accord ";
    for (const command_spec *f = cs; f; f = f->other_form) {
        fprintf(out, "%s%s", f == cs ? "" : "\n", usage);
        wrap(out, f->synopsis, (int)strlen(usage), (int)strlen(usage) + 4);
        fputc('\n', out);
        wrap(out, f->description, 0, 0);
        fputs("\nOptions:\n", out);
        for (size_t i = 0; i < f->n_options; i++)
            option_line(out, f->options[i].name, f->options[i].arg, f->options[i].help);
        option_line(out, "-h, --help", NULL, "print this help and exit");
        fputs("\nExit status: ", out);
        wrap(out, f->exit_status, 13, 0);
    }
}
