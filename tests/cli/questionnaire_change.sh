#!/usr/bin/env bash
# questionnaire_change.sh - an admin edits a question while agreements are
# open, on a copy of the demo: check and build name each agreement whose
# open revision was answered before the change (people.xml line), --strict
# makes it an error, status and the dashboard flag it, the mentor's
# answers to the review page's questions are signed and make the
# agreement, and an agreement moves to the new version when the mentee
# answers again and the old bundle is removed.
. "$(dirname "$0")/../lib.sh"
cp -R "$ROOT/content" c
# the examples are the demo's answers files, made for today's questions
rm -r c/examples
KEYS=c/keys/demo-secret
line() { grep -n "<agreement id=\"$1\"" c/people.xml | cut -d: -f1; }

expect_exit 0 "before the change: check" "$ACCORD" check -C c --strict
check "before the change: no agreement is flagged" bash -c "! grep -q 'before it changed' '$T/stderr'"

sed -i 's|<option value="fortnightly">Every two weeks</option>|<option value="three-weekly">Every three weeks</option>|' \
    c/questionnaires/agreement.xml
expect_exit 0 "after the change: check warns and exits 0" "$ACCORD" check -C c
expect_stderr "^accord: c/people.xml:$(line farid-chen): warning: agreement farid-chen: the mentee answered questionnaire agreement as it was before it changed \(digest 52cd3fcfd2c0, today [0-9a-f]{12}; answers of 2026-10-05\); the mentor's review page still uses those questions" \
    "check names farid-chen at its people.xml line and says what it means"
expect_stderr "agreement farid-chen: .*To move it to the new version, the mentee answers the new form again" "check says how to move it"
expect_stderr "^accord: c/people.xml:$(line greta-emil): warning: agreement greta-emil: the mentor answered" "check names greta-emil (mentor answered)"
expect_stderr "^accord: c/people.xml:$(line hugo-chen): warning: agreement hugo-chen: both parties answered .* can still be signed as it is" \
    "check names hugo-chen (awaiting signatures)"
expect_stderr "agreement ines-ben: both parties answered" "check names ines-ben (signed by one)"
check "signed agreements and another questionnaire are not flagged" \
    bash -c "! grep -Eq 'agreement (amira-ben|dara-emil|amira-chen):' '$T/stderr'"
expect_exit 1 "check --strict: an error" "$ACCORD" check -C c --strict
expect_stderr "--strict: 4 agreements answered before their questionnaire changed" "check --strict says why"

expect_exit 0 "build warns and exits 0" "$ACCORD" build -C c -o s
expect_stderr "c/people.xml:$(line farid-chen): warning: agreement farid-chen:" "build names farid-chen at its line"
expect_stderr "4 agreements answered before their questionnaire changed \(see above\); --strict makes this an error" \
    "build sums them up"
rm -rf s
expect_exit 1 "build --strict: exit 1" "$ACCORD" build -C c -o s --strict
check "build --strict still writes the site, as for refused bundles" test -f s/private/index.html
export ROOT
farid=$(grep -o 'href="\.\./public/p/[0-9a-f]*\.html#k=[^"]*"' s/private/index.html | sed 's/^href="//; s/"$//' | sort -u |
    while read -r l; do node "$ROOT/tests/cli/personal_open.mjs" s "$l" index.html | grep -qF "Hello, Farid Mockingham." && echo "$l"; done)
check "farid's own page says the questions changed after his answers" \
    bash -c "node '$ROOT/tests/cli/personal_open.mjs' s '$farid' index.html | grep -q \"changed this agreement's questions after the answers of 2026-10-05\""

# status and the dashboard
expect_exit 0 "status" "$ACCORD" status -C c --as-of 2026-12-01
expect_stdout "^  note    questionnaire changed since the answers of 2026-10-05" "status notes the change"
expect_exit 0 "status --json" "$ACCORD" status -C c --json --as-of 2026-12-01
check "status --json: questionnaire_changed of farid-chen, null for the signed ones" python3 -c '
import json, sys
a = {x["id"]: x for x in json.load(open(sys.argv[1]))["agreements"]}
f = a["farid-chen"]["questionnaire_changed"]
assert f["since"] == "2026-10-05" and f["answered_digest"].startswith("52cd3fcf") and len(f["digest"]) == 64
assert f["digest"] != f["answered_digest"]
assert a["dara-emil"]["questionnaire_changed"] is None and a["amira-ben"]["questionnaire_changed"] is None
assert a["amira-chen"]["questionnaire_changed"] is None' "$T/stdout"
D=s/private/index.html
check "dashboard: the row carries the day of the answers" grep -q 'data-mentor="Chen Placeholder" data-questionnaire-changed="2026-10-05"' "$D"
check "dashboard: the mark under the state, in words" \
    grep -q '^<span class="state-tag">mentee answered</span><span class="questionnaire-changed">questionnaire changed since 2026-10-05</span>' "$D"
check "dashboard: the seven states are kept" grep -q 'data-state="review-overdue"' "$D"

# The review page asks the questions the mentee answered ...
OLD=$(grep -o 'data-digest="[0-9a-f]*"' s/private/review/farid-chen.html | cut -d'"' -f2)
NEW=$(grep -o 'data-digest="[0-9a-f]*"' s/public/forms/farid-chen-mentee.html | cut -d'"' -f2)
check "the review page uses the mentee's snapshot" test "$OLD" = 52cd3fcfd2c03e4381ee0d2ad80e7cfdd1de8a4154dd0d865a2147ed82329a4b
check "the review page still offers the old option" grep -q 'value="fortnightly"' s/private/review/farid-chen.html
check "the new form asks the new version" bash -c "[ '$NEW' != '$OLD' ] && grep -q 'value=\"three-weekly\"' s/public/forms/farid-chen-mentee.html"
# ... and the mentor's answers to them are signed and make the agreement.
sed -e 's/agreement="hugo-chen"/agreement="farid-chen"/' -e 's/<value>weekly</<value>fortnightly</' \
    "$ROOT/content/examples/hugo-chen-mentor.xml" >chen.xml
expect_exit 0 "check takes the mentor's answers to the old questions" "$ACCORD" check -C c chen.xml
expect_exit 0 "accord sign signs them against the snapshot" "$ACCORD" sign -s $KEYS/chen.key -C c chen.xml -o chen.accord
expect_stderr "checked against the questions they were given to" "sign says which questions it checked against"
check "the bundle carries the mentee's snapshot digest" bash -c "unzip -p chen.accord META | grep -q 'questionnaire-sha256: $OLD'"
expect_exit 0 "accord-verify accepts it" "$ACCORD_VERIFY" -r c/keys chen.accord
cp chen.accord c/bundles/farid-chen-r1-mentor.accord
rm -rf s
expect_exit 0 "build with the mentor's bundle" "$ACCORD" build -C c -o s
expect_stderr "agreement farid-chen: both parties answered" "still flagged: both answered the old version"
check "the build makes the agreement of both" test -f s/private/agreements/farid-chen-r1.accord
expect_exit 1 "the agreement verifies, awaiting signatures" "$ACCORD_VERIFY" -r c/keys s/private/agreements/farid-chen-r1.accord
expect_stdout "^AWAITING .*awaiting signatures from farid, chen" "AWAITING both"
# Answers to the new questions are not taken against the old snapshot.
sed "s/digest=\"$OLD\"/digest=\"$NEW\"/" chen.xml >chen-new.xml
expect_exit 1 "answers naming today's digest are checked against today's questions" "$ACCORD" check -C c chen-new.xml
expect_stderr "'fortnightly' is not a value of question 'meeting-frequency'" "the gone option is named"
rm c/bundles/farid-chen-r1-mentor.accord

# Moving farid-chen to the new version: the mentee answers the new form
# (starting from the old answers) and signs; the admin removes the old bundle.
unzip -p c/bundles/farid-chen-r1-mentee.accord answers.xml |
    sed -e "s/digest=\"$OLD\"/digest=\"$NEW\"/" -e 's/<value>fortnightly</<value>three-weekly</' \
        -e 's/saved="2026-10-05T13:47:09Z"/saved="2026-12-01T10:00:00Z"/' >farid-new.xml
expect_exit 0 "the mentee signs answers to the new version" "$ACCORD" sign -s $KEYS/farid.key -C c farid-new.xml -o farid-new.accord
cp farid-new.accord c/bundles/farid-chen-r1-mentee-new.accord
expect_exit 0 "build with both of the mentee's bundles" "$ACCORD" build -C c -o s
expect_stderr "are both the mentee's answers to revision 1 of farid-chen; using .*farid-chen-r1-mentee-new.accord \(the later one\)" \
    "the later answers are used, and the build says so"
check "farid-chen is no longer flagged" bash -c "! grep -q 'agreement farid-chen:' '$T/stderr'"
rm c/bundles/farid-chen-r1-mentee.accord
expect_exit 0 "build after the old bundle is removed" "$ACCORD" build -C c -o s
check "no warning about farid-chen" bash -c "! grep -q 'farid-chen' '$T/stderr'"
check "the review page asks the new version" grep -q "data-digest=\"$NEW\"" s/private/review/farid-chen.html
check "the dashboard no longer marks farid-chen" bash -c "! grep -q 'data-mentee=\"Farid Mockingham\" data-mentor=\"Chen Placeholder\" data-questionnaire-changed' s/private/index.html"
