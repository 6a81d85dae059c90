#!/usr/bin/env bash
# public/keys.html, "Your keys": in the plan and the nav, its plain-words
# sections, and the element its page script drives, configured from the
# program (the contact address only when program.xml has one).
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/fixtures/site/checks.sh"

expect_exit 0 "build the demo" "$ACCORD" build -C "$ROOT/content" -o out
K=out/public/keys.html
check "public/keys.html is written" test -f $K
check "its body class names the page kind" grep -q '<body class="page-keys">' $K
check "its title" grep -q '<title>Your keys – Example Graduate Mentoring Program (demo)</title>' $K
check "the nav marks it as the current page" grep -q '<a href="keys.html" aria-current="page">Your keys</a>' $K
check "one h1: Your keys" test "$(grep -o '<h1>[^<]*</h1>' $K)" = "<h1>Your keys</h1>"
heads=$(grep -o '<h2>[^<]*</h2>' $K | paste -sd'|')
check "its sections, in order" test "$heads" = \
    "<h2>Make your keys</h2>|<h2>Keep them safe</h2>|<h2>If you lose your key</h2>|<h2>A signing kit you can keep</h2>"
check "the element the page script drives" grep -qF '<div class="accord-keys" id="accord-keys" data-kdf-opslimit="8388608" data-kdf-memlimit="268435456" data-program="demo" data-program-title="Example Graduate Mentoring Program (demo)" data-contact="mentoring@example.edu" data-password-min="12"></div>' $K
check "the keys element right after what making keys means, then a note for browsers without JavaScript" \
    grep -Pzq '</p>\n<div class="accord-keys"[^>]*></div>\n<noscript><p>[^<]*JavaScript[^<]*</p></noscript>\n<h2>Keep them safe</h2>' $K
check "the kit's link and fingerprint" grep -Pzq '<a href="signing-kit.zip">[^<]+</a>[^<]*</p>\n<p class="kit-fingerprint"><code>[0-9a-f]{64}</code></p></main>' $K
check "the contact address as a mail link" grep -q '<a href="mailto:mentoring@example.edu">mentoring@example.edu</a>' $K
page_says $K 'minisign|scrypt|base64|command|terminal|KDF|accord ' \
    'never send it' 'leaves your computer' 'cannot recover|Nobody can recover' 'stay valid' 'at once'
check "the public index links it" grep -q '<a href="keys.html">Your keys</a>' out/public/index.html
check "other public pages link it from the nav" grep -q '<a href="../keys.html">Your keys</a>' out/public/guide/index.html
check "private pages do not" bash -c "! grep -q 'keys.html' out/private/index.html"

# a program without a contact address: no data-contact, no mail link
expect_exit 0 "build the fixture (no contact)" "$ACCORD" build -C "$ROOT/tests/fixtures/site/basic" -o out2
K=out2/public/keys.html
check "no data-contact without a contact" bash -c "grep -q 'data-program=\"fixture\"' $K && ! grep -q 'data-contact' $K"
check "no mail link without a contact" bash -c "! grep -q 'mailto:' $K"
