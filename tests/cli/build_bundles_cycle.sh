#!/usr/bin/env bash
# build_bundles_cycle.sh - accord build over content/bundles/: answers bundles made here with accord keygen -W and accord
# sign on a copy of the valid fixture; the agreement bundle the build makes,
# the mentor's review page and its flags, the agreement page, the private
# index, countersigned copies merged, the next revision's forms, and the
# public tree free of answers and notes.
. "$(dirname "$0")/../lib.sh"
cp -R "$ROOT/tests/fixtures/content/valid" c
mkdir c/keys c/bundles
for p in ada grace kat; do "$ACCORD" keygen -W -p c/keys/$p.pub -s $p.key >/dev/null || not_ok "keygen $p"; done
DIGEST=269d9a5ba8f1c2c5e73bf2ebfb9469d952932c2604eec5d92364e24402d55353
sed 's/Flexible in summer./MENTEE-NOTE-4242 flexible/' c/examples/ada-grace-mentee.xml >mentee.xml
cat >mentor.xml <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<answers program="test" questionnaire="main" version="1" digest="$DIGEST" agreement="ada-grace"
         role="mentor" party="grace" revision="1" saved="2026-03-05T10:00:00Z">
  <answer question="frequency"><value>weekly</value><note>MENTOR-NOTE-7731 weekly</note></answer>
  <answer question="in-person"><value>yes</value></answer>
  <answer question="where"><text>Library</text></answer>
  <answer question="year"><value>1</value></answer>
</answers>
EOF
expect_exit 0 "the mentee signs" "$ACCORD" sign -s ada.key -C c mentee.xml -o c/bundles/m1.accord
build() { run "$ACCORD" build -C c -o "$1" "${@:2}"; }

# Mentee only: mentee answered, a review page without mentor answers.
build s0
[ "$rc" -eq 0 ] && ok "build with the mentee's bundle (exit 0)" || not_ok "build: exit $rc"
check "private index: mentee answered" grep -q 'state-mentee-answered" data-label="State"><span class="state-tag">mentee answered<' s0/private/index.html
check "a review page for the mentor" test -f s0/private/review/ada-grace.html
check "no agreement yet" test ! -e s0/private/agreements/ada-grace-r1.accord
check "the review form is not prefilled" bash -c "! grep -q ' checked' s0/private/review/ada-grace.html"
check "the summary counts what is left to answer, not that no answers differ" \
    grep -q 'data-conflicts="0" data-discuss="[0-9]*" data-answered="0" data-left="[1-9][0-9]*">You have not answered any of the [0-9]* questions yet.</p>' \
    s0/private/review/ada-grace.html

expect_exit 0 "the mentor signs" "$ACCORD" sign -s grace.key -C c mentor.xml -o c/bundles/g1.accord
build s1
[ "$rc" -eq 0 ] && ok "build with both answers bundles (exit 0)" || not_ok "build: exit $rc"
B=s1/private/agreements/ada-grace-r1.accord
check "the agreement bundle is in private/agreements" test -f "$B"
check "its site page is beside it" test -f s1/private/agreements/ada-grace-r1.html
expect_exit 1 "accord-verify: the built agreement awaits signatures" "$ACCORD_VERIFY" -r c/keys "$B"
expect_stdout "^AWAITING .*awaiting signatures from ada, grace" "AWAITING both parties"
check "private index: awaiting signatures" grep -q 'state-awaiting-signatures" data-label="State"><span class="state-tag">awaiting signatures from Ada Lovelace and Grace Hopper<' s1/private/index.html

# The review page: flags by text and icon, and the summary.
R=s1/private/review/ada-grace.html
flag() { # flag QID CLASS: the question's mentee column shows that flag
    awk -v q="id=\"q-$1\"" 'index($0, q) {on = 1} on && /class="agreement-flag/ {print; exit}' "$R" |
        grep -q "agreement-flag $2"
}
check "review: a known conflict is flagged (frequency)" flag frequency flag-conflict
check "review: the conflict flag has its text" grep -q "Differs from the mentee's answer" "$R"
check "review: only the mentee answered: for discussion (channels)" flag channels flag-discuss
check "review: the same answer is flagged same (in-person)" flag in-person flag-same
check "review: free texts that differ have no flag (where)" flag where flag-none
check "review: the summary counts" grep -q 'data-conflicts="1" data-discuss="1" data-answered="[0-9]*" data-left="[0-9]*">\(You have [0-9]* questions\? left to answer\. \)\?1 answer differs from the mentee' "$R"
check "review: the mentee's values in data-values" grep -q 'class="mentee-answer" data-answered="true" data-values="email chat"' "$R"
check "review: the mentee's note in the column" grep -q 'Note from Ada Lovelace (mentee):</span> MENTEE-NOTE-4242' "$R"
check "review: the mentor's answers are prefilled" grep -q 'id="q-frequency-weekly" name="frequency" value="weekly" checked' "$R"
check "review: the mentor's note is prefilled" grep -q 'MENTOR-NOTE-7731 weekly</textarea>' "$R"
check "review: data-review on the mentor form" grep -q 'data-role="mentor" data-party="grace" data-revision="1" data-review="true"' "$R"

# agreement.html inside the bundle: what the parties sign.
unzip -p "$B" agreement.html >agreement.html 2>/dev/null || not_ok "agreement.html in the bundle"
check "agreement: the mentor's final answer" grep -q '<p class="answer">Weekly</p>' agreement.html
check "agreement: the mentee's note" grep -q 'Note from Ada Lovelace (mentee):</span> MENTEE-NOTE-4242' agreement.html
check "agreement: the mentor's note" grep -q 'Note from Grace Hopper (mentor):</span> MENTOR-NOTE-7731' agreement.html
check "agreement: a question the mentor left unanswered is left out" bash -c "! grep -q 'id=\"q-channels\"' agreement.html"
check "agreement: an empty section is left out" bash -c "! grep -q 's-mentor-questions' agreement.html"
check "agreement: the next review date (created + 12 months)" grep -q '<dd>2027-03-05</dd>' agreement.html
check "agreement: self-contained: CSS inlined" grep -q '<style>' agreement.html
check "agreement: print CSS inlined" grep -q '@media print' agreement.html
check "agreement: no script, no external or relative resource" \
    bash -c "! grep -Eiq '<script|<link|<img| src=' agreement.html"
check "agreement: no verification block in the signed page" bash -c "! grep -q 'id=\"verification\"' agreement.html"
P=s1/private/agreements/ada-grace-r1.html
check "site copy: a verification block" grep -q 'id="verification"' "$P"
check "site copy: the stock commands" grep -q 'minisign -V -m MANIFEST -x signatures/ada.minisig -p ada.pub' "$P"
check "site copy: the bundle digest" grep -q "$(unzip -p "$B" MANIFEST | sha256sum | cut -c1-64)" "$P"
check "site copy: not signed yet" grep -q 'not signed yet' "$P"
check "site copy: says whose signatures it awaits" grep -q 'Awaiting the signatures of Ada Lovelace and Grace Hopper' "$P"
check "site copy: the history" grep -q 'id="history"' "$P"

# Public output never holds answers or notes.
check "public tree: no mentee note" bash -c "! grep -rq MENTEE-NOTE-4242 s1/public"
check "public tree: no mentor note" bash -c "! grep -rq MENTOR-NOTE-7731 s1/public"
check "public tree: no answer text" bash -c "! grep -rq 'Every 10 days' s1/public"

# Two builds: byte-identical, the agreement bundle included.
build s1b
check "two builds are byte-identical (bundles included)" same_site s1 s1b

# Countersigned copies with different signatures are merged.
cp "$B" a.accord && cp "$B" b.accord
SOURCE_DATE_EPOCH=1773000000 run "$ACCORD" sign --countersign -s ada.key -C c a.accord
[ "$rc" -eq 0 ] && ok "ada countersigns one copy" || not_ok "ada countersigns: exit $rc"
SOURCE_DATE_EPOCH=1773100000 run "$ACCORD" sign --countersign -s grace.key -C c b.accord
[ "$rc" -eq 0 ] && ok "grace countersigns another copy" || not_ok "grace countersigns: exit $rc"
cp a.accord c/bundles/ada-grace-r1-ada.accord && cp b.accord c/bundles/ada-grace-r1-grace.accord
build s2
[ "$rc" -eq 0 ] && ok "build with two countersigned copies (exit 0)" || not_ok "build: exit $rc"
build s2b
check "two builds with merged copies are byte-identical" same_site s2 s2b
mv c/bundles/ada-grace-r1-ada.accord c/bundles/z-ada.accord
build s2c
check "the merge does not depend on the copies' file names" \
    cmp s2/private/agreements/ada-grace-r1.accord s2c/private/agreements/ada-grace-r1.accord
expect_exit 0 "the merged bundle holds both signatures and verifies" "$ACCORD_VERIFY" -r c/keys s2/private/agreements/ada-grace-r1.accord
check "the merged bundle keeps the signed agreement.html" \
    bash -c "unzip -p s2/private/agreements/ada-grace-r1.accord agreement.html | cmp -s - agreement.html"
check "private index: signed" grep -q 'state-signed" data-label="State"><span class="state-tag">signed<' s2/private/index.html
check "private index: the next review date" grep -q '<td class="next-review" data-label="Next review">2027-03-05</td>' s2/private/index.html
check "site copy: ada's signing time" grep -q 'class="signed">2026-03-08T20:00:00Z' s2/private/agreements/ada-grace-r1.html
check "site copy: grace's signing time" grep -q 'class="signed">2026-03-09T23:46:40Z' s2/private/agreements/ada-grace-r1.html
check "no review page once signed" test ! -e s2/private/review/ada-grace.html
DIG=$(unzip -p s2/private/agreements/ada-grace-r1.accord MANIFEST | sha256sum | cut -c1-64)
for role in mentee mentor; do
    F=s2/private/forms/ada-grace-$role.html
    check "next revision: private $role form for revision 2 with previous" \
        grep -q "data-revision=\"2\" data-previous=\"$DIG\"" "$F"
    check "next revision: the public $role form too" \
        grep -q "data-revision=\"2\" data-previous=\"$DIG\"" s2/public/forms/ada-grace-$role.html
done
check "next revision: prefilled with the signed agreement's final answers" \
    grep -q 'value="weekly" checked' s2/private/forms/ada-grace-mentee.html
check "next revision: the mentee's form keeps the mentee's own note" \
    grep -q 'MENTEE-NOTE-4242 flexible</textarea>' s2/private/forms/ada-grace-mentee.html
check "next revision: the mentee's form does not take the mentor's note" \
    bash -c "! grep -q MENTOR-NOTE-7731 s2/private/forms/ada-grace-mentee.html"
check "next revision: the mentor's form keeps the mentor's note" \
    grep -q 'MENTOR-NOTE-7731 weekly</textarea>' s2/private/forms/ada-grace-mentor.html
check "next revision: the public form is not prefilled" bash -c "! grep -q ' checked' s2/public/forms/ada-grace-mentee.html"

# A review's answers name the signed agreement's digest.
sed -e 's/revision="1"/revision="2"/' -e "s/saved=/previous=\"$DIG\" saved=/" mentee.xml >r2.xml
expect_exit 0 "revision 2 naming the signed agreement passes accord check" "$ACCORD" check -C c r2.xml
sed -e 's/revision="1"/revision="2"/' -e "s/saved=/previous=\"$(printf 'a%.0s' {1..64})\" saved=/" mentee.xml >r2bad.xml
expect_exit 1 "revision 2 naming another digest is refused" "$ACCORD" check -C c r2bad.xml
expect_stderr "r2bad.xml:[0-9]+: previous=.* is not the digest of the signed agreement of revision 1" \
    "the error is at the root element"
sed -e 's/revision="1"/revision="2"/' mentee.xml >r2none.xml
expect_exit 1 "revision 2 without previous is refused" "$ACCORD" check -C c r2none.xml
sed -e "s/saved=/previous=\"$DIG\" saved=/" mentee.xml >r1prev.xml
expect_exit 1 "revision 1 with previous is refused" "$ACCORD" check -C c r1prev.xml
expect_exit 0 "the mentee signs revision 2" "$ACCORD" sign -s ada.key -C c r2.xml -o c/bundles/m2.accord
build s3
check "revision 2: mentee answered" grep -q '<td data-label="Revision">2</td>' s3/private/index.html
check "revision 2: the review page is for revision 2 with previous" \
    grep -q "data-revision=\"2\" data-previous=\"$DIG\" data-review=\"true\"" s3/private/review/ada-grace.html
check "revision 2: revision 1's page stays" test -f s3/private/agreements/ada-grace-r1.html

# A review signed before revision 1's agreement came in, naming another
# digest: refused once the signed revision 1 is there.
mkdir nob && cp -R c/. nob/ && rm -rf nob/bundles
sed 's/MENTEE-NOTE-4242/STRAY-NOTE-5151/' r2bad.xml >r2stray.xml
expect_exit 0 "with no bundles/ to compare with (a party's machine), accord sign takes any previous" \
    "$ACCORD" sign -s ada.key -C nob r2stray.xml -o c/bundles/stray.accord
expect_stderr "warning: previous not checked: nob has no bundles/ folder" "and says it could not check it"
mkdir -p nob/bundles
expect_exit 1 "with an empty bundles/, a review of a revision that is not there is refused" \
    "$ACCORD" sign -s ada.key -C nob r2stray.xml -o nob-stray.accord
expect_stderr "it reviews revision 1 of agreement ada-grace, which is not here" "says why"
build s4
expect_stderr "c/bundles/stray.accord: refused: its previous is not the digest of the signed agreement of revision 1" \
    "the build refuses the review that names another agreement"
check "its note is nowhere in the site" bash -c "! grep -rq STRAY-NOTE s4"
check "the good review is still shown" test -f s4/private/review/ada-grace.html
