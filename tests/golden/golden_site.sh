#!/usr/bin/env bash
# Golden-file test of the site renderer: a tiny content dir (theme minimal)
# is built and chosen pages are compared byte for byte with
# tests/golden/site/expected/. UPDATE_GOLDEN=1 rewrites the expected files.
. "$(dirname "$0")/../lib.sh"
G=$ROOT/tests/golden/site
pages="public/index.html public/guide/index.html public/guide/tips.html public/keys.html
public/forms/ann-bo-mentee.html public/forms/ann-bo-mentor.html public/sample/pact.html
private/index.html"

expect_exit 0 "build the golden content" "$ACCORD" build -C "$G/content" -o out
for p in $pages; do
    want=$G/expected/$p
    if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
        mkdir -p "$(dirname "$want")" && cp "out/$p" "$want"
        ok "updated $p"
    elif cmp -s "out/$p" "$want"; then
        ok "golden $p"
    else
        not_ok "golden $p differs (UPDATE_GOLDEN=1 after checking the diff)"
        diff -u "$want" "out/$p" | head -30 | sed 's/^/# /'
    fi
done
