#!/usr/bin/env bash
# changes.sh - what changed between revisions, on a copy of the demo, whose
# amira-ben has a revision 2 that differs from revision 1: the agreement
# page of revision 2 lists each changed agreed answer and note with before
# and now and its history each revision with its day and signers,
# revision 1's page lists no changes; with revision 2 answered by the
# mentee only, the mentor's review page says under each changed answer
# what revision 1 agreed and under each changed note of the mentee what it
# said, and nothing under an unchanged one.
. "$(dirname "$0")/../lib.sh"

cp -R "$ROOT/content" c
expect_exit 0 "build the demo" "$ACCORD" build -C c -o s
page=s/private/agreements/amira-ben-r2.html
check "revision 2's page has What changed since revision 1" grep -q '<h2>What changed since revision 1</h2>' "$page"
# the section "What changed", one line per question
tr -d '\n' <"$page" | sed 's|.*<section id="changes">||; s|</section>.*||; s|<div class="change">|\n|g' >changes.txt
changed() { # QUESTION WHAT BEFORE NOW: the section lists it
    grep -F "<h3>$1</h3>" changes.txt |
        grep -qF "<dt>$2</dt><dd><span class=\"was\">Before: $3</span><br><span class=\"now\">Now: $4</span></dd>"
}
check "an agreed answer that changed: before and now" \
    changed "Should the mentee also attend the lab meetings of collaborators?" "Agreed answer" Yes No
check "a note that changed, named by whose it is" \
    changed "How often should we meet one-on-one?" "Note of Amira Testwell" "Tuesday mornings suit me best." \
    "Fortnightly worked well this year; weekly before deadlines."
check "the section lists some questions" test "$(grep -c '<h3>' changes.txt)" -ge 3
check "an unchanged question is not listed" bash -c "! grep -qF '<h3>Who arranges the meetings?</h3>' changes.txt"
tr -d '\n' <"$page" | sed 's|.*<section id="history">||; s|</section>.*||; s|<tr>|\n<tr>|g' >history.txt
check "the history lists revision 1 with its day and both signers" grep -qF \
    '<tr><th scope="row"><a href="amira-ben-r1.html">Revision 1</a></th><td>2026-09-21T10:20:00Z</td><td>Amira Testwell on 2026-09-22T09:15:00Z; Ben Samplesworth on 2026-09-23T14:40:00Z</td></tr>' history.txt
check "and revision 2, marked as this page" grep -qF \
    '<tr><th scope="row"><a href="amira-ben-r2.html" aria-current="page">Revision 2</a></th><td>2027-09-20T10:05:00Z</td><td>Amira Testwell on 2027-09-21T11:20:00Z; Ben Samplesworth on 2027-09-22T15:45:00Z</td></tr>' history.txt
check "the history holds those two rows alone" test "$(grep -c '^<tr><th scope="row"' history.txt)" -eq 2
check "a page signed by both offers the signed file" \
    grep -q '>Download the signed agreement file</a>' s/private/agreements/amira-ben-r1.html
check "a page awaiting signatures never calls its file signed" \
    bash -c "grep -q '>Download the agreement file to sign</a>' s/private/agreements/hugo-chen-r1.html && ! grep -q 'signed agreement file' s/private/agreements/hugo-chen-r1.html"
check "revision 1's page has no such section" bash -c '! grep -q "id=\"changes\"" s/private/agreements/amira-ben-r1.html'
check "the page the parties signed is unchanged: accord check still binds it" \
    "$ACCORD" check -C c c/bundles/amira-ben-r2.accord

# revision 2 with the mentee's answers only: the mentor reviews it
rm c/bundles/amira-ben-r2.accord c/bundles/amira-ben-r2-mentor.accord
expect_exit 0 "build with revision 2 awaiting the mentor" "$ACCORD" build -C c -o s2
review=s2/private/review/amira-ben.html
check "the review page exists" test -f "$review"
n=$(grep -c 'class="changed-since"' "$review")
check "the review page marks changed answers ($n)" test "$n" -ge 1
check "a changed answer says what revision 1 agreed" \
    grep -q '<p class="changed-since"><span class="note-label">Changed since revision 1,</span> which agreed: Yes</p>' "$review"
check "a changed note of the mentee says what it said in revision 1" \
    grep -qF '<p class="changed-since"><span class="note-label">Note changed since revision 1,</span> which said: Tuesday mornings suit me best.</p>' "$review"
check "a note the mentee added says so" \
    grep -qF '<p class="changed-since"><span class="note-label">Note added since revision 1.</span></p>' "$review"
total=$(grep -c 'class="mentee-answer"' "$review")
check "not every answer is marked ($n of $total)" test "$n" -lt "$total"
