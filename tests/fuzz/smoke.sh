#!/usr/bin/env bash
# tests/fuzz/smoke.sh - builds the libFuzzer targets and runs each for a few
# seconds from its seed corpus (tests/fuzz/corpus/<target>/, copied so the
# committed corpus is never changed). Prints "ok"/"not ok" per target.
set -uo pipefail
cd "$(dirname "$0")/../.."
OUTDIR=${OUT:-/tmp}/fuzz
SECONDS_EACH=${FUZZ_SMOKE_SECONDS:-3}
if ! command -v clang >/dev/null; then
    echo "not ok - clang is installed (make deps-test)"
    exit 1
fi
mkdir -p "$OUTDIR"
bash tests/fuzz/build.sh "$OUTDIR/bin" >"$OUTDIR/build.txt" 2>&1
for src in tests/fuzz/fuzz_*.c; do
    name=$(basename "$src" .c)
    if ! grep -qx "built $name" "$OUTDIR/build.txt"; then
        echo "not ok - $name builds"
        sed 's/^/# /' "$OUTDIR/bin/$name.build.log" 2>/dev/null | head -5
        continue
    fi
    work="$OUTDIR/corpus-$name"
    rm -rf "$work" && mkdir -p "$work"
    cp tests/fuzz/corpus/"$name"/* "$work"/ 2>/dev/null
    # Leak detection stays on; the run's own time bound keeps it short.
    if ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 "$OUTDIR/bin/$name" -max_total_time="$SECONDS_EACH" \
        -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$OUTDIR/$name-" \
        "$work" >"$OUTDIR/$name.log" 2>&1; then
        echo "ok - $name runs ${SECONDS_EACH}s without a crash ($(grep -o 'stat::number_of_executed_units: [0-9]*' "$OUTDIR/$name.log" | awk '{print $2}') runs)"
    else
        echo "not ok - $name found a crash"
        grep -E 'ERROR|SUMMARY|artifact' "$OUTDIR/$name.log" | head -5 | sed 's/^/# /'
    fi
done
