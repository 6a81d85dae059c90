# tests/lib.sh - helpers for command-line tests (source it).
# shellcheck shell=bash
#
# Each check prints "ok - what" or "not ok - what" for tests/run to count.
# Commands run from a fresh scratch directory, $T.
#
# With MATRIX_OUT naming a directory, record (below) keeps a copy of each
# bundle a test checks for tests/browser/parity.test.mjs; it is made
# absolute here, before the cd to $T.
set -u
if [ -n "${MATRIX_OUT:-}" ] && ! MATRIX_OUT=$(cd -- "$MATRIX_OUT" 2>/dev/null && pwd); then
    echo "not ok - MATRIX_OUT=$MATRIX_OUT is not a directory"
    exit 1
fi
mkdir -p "${OUT:-/tmp}" && T=$(mktemp -d "${OUT:-/tmp}/t.XXXXXX") || exit 2
cd "$T" || exit 2

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; }

# run CMD...: runs a command, keeping its status in $rc, stdout in $T/stdout,
# stderr in $T/stderr.
run() {
    "$@" >"$T/stdout" 2>"$T/stderr" </dev/null
    rc=$?
}

# expect_exit CODE WHAT CMD...: runs CMD and checks its exit status.
expect_exit() {
    local want=$1 what=$2
    shift 2
    run "$@"
    if [ "$rc" -eq "$want" ]; then
        ok "$what (exit $want)"
    else
        not_ok "$what: exit $rc, wanted $want"
        sed 's/^/# stderr: /' "$T/stderr" | head -10
    fi
}

# expect_stderr PATTERN WHAT: the last run's stderr matches the ERE PATTERN.
expect_stderr() {
    if grep -Eq -- "$1" "$T/stderr"; then ok "$2"; else
        not_ok "$2: stderr lacks /$1/"
        sed 's/^/# stderr: /' "$T/stderr" | head -10
    fi
}

# expect_stdout PATTERN WHAT: the last run's stdout matches the ERE PATTERN.
expect_stdout() {
    if grep -Eq -- "$1" "$T/stdout"; then ok "$2"; else
        not_ok "$2: stdout lacks /$1/"
        sed 's/^/# stdout: /' "$T/stdout" | head -10
    fi
}

# compile_tool NAME OUT: compiles the test tool tests/cli/NAME.c, linked to
# the verifier and signing libraries of this build, into OUT; when it does
# not compile, says so with the compiler's first lines and ends the test.
compile_tool() {
    # shellcheck disable=SC2046
    ${CC:-cc} -std=c11 -D_DEFAULT_SOURCE ${SANITIZE:+-fsanitize=$SANITIZE} -I"$ROOT/verifier/verify" -I"$ROOT/verifier/sign" \
        -o "$2" "$ROOT/tests/cli/$1.c" "$ROOT/$BIN/obj/libaccordsign.a" "$ROOT/$BIN/obj/libaccordverify.a" \
        $(pkg-config --libs libzip libsodium libcrypto) 2>"$T/$1.log" && return 0
    not_ok "$1.c compiles"
    sed 's/^/# /' "$T/$1.log" | head
    exit 1
}

# check WHAT CMD...: ok when CMD succeeds.
# same_site A B: the sites (public/ and private/) in the two roots hold the
# same files with the same bytes; the build's page cache beside them, which
# names inodes and times, is no part of the site.
same_site() { diff -r -x .accord-cache "$1" "$2"; }

check() {
    local what=$1
    shift
    if "$@" >/dev/null 2>&1; then ok "$what"; else not_ok "$what"; fi
}

# build_as_clean WHAT: accord builds content c into site, then into a new
# root clean; ok when both are the same site. Leaves the build's messages
# in out.txt.
build_as_clean() {
    "$ACCORD" build -C c -o site >out.txt 2>&1 || { not_ok "$1: the build fails"; cat out.txt; return; }
    rm -rf clean && "$ACCORD" build -C c -o clean >/dev/null 2>&1
    check "$1: the same site as a clean build" same_site site clean
}

# cache_lines_tampered SED HEAD: alters the site's cache three ways, each
# followed by build_as_clean: a line as the sed script SED changes it,
# the MAC left as it was; the MAC; the count line HEAD (files or made)
# raised past the lines the cache holds. After each, the caller's
# function taken must print 0, and after the last every page is rendered.
cache_lines_tampered() {
    sed "$1" site/.accord-cache >cache.tmp
    check "the test altered a line" bash -c '! cmp -s cache.tmp site/.accord-cache'
    cat cache.tmp >site/.accord-cache
    build_as_clean "a line altered"
    check "a line altered: nothing is taken" test "$(taken)" -eq 0
    build_as_clean "the lines again"
    sed -e 's/^mac 0/mac 1/; t' -e 's/^mac ./mac 0/' site/.accord-cache >cache.tmp
    check "the test altered the MAC" bash -c '! cmp -s cache.tmp site/.accord-cache'
    cat cache.tmp >site/.accord-cache
    build_as_clean "a MAC altered"
    check "a MAC altered: nothing is taken" test "$(taken)" -eq 0
    sed "s/^$2 .*/$2 999999/" site/.accord-cache >cache.tmp && cat cache.tmp >site/.accord-cache
    build_as_clean "more $2 lines counted than held"
    check "more $2 lines counted than held: nothing is taken" test "$(taken)" -eq 0
    check "more $2 lines counted than held: every page is rendered" \
        bash -c '! grep -q "pages .*unchanged since" out.txt'
}

# record EXPECTED WHAT FILE KEYARGS...: with MATRIX_OUT, a copy of FILE as
# it is now, and its line "COPY<TAB>EXPECTED<TAB>WHAT<TAB>KEYARGS" in
# MATRIX_OUT/cases.tsv; EXPECTED is accord-verify's outcome: refuse, accept,
# or awaiting:PARTY[,PARTY] (an agreement not countersigned by those).
# Relative paths among KEYARGS are made absolute. Without MATRIX_OUT it
# does nothing.
matrix_n=0
record() {
    [ -n "${MATRIX_OUT:-}" ] || return 0
    local expected=$1 what=$2 file=$3 copy a args=()
    shift 3
    for a; do
        case $a in /* | -*) ;; *) [ -e "$a" ] && a=$PWD/$a ;; esac
        args+=("$a")
    done
    matrix_n=$((matrix_n + 1))
    copy=$(printf '%03d-%s' "$matrix_n" "${file##*/}")
    if cp -- "$file" "$MATRIX_OUT/$copy"; then
        printf '%s\t%s\t%s\t%s\n' "$copy" "$expected" "$what" "${args[*]}" >>"$MATRIX_OUT/cases.tsv"
    else
        not_ok "copy $file to MATRIX_OUT"
    fi
}
