#!/usr/bin/env bash
# build_bundles_refused.sh - accord build refuses bundles that do not verify
# or do not fit the content: each is named with its reason and
# never rendered; the build goes on and exits 0, or 1 with --strict (the
# site still written).
. "$(dirname "$0")/../lib.sh"
cp -R "$ROOT/tests/fixtures/content/valid" c
mkdir c/keys c/bundles
for p in ada grace kat; do "$ACCORD" keygen -W -p c/keys/$p.pub -s $p.key >/dev/null || not_ok "keygen $p"; done
# ada's answers to ada-kat, with a note that must never show if refused
sed -e 's/ada-grace/ada-kat/' -e 's/Flexible in summer./TAMPERED-NOTE-999 here/' \
    -e '/grace-review/d' c/examples/ada-grace-mentee.xml >kat.xml
"$ACCORD" check -C c kat.xml >/dev/null 2>&1 || true
# the effective questionnaire of ada-kat has no mentor questions: its digest differs
D=$(grep -o 'data-digest="[0-9a-f]*"' <("$ACCORD" build -C c -o s0 >/dev/null 2>&1; cat s0/public/forms/ada-kat-mentee.html) | cut -d'"' -f2)
sed -i "s/digest=\"[0-9a-f]*\"/digest=\"$D\"/" kat.xml
expect_exit 0 "ada signs her ada-kat answers" "$ACCORD" sign -s ada.key -C c kat.xml -o good.accord

# A tampered byte: the note's text changed after signing (members are stored).
LC_ALL=C sed 's/TAMPERED-NOTE-999/TAMPERED-NOTE-998/' good.accord >c/bundles/tampered.accord
check "the tampered copy differs from the signed one" bash -c "! cmp -s good.accord c/bundles/tampered.accord"
expect_exit 0 "a refused bundle does not fail the build without --strict" "$ACCORD" build -C c -o s1
expect_stderr "^accord: c/bundles/tampered.accord: refused: .*answers.xml" \
    "the refusal names the bundle and the reason"
expect_stderr "1 bundle refused" "the build sums up the refusals"
check "the site was written" test -f s1/private/index.html
check "the refused bundle is not rendered: no review page" test ! -e s1/private/review/ada-kat.html
check "the refused bundle's note is nowhere in the site" bash -c "! grep -rq TAMPERED-NOTE s1"
check "the agreement stays not started" grep -q 'state-not-started" data-label="State"><span class="state-tag">not started<' s1/private/index.html
expect_exit 1 "--strict: a refused bundle fails the build" "$ACCORD" build -C c -o s2 --strict
expect_stderr "refused" "--strict names it too"
check "--strict still writes the site" test -f s2/private/index.html

# Signed by a key content/keys does not trust for that party.
rm c/bundles/tampered.accord
expect_exit 0 "kat's key signs ada's answers (accord sign trusts the key it is given)" \
    "$ACCORD" sign -s kat.key -C c kat.xml -o c/bundles/wrongkey.accord
expect_exit 0 "a bundle signed with another party's key: build goes on" "$ACCORD" build -C c -o s3
expect_stderr "c/bundles/wrongkey.accord: refused: .*key" "refused: not ada's trusted key"
check "nothing of it is rendered" bash -c "! grep -rq TAMPERED-NOTE s3"
rm c/bundles/wrongkey.accord

# Not fitting the content: an agreement people.xml does not know.
cp good.accord c/bundles/good.accord
sed -i 's/<agreement id="ada-kat" mentee="ada" mentor="kat"\/>//' c/people.xml
expect_exit 0 "a bundle of an unknown agreement: build goes on" "$ACCORD" build -C c -o s4
expect_stderr "c/bundles/good.accord: refused: agreement 'ada-kat' is not in people.xml" \
    "refused: unknown agreement"
check "nothing of it is rendered" bash -c "! grep -rq TAMPERED-NOTE s4"

# Not a bundle at all.
printf 'not a zip\n' >c/bundles/junk.accord
expect_exit 1 "--strict with junk in content/bundles" "$ACCORD" build -C c -o s5 --strict
expect_stderr "c/bundles/junk.accord: refused: " "junk is refused by name"

# Answers that do not belong together: the questions changed between the
# mentee's and the mentor's signing, so their snapshots differ. Both verify;
# no agreement is made, and the review page says why.
rm -f c/bundles/*.accord
cp -R "$ROOT/tests/fixtures/content/valid" d && mkdir d/bundles && cp -R c/keys d/keys
expect_exit 0 "the mentee signs against today's questions" \
    "$ACCORD" sign -s ada.key -C d d/examples/ada-grace-mentee.xml -o d/bundles/m.accord
sed -i 's|<text>Code review?</text>|<text>Code review, weekly?</text>|' d/people.xml
"$ACCORD" build -C d -o s6 >/dev/null 2>&1
D2=$(grep -o 'data-digest="[0-9a-f]*"' s6/public/forms/ada-grace-mentor.html | cut -d'"' -f2)
cat >mentor2.xml <<EOF2
<?xml version="1.0" encoding="UTF-8"?>
<answers program="test" questionnaire="main" version="1" digest="$D2" agreement="ada-grace"
         role="mentor" party="grace" revision="1" saved="2026-03-05T10:00:00Z">
  <answer question="frequency"><value>weekly</value></answer>
  <answer question="in-person"><value>no</value></answer>
  <answer question="year"><value>1</value></answer>
</answers>
EOF2
expect_exit 0 "the mentor signs against the changed questions" \
    "$ACCORD" sign -s grace.key -C d mentor2.xml -o d/bundles/g.accord
expect_exit 0 "answers that do not belong together do not fail the build" "$ACCORD" build -C d -o s7
expect_stderr "warning: agreement ada-grace revision 1: the mentee's and the mentor's answers do not belong together" \
    "the build says why no agreement was made"
expect_stderr "warning: agreement ada-grace: the mentee answered questionnaire main as it was before it changed" \
    "the build says the mentee answered before the change"
expect_exit 1 "--strict: answers given before the change are an error" "$ACCORD" build -C d -o s7 --strict
check "no agreement bundle" test ! -e s7/private/agreements/ada-grace-r1.accord
check "the review page says why" grep -q 'class="review-problem">No agreement was made' s7/private/review/ada-grace.html
check "the state stays mentee answered" grep -q 'state-mentee-answered' s7/private/index.html

# A signed snapshot whose help Markdown is over the limits (too many '|' on
# a line for cmark-gfm's tables): refused, not a failed build (accord sign
# does not render Markdown, so it signs it).
rm -rf e && cp -R "$ROOT/tests/fixtures/content/valid" e && mkdir e/bundles && cp -R c/keys e/keys
cp e/questionnaires/main.xml main.orig
big=$(head -c 300 /dev/zero | tr '\0' '|')
sed -i "s#<help>Pick one.</help>#<help>$big</help>#" e/questionnaires/main.xml
expect_exit 1 "the build refuses that help in the content itself" "$ACCORD" build -C e -o s8
D3=$("$ACCORD" check -C e e/examples/ada-grace-mentee.xml 2>&1 |
    grep -o "effective questionnaire's [0-9a-f]*" | head -1 | grep -o '[0-9a-f]*$')
sed "s/digest=\"[0-9a-f]*\"/digest=\"$D3\"/" e/examples/ada-grace-mentee.xml >big.xml
expect_exit 0 "accord sign signs answers to a questionnaire with that help" \
    "$ACCORD" sign -s ada.key -C e big.xml -o e/bundles/big.accord
cp main.orig e/questionnaires/main.xml
expect_exit 0 "its bundle does not fail the build" "$ACCORD" build -C e -o s9
expect_stderr "e/bundles/big.accord: refused: its questionnaire snapshot has Markdown over the limits" \
    "refused: Markdown over the limits"
check "no review page of it" test ! -e s9/private/review/ada-grace.html
