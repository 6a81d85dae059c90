#!/usr/bin/env bash
# build_long_values.sh - the longest values the formats allow (500
# characters of two- and four-byte UTF-8 in every title, name, question and
# option label) reach every page whole: no fixed-size buffer cuts a name or
# title, let alone in the middle of a character. The pages are also valid
# UTF-8 throughout.
. "$(dirname "$0")/../lib.sh"
cp -R "$ROOT/tests/fixtures/site/basic" c
# long CH N: N copies of the character CH (a UTF-8 string)
long() { python3 -c 'import sys; print(sys.argv[1] * int(sys.argv[2]), end="")' "$1" "$2"; }
TITLE="$(long 'é' 499)T"                 # 500 characters, 1000 bytes
NAME_A="A$(long 'ü' 498)Z"               # 500 characters
NAME_G="G$(long '😀' 498)H"              # 500 characters, 4-byte each
SECTION="$(long 'ß' 499)S"
QUESTION="Q$(long 'ö' 499)"
OPTION="O$(long '€' 499)"                # 3-byte characters
python3 - "$TITLE" "$NAME_A" "$NAME_G" "$SECTION" "$QUESTION" "$OPTION" <<'EOF'
import sys
title, name_a, name_g, section, question, option = sys.argv[1:]
def sub(path, old, new):
    s = open(path, encoding='utf-8').read()
    assert old in s, (path, old)
    open(path, 'w', encoding='utf-8').write(s.replace(old, new, 1))
sub('c/program.xml', '<title>Fixture Mentoring Program</title>', f'<title>{title}</title>')
sub('c/people.xml', 'name="Ada Lovelace"', f'name="{name_a}"')
sub('c/people.xml', 'name="Grace Hopper"', f'name="{name_g}"')
sub('c/questionnaires/main.xml', '<title>Agreement</title>', f'<title>{title}</title>')
sub('c/questionnaires/main.xml', '<title>Meetings</title>', f'<title>{section}</title>')
sub('c/questionnaires/main.xml', '<text>How often?</text>', f'<text>{question}</text>')
sub('c/questionnaires/main.xml', '<option value="weekly">Weekly</option>', f'<option value="weekly">{option}</option>')
EOF
expect_exit 0 "the longest allowed values are accepted by accord check" "$ACCORD" check -C c
expect_exit 0 "and built" "$ACCORD" build -C c -o s
# has PAGE TEXT WHAT: PAGE (below s/) holds TEXT whole
has() {
    if grep -qF -- "$2" "s/$1"; then ok "$3 is whole on $1"; else not_ok "$3 is cut or missing on $1"; fi
}
has public/index.html "$TITLE" "the program title"
has public/index.html "$NAME_A" "a 500-character mentee name"
has public/index.html "$NAME_G" "a 500-character mentor name of 4-byte characters"
has public/forms/index.html "$NAME_G" "the mentor name"
has public/forms/ada-grace-mentee.html "$TITLE" "the questionnaire title"
has public/forms/ada-grace-mentee.html "$SECTION" "the section title"
has public/forms/ada-grace-mentee.html "$QUESTION" "the question text"
has public/forms/ada-grace-mentee.html "$OPTION" "the option label"
has public/forms/ada-grace-mentor.html "$NAME_A" "the mentee's name on the mentor form"
has public/sample/main.html "Sample agreement: $TITLE" "the sample's title"
has public/sample/main.html "$OPTION" "the option label"
has public/forms/idp-ada.html "$NAME_A" "the mentee's name on the IDP form"
has private/index.html "$NAME_G" "the mentor name on the private index"
bad=0
for f in $(find s -name '*.html'); do python3 -c 'import sys; open(sys.argv[1], encoding="utf-8", errors="strict").read()' "$f" || bad=1; done
if [ "$bad" -eq 0 ]; then ok "every page is valid UTF-8 (nothing cut inside a character)"; else
    not_ok "a page is not valid UTF-8"; fi

# One character more is refused, with the limit named.
sed -i "s|<title>$TITLE</title>|<title>${TITLE}x</title>|" c/program.xml
expect_exit 1 "a 501-character program title is refused" "$ACCORD" check -C c
expect_stderr "longer than 500 characters" "names the limit"
