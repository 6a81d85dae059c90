#!/usr/bin/env bash
# own_questions.sh - a mentor's own questions in questions/<party>.xml on a
# copy of the demo with a new mentor, kim: accord add places a file and
# check and build take it in; the effective questionnaire is the one the
# same questions in people.xml give; a second file is kept unless
# --replace, which says it replaces; six questions, a clash with a
# questionnaire question, an unknown party, a misnamed file and questions
# in both files are refused, each naming its file.
. "$(dirname "$0")/../lib.sh"

cp -R "$ROOT/content" c
chmod 600 c/secret
python3 - c/people.xml <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace('<agreement id="amira-ben"', '<person id="kim" name="Kim Trialson"/>\n  <agreement id="amira-kim" mentee="amira" mentor="kim"/>\n  <agreement id="amira-ben"')
open(p, "w", encoding="utf-8").write(s)
PY
cp c/people.xml people.orig
# questions FILE PARTY ID...: a questions file of yes/no questions with these ids
questions() {
    local file=$1 party=$2 id
    shift 2
    { echo '<?xml version="1.0" encoding="UTF-8"?>'
      echo "<custom-questions party=\"$party\">"
      for id; do echo "  <question id=\"$id\" type=\"yesno\"><text>Is $id fine?</text></question>"; done
      echo '</custom-questions>'; } >"$file"
}

questions kim.xml kim kim-q1 kim-q2
expect_exit 0 "add places kim's questions" "$ACCORD" add -C c kim.xml
expect_stdout "^kim.xml: 2 questions of mentor kim: placed as c/questions/kim.xml$" "add says where"
check "people.xml is untouched" cmp -s people.orig c/people.xml
expect_exit 0 "check takes them in" "$ACCORD" check -C c
expect_exit 0 "build takes them in" "$ACCORD" build -C c -o site
check "kim's mentee form asks them" grep -q 'Is kim-q2 fine?' site/public/forms/amira-kim-mentee.html

# the same questions in people.xml make the same forms, byte for byte
cp -R c c2
rm -r c2/questions
python3 - c2/people.xml <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
q = "".join('      <question id="%s" type="yesno"><text>Is %s fine?</text></question>\n' % (i, i) for i in ("kim-q1", "kim-q2"))
s = s.replace('<person id="kim" name="Kim Trialson"/>', '<person id="kim" name="Kim Trialson">\n    <custom-questions>\n%s    </custom-questions>\n  </person>' % q)
open(p, "w", encoding="utf-8").write(s)
PY
expect_exit 0 "build with them in people.xml" "$ACCORD" build -C c2 -o site2
check "the forms are the same either way" cmp -s site/public/forms/amira-kim-mentee.html site2/public/forms/amira-kim-mentee.html

expect_exit 0 "the same file again is already there" "$ACCORD" add -C c kim.xml
expect_stdout "already there as c/questions/kim.xml" "add says so"
questions kim2.xml kim kim-q1
expect_exit 1 "other questions for kim are not placed" "$ACCORD" add -C c kim2.xml
expect_stderr "^accord: kim2.xml: not placed: c/questions/kim.xml holds other questions of mentor kim, which are kept .*--replace" "add says why and how"
expect_exit 0 "--replace replaces them" "$ACCORD" add -C c --replace kim2.xml
expect_stdout "^kim2.xml: 1 question of mentor kim: replaced the questions in c/questions/kim.xml$" "add says it replaced"

questions six.xml kim k1 k2 k3 k4 k5 k6
expect_exit 1 "six questions are refused" "$ACCORD" add -C c --replace six.xml
expect_stderr "^accord: six.xml:[0-9]+: custom question 'k6' is the 6th of mentor kim: at most 5" "the sixth is named"
id=$(grep -o 'question id="[a-z-]*"' c/questionnaires/agreement.xml | head -1 | cut -d'"' -f2)
questions clash.xml kim "$id"
expect_exit 1 "a questionnaire's question id is refused" "$ACCORD" add -C c --replace clash.xml
expect_stderr "^accord: clash.xml:[0-9]+: custom question id '$id' is already a question of questionnaire 'agreement'" "the clash is named"
questions nobody.xml nobody nobody-q1
expect_exit 1 "an unknown party is refused" "$ACCORD" add -C c nobody.xml
expect_stderr "party 'nobody' is not a person of people.xml" "add names it"
questions ben.xml ben ben-q9
expect_exit 1 "a mentor with questions in people.xml is refused" "$ACCORD" add -C c ben.xml
expect_stderr "mentor ben has custom questions in people.xml \(line [0-9]+\)" "add names people.xml's line"
check "nothing of these was placed" test "$(cd c/questions && echo *)" = "kim.xml"

# what accord check finds in questions/ itself
cp ben.xml c/questions/ben.xml
expect_exit 1 "check: questions in both files" "$ACCORD" check -C c
expect_stderr "^accord: c/questions/ben.xml: mentor ben has custom questions in people.xml too \(line [0-9]+\): keep them in one of the two files" "check names both files"
mv c/questions/ben.xml c/questions/someone.xml
expect_exit 1 "check: a misnamed file" "$ACCORD" check -C c
expect_stderr "^accord: c/questions/someone.xml: holds the questions of 'ben': name the file questions/ben.xml" "check says the name"
