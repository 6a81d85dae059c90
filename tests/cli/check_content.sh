#!/usr/bin/env bash
# check_content.sh - `accord check` on content directories: the valid fixture
# passes; each class of problem is reported as FILE:LINE with exit status 1.
# Broken programs are made by copying the valid fixture and editing one thing.
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
ACCORD=${ACCORD:-$ROOT/bin/accord}
. "$ROOT/tests/lib.sh"
VALID=$ROOT/tests/fixtures/content/valid

fresh() { rm -rf "$T/c" && cp -R "$VALID" "$T/c"; }
# line_of PATTERN FILE: the line number of the first line matching PATTERN.
line_of() { grep -n -m1 -- "$1" "$2" | cut -d: -f1; }
# broken WHAT FILE PATTERN REGEX: check exits 1 and reports REGEX at
# c/FILE:LINE, LINE being the first line of FILE matching PATTERN.
broken() {
    local what=$1 file=$2 pat=$3 re=$4 line
    line=$(line_of "$pat" "c/$file")
    expect_exit 1 "$what" "$ACCORD" check -C c
    expect_stderr "^accord: c/$file:$line: .*$re" "$what: message at c/$file:$line"
}
# edit FILE PYTHON-EXPR: rewrite c/FILE as the expression of s (its text).
edit() { python3 -c "import sys; p=sys.argv[1]; s=open(p).read(); open(p,'w').write($2)" "c/$1"; }

fresh
expect_exit 0 "the valid fixture passes" "$ACCORD" check -C c
expect_stdout "^c: 2 questionnaires, 3 people, 2 agreements, 2 examples: no problems$" "one-line summary"
[ -s "$T/stderr" ] && not_ok "nothing on stderr when clean" || ok "nothing on stderr when clean"

fresh; edit questionnaires/main.xml 's.replace("question=\"frequency\" value=\"monthly\"", "question=\"nosuch\" value=\"monthly\"")'
broken "show-if naming an unknown question" questionnaires/main.xml 'question="nosuch"' "unknown question 'nosuch'"

fresh; edit questionnaires/main.xml 's.replace("<help>Pick one.</help>", "<help>Pick one.</help>\n      <show-if question=\"channels\" value=\"email\"/>")'
broken "show-if on a later question" questionnaires/main.xml 'question="channels" value' "does not come before it"

fresh; edit questionnaires/main.xml 's.replace("question=\"in-person\" value=\"yes\"", "question=\"frequency-why\" value=\"yes\"")'
broken "show-if on a non-choice question" questionnaires/main.xml 'question="frequency-why" value' "of type long: a condition needs a yesno, single or multiple"

fresh; edit questionnaires/main.xml 's.replace("value=\"monthly\"/>", "value=\"yearly\"/>")'
broken "show-if value that is not an option" questionnaires/main.xml 'value="yearly"' "'yearly' is not a value of question 'frequency'"

fresh; edit questionnaires/main.xml 's.replace("<section id=\"extra\">", "<section id=\"meetings\">")'
sed -i 's/section="extra"/section="meetings"/' c/program.xml
line=$(grep -n 'section id="meetings"' c/questionnaires/main.xml | tail -1 | cut -d: -f1)
expect_exit 1 "duplicate section id" "$ACCORD" check -C c
expect_stderr "^accord: c/questionnaires/main.xml:$line: duplicate section id 'meetings'" "duplicate section id: message at line $line"

fresh; edit questionnaires/main.xml 's.replace("id=\"extra-q\"", "id=\"frequency\"")'
broken "duplicate question id" questionnaires/main.xml 'type="short">$' "duplicate question id 'frequency'"

fresh; edit questionnaires/main.xml 's.replace("value=\"chat\"", "value=\"email\"")'
broken "duplicate option value" questionnaires/main.xml '>Chat<' "duplicate option value 'email'"

fresh; cp c/questionnaires/idp.xml c/questionnaires/idp2.xml
expect_exit 1 "duplicate questionnaire id" "$ACCORD" check -C c
expect_stderr "^accord: c/questionnaires/idp2?.xml: duplicate questionnaire id 'idp'" "duplicate questionnaire id: names the files"

fresh; edit questionnaires/main.xml 's.replace("<option value=\"phone\">Phone</option>", "")'
edit questionnaires/main.xml 's.replace("<option value=\"chat\">Chat</option>", "")'
broken "a multiple question with one option" questionnaires/main.xml 'id="channels"' "has 1 options: a multiple question needs 2 to 20"

fresh; edit questionnaires/main.xml 's.replace("id=\"in-person\" type=\"yesno\"", "id=\"in-person\" type=\"yesno\" other=\"true\"")'
broken "other on a yes/no question" questionnaires/main.xml 'id="in-person"' "only single and multiple questions offer"

fresh; edit questionnaires/main.xml 's.replace("id=\"frequency-why\"", "id=\"Frequency_Why\"")'
edit questionnaires/main.xml 's.replace("question=\"frequency-why\"", "question=\"Frequency_Why\"")'
broken "a bad question id" questionnaires/main.xml 'id="Frequency_Why"' "question id 'Frequency_Why' is not valid"

fresh; edit questionnaires/main.xml 's.replace("<section id=\"extra\">", "<section id=\"program-questions\">")'
sed -i 's/section="extra"/section="program-questions"/' c/program.xml
broken "a reserved section id" questionnaires/main.xml 'id="program-questions"' "reserved for custom questions"

fresh; edit questionnaires/main.xml 's.replace("<title>Meetings</title>", "<title>Meetings</title><bogus/>")'
broken "an element the schema does not allow" questionnaires/main.xml '<bogus/>' "bogus.*not expected"

fresh; edit questionnaires/main.xml 's.replace("<title>Meetings</title>", "<title>Meetings</titl>")'
broken "malformed XML" questionnaires/main.xml '</titl>' "malformed XML"

# program.xml
fresh; edit program.xml 's.replace("<custom-questions>", "<custom-questions>" + "".join("<question id=\"c%d\" type=\"yesno\"><text>Q%d</text></question>\n" % (i, i) for i in range(5)))'
broken "a sixth admin custom question" program.xml 'id="year"' "6th of the program: at most 5 custom questions"

fresh; edit program.xml 's.replace("<option value=\"2\">Second</option>", "".join("<option value=\"%d\">O%d</option>\n" % (i, i) for i in range(2, 12)))'
broken "eleven options on a custom question" program.xml 'id="year"' "has 11 options: a custom question has at most 10"

fresh; edit program.xml 's.replace("<text>Which year?</text>", "<text>Which year?</text><show-if question=\"in-person\" value=\"yes\"/>")'
broken "show-if on a custom question" program.xml 'show-if' "custom questions are always shown"

fresh; sed -i 's/questionnaire="main">/questionnaire="nope">/' c/program.xml
broken "an unknown default questionnaire" program.xml '<program ' "unknown questionnaire 'nope'"

fresh; sed -i 's/section="extra"/section="nosection"/' c/program.xml
broken "disabling a section that does not exist" program.xml '<disable ' "section 'nosection', which questionnaire 'main' does not have"

fresh; sed -i 's/<disable questionnaire="main"/<disable questionnaire="nope"/' c/program.xml
broken "disabling a section of an unknown questionnaire" program.xml '<disable ' "unknown questionnaire 'nope'"

fresh; sed -i 's/questionnaire="idp"/questionnaire="main"/' c/program.xml
broken "an IDP questionnaire not of kind idp" program.xml '<idp ' "questionnaire 'main' of kind agreement: it must be of kind idp"

fresh; sed -i 's/questionnaire="main">/questionnaire="idp">/' c/program.xml
broken "a default questionnaire of kind idp" program.xml '<program ' "of kind idp: it must be of kind agreement"

for m in 5 13 x; do
    fresh; sed -i "s/review-months=\"12\"/review-months=\"$m\"/" c/program.xml
    if [ "$m" = x ]; then
        broken "review-months=$m" program.xml '<program ' "review-months"
    else
        broken "review-months=$m" program.xml '<program ' "review-months=\"$m\" is out of range"
    fi
done

fresh; sed -i 's#https://example.edu/mentoring#javascript:alert(1)#' c/program.xml
broken "a javascript: link" program.xml 'javascript:' "link 'javascript:alert\\(1\\)' is not allowed"

fresh; sed -i 's#http://example.edu/idp#ftp://example.edu/idp#' c/program.xml
broken "an ftp: IDP link" program.xml '<idp ' "idp link 'ftp://example.edu/idp' is not allowed"

fresh; sed -i 's#mailto:office@example.edu#file:///etc/passwd#' c/program.xml
broken "a file: link" program.xml 'further-resources' "not allowed"

fresh; edit program.xml 's.replace("<resources>", "<resources>" + "".join("<resource>R%d</resource>\n" % i for i in range(19)))'
broken "a 21st resource" program.xml '<resource>Room 101' "more than 20 resources"

fresh; edit program.xml 's.replace("id=\"year\"", "id=\"frequency\"")'
broken "an admin custom question clashing with a questionnaire question" program.xml 'id="frequency"' "already a question of questionnaire 'main'"

fresh; edit questionnaires/main.xml 's.replace("<section id=\"extra\">\n    <title>Extra</title>", "<section id=\"extra\">\n    <title>Extra</title>\n    <question id=\"pick\" type=\"yesno\"><text>Pick?</text></question>")'
edit questionnaires/main.xml 's.replace("</questionnaire>", "<section id=\"last\"><title>L</title><question id=\"after\" type=\"short\"><text>A</text><show-if question=\"pick\" value=\"yes\"/></question></section>\n</questionnaire>")'
broken "show-if on a question in a disabled section" questionnaires/main.xml 'question="pick"' "which program.xml disables"

# people.xml
fresh; sed -i 's/<person id="kat"/<person id="ada"/' c/people.xml
line=$(grep -n 'person id="ada"' c/people.xml | tail -1 | cut -d: -f1)
expect_exit 1 "duplicate person id" "$ACCORD" check -C c
expect_stderr "^accord: c/people.xml:$line: duplicate person id 'ada'" "duplicate person id: message at the second"

fresh; sed -i 's/<agreement id="ada-kat"/<agreement id="ada-grace"/' c/people.xml
line=$(grep -n 'agreement id="ada-grace"' c/people.xml | tail -1 | cut -d: -f1)
expect_exit 1 "duplicate agreement id" "$ACCORD" check -C c
expect_stderr "^accord: c/people.xml:$line: duplicate agreement id 'ada-grace'" "duplicate agreement id: message at the second"

fresh; sed -i 's/mentee="ada" mentor="kat"/mentee="ada" mentor="zoe"/' c/people.xml
broken "an agreement naming an unknown person" people.xml 'mentor="zoe"' "unknown mentor 'zoe'"

fresh; sed -i 's/mentee="ada" mentor="kat"/mentee="kat" mentor="kat"/' c/people.xml
broken "the same person as mentee and mentor" people.xml 'mentee="kat"' "'kat' as both mentee and mentor"

fresh; sed -i 's/"ada"/"Ada"/g' c/people.xml
broken "a bad party id" people.xml 'person id="Ada"' "person id 'Ada' is not a valid party id"

fresh; sed -i 's/mentor="kat"/mentor="kat" questionnaire="idp"/' c/people.xml
broken "an agreement questionnaire of kind idp" people.xml 'questionnaire="idp"' "agreement 'ada-kat' names questionnaire 'idp' of kind idp"

fresh; sed -i 's/mentor="kat"/mentor="kat" questionnaire="nope"/' c/people.xml
broken "an agreement naming an unknown questionnaire" people.xml 'questionnaire="nope"' "unknown questionnaire 'nope'"

fresh; edit people.xml 's.replace("<custom-questions>", "<custom-questions>" + "".join("<question id=\"g%d\" type=\"yesno\"><text>Q%d</text></question>\n" % (i, i) for i in range(5)))'
broken "a sixth mentor custom question" people.xml 'id="grace-review"' "6th of mentor grace: at most 5"

fresh; sed -i 's/id="grace-review"/id="where"/' c/people.xml
broken "a mentor custom question clashing with the questionnaire" people.xml 'id="where"' "already a question of questionnaire 'main'"

fresh; rm c/people.xml
expect_exit 2 "a missing people.xml is an I/O error" "$ACCORD" check -C c
expect_stderr "^accord: c/people.xml: cannot read" "missing people.xml named"

fresh; sed -i 's/<people>/<persons>/; s#</people>#</persons>#' c/people.xml
broken "a wrong root element" people.xml '<persons>' "root element is <persons>"

# examples/*.xml are answers files: checked against the content.
fresh; sed -i 's/<value>yes<\/value>/<value>perhaps<\/value>/' c/examples/ada-grace-mentee.xml
line=$(grep -n -m1 'perhaps' c/examples/ada-grace-mentee.xml | cut -d: -f1)
expect_exit 1 "a broken example answers file" "$ACCORD" check -C c
expect_stderr "^accord: c/examples/ada-grace-mentee.xml:$line: 'perhaps' is not a value" "a broken example is reported at its line"

# keys/: a key file naming no person is a warning, not an error.
fresh; mkdir -p c/keys && cp "$ROOT/tests/fixtures/verify/ada.pub" c/keys/ada.pub &&
    cp "$ROOT/tests/fixtures/verify/ada-old.pub" c/keys/ada.2025.pub &&
    cp "$ROOT/tests/fixtures/verify/other.pub" c/keys/adda.pub
expect_exit 0 "a key of an unknown party is only a warning" "$ACCORD" check -C c
expect_stderr "^accord: c/keys: warning: adda.pub is a key of 'adda', who is not a person" "the stray key is named"
if grep -q "ada.pub\|ada.2025.pub" "$T/stderr"; then not_ok "keys of known parties pass silently"; else ok "keys of known parties pass silently"; fi

fresh; sed -i 's#<disable questionnaire="main" section="extra"/>#<disable questionnaire="main" section="extra"/><disable questionnaire="main" section="meetings"/>#' c/program.xml
broken "every section of a questionnaire disabled" program.xml 'section="meetings"' "every section of questionnaire 'main' is disabled"
