#!/usr/bin/env bash
# check_contact.sh - program.xml's optional <contact email>: good addresses
# pass; a bad one (it goes into a mailto: link as it is) is an error at
# program.xml:LINE with exit status 1; at most one <contact>.
. "$(dirname "$0")/../lib.sh"
VALID=$ROOT/tests/fixtures/content/valid

# with_contact XML: a fresh copy of the valid content with XML (already
# escaped) as the <contact> line right after <title>, on line $LINE.
with_contact() {
    rm -rf c && cp -R "$VALID" c
    python3 -c 'import sys; p="c/program.xml"; s=open(p).read(); i=s.index("</title>")+len("</title>"); open(p,"w").write(s[:i]+"\n  "+sys.argv[1]+s[i:])' "$1"
    LINE=$(grep -n -m1 '<contact' c/program.xml | cut -d: -f1)
}
good() {
    with_contact "<contact email=\"$1\"/>"
    expect_exit 0 "accepted: $2" "$ACCORD" check -C c
}
bad() { # ATTRIBUTE-XML WHAT REGEX
    with_contact "<contact email=\"$1\"/>"
    expect_exit 1 "refused: $2" "$ACCORD" check -C c
    expect_stderr "^accord: c/program.xml:$LINE: contact email.*$3" "$2: named at program.xml:$LINE"
}

rm -rf c && cp -R "$VALID" c
expect_exit 0 "no <contact>: the program has no contact address" "$ACCORD" check -C c

good mentoring@example.edu "a plain address"
good a@b.c "a short one"
good first.last+mentoring@mail.example.org "dots and a plus in the local part"
good "jörg@example.de" "UTF-8 in the local part"
long_ok="$(printf 'a%.0s' $(seq 1 242))@example.edu"
good "$long_ok" "254 bytes"

bad "" "an empty address" "has 0 bytes"
bad "$(printf 'a%.0s' $(seq 1 243))@example.edu" "255 bytes" "has 255 bytes"
bad mentoring "no @" "exactly one @"
bad "men@toring@example.edu" "two @" "exactly one @"
bad "@example.edu" "nothing before the @" "nothing comes before the @"
bad "mentoring@localhost" "a domain without a dot" "must be a domain"
bad "mentoring@.example.edu" "a domain starting with a dot" "must be a domain"
bad "mentoring@example.edu." "a domain ending with a dot" "must be a domain"
bad "men toring@example.edu" "a space" "space or a control character"
bad "men&#9;toring@example.edu" "a tab" "space or a control character"
expect_stderr "^accord: c/program.xml:$LINE: contact email cannot be used" "a tab: the address is not quoted"
for ch in '?' '#' '%' ',' ';' ':' '(' ')' '[' ']' '\' '&amp;' '&lt;' '&gt;' '&quot;'; do
    bad "mentoring${ch}x@example.edu" "the character $ch" "holds one of"
done
bad "mentoring@example.edu?subject=hello" "a query" "holds one of"

with_contact '<contact email="a@example.edu"/><contact email="b@example.edu"/>'
expect_exit 1 "two <contact>s are refused" "$ACCORD" check -C c
expect_stderr "^accord: c/program.xml:$LINE: .*contact" "two <contact>s: named at program.xml:$LINE"
with_contact '<contact/>'
expect_exit 1 "a <contact> without email is refused" "$ACCORD" check -C c
expect_stderr "^accord: c/program.xml:$LINE: .*email" "no email: named at program.xml:$LINE"
