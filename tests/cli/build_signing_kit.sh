#!/usr/bin/env bash
# public/signing-kit.zip: a zip of one page and the theme's assets that a
# person downloads once, checks against the SHA-256 in README.md and opens
# from disk. It holds nothing of the program, so every program built with
# the same accord and theme gets the same bytes; the guide's
# {{signing-kit-sha256}}, the keys page and README.md all show its SHA-256.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/fixtures/site/checks.sh"

expect_exit 0 "build the demo" "$ACCORD" build -C "$ROOT/content" -o out
Z=out/public/signing-kit.zip
check "public/signing-kit.zip is written" test -s $Z
check "unzip -t finds it sound" unzip -tq $Z
hex=$(sha256sum $Z | cut -d' ' -f1)

# its members: the page, then every asset of the site, by name, same bytes
want=$(printf 'signing-kit/signing-kit.html\n'; find out/public/assets -type f -printf '%f\n' | LC_ALL=C sort | sed 's|^|signing-kit/assets/|')
got=$(unzip -Z1 $Z)
if [ "$got" = "$want" ]; then ok "the page, then every file of public/assets/ by name"; else
    not_ok "the kit's members"
    diff <(echo "$want") <(echo "$got") | sed 's/^/# /'
fi
mkdir kit && (cd kit && unzip -q "../$Z")
bad=""
for f in out/public/assets/*; do
    cmp -s "$f" "kit/signing-kit/assets/${f##*/}" || bad="$bad ${f##*/}"
done
[ -z "$bad" ] && ok "every asset has the site's bytes" || not_ok "assets differ:$bad"
check "every member is stored, dated 1980-01-01 00:00" \
    test "$(unzip -v $Z | grep -c ' Stored .* 1980-01-01 00:00 ')" -eq "$(echo "$got" | wc -l)"

# the same kit for another program (another id, title and guide)
expect_exit 0 "build the fixture" "$ACCORD" build -C "$ROOT/tests/fixtures/site/basic" -o out2
check "the fixture's kit is byte-identical to the demo's" cmp out/public/signing-kit.zip out2/public/signing-kit.zip
cp -R "$ROOT/tests/fixtures/site/basic" other
sed -i 's/id="fixture"/id="other-program"/; s|<title>[^<]*</title>|<title>Another Program</title>|' other/program.xml
cat >other/guide/kit.md <<'MD'
# Kit {{signing-kit-sha256}}

Fingerprint: `{{signing-kit-sha256}}`, again {{signing-kit-sha256}}.
MD
expect_exit 0 "build a copy with another id and title" "$ACCORD" build -C other -o out3
check "its kit is byte-identical too" cmp out/public/signing-kit.zip out3/public/signing-kit.zip
K=kit/signing-kit/signing-kit.html
leak=""
for s in 'Example Graduate Mentoring Program' 'data-program=' 'demo' 'mentoring@example.edu' \
    'Fixture Mentoring Program' 'fixture' 'Another Program' 'other-program' 'Further resources'; do
    grep -qiF "$s" $K && leak="$leak '$s'"
done
[ -z "$leak" ] && ok "the kit's page names no program" || not_ok "the kit's page names:$leak"

# the page: made from the theme's template like every page, in plain words
check "the same policy as every page, right after the charset" \
    test "$(grep -o '<meta [^>]*>' $K | sed -n 2p)" = "$SITE_CSP_META"
check "the same policy as the site's index" \
    test "$(grep -o '<meta http-equiv[^>]*>' $K)" = "$(grep -o '<meta http-equiv[^>]*>' out/public/index.html)"
check "its body class" grep -q '<body class="page-signing-kit">' $K
check "its title" grep -q '<title>Signing kit</title>' $K
check "the assets as the site's root pages link them" \
    test "$(grep -o '<link [^>]*>\|<script [^>]*>' $K)" = "$(grep -o '<link [^>]*>\|<script [^>]*>' out/public/keys.html)"
check "no nav entries" grep -q '<nav class="site-nav" aria-label="Main"></nav>' $K
if broken=$(site_links_resolve kit) && site_no_requests kit >/dev/null; then
    ok "every link of the unpacked kit resolves, and nothing loads from elsewhere"
else
    not_ok "links of the kit"
    echo "$broken"
fi
check "one h1: Your signing kit" test "$(grep -o '<h1>[^<]*</h1>' $K)" = "<h1>Your signing kit</h1>"
check "its sections" test "$(grep -o '<h2>[^<]*</h2>' $K | paste -sd'|')" = \
    "<h2>Sign your answers</h2>|<h2>Make or check your keys</h2>"
check "it says the form's button to use" grep -q 'choose “Save for my signing kit”' $K
zip_limits=$(grep -o 'data-zip-max-bytes="[^>]*extra="[0-9]*"' out/public/forms/amira-chen-mentor.html)
check "the kit's element, with the forms' zip limits" \
    grep -qF "<div class=\"accord-kit\" id=\"accord-kit\" $zip_limits></div>" $K
kdf=$(grep -o 'data-kdf-opslimit="[0-9]*" data-kdf-memlimit="[0-9]*"' out/public/keys.html)
pmin=$(grep -o 'data-password-min="[0-9]*"' out/public/keys.html)
check "the keys element, with the keys page's limits and no program" \
    grep -qF "<div class=\"accord-keys\" id=\"accord-keys\" $kdf data-program-title=\"your program\" $pmin></div>" $K
check "a note for browsers without JavaScript" grep -q '<noscript><p>[^<]*JavaScript' $K
check "the footer names accord's version" grep -q "Made by accord $("$ACCORD" --version | cut -d' ' -f2)\." $K

# the SHA-256 where people read it
G=out/public/guide/signing.html
check "the guide's signing page shows the kit's SHA-256" grep -q "<code>$hex</code>" $G
check "no token is left in the guide" bash -c "! grep -rqF '{{signing-kit-sha256}}' out/public"
check "the guide links the kit" grep -q 'href="../signing-kit.zip"' $G
check "a guide page's title gets the SHA-256 too" \
    grep -q "<a href=\"../guide/kit.html\">Kit $hex</a>" out3/public/guide/index.html
check "every token of a guide page is replaced" \
    test "$(grep -o "$hex" out3/public/guide/kit.html | wc -l)" -eq 4
check "the keys page shows it" grep -q "<p class=\"kit-fingerprint\"><code>$hex</code></p>" out/public/keys.html
check "the keys page links the kit" grep -q '<a href="signing-kit.zip">' out/public/keys.html

# README.md prints the SHA-256 of the kit this tree makes
line="Signing kit SHA-256: $hex"
readme=$(grep '^Signing kit SHA-256:' "$ROOT/README.md")
if [ "$readme" = "$line" ]; then ok "README.md's signing kit line is this tree's"; else
    not_ok "README.md's signing kit line is not this tree's kit (the theme or version changed?)"
    echo "# README.md has:   ${readme:-no line starting 'Signing kit SHA-256:'}"
    echo "# write this line: $line"
fi
