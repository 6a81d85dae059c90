#!/usr/bin/env bash
# accord build on the demo content/ (when present): builds, links resolve,
# nothing is requested from another host, two builds are identical.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/fixtures/site/checks.sh"
if [ ! -f "$ROOT/content/program.xml" ]; then
    ok "# SKIP no content/ yet"
    exit 0
fi
expect_exit 0 "build content/" "$ACCORD" build -C "$ROOT/content" -o out
check "index written" test -f out/public/index.html
check "forms written" test -n "$(ls out/public/forms/*-mentee.html 2>/dev/null)"
check "samples written" test -n "$(ls out/public/sample/*.html 2>/dev/null)"
check "guide written" test -f out/public/guide/index.html
check "private index written" test -f out/private/index.html
if site_links_resolve out; then ok "content: every relative link resolves"; else not_ok "content: broken links"; fi
if site_no_requests out; then ok "content: no page loads anything from another host"; else not_ok "content: a page makes a request"; fi
if site_no_abs_paths out; then ok "content: no absolute paths"; else not_ok "content: absolute paths in pages"; fi
check "content: no answers or notes in public/ (no answers file is read)" \
    bash -c '! grep -rqi "<answers" out/public --include=*.html'
expect_exit 0 "build content/ again" "$ACCORD" build -C "$ROOT/content" -o out2
check "content: two builds are byte-identical" same_site out out2
