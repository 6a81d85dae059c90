/* fuzz_program.c - libFuzzer target: program.xml reading (safe XML parse,
 * schema, settings checks). The input is written to a temporary file because
 * program_load reads a path, as content_load does.
 *
 * Build: clang -fsanitize=fuzzer,address,undefined ... tests/fuzz/fuzz_program.c
 * with the generator objects (tests/fuzz/run does). Run with -close_fd_mask=2. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "content/impl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[4096];

/* The temporary file goes when the fuzzer exits. */
static void remove_input(void)
{
    remove(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!path[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(path, sizeof path, "%s/accord-fuzz-program-%ld.xml", tmp && *tmp ? tmp : "/tmp",
                 (long)getpid());
        atexit(remove_input);
    }
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    arena ar = ARENA_INIT;
    diag d = DIAG_INIT;
    program p;
    program_load(path, &ar, &d, &p);
    arena_release(&ar);
    return 0;
}
