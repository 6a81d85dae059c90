#!/usr/bin/env bash
# ESLint over the theme's page scripts (themes/**/*.js, classic browser
# scripts) and the browser tests (tests/browser/*.mjs, node modules), with
# tests/browser/eslint.config.mjs. ESLint is pinned in
# tests/browser/package.json and installed by `make deps-test`.
set -u
cd "$(dirname "$0")/../.." || exit 2
what="eslint: themes and browser tests lint clean"
eslint=tests/browser/node_modules/.bin/eslint
if [ ! -x "$eslint" ]; then
    echo "not ok - $what"
    echo "# $eslint is missing: run make deps-test (npm ci in tests/browser)"
    exit 1
fi
if out=$("$eslint" --config tests/browser/eslint.config.mjs --max-warnings 0 --no-warn-ignored \
    --format stylish --no-color 'themes/**/*.js' 'tests/browser/*.mjs' 2>&1); then
    echo "ok - $what"
else
    echo "not ok - $what"
    printf '%s\n' "$out" | sed "/^ *$/d; s|^$PWD/||; s/^/# /"
    exit 1
fi
