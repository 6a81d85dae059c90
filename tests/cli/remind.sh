#!/usr/bin/env bash
# remind.sh - accord remind on the demo: one draft per person with
# something to do, parsed by Python's email package (headers, encodings,
# line lengths, X-Unsent, the personal link equal to the private index's);
# one review calendar per signed agreement, parsed by icalendar; the same
# day gives the same bytes; the outbox is private and refused where it
# could leak or clobber; what remind needs from program.xml and the secret.
. "$(dirname "$0")/../lib.sh"

cp -R "$ROOT/content" c
chmod 600 c/secret
# greta (a mentee to answer) gets a name that needs encoding everywhere
python3 - c/people.xml <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = re.sub(r'(<person id="greta" name=")[^"]*', r'\1Grétá &quot;Q&quot; Stübbins-Łukasiewicz-Ångström', s)
open(p, "w", encoding="utf-8").write(s)
PY
expect_exit 0 "accord remind on the demo" "$ACCORD" remind -C c -o ob --as-of 2027-09-01
expect_stdout "^remind by hand: Hugo Dummett \(hugo\): Sign your agreement with Chen Placeholder, your mentor\.$" \
    "hugo, without an address, is to be reminded by hand"
expect_stdout "^wrote 6 messages and 2 review dates to ob/ as of 2027-09-01: nothing was sent\.$" "the summary counts"
check "the messages are those of the people with a step" \
    test "$(cd ob && echo *.eml)" = "amira.eml ben.eml chen.eml dara.eml emil.eml greta.eml"
check "one calendar per signed agreement" test "$(cd ob && echo *.ics)" = "review-amira-ben.ics review-dara-emil.ics"
check "the outbox is 0700" test "$(stat -c %a ob)" = 700
bad=$(find ob -type f ! -perm 600)
check "every file in it is 0600" test -z "$bad"
check "accord's marker is in it" test -f ob/.accord-outbox

"$ACCORD" build -C c -o site >/dev/null 2>&1
if python3 - ob c site/private/index.html <<'PY'; then ok "every message parses and says what it must"; else not_ok "messages"; fi
import email, email.header, email.policy, html, re, sys, glob, os

def to_name(raw):
    """To's display name decoded as RFC 2047 says: white space between two
    encoded-words is no part of the text (the header registry's address
    parser keeps it, so the raw header is decoded here)."""
    to = email.message_from_bytes(raw)["To"]
    name = re.sub(r"\s+", " ", to.rsplit("<", 1)[0]).strip()
    text = str(email.header.make_header(email.header.decode_header(name)))
    return text[1:-1].replace('\\"', '"') if text.startswith('"') else text

ob, content, index = sys.argv[1:]
people = dict(re.findall(r'<person id="([a-z]+)" name="[^"]*" email="([^"]*)"', open(content + "/people.xml", encoding="utf-8").read()))
page = open(index, encoding="utf-8").read()
links = {}
for li in re.findall(r"<li>(.*?)</li>", page, re.S):
    m = re.search(r'<strong>(.*?)</strong>.*href="\.\./public/(p/[0-9a-f]{32}\.html#k=[A-Za-z0-9_-]{43})"', li, re.S)
    if m:
        links[html.unescape(m.group(1))] = m.group(2)
assert len(links) == 9, links
for path in sorted(glob.glob(ob + "/*.eml")):
    raw = open(path, "rb").read()
    pid = os.path.basename(path)[:-4]
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"", path + ": ends with CRLF"
    assert all(b"\n" not in l and b"\r" not in l for l in lines), path + ": bare LF or CR"
    assert all(len(l) <= 78 for l in lines if not l.startswith(b" <")), path + ": a line over 78"
    assert all(len(l) <= 998 and max(l, default=0) < 128 for l in lines), path + ": not 7-bit"
    m = email.message_from_bytes(raw, policy=email.policy.default)
    assert m["X-Unsent"] == "1" and m["MIME-Version"] == "1.0"
    assert m.get_content_type() == "text/plain" and m.get_content_charset() == "utf-8"
    assert m["Content-Transfer-Encoding"] == "quoted-printable"
    assert m["From"].addresses[0].addr_spec == "mentoring@example.edu"
    assert m["From"].addresses[0].display_name == "Example Graduate Mentoring Program (demo)"
    to = m["To"].addresses[0]
    name = to_name(raw)
    assert to.addr_spec == people[pid], (to.addr_spec, pid)
    assert m["Date"].datetime.isoformat() == "2027-09-01T09:00:00+00:00", m["Date"]
    assert re.fullmatch(r"<[0-9a-f]{24}\.remind\." + pid + "@example.edu>", m["Message-ID"])
    assert m["Subject"].startswith("Your mentoring: ")
    body = m.get_content().replace("\r\n", "\n")
    assert body.startswith("Dear " + name + ",\n"), body[:80]
    got = re.findall(r"^https://mentoring\.example\.edu/(p/\S+)$", body, re.M)
    assert got == [links.get(name)], (pid, got)
    assert all(len(l) <= 72 or l.startswith("https://") for l in body.splitlines())
g = email.message_from_bytes(open(ob + "/greta.eml", "rb").read(), policy=email.policy.default)
assert to_name(open(ob + "/greta.eml", "rb").read()) == 'Grétá "Q" Stübbins-Łukasiewicz-Ångström'
assert "=?UTF-8?B?" in open(ob + "/greta.eml", encoding="ascii").read()
assert "Fill in the agreement form for your mentoring with Emil Exemplar, your mentor." in " ".join(g.get_content().split())
c = email.message_from_bytes(open(ob + "/chen.eml", "rb").read(), policy=email.policy.default)
assert c["Subject"] == "Your mentoring: 2 things to do"
body = " ".join(c.get_content().split())
assert "Read the answers of Farid Mockingham, your mentee, and give yours beside them." in body
assert "Sign your agreement with Hugo Dummett, your mentee." in body
e = email.message_from_bytes(open(ob + "/emil.eml", "rb").read(), policy=email.policy.default)
assert "the review is due by 2027-09-15" in " ".join(e.get_content().split())
assert "Grétá" not in e.get_content()  # greta's step is hers, not emil's
PY

# icalendar is Debian's python3-icalendar (the Makefile's DEB_TEST), for
# the system's python3
if /usr/bin/python3 - ob <<'PY'; then ok "the calendars parse and name the review day"; else not_ok "calendars"; fi
import sys, datetime, icalendar
ob = sys.argv[1]
for ag, day, names in [("dara-emil", datetime.date(2027, 9, 15), "Dara Demonstrand and Emil Exemplar"),
                       ("amira-ben", datetime.date(2028, 9, 20), "Amira Testwell and Ben Samplesworth")]:
    raw = open(f"{ob}/review-{ag}.ics", "rb").read()
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in l for l in lines)
    assert all(len(l) <= 75 for l in lines), "a line over 75 octets"
    cal = icalendar.Calendar.from_ical(raw)
    ev = [c for c in cal.walk() if c.name == "VEVENT"]
    assert len(ev) == 1
    ev = ev[0]
    assert ev.decoded("DTSTART") == day and ev["DTSTART"].params.get("VALUE") == "DATE"
    assert ev.decoded("DTEND") == day + datetime.timedelta(days=1)
    assert ev.decoded("DTSTAMP") == datetime.datetime(2027, 9, 1, 9, tzinfo=datetime.timezone.utc)
    assert str(ev["SUMMARY"]) == "Review the mentoring agreement of " + names
    assert str(ev["UID"]).startswith(f"review.{ag}.r") and str(ev["UID"]).endswith("@example.edu")
    assert f"Agreement {ag}, revision" in str(ev["DESCRIPTION"]), ev["DESCRIPTION"]
PY

# The same day, the same bytes: into a new outbox and over the old one.
expect_exit 0 "a second run into a new outbox" "$ACCORD" remind -C c -o ob2 --as-of 2027-09-01
check "gives the same outbox byte for byte" diff -r ob ob2
touch ob/stale.eml ob/notes.txt
expect_exit 0 "a run over accord's own outbox" "$ACCORD" remind -C c -o ob --as-of 2027-09-01
check "removes the old .eml files it holds" test ! -e ob/stale.eml
check "leaves other files be" test -e ob/notes.txt
rm ob/notes.txt
check "and writes the same bytes" diff -r ob ob2
expect_exit 0 "another day" "$ACCORD" remind -C c -o ob --as-of 2027-08-01
check "before dara-emil's review is due, dara and emil get nothing" test ! -e ob/dara.eml -a ! -e ob/emil.eml
check "the Date follows --as-of" grep -q "^Date: Sun, 01 Aug 2027 09:00:00 +0000" ob/amira.eml
expect_exit 0 "the day after dara-emil's review date" "$ACCORD" remind -C c -o ob4 --as-of 2027-09-16
if python3 - ob4 <<'PY'; then ok "an overdue review: both are told the day it was due"; else not_ok "overdue review"; fi
import email, email.policy, sys
for who, other in [("dara", "Emil Exemplar, your mentor"), ("emil", "Dara Demonstrand, your mentee")]:
    m = email.message_from_bytes(open(f"{sys.argv[1]}/{who}.eml", "rb").read(), policy=email.policy.default)
    body = " ".join(m.get_content().split())
    assert f"Review your agreement with {other}: the review was due on 2027-09-15." in body, body
    assert "is due by" not in body
PY

# Where the outbox may not go.
mkdir full && echo mine >full/letter.txt
expect_exit 1 "a folder holding files accord did not write" "$ACCORD" remind -C c -o full --as-of 2027-09-01
expect_stderr "^accord: full: holds files accord did not write \(no .accord-outbox\)" "is refused, naming the rule"
check "and is left as it was" test "$(ls -A full)" = letter.txt
expect_exit 1 "-o inside the content directory" "$ACCORD" remind -C c -o c/outbox --as-of 2027-09-01
expect_stderr "^accord: c/outbox: is inside the content directory" "is refused"
check "nothing is made there" test ! -e c/outbox
expect_exit 1 "-o under a site's public/" "$ACCORD" remind -C c -o site/public/ob --as-of 2027-09-01
expect_stderr "^accord: site/public/ob: is under a folder named public" "is refused"
check "nothing is made there" test ! -e site/public/ob
expect_exit 2 "a bad --as-of" "$ACCORD" remind -C c -o ob --as-of 2027-02-30

# What remind needs.
cp -R c nocontact && sed -i '/<contact /d' nocontact/program.xml
expect_exit 1 "without <contact email>" "$ACCORD" remind -C nocontact -o ob3 --as-of 2027-09-01
expect_stderr "^accord: nocontact/program.xml:2: .*add <contact email=" "says to add it to program.xml"
cp -R c nosite && sed -i '/<site /d' nosite/program.xml
expect_exit 1 "without <site url>" "$ACCORD" remind -C nosite -o ob3 --as-of 2027-09-01
expect_stderr "^accord: nosite/program.xml:2: .*add <site url=" "says to add it to program.xml"
cp -R c nosecret && rm nosecret/secret
expect_exit 1 "without a program secret" "$ACCORD" remind -C nosecret -o ob3 --as-of 2027-09-01
expect_stderr "'accord secret -C nosecret'" "says how to make one"
check "none of them wrote an outbox" test ! -e ob3
for url in "ftp://x.edu/" "https://" "https:///p" "https://x.edu/?a" "https://x.edu/#a" "https://x edu/" "x.edu"; do
    cp -R c badurl && sed -i "s|<site url=\"[^\"]*\"|<site url=\"$url\"|" badurl/program.xml
    expect_exit 1 "site url '$url' refused" "$ACCORD" check -C badurl
    expect_stderr "^accord: badurl/program.xml:5: site url is not the address of a site" "'$url': named at its line"
    rm -rf badurl
done
expect_exit 0 "remind --help" "$ACCORD" remind --help
expect_stdout "\.accord-outbox" "--help says which folders it writes"
