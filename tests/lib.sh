# tests/lib.sh - helpers for command-line tests (source it).
#
# Each check prints "ok - what" or "not ok - what" for tests/run to count.
# Commands run from a fresh scratch directory, $T.
set -u
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

# check WHAT CMD...: ok when CMD succeeds.
check() {
    local what=$1
    shift
    if "$@" >/dev/null 2>&1; then ok "$what"; else not_ok "$what"; fi
}
