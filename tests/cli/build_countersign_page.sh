#!/usr/bin/env bash
# public/countersign/<agreement>.html, "Sign the agreement": written exactly
# for the agreements with an agreement bundle in private/agreements/, linked
# from the lists of agreements, and carrying what its page script needs:
# the parties, their keys as the forms give them, the bundle digests of the
# agreements the build prepared (never one it refused) and the limits.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/fixtures/site/checks.sh"

# prepared SITE AGREEMENT: the bundle digests (SHA-256 of each MANIFEST) of
# the agreement's bundles in SITE's private/agreements/, sorted, one line.
prepared() {
    local b
    for b in "$1"/private/agreements/"$2"-r*.accord; do
        [ -e "$b" ] && unzip -p "$b" MANIFEST | sha256sum | cut -c1-64
    done | sort | paste -sd' '
}
# attr FILE NAME: the value of attribute NAME on the page's signing element.
attr() { grep -o '<div class="accord-countersign"[^>]*>' "$1" | grep -o " $2=\"[^\"]*\"" | cut -d'"' -f2; }
agreements=$(grep -o '<agreement id="[^"]*"' "$ROOT/content/people.xml" | cut -d'"' -f2)

expect_exit 0 "build the demo" "$ACCORD" build -C "$ROOT/content" -o out
bad_set="" bad_digests="" bad_link=""
for a in $agreements; do
    want=$(prepared out "$a")
    if [ -n "$want" ]; then
        [ -f "out/public/countersign/$a.html" ] || bad_set="$bad_set $a(missing)"
        [ "$(attr "out/public/countersign/$a.html" data-prepared)" = "$want" ] ||
            bad_digests="$bad_digests $a"
        grep -q "<a href=\"countersign/$a.html\">sign the agreement</a>" out/public/index.html ||
            bad_link="$bad_link $a"
    else
        [ -e "out/public/countersign/$a.html" ] && bad_set="$bad_set $a(extra)"
        grep -q "countersign/$a.html" out/public/index.html && bad_link="$bad_link $a"
    fi
done
[ -z "$bad_set" ] && ok "a signing page exactly for the agreements with an agreement bundle" ||
    not_ok "signing pages:$bad_set"
[ -z "$bad_digests" ] && ok "data-prepared: the sorted digests of the agreement's bundles" ||
    not_ok "data-prepared differs:$bad_digests"
[ -z "$bad_link" ] && ok "the index links the signing pages there are, and no other" ||
    not_ok "index links:$bad_link"
for a in amira-ben dara-emil hugo-chen ines-ben; do
    check "$a has a signing page" test -f "out/public/countersign/$a.html"
done
for a in amira-chen farid-chen greta-emil; do
    check "$a has none" test ! -e "out/public/countersign/$a.html"
done
check "amira-ben's lists both revisions" \
    test "$(attr out/public/countersign/amira-ben.html data-prepared | wc -w)" -eq 2
check "the forms index links it" \
    grep -q '<a href="../countersign/hugo-chen.html">sign the agreement</a>' out/public/forms/index.html
check "the private index links it" \
    grep -q '<a href="../public/countersign/hugo-chen.html">signing page</a>' out/private/index.html

P=out/public/countersign/hugo-chen.html
check "its body class names the page kind" grep -q '<body class="page-countersign">' $P
check "its title" grep -q '<title>Mentee–mentor agreement: sign the agreement – Example Graduate Mentoring Program (demo)</title>' $P
check "one h1: Sign your agreement" test "$(grep -o '<h1>[^<]*</h1>' $P)" = "<h1>Sign your agreement</h1>"
check "who the agreement is between" grep -qF '<p class="form-for">Agreement between <strong>Hugo Dummett</strong> (mentee) and <strong>Chen Placeholder</strong> (mentor).</p>' $P
check "the public nav, nothing marked current" bash -c "grep -q '<a href=\"../keys.html\">Your keys</a>' $P && ! grep -q 'aria-current' $P"
for name in data-program:demo data-agreement:hugo-chen data-mentee:hugo data-mentor:chen \
    "data-mentee-name:Hugo Dummett" "data-mentor-name:Chen Placeholder" data-signing-months-max:24 \
    data-zip-max-bytes:67108864 data-zip-max-members:256 data-zip-max-name:255 data-zip-max-extra:1024; do
    check "${name%%:*} is ${name#*:}" test "$(attr $P "${name%%:*}")" = "${name#*:}"
done
for r in mentee:hugo mentor:chen; do
    check "data-keys-${r%%:*}: ${r#*:}'s public key line" \
        test "$(attr $P "data-keys-${r%%:*}")" = "$(sed -n 2p "$ROOT/content/keys/${r#*:}.pub")"
done
check "the element, then a note for browsers without JavaScript" \
    grep -Pzq '<div class="accord-countersign" id="accord-countersign"[^>]*></div>\n<noscript><p>[^<]*JavaScript[^<]*</p></noscript></main>' $P
page_says $P 'minisign|MANIFEST|digest|SHA|base64|command|terminal|accord ' \
    '\.accord' 'the program prepared' 'in full' 'leaves your computer' 'send the signed file back' \
    'Both of you sign'

# A copy whose signed agreement bundle was altered (its MANIFEST names
# another agreement.html): refused, so its digest is never listed; the
# build makes the agreement again from the answers bundles, and lists that.
cp -R "$ROOT/content" c
good=$(unzip -p c/bundles/dara-emil-r1.accord MANIFEST | sed -n 's/  agreement.html$//p')
LC_ALL=C sed -i "s/$good/${good%?}x/" c/bundles/dara-emil-r1.accord
bad=$(unzip -p c/bundles/dara-emil-r1.accord MANIFEST 2>/dev/null | sha256sum | cut -c1-64)
check "the altered copy's MANIFEST differs" test "$bad" != "$(prepared out dara-emil)"
expect_exit 0 "build the altered copy" "$ACCORD" build -C c -o s1
expect_stderr "c/bundles/dara-emil-r1.accord: refused" "the altered bundle is refused"
check "the agreement made again has its page" test -f s1/public/countersign/dara-emil.html
check "which lists the bundle the build wrote" \
    test "$(attr s1/public/countersign/dara-emil.html data-prepared)" = "$(prepared s1 dara-emil)"
check "and never the refused one" bash -c "! grep -rq $bad s1/public"

# Without the answers bundles nothing is left of it: no agreement, no page.
rm c/bundles/dara-emil-r1-mentee.accord c/bundles/dara-emil-r1-mentor.accord
expect_exit 0 "build without dara-emil's answers" "$ACCORD" build -C c -o s2
check "no agreement bundle written" test ! -e s2/private/agreements/dara-emil-r1.accord
check "no signing page for it" test ! -e s2/public/countersign/dara-emil.html
check "no link to one" bash -c "! grep -rq countersign/dara-emil s2"
check "the others keep theirs" test -f s2/public/countersign/ines-ben.html
