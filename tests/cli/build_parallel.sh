#!/usr/bin/env bash
# Pages render in parallel: the output must not depend on the thread count
# (cmark-gfm's extensions keep global state; see markdown.c).
. "$(dirname "$0")/../lib.sh"
cp -R "$ROOT/tests/fixtures/site/basic" c
for i in $(seq -w 1 120); do
    printf '# Page %s\n\n~~old~~ new, see https://example.edu/%s and [next](mentee.html)\n\n| a | b |\n|---|---|\n| ~~x~~ | www.example.edu |\n\n- [x] done\n' \
        "$i" "$i" >"c/guide/p$i.md"
done
expect_exit 0 "build with one thread" env ACCORD_JOBS=1 "$ACCORD" build -C c -o one
expect_exit 0 "build with four threads" env ACCORD_JOBS=4 "$ACCORD" build -C c -o four
check "same bytes with one and four threads" same_site one four
check "extensions applied on every page" \
    test "$(grep -l '<del>old</del>' four/public/guide/p*.html | wc -l)" -eq 120
check "autolinks on every page" \
    test "$(grep -l 'href="https://example.edu/' four/public/guide/p*.html | wc -l)" -eq 120
