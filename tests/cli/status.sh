#!/usr/bin/env bash
# status.sh - accord status on the demo: the counts per state, each
# agreement's state, next step, who acts and review date as text and as
# JSON (parsed and checked field by field); --as-of moves reviews from
# not due to due to overdue and takes real days only; names with the worst
# characters people.xml allows come out escaped in JSON and harmless on a
# terminal.
. "$(dirname "$0")/../lib.sh"

cp -R "$ROOT/content" c
expect_exit 0 "accord status on the demo" "$ACCORD" status -C c --as-of 2027-09-01
expect_stdout "^  signed +2$" "two agreements are signed"
expect_stdout "^  review due +1$" "one review is due on 2027-09-01"
expect_stdout "^dara-emil: signed, revision 1 \(questionnaire ground-rules\)$" "dara-emil's block heads with its state"
expect_stdout "^  review  2027-09-15: due$" "its review is due"
expect_stdout "^  next    the mentor signs the agreement$" "ines-ben awaits the mentor's signature"
check "nothing is written" test "$(ls -d -- */)" = "c/"

# json AS_OF: the JSON of status as of AS_OF, checked by the Python in $2.
json() {
    "$ACCORD" status -C c --json --as-of "$1" >"$T/json" 2>"$T/json.err"
    python3 -c 'import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
a = {x["id"]: x for x in d["agreements"]}
'"$2" "$T/json"
}
if json 2027-09-01 '
assert d["as_of"] == "2027-09-01"
assert d["program"]["id"] == "demo"
assert d["counts"] == {"not_started": 1, "mentee_answered": 1, "mentor_answered": 1,
    "awaiting_signatures": 2, "signed": 2, "review_due": 1, "review_overdue": 0, "ended": 0}, d["counts"]
assert list(a) == sorted(a) and len(a) == 7
x = a["amira-ben"]
assert x["mentee"] == {"id": "amira", "name": "Amira Testwell"}
assert x["mentor"] == {"id": "ben", "name": "Ben Samplesworth"}
assert (x["questionnaire"], x["revision"], x["state"]) == ("agreement", 2, "signed")
assert x["next"]["step"] == "review" and x["next"]["who"] == ["mentee", "mentor"]
assert x["review"] == {"date": "2028-09-20", "due_from": "2028-08-21", "state": "not due"}, x
assert a["dara-emil"]["review"]["state"] == "due"
assert a["amira-chen"]["revision"] == 0 and a["amira-chen"]["state"] == "not started"
assert a["amira-chen"]["review"] is None
assert a["amira-chen"]["next"] == {"step": "mentee answers", "who": ["mentee"],
    "words": "the mentee answers the agreement form"}
assert a["farid-chen"]["next"]["who"] == ["mentor"]
assert a["hugo-chen"]["next"]["step"] == "sign" and a["hugo-chen"]["next"]["who"] == ["mentee", "mentor"]
assert a["ines-ben"]["next"]["who"] == ["mentor"]
'; then ok "--json: every field as the demo's state says"; else not_ok "--json fields"; fi
if json 2027-09-16 'assert d["counts"]["review_overdue"] == 1 and a["dara-emil"]["review"]["state"] == "overdue"'
then ok "--as-of the day after the review date: overdue"; else not_ok "overdue the day after"; fi
if json 2027-08-15 'assert d["counts"]["review_due"] == 0 and a["dara-emil"]["review"]["state"] == "not due"'
then ok "--as-of the day before it is due: not due"; else not_ok "not due the day before"; fi
if json 2027-08-16 'assert a["dara-emil"]["review"]["state"] == "due"'
then ok "--as-of the first day it is due: due"; else not_ok "due on its first day"; fi

for bad in 2027-02-29 2027-13-01 2027-9-01 2027-09-01x 20270901 "" " 2027-09-01" 2027-09-00; do
    expect_exit 2 "--as-of '$bad' refused" "$ACCORD" status -C c --as-of "$bad"
    expect_stderr "^accord: status: --as-of '.*' is not a day: write it as YYYY-MM-DD" "'$bad': says the form"
done
expect_exit 0 "--as-of 2028-02-29, a leap day" "$ACCORD" status -C c --as-of 2028-02-29
expect_exit 0 "no --as-of: today" "$ACCORD" status -C c --json
check "today is today in UTC" python3 -c 'import json, sys, datetime
assert json.load(open(sys.argv[1]))["as_of"] == datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")' "$T/stdout"

# The worst name people.xml takes: quotes, backslash, tab, line feed,
# carriage return (as character references), DEL, a C1 control, non-ASCII.
python3 - c/people.xml <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
worst = 'G &quot;q&quot; \\b&#9;t&#10;n&#13;r&#127;d&#x85;é☃'
s = re.sub(r'(<person id="greta" name=")[^"]*', lambda m: m.group(1) + worst, s)
open(p, "w", encoding="utf-8").write(s)
PY
expect_exit 0 "the content takes the worst name" "$ACCORD" check -C c
if json 2027-09-01 '
n = a["greta-emil"]["mentee"]["name"]
assert n == "G \"q\" \\b\tt\nn\rr\x7fd\x85é☃", repr(n)'; then
    ok "--json: the name comes back exactly"
else
    not_ok "--json escaping: $(cat "$T/json.err")"
fi
check "--json escapes the controls and passes UTF-8 through" \
    grep -qF '"G \"q\" \\b\tt\nn\rr'$'\x7f''d'$'\xc2\x85''é☃"' "$T/json"
expect_exit 0 "the text with the worst name" "$ACCORD" status -C c --as-of 2027-09-01
expect_stdout '^  mentee  G "q" \\b\?t\?n\?r\?d\?é☃ \(greta\)$' "text: every control character shows as ?"
if LC_ALL=C grep -q $'[\x01-\x09\x0b-\x1f\x7f]\|\xc2[\x80-\x9f]' "$T/stdout"; then
    not_ok "text output holds control characters"
else ok "text output holds no control character"; fi

expect_exit 2 "status takes no file" "$ACCORD" status -C c extra
expect_exit 2 "status of a missing folder" "$ACCORD" status -C nowhere
expect_exit 0 "status --help" "$ACCORD" status --help
expect_stdout "^usage: accord status \[-C DIR\] \[--json\] \[--as-of DATE\]" "--help gives the usage"
