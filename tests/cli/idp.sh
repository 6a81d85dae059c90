#!/usr/bin/env bash
# idp.sh - a mentee's signed individual development plan on a copy of the
# demo: the build takes the IDP bundle in, the dashboard and accord status
# show its state and never its contents, the mentee's own pages show it to read and offer the
# signed file, the mentor's pages do not unless program.xml's <idp
# shared-with-mentor="true">; the later revision wins whatever the order;
# IDP bundles of a non-mentee, of another questionnaire or of a program
# without an IDP are refused with their reason.
. "$(dirname "$0")/../lib.sh"
OPEN=$ROOT/tests/cli/personal_open.mjs
export ROOT

cp -R "$ROOT/content" c
digest=$("$ACCORD" build -C c -o s0 2>/dev/null; grep -o 'data-digest="[0-9a-f]*"' s0/public/forms/idp-amira.html | head -1 | cut -d'"' -f2)
check "the demo's IDP form names its digest" test -n "$digest"
# idp_answers PARTY REVISION TEXT: an IDP answers file of PARTY
idp_answers() {
    cat <<XML
<?xml version="1.0" encoding="UTF-8"?>
<answers program="demo" questionnaire="idp" version="1" digest="$digest" role="mentee" party="$1" revision="$2" saved="2026-10-0$2T09:00:00Z">
  <answer question="research-recent"><text>$3</text></answer>
  <answer question="research-short-term"><text>Submit the methods paper by March.</text><note>Ask the core for time.</note></answer>
</answers>
XML
}
idp_answers amira 1 "First plan: finish the imaging pipeline" >amira-1.xml
idp_answers amira 2 "Second plan: the cohort study" >amira-2.xml
expect_exit 0 "amira signs revision 1" "$ACCORD" sign -s c/keys/demo-secret/amira.key -C c -o c/bundles/idp-amira-r1.accord amira-1.xml
expect_exit 0 "amira signs revision 2" "$ACCORD" sign -s c/keys/demo-secret/amira.key -C c -o c/bundles/idp-amira-r2.accord amira-2.xml
expect_exit 0 "check takes the IDP bundles" "$ACCORD" check -C c c/bundles/idp-amira-r1.accord
expect_exit 0 "build takes them in" "$ACCORD" build -C c -o s
expect_stderr_lacks() { if grep -q "$1" "$T/stderr"; then not_ok "$2"; else ok "$2"; fi; }
expect_stderr_lacks "refused" "nothing is refused"

check "the dashboard shows amira's IDP state" grep -q 'IDP: revision 2, signed 2026-10-02' s/private/index.html
check "the dashboard shows a mentee with none" grep -q 'IDP: none signed yet' s/private/index.html
check "no IDP text anywhere in clear" bash -c '! grep -rqF "the cohort study" s'
expect_exit 0 "accord status" "$ACCORD" status -C c --as-of 2026-11-01
expect_stdout "^  idp     the mentee's plan: revision 2, signed 2026-10-02$" "status gives amira's IDP state as the dashboard does"
expect_stdout "^  idp     the mentee has signed no plan yet$" "status says when a mentee has none"
"$ACCORD" status -C c --json --as-of 2026-11-01 >status.json
check "status --json: the IDP of each agreement's mentee" python3 -c 'import json, sys
a = {x["id"]: x for x in json.load(open(sys.argv[1]))["agreements"]}
assert a["amira-ben"]["idp"] == {"revision": 2, "signed": "2026-10-02"}, a["amira-ben"]
assert a["amira-chen"]["idp"] == a["amira-ben"]["idp"]
assert a["dara-emil"]["idp"] == {"revision": 0, "signed": None}, a["dara-emil"]' status.json

link_of() { grep -o "href=\"\.\./public/p/[0-9a-f]*\.html#k=[^\"]*\"" s/private/index.html | sed 's/^href="//; s/"$//' | sort -u |
    while read -r l; do node "$OPEN" s "$l" index.html | grep -qF "Hello, $1." && echo "$l"; done; }
amira=$(link_of "Amira Testwell")
ben=$(link_of "Ben Samplesworth")
check "amira's and ben's links found" test -n "$amira" -a -n "$ben"
check "amira's home says she signed revision 2" bash -c "node '$OPEN' s '$amira' index.html | grep -q 'You signed revision 2 on 2026-10-02'"
check "amira reads her plan: revision 2, its answers and note" \
    bash -c "node '$OPEN' s '$amira' idp-plan.html | grep -q 'Second plan: the cohort study' && node '$OPEN' s '$amira' idp-plan.html | grep -q 'Note: Ask the core for time.'"
check "amira downloads the signed file she sent" bash -c "node '$OPEN' s '$amira' idp-plan.accord >plan.accord && cmp -s plan.accord c/bundles/idp-amira-r2.accord"
check "ben's pages hold no IDP" bash -c "! grep -q 'data-page=\"idp-[0-9]*\.html\"' \"s/\$(sed 's|^\.\./||; s|#.*||' <<<'$ben')\""

sed -i 's|<idp enabled="true"|<idp shared-with-mentor="true" enabled="true"|' c/program.xml
check "program.xml shares IDPs with mentors" grep -q 'shared-with-mentor="true"' c/program.xml
expect_exit 0 "build with IDPs shared" "$ACCORD" build -C c -o s2
ben2=$(grep -o "href=\"\.\./public/p/[0-9a-f]*\.html#k=[^\"]*\"" s2/private/index.html | sed 's/^href="//; s/"$//' | sort -u |
    while read -r l; do node "$OPEN" s2 "$l" index.html | grep -qF "Hello, Ben Samplesworth." && echo "$l"; done)
check "ben's home links his mentee's plan" bash -c "node '$OPEN' s2 '$ben2' index.html | grep -q 'data-personal-page=\"idp-1.html\"'"
check "ben reads amira's plan" bash -c "node '$OPEN' s2 '$ben2' idp-1.html | grep -q 'Second plan: the cohort study'"

# refusals
cp -R "$ROOT/content" r
idp_answers ben 1 "Not a mentee" >ben.xml
"$ACCORD" sign -s r/keys/demo-secret/ben.key -C r -o r/bundles/idp-ben-r1.accord ben.xml 2>/dev/null
check "a mentor's IDP cannot even be signed, or is refused by the build" bash -c \
    "[ ! -f r/bundles/idp-ben-r1.accord ] || ! '$ACCORD' check -C r r/bundles/idp-ben-r1.accord"
cp c/bundles/idp-amira-r1.accord r/bundles/
sed -i 's|<idp [^>]*/>|<idp enabled="false" questionnaire="idp"/>|' r/program.xml
expect_exit 0 "build a program whose IDP is off" "$ACCORD" build -C r -o s3
expect_stderr "idp-amira-r1.accord: refused: it is an individual development plan, and this program has none" \
    "an IDP bundle is refused when the program has no IDP"
