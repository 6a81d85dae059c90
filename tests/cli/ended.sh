#!/usr/bin/env bash
# ended.sh - an agreement the admin ends in people.xml (ended=,
# ended-reason=) on a copy of the demo: check and build stay clean and its
# signed revisions stay on the site; status and status --json say it
# ended and count it so; remind writes nothing for it; the private index
# and the parties' personal homes show it ended; a revision made after
# the end is refused by build and by add; bad days and reasons are
# refused at their people.xml line.
. "$(dirname "$0")/../lib.sh"
OPEN=$ROOT/tests/cli/personal_open.mjs

cp -R "$ROOT/content" c
chmod 600 c/secret
# end_agreement ID DAY REASON: writes ended= and ended-reason= into ID's element
end_agreement() {
    python3 - c/people.xml "$@" <<'PY'
import re, sys
p, ag, day, why = sys.argv[1:]
s = open(p, encoding="utf-8").read()
s, n = re.subn(r'(<agreement id="%s"[^/]*?)\s*/>' % ag, r'\1 ended="%s" ended-reason="%s"/>' % (day, why), s)
assert n == 1, ag
open(p, "w", encoding="utf-8").write(s)
PY
}
cp c/people.xml people.orig
# dara-emil was signed in 2026; it ends a year later
end_agreement dara-emil 2027-11-20 "Dara finished the degree &amp; left"

expect_exit 0 "check with an ended agreement" "$ACCORD" check -C c
expect_exit 0 "build with an ended agreement" "$ACCORD" build -C c -o site --strict
check "its signed revision is still on the site" test -f site/private/agreements/dara-emil-r1.accord
expect_exit 0 "accord-verify still verifies it" "$ACCORD_VERIFY" -r c/keys site/private/agreements/dara-emil-r1.accord

expect_exit 0 "status after its review date" "$ACCORD" status -C c --as-of 2028-12-01
expect_stdout "^dara-emil: ended, signed, revision 1 " "status names it ended"
expect_stdout "^  next    ended on 2027-11-20: Dara finished the degree & left$" "status says when and why"
expect_stdout "^  ended                     1$" "status counts it ended"
expect_stdout "^  signed                    1$" "and not as signed (amira-ben is)"
check "no review line for it" bash -c "! sed -n '/^dara-emil:/,/^$/p' '$T/stdout' | grep -q review"

expect_exit 0 "status --json" "$ACCORD" status -C c --as-of 2028-12-01 --json
if python3 - "$T/stdout" <<'PY'; then ok "status --json: step none, ended, no review, counted"; else not_ok "status --json"; fi
import json, sys
d = json.load(open(sys.argv[1]))
assert d["counts"]["ended"] == 1 and d["counts"]["signed"] == 1, d["counts"]
a = next(x for x in d["agreements"] if x["id"] == "dara-emil")
assert a["state"] == "signed" and a["review"] is None, a
assert a["next"] == {"step": "none", "who": [], "words": "ended on 2027-11-20: Dara finished the degree & left"}, a["next"]
assert a["ended"] == {"date": "2027-11-20", "reason": "Dara finished the degree & left"}, a
assert all("ended" not in x for x in d["agreements"] if x["id"] != "dara-emil")
PY

expect_exit 0 "remind after its review date" "$ACCORD" remind -C c -o ob --as-of 2028-12-01
check "no review calendar for it" test ! -e ob/review-dara-emil.ics
check "amira-ben still has one" test -f ob/review-amira-ben.ics
check "dara, with nothing else to do, gets no message" test ! -e ob/dara.eml
check "emil's message does not name dara" bash -c "! grep -qi dara ob/emil.eml"

idx=site/private/index.html
check "the dashboard row is ended and carries no review date" \
    grep -q '<tr data-state="ended" data-review="" data-mentee="Dara Demonstrand"' "$idx"
check "its state tag says when" grep -qF '<span class="state-tag">ended on 2027-11-20</span>' "$idx"
check "its next step says none, when and why" \
    grep -qF '<td class="next-step" data-label="Next step">none: ended on 2027-11-20 (Dara finished the degree &amp; left)</td>' "$idx"
check "the ended count is 1" bash -c "grep -A1 '<li class=\"count-ended\" data-state=\"ended\">' '$idx' | grep -qF '<span class=\"count\">1</span> ended</li>'"
check "its agreement page stays linked" grep -qF 'href="agreements/dara-emil-r1.html"' "$idx"
check "no next form is linked for it" bash -c "! grep -qF 'forms/dara-emil-mentee.html' '$idx'"

# the parties' personal homes say it ended, offer no step and keep its history
dara=$(grep -o 'href="\.\./public/p/[0-9a-f]*\.html#k=[A-Za-z0-9_-]*"' "$idx" | sed -n 's/^href="\(.*\)"$/\1/p' |
    sort -u | while read -r l; do node "$OPEN" site "$l" index.html | grep -q 'Hello, Dara' && echo "$l"; done)
if [ -n "$dara" ] && node "$OPEN" site "$dara" index.html >home.html; then
    check "dara's home says it ended, when and why" \
        grep -qF 'State: ended on 2027-11-20 (Dara finished the degree &amp; left); nothing more is asked of you in it.' home.html
    check "dara's home has nothing to do" grep -q 'class="personal-none"' home.html
    check "dara's home keeps its revision to download" grep -q 'data-download="dara-emil-r1.accord"' home.html
    check "dara's home offers no form for it" bash -c "! grep -q 'Your mentee form' home.html"
else
    not_ok "dara's personal home opens"
fi

# a revision made after the end is refused, one made before is kept
cp people.orig c/people.xml
end_agreement amira-ben 2027-01-01 "Amira moved to another lab"
mkdir later
mv c/bundles/amira-ben-r2*.accord later/
expect_exit 0 "build with amira-ben ended before its review" "$ACCORD" build -C c -o site2
expect_exit 1 "add refuses a review made after the end" "$ACCORD" add -C c later/amira-ben-r2-mentee.accord
expect_stderr "refused: agreement amira-ben ended on 2027-01-01, and this was made on 2027-09-13, after that" \
    "add says why"
check "nothing was placed" test ! -e c/bundles/amira-ben-r2-mentee.accord
cp later/amira-ben-r2.accord c/bundles/
expect_exit 1 "build --strict refuses the later agreement" "$ACCORD" build -C c -o site2 --strict
expect_stderr "amira-ben-r2.accord: refused: agreement amira-ben ended on 2027-01-01" "build says why"
expect_exit 0 "status" "$ACCORD" status -C c --as-of 2028-01-01
expect_stdout "^amira-ben: ended, signed, revision 1 " "revision 1, signed before the end, stands"

# bad days and reasons, at the agreement's line
line=$(grep -n '<agreement id="hugo-chen"' people.orig | cut -d: -f1)
bad() {
    cp people.orig c/people.xml
    python3 - c/people.xml "$1" <<'PY'
import sys
p, attrs = sys.argv[1:]
s = open(p, encoding="utf-8").read()
s = s.replace('<agreement id="hugo-chen" mentee="hugo" mentor="chen"/>',
              '<agreement id="hugo-chen" mentee="hugo" mentor="chen" %s/>' % attrs)
open(p, "w", encoding="utf-8").write(s)
PY
    expect_exit 1 "$3" "$ACCORD" check -C c
    expect_stderr "^accord: c/people.xml:$line: agreement 'hugo-chen': $2" "$3: said at its line"
}
bad 'ended="2027-02-30" ended-reason="x"' 'ended="2027-02-30" is not a day' "a day that does not exist"
bad 'ended="2027-1-05" ended-reason="x"' 'ended="2027-1-05" is not a day' "a day not written YYYY-MM-DD"
bad 'ended="2027-01-05"' 'write both ended=' "ended without a reason"
bad 'ended-reason="done"' 'write both ended=' "a reason without a day"
bad 'ended="2027-01-05" ended-reason=" "' 'ended-reason is empty' "an empty reason"
bad 'ended="2027-01-05" ended-reason="a&#10;b"' 'ended-reason holds a control character' "a reason on two lines"
bad "ended=\"2027-01-05\" ended-reason=\"$(printf 'x%.0s' $(seq 501))\"" 'ended-reason is too long' "a reason over 500 characters"
