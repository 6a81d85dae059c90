#!/usr/bin/env bash
# check_answers.sh - `accord check -C DIR ANSWERS.xml`: answers files against
# their agreement's effective questionnaire. Broken answers are made from the
# valid fixture's examples by editing one thing.
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
ACCORD=${ACCORD:-$ROOT/bin/accord}
. "$ROOT/tests/lib.sh"
C=$ROOT/tests/fixtures/content/valid
MENTEE=$C/examples/ada-grace-mentee.xml
IDP=$C/examples/ada-idp.xml

# edit SRC PYTHON-EXPR: writes a.xml as the expression of s (SRC's text).
edit() { python3 -c "import sys; s=open(sys.argv[1]).read(); open('a.xml','w').write($2)" "$1"; }
line_of() { grep -n -m1 -- "$1" a.xml | cut -d: -f1; }
# bad WHAT PATTERN REGEX: check a.xml exits 1, reporting REGEX at the line of
# a.xml matching PATTERN.
# Problems with <answers> itself are reported at its start tag's last line
# (libxml2 numbers an element by the line its start tag ends on): pattern ROOT.
bad() {
    local line pat=$2
    [ "$pat" = ROOT ] && pat='saved='
    line=$(line_of "$pat")
    expect_exit 1 "$1" "$ACCORD" check -C "$C" a.xml
    expect_stderr "^accord: a.xml:$line: .*$3" "$1: message at a.xml:$line"
}

expect_exit 0 "valid mentee and IDP answers pass" "$ACCORD" check -C "$C" "$MENTEE" "$IDP"
expect_stdout "2 answers files: no problems" "summary counts the answers files"

edit "$MENTEE" 's.replace("digest=\"2", "digest=\"3", 1)'
bad "a digest that does not match" ROOT "questionnaire digest 3.* does not match the effective questionnaire's 2"

edit "$MENTEE" 's.replace("digest=\"", "digest=\"x", 1)'
bad "a malformed digest" ROOT "is not a SHA-256 digest"

edit "$MENTEE" 's.replace("version=\"1\"", "version=\"0\"")'
bad "another questionnaire version" ROOT "version '0' of questionnaire 'main'.*current version is '1'"

edit "$MENTEE" 's.replace("questionnaire=\"main\"", "questionnaire=\"idp\"")'
bad "another questionnaire" ROOT "answers are for questionnaire 'idp'"

edit "$MENTEE" 's.replace("agreement=\"ada-grace\"", "agreement=\"ada-zoe\"")'
bad "an unknown agreement" ROOT "unknown agreement 'ada-zoe'"

edit "$MENTEE" 's.replace("party=\"ada\"", "party=\"kat\"")'
bad "a party who is not the mentee" ROOT "party 'kat' is not the mentee of agreement 'ada-grace' \\(that is 'ada'\\)"

edit "$MENTEE" 's.replace("role=\"mentee\"", "role=\"mentor\"")'
bad "the mentee's party with role mentor" ROOT "party 'ada' is not the mentor"

edit "$MENTEE" 's.replace("program=\"test\"", "program=\"other\"")'
bad "another program" ROOT "answers are for program 'other'"

edit "$MENTEE" 's.replace("revision=\"1\"", "revision=\"0\"")'
bad "revision 0" ROOT "revision '0' is not valid"

edit "$MENTEE" 's.replace("2026-03-02T14:05:00Z", "2026-02-30T14:05:00Z")'
bad "a saved date that does not exist" ROOT "saved time '2026-02-30T14:05:00Z' is not valid"

edit "$MENTEE" 's.replace("2026-03-02T14:05:00Z", "2026-03-02 14:05")'
bad "a saved time not in UTC ISO form" ROOT "YYYY-MM-DDTHH:MM:SSZ"

edit "$MENTEE" 's.replace("question=\"year\"", "question=\"nosuch\"")'
bad "an unknown question" 'question="nosuch"' "unknown question 'nosuch'"

edit "$MENTEE" 's.replace("<value>yes</value>", "<value>maybe</value>")'
bad "a yes/no value that is neither" '<value>maybe' "'maybe' is not a value of question 'in-person': use yes or no"

edit "$MENTEE" 's.replace("<value>yes</value>", "<value>yes</value><value>no</value>")'
bad "two values for a yes/no question" '<value>yes</value><value>no' "takes exactly one value, not 2"

edit "$MENTEE" 's.replace("<value>1</value>", "<value>1</value><value>2</value>")'
bad "two values for a single question" '<value>1</value><value>2' "question 'year' takes exactly one value"

edit "$MENTEE" 's.replace("<value>email</value><value>chat</value>", "<value>email</value><value>email</value>")'
bad "a value given twice" '<value>email</value><value>email' "value 'email' is given twice"

edit "$MENTEE" 's.replace("<value>email</value>", "<value>other</value>")'
bad "other where the question offers none" 'question="channels"' "'other' is not a value of question 'channels'"

edit "$MENTEE" 's.replace("<other>Every 10 days</other>", "")'
bad "value other without other text" 'question="frequency"' "has value 'other' but no <other> text"

edit "$MENTEE" 's.replace("<value>other</value>", "<value>weekly</value>")'
bad "other text without value other" 'question="frequency"' "has <other> text but the value 'other' is not chosen"

edit "$MENTEE" 's.replace("<answer question=\"year\">", "<answer question=\"frequency-why\"><text>Because</text></answer>\n  <answer question=\"year\">")'
bad "a hidden question answered" 'question="frequency-why"' "'frequency-why' is answered but hidden"

edit "$MENTEE" 's.replace("<value>other</value><other>Every 10 days</other>", "<value>monthly</value>").replace("<answer question=\"year\">", "<answer question=\"frequency-why\"><text>Because</text></answer>\n  <answer question=\"year\">")'
expect_exit 0 "a question shown by its condition may be answered" "$ACCORD" check -C "$C" a.xml

edit "$MENTEE" 's.replace("<answer question=\"in-person\"><value>yes</value></answer>", "")'
bad "a required question left out" ROOT "required question 'in-person' \\(section 'meetings'\\) is not answered"

edit "$MENTEE" 's.replace("<answer question=\"where\"><text>Café Ünïcode</text></answer>", "")'
bad "a required question shown by its condition left out" ROOT "required question 'where'"

edit "$MENTEE" 's.replace("<answer question=\"where\"><text>Café Ünïcode</text></answer>", "").replace("<value>yes</value>", "<value>no</value>")'
expect_exit 0 "a hidden required question need not be answered" "$ACCORD" check -C "$C" a.xml

edit "$MENTEE" 's.replace("Café Ünïcode", "é" * 200)'
expect_exit 0 "200 two-byte characters fit a short answer (characters, not bytes)" "$ACCORD" check -C "$C" a.xml
edit "$MENTEE" 's.replace("Café Ünïcode", "é" * 201)'
bad "201 characters in a short answer" 'question="where"' "has 201 characters: a short answer has at most 200"

edit "$MENTEE" 's.replace("Only a note.", "n" * 2001)'
bad "a note of 2001 characters" 'question="grace-review"' "note on question 'grace-review' has 2001 characters"

edit "$MENTEE" 's.replace("Every 10 days", "o" * 201)'
bad "other text of 201 characters" 'question="frequency"' "\"other\" text of question 'frequency' has 201 characters"

edit "$IDP" 's.replace("Finish the thesis.", "x" * 5001)'
bad "a long answer of 5001 characters" 'question="goal"' "has 5001 characters: a long answer has at most 5000"

edit "$MENTEE" 's.replace("<text>Café Ünïcode</text>", "<text>Café\nÜnïcode</text>")'
bad "a line break in a short answer" 'question="where"' "has a line break"

edit "$MENTEE" 's.replace("<answer question=\"year\"><value>1</value></answer>", "<answer question=\"year\"><value>1</value></answer><answer question=\"year\"><value>2</value></answer>")'
bad "a question answered twice" '<value>2</value>' "question 'year' is answered twice"

edit "$MENTEE" 's.replace("<value>1</value>", "<text>1</text>")'
bad "text for a choice question" '<text>1</text>' "answer it with <value>, not <text>"

edit "$MENTEE" 's.replace("<text>Café Ünïcode</text>", "<value>cafe</value>")'
bad "a value for a text question" '<value>cafe' "answer it with <text>, not <value>"

edit "$MENTEE" 's.replace("<note>Only a note.</note>", "")'
bad "an empty answer" 'question="grace-review"' "answer to question 'grace-review' is empty"

edit "$MENTEE" 's.replace("<answer question=\"year\">", "<answer question=\"year\" bogus=\"1\">")'
bad "an attribute the schema does not allow" 'bogus=' "bogus.*not allowed"

edit "$MENTEE" 's.replace("</answers>", "")'
expect_exit 1 "a truncated answers file" "$ACCORD" check -C "$C" a.xml
expect_stderr "^accord: a.xml:[0-9]+: malformed XML" "a truncated answers file: malformed XML at a line"

edit "$IDP" 's.replace("role=\"mentee\"", "role=\"mentor\"")'
bad "IDP answers with role mentor" ROOT "IDP answers have role=\"mentee\""

edit "$IDP" 's.replace("party=\"ada\"", "party=\"zoe\"")'
bad "IDP answers by an unknown person" ROOT "party 'zoe' is not a person"

expect_exit 2 "an answers file that does not exist" "$ACCORD" check -C "$C" missing.xml
expect_stderr "^accord: missing.xml: cannot read" "a missing answers file is named"

cp "$MENTEE" unreadable.xml && chmod 000 unreadable.xml
if [ "$(id -u)" != 0 ]; then
    expect_exit 2 "an unreadable answers file" "$ACCORD" check -C "$C" unreadable.xml
fi
mkdir adir
expect_exit 2 "a directory given as answers file" "$ACCORD" check -C "$C" adir

# -C never changes the working directory: relative answers paths are
# relative to where accord runs, not to the content directory.
mkdir sub && cp "$MENTEE" sub/m.xml
expect_exit 0 "answers path is relative to the working directory" "$ACCORD" check -C "$C" sub/m.xml
