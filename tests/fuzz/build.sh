#!/usr/bin/env bash
# tests/fuzz/build.sh DIR - builds every libFuzzer target (tests/fuzz/fuzz_*.c)
# into DIR with clang -fsanitize=fuzzer,address,undefined, compiling the
# verifier's sources afresh (never into bin/obj). Prints one line per target:
# "built NAME" or "failed NAME".
set -uo pipefail
cd "$(dirname "$0")/../.."
dir=${1:?usage: build.sh DIR}
mkdir -p "$dir/obj"
FLAGS="-g -O1 -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined"
# shellcheck disable=SC2086
CFLAGS_PKG=$(pkg-config --cflags libzip libsodium) LIBS=$(pkg-config --libs libzip libsodium)
objs=()
for src in verifier/*.c; do
    [ "$src" = verifier/main.c ] && continue
    obj="$dir/obj/$(basename "$src" .c).o"
    if [ ! -e "$obj" ] || [ "$src" -nt "$obj" ] || [ verifier/"$(basename "$src" .c).h" -nt "$obj" ]; then
        # shellcheck disable=SC2086
        clang $FLAGS $CFLAGS_PKG -Iverifier -c "$src" -o "$obj" || { echo "failed $src"; exit 1; }
    fi
    objs+=("$obj")
done
# The generator's XML loaders (fuzz_questionnaire, fuzz_answers, fuzz_program,
# fuzz_people) and Markdown (fuzz_markdown): libxml2, cmark-gfm and the
# embedded schemas, in an archive so that targets that do not use them link
# nothing of them.
XML_CFLAGS=$(pkg-config --cflags libxml-2.0) XML_LIBS=$(pkg-config --libs libxml-2.0)
make -s BIN="$dir/gen" "$dir/gen/obj/schemas.c" || { echo "failed schemas.c"; exit 1; }
gen_objs=("$dir/obj/schemas.o")
# shellcheck disable=SC2086
clang $FLAGS -Igenerator -c "$dir/gen/obj/schemas.c" -o "$dir/obj/schemas.o" || exit 1
for n in arena diag sbuf fsutil xmldoc questionnaire questionnaire_write program people content \
    model effective answers answers_check conflict html markdown hwrite agreement_page \
    agreement_page_v1; do
    # shellcheck disable=SC2086
    clang $FLAGS $XML_CFLAGS $CFLAGS_PKG -Iverifier -c "generator/$n.c" -o "$dir/obj/gen_$n.o" ||
        { echo "failed generator/$n.c"; exit 1; }
    gen_objs+=("$dir/obj/gen_$n.o")
done
rm -f "$dir/obj/libaccordxml.a" && ar rcs "$dir/obj/libaccordxml.a" "${gen_objs[@]}"
for src in tests/fuzz/fuzz_*.c; do
    name=$(basename "$src" .c)
    # shellcheck disable=SC2086
    if clang $FLAGS -fsanitize=fuzzer $CFLAGS_PKG $XML_CFLAGS -Iverifier -Igenerator "$src" \
        "${objs[@]}" "$dir/obj/libaccordxml.a" $LIBS $XML_LIBS $(pkg-config --libs libcmark-gfm) \
        -o "$dir/$name" 2>"$dir/$name.build.log"; then
        echo "built $name"
    else
        echo "failed $name"
    fi
done
