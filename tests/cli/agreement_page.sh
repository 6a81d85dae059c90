#!/usr/bin/env bash
# agreement_page.sh - the page people read is the page they sign: an
# agreement bundle whose agreement.html is not byte for byte what accord's
# renderer makes from its signed answers is refused by accord build (never
# rendered, never offered for signing), by accord sign --countersign and by
# accord check; a page without the renderer marker is legacy. The hostile
# bundles are made as a party could: edit agreement.html inside the unsigned
# agreement, recompute MANIFEST, countersign it with the party's own key.
. "$(dirname "$0")/agreement_setup.inc"
T_SIGN=1772470000
mkdir x && (cd x && unzip -q ../r1.accord) || not_ok "unzip r1.accord"
grep -q '<meta name="accord-render" content="1">' x/agreement.html &&
    ok "the page accord build makes names renderer 1" || not_ok "no renderer marker in agreement.html"
grep -q '<meta http-equiv="Content-Security-Policy" content="default-src '"'"'none'"'"'; style-src '"'"'sha256-' x/agreement.html &&
    ok "the page allows no script and no connection (CSP)" || not_ok "no Content-Security-Policy"
if grep -Eq 'accord sign|accord-verify|minisign' x/agreement.html; then
    not_ok "the signed page names commands"; else ok "the signed page names no command"; fi
expect_exit 0 "accord check accepts the agreement accord build made" "$ACCORD" check -C c r1.accord

# hostile PAGE OUT: r1 with agreement.html replaced by PAGE, MANIFEST made
# anew, then countersigned by the mentee (the party who altered it).
hostile() {
    af edit r1.accord agreement.html "$1" "$2.0"
    af sign "$2.0" "$FIX/ada.key" ada $T_SIGN ok "$2"
}
sed 's#<p class="answer">Once a week</p>#<p class="answer">Once a month</p>#' x/agreement.html >terms.html
cmp -s terms.html x/agreement.html && not_ok "the terms edit changed nothing"
hostile terms.html terms.accord
sed 's#</main>#<script>alert(1)</script></main>#' x/agreement.html >script.html
hostile script.html script.accord

# accord-verify proves the signatures, not the page: it says so.
expect_exit 1 "accord-verify: the altered page's signatures hold (awaiting grace)" \
    "$ACCORD_VERIFY" -r $K terms.accord
expect_stdout "^AWAITING terms.accord" "so it is not refused there"
run "$ACCORD_VERIFY" --help
expect_stdout "does not prove that agreement.html says what" "--help says what it does not prove"
expect_stdout "accord check -C CONTENT AGREEMENT.accord" "and names the command that checks the page"

for b in terms script; do
    cp $b.accord $b.before
    expect_exit 1 "countersign refuses the $b-altered page" env SOURCE_DATE_EPOCH=$((T_SIGN + 60)) \
        "$ACCORD" sign --countersign -r $K -s "$FIX/grace.key" $b.accord
    expect_stderr "$b.accord: refused: its agreement.html is not the page renderer 1 makes from its signed answers" \
        "says the page is not what the answers make"
    check "the $b bundle is left as it was" cmp $b.accord $b.before
    expect_exit 1 "accord check refuses the $b-altered page" "$ACCORD" check -C c $b.accord
    expect_stderr "^accord: $b.accord: refused: its agreement.html is not the page renderer 1 makes" \
        "accord check names the bundle and why"
done

# The build refuses it, names it, and offers the genuine agreement instead.
mkdir -p c/bundles && cp ada1.accord grace1.accord terms.accord script.accord c/bundles/
expect_exit 0 "build: a refused page is reported, the build goes on" "$ACCORD" build -C c -o s1
expect_stderr "c/bundles/script.accord: refused: its agreement.html is not the page renderer 1 makes" \
    "the script page is refused by name"
expect_stderr "c/bundles/terms.accord: refused: its agreement.html is not the page renderer 1 makes" \
    "the altered terms are refused by name"
check "the agreement offered is the genuine one, byte for byte" cmp r1.accord s1/private/agreements/ada-grace-r1.accord
if grep -rq 'alert(1)' s1; then not_ok "the script is somewhere in the site"; else ok "the script is nowhere in the site"; fi
if grep -q 'Once a month' s1/private/agreements/*.html; then not_ok "the altered terms are shown"; else
    ok "the altered terms are shown nowhere"; fi
expect_exit 1 "build --strict: exit 1" "$ACCORD" build --strict -C c -o s1

# Only the altered bundle at hand: its signed answers still make the genuine agreement.
rm c/bundles/* && cp terms.accord c/bundles/
expect_exit 0 "build with only the altered bundle" "$ACCORD" build -C c -o s2
check "the genuine agreement is made from the answers inside it" cmp r1.accord s2/private/agreements/ada-grace-r1.accord

# A page without the marker: legacy. Unsigned: made afresh; countersign refuses it.
grep -v 'name="accord-render"' x/agreement.html >legacy.html
af edit r1.accord agreement.html legacy.html legacy.accord
expect_exit 1 "countersign refuses a page without the renderer marker" \
    "$ACCORD" sign --countersign -r $K -s "$FIX/ada.key" legacy.accord
expect_stderr "made before pages were bound to their answers" "says why"
rm c/bundles/* && cp legacy.accord c/bundles/
expect_exit 0 "build with an unsigned legacy agreement" "$ACCORD" build -C c -o s3
expect_stderr "c/bundles/legacy.accord: refused: its agreement.html was made before pages were bound" \
    "the unsigned legacy agreement is refused"
check "and made afresh, bound" cmp r1.accord s3/private/agreements/ada-grace-r1.accord
# Fully signed legacy: shown, with a note that its page cannot be checked.
af sign legacy.accord "$FIX/ada.key" ada $T_SIGN ok legacy1.accord
af sign legacy1.accord "$FIX/grace.key" grace $((T_SIGN + 60)) ok legacy2.accord
rm c/bundles/* && cp legacy2.accord c/bundles/
expect_exit 0 "build with a fully signed legacy agreement" "$ACCORD" build -C c -o s4
check "it is kept as signed" cmp legacy2.accord s4/private/agreements/ada-grace-r1.accord
check "its page says it cannot be checked" grep -q 'page cannot be checked against them' \
    s4/private/agreements/ada-grace-r1.html
check "the private index shows it signed" grep -q 'state-signed" data-label="State"><span class="state-tag">signed<' s4/private/index.html

# A renderer this accord does not have, a marker twice, a fact that breaks
# the page's own grammar: refused, each with its reason.
sed 's/<meta name="accord-render" content="1">/<meta name="accord-render" content="2">/' x/agreement.html >v2.html
af edit r1.accord agreement.html v2.html v2.accord
expect_exit 1 "a page of an unknown renderer version" "$ACCORD" check -C c v2.accord
expect_stderr "renderer version 2 is not known to this accord" "says so"
sed 's/<meta name="accord-render" content="1">/&\n&/' x/agreement.html >twice.html
af edit r1.accord agreement.html twice.html twice.accord
expect_exit 1 "a page naming the renderer twice" "$ACCORD" check -C c twice.accord
expect_stderr "names accord-render twice" "says so"
sed 's/name="accord-mentee-name" content="Ada Lovelace"/name="accord-mentee-name" content="Ada <b>Lovelace"/' \
    x/agreement.html >raw.html
af edit r1.accord agreement.html raw.html raw.accord
expect_exit 1 "a fact with raw markup in it" "$ACCORD" check -C c raw.accord
expect_stderr "malformed accord fact" "says so"
# The facts are part of the page: another mentee name, re-rendered to match,
# is bound, but it is not what people.xml says, so an unsigned one is refused.
sed 's/Ada Lovelace/Ada Countess/g' x/agreement.html >name.html
af edit r1.accord agreement.html name.html name.accord
expect_exit 1 "a page naming the mentee otherwise than people.xml" "$ACCORD" check -C c name.accord
expect_stderr "its page shows the mentee's name 'Ada Countess' \(people.xml now says 'Ada Lovelace'\)" \
    "names the fact and what the content says"

# Facts that change after both signed: the signed agreement stands (warned).
both() {
    af sign "$1" "$FIX/ada.key" ada $T_SIGN ok "$2.tmp"
    af sign "$2.tmp" "$FIX/grace.key" grace $((T_SIGN + 60)) ok "$2"
}
both r1.accord signed.accord
cp -R c c2 && rm -f c2/bundles/* && cp signed.accord c2/bundles/
sed -i 's#<title>Known-answer test program</title>#<title>Renamed program</title>#' c2/program.xml
expect_exit 0 "build after the program title changed" "$ACCORD" build -C c2 -o s5
expect_stderr "warning: signed by both parties when its page showed the program title 'Known-answer test program'" \
    "warns that it was signed under the old title"
check "the signed agreement is kept" cmp signed.accord s5/private/agreements/ada-grace-r1.accord
# ... but one only the mentee signed is made afresh with today's title.
af sign r1.accord "$FIX/ada.key" ada $T_SIGN ok half.accord
rm -f c2/bundles/* && cp half.accord c2/bundles/
expect_exit 0 "build with a half-signed agreement under the old title" "$ACCORD" build -C c2 -o s6
expect_stderr "c2/bundles/half.accord: refused: its page shows the program title 'Known-answer test program'" \
    "the half-signed one is refused"
(mkdir y && cd y && unzip -q ../s6/private/agreements/ada-grace-r1.accord) || not_ok "unzip the fresh agreement"
check "the fresh one names today's title" grep -q 'content="Renamed program"' y/agreement.html
check "and nobody has signed it" test ! -e y/signatures
rm c2/bundles/half.accord
expect_exit 0 "and it is bound" "$ACCORD" check -C c2 s6/private/agreements/ada-grace-r1.accord
