#!/usr/bin/env bash
# clang-format over the C sources of the generator, the verifier and the
# tests, with the project's .clang-format: every file as it would format
# it. clang-format is installed by `make deps-test`. With --apply (what
# `make format` runs) it formats the same files in place instead.
set -u
cd "$(dirname "$0")/../.." || exit 2
what="clang-format: the C sources are formatted"
if ! command -v clang-format >/dev/null; then
    echo "not ok - $what"
    echo "# clang-format is missing: run make deps-test"
    exit 1
fi
mapfile -t files < <(find generator verifier tests -name '*.[ch]' -not -path '*/node_modules/*' \
    -not -path 'tests/out/*' | sort)
if [ "${1:-}" = --apply ]; then
    exec clang-format -i "${files[@]}"
fi
if out=$(clang-format --dry-run -Werror "${files[@]}" 2>&1); then
    echo "ok - $what (${#files[@]} files)"
else
    echo "not ok - $what"
    printf '%s\n' "$out" | grep 'error:' | sed 's/^/# /' | head -20
    exit 1
fi
