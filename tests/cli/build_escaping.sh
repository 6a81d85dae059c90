#!/usr/bin/env bash
# Script tags, event handlers, javascript: URLs and remote images in every
# field a person or an admin can fill stay inert in the built pages.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/fixtures/site/checks.sh"
FIX=$ROOT/tests/fixtures/site/evil

expect_exit 0 "build the payload fixture" "$ACCORD" build -C "$FIX" -o out
pages=$(find out -name '*.html' | sort)
# shellcheck disable=SC2086
grep -ho '<[^>]*>' $pages >tags.txt # real tags only: text never holds a raw '<'

check "no <script>alert in any page" bash -c "! grep -qi '<script>alert' $(echo $pages)"
# the default theme's page scripts, as its page.html loads them: "core|status|..."
scripts=$(grep -o 'src="assets/[a-z][a-z-]*\.js" defer' "$ROOT/themes/default/page.html" | sed 's|^src="assets/||; s|\.js" defer$||' | paste -sd'|')
check "no <script> element but the theme's own page scripts" \
    bash -c "[ -n '$scripts' ] && ! grep -i '<script' tags.txt | grep -Evq '^<script src=\"(\.\./)*assets/($scripts)\.js\" defer>\$'"
check "no event-handler attribute in any tag" bash -c "! grep -Eqi '\s on[a-z]+\s*=' tags.txt"
check "no javascript: in any tag" bash -c "! grep -qi 'javascript' tags.txt"
# (the page policy's own "img-src 'self' data:" aside)
if grep -vxF "$SITE_CSP_META" tags.txt | grep -Eqi 'vbscript|data:|file:'; then
    not_ok "no vbscript:, data: or file: in any tag"
else
    ok "no vbscript:, data: or file: in any tag"
fi
check "no iframe/object/embed/style elements" bash -c "! grep -Eqi '^<(iframe|object|embed|style)' tags.txt"
check "the only forms are accord's" bash -c "! grep -i '^<form' tags.txt | grep -vq 'class=\"accord-form\"'"
check "no img with a remote or absolute src" \
    bash -c "! grep -Ei '^<img' tags.txt | grep -Eqi 'src=\"(https?:|//|/|data:)'"
check "no evil.example anywhere in a tag" bash -c "! grep -qi 'evil.example' tags.txt"
check "no empty href left by cmark's blanking" bash -c "! grep -q 'href=\"\"' tags.txt"
if site_no_requests out; then ok "no page loads anything from another host"; else not_ok "a page makes a request"; fi

# the text is kept, escaped
I=out/public/index.html
check "program title shown as text" grep -q 'Evil &lt;script&gt;alert(1)&lt;/script&gt;' $I
check "person name shown as text" grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' out/public/forms/index.html
check "resource label shown as text" grep -q '"&gt;&lt;img src=x onerror=alert(1)&gt;' $I
check "resource href with quotes stays one attribute" grep -q 'href="https://example.edu/?q=%22&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' $I
F=out/public/forms/ada-grace-mentor.html
check "question text escaped in the form" grep -q '<legend>&lt;script&gt;alert(1)&lt;/script&gt;' $F
check "option label escaped" grep -q '>"&gt;&lt;img src=x onerror=alert(1)&gt;</label>' $F
check "textarea breakout stays text" grep -q '&lt;/textarea&gt;&lt;script&gt;' $F
check "mentor custom question escaped" grep -q '"&gt;&lt;svg onload=alert(1)&gt;' $F
check "title element escaped" grep -q '<title>&lt;script&gt;alert(1)&lt;/script&gt;' $F
check "safe links kept" grep -q '<a href="other.html">ok</a>' out/public/guide/payloads.html
check "relative images kept" grep -q '<img src="pic.png" alt="ok">' out/public/guide/payloads.html
check "remote image replaced by its alt text" grep -q '<p>x</p>' out/public/guide/payloads.html
