#!/usr/bin/env bash
# Themes swap by one setting: program.xml's theme attribute.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/fixtures/site/checks.sh"
FIX=$ROOT/tests/fixtures/site/basic

cp -R "$FIX" c
sed -i 's/theme="default"/theme="minimal"/' c/program.xml
expect_exit 0 "build with theme=minimal" "$ACCORD" build -C c -o out
check "minimal assets copied" cmp out/public/assets/style.css "$ROOT/themes/minimal/style.css"
check "minimal has no form.js" test ! -e out/public/assets/form.js
check "pages use the minimal template" grep -q '<p class="site-title"><a href="../index.html">Fixture Mentoring Program</a></p>' out/public/forms/ada-grace-mentee.html
check "no page loads form.js" bash -c '! grep -rq form.js out/public --include=*.html'
check "form markup is the same with any theme" grep -q 'data-question="frequency"' out/public/forms/ada-grace-mentee.html
if site_links_resolve out; then ok "minimal: every relative link resolves"; else not_ok "minimal: broken links"; fi

# a theme directory of our own through ACCORD_DATADIR
mkdir -p data/themes/plain
cat >data/themes/plain/page.html <<'HTML'
<html><head><title data-slot="title">x</title>
<link rel="stylesheet" href="https://fonts.example.com/font.css">
<script src="//cdn.example.com/x.js"></script>
<link rel="stylesheet" href="assets/plain.css"></head>
<body class="plain"><main data-slot="main">placeholder</main></body></html>
HTML
echo 'body{}' >data/themes/plain/plain.css
sed -i 's/theme="minimal"/theme="plain"/' c/program.xml
expect_exit 0 "build with a theme from ACCORD_DATADIR" env ACCORD_DATADIR="$T/data" "$ACCORD" build -C c -o out3
check "DOCTYPE html added to a template without one" grep -q '^<!DOCTYPE html>' out3/public/index.html
check "meta charset added to a template without one" grep -q '^<meta charset="utf-8">' out3/public/index.html
check "theme's body class kept, kind added" grep -q '<body class="plain page-index">' out3/public/index.html
check "template's external stylesheet dropped" bash -c '! grep -rq fonts.example.com out3'
check "template's protocol-relative script dropped" bash -c '! grep -rq cdn.example.com out3'
check "template placeholder replaced" bash -c '! grep -q placeholder out3/public/index.html'
check "template asset prefixed" grep -q 'href="../assets/plain.css"' out3/public/guide/index.html
if site_no_requests out3; then ok "plain theme: no requests"; else not_ok "plain theme makes requests"; fi

mkdir -p data/themes/broken && echo '<p>no main slot</p>' >data/themes/broken/page.html
sed -i 's/theme="plain"/theme="broken"/' c/program.xml
expect_exit 1 "theme without a main slot" env ACCORD_DATADIR="$T/data" "$ACCORD" build -C c -o out4
expect_stderr "main" "the error says what is missing"
