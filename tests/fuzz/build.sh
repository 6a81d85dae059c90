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
CFLAGS_PKG=$(pkg-config --cflags libzip libsodium libcrypto) LIBS=$(pkg-config --libs libzip libsodium libcrypto)
objs=()
VINC="-Iverifier/verify -Iverifier/sign"
for src in verifier/verify/*.c verifier/sign/*.c; do
    [ "$src" = verifier/verify/main.c ] && continue
    part=$(basename "$(dirname "$src")")
    obj="$dir/obj/v_${part}_$(basename "$src" .c).o"
    # shellcheck disable=SC2086
    clang $FLAGS $CFLAGS_PKG $VINC -c "$src" -o "$obj" || { echo "failed $src"; exit 1; }
    objs+=("$obj")
done
# The generator's XML loaders (fuzz_questionnaire, fuzz_answers, fuzz_program,
# fuzz_people) and Markdown (fuzz_markdown): libxml2, cmark-gfm and the
# embedded schemas, in an archive so that targets that do not use them link
# nothing of them.
XML_CFLAGS=$(pkg-config --cflags libxml-2.0) XML_LIBS=$(pkg-config --libs libxml-2.0)
make -s BIN="$dir/gen" "$dir/gen/obj/schemas.c" "$dir/gen/obj/datadir.c" ||
    { echo "failed schemas.c or datadir.c"; exit 1; }
gen_objs=("$dir/obj/schemas.o" "$dir/obj/datadir.o")
GINC="-Igenerator $(for d in generator/*/; do printf -- '-I%s ' "${d%/}"; done)"
# shellcheck disable=SC2086
clang $FLAGS -Igenerator/content -c "$dir/gen/obj/schemas.c" -o "$dir/obj/schemas.o" || exit 1
# shellcheck disable=SC2086
clang $FLAGS $XML_CFLAGS $CFLAGS_PKG $GINC $VINC -c "$dir/gen/obj/datadir.c" \
    -o "$dir/obj/datadir.o" || exit 1
for src in generator/base/*.c generator/content/*.c generator/render/*.c; do
    n=$(basename "$(dirname "$src")")_$(basename "$src" .c)
    # shellcheck disable=SC2086
    clang $FLAGS $XML_CFLAGS $CFLAGS_PKG $GINC $VINC -c "$src" -o "$dir/obj/gen_$n.o" ||
        { echo "failed $src"; exit 1; }
    gen_objs+=("$dir/obj/gen_$n.o")
done
rm -f "$dir/obj/libaccordxml.a" && ar rcs "$dir/obj/libaccordxml.a" "${gen_objs[@]}"
for src in tests/fuzz/fuzz_*.c; do
    name=$(basename "$src" .c)
    # shellcheck disable=SC2086
    if clang $FLAGS -fsanitize=fuzzer $CFLAGS_PKG $XML_CFLAGS $VINC $GINC "$src" \
        "${objs[@]}" "$dir/obj/libaccordxml.a" $LIBS $XML_LIBS $(pkg-config --libs libcmark-gfm) \
        -o "$dir/$name" 2>"$dir/$name.build.log"; then
        echo "built $name"
    else
        echo "failed $name"
    fi
done
