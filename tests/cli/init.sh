#!/usr/bin/env bash
# init.sh - accord init DIR: a new program's content directory made from
# accord's starter files (the source tree's content/ when run from the
# tree, DATADIR/starter when installed), which accord check finds clean
# and accord build builds; a folder that is not new or empty is refused
# and left as it was.
. "$(dirname "$0")/../lib.sh"

expect_exit 0 "accord init of a new folder and its parents" "$ACCORD" init new/program
expect_stdout "^made new/program, a content directory" "it says what it made"
expect_stdout "accord check -C new/program" "and what to do next"
expect_stdout "^program secret: new/program/secret" "it makes the program secret"
for f in program.xml people.xml .gitignore secret questionnaires/agreement.xml \
    questionnaires/idp.xml guide/index.md; do
    check "it wrote $f" test -f "new/program/$f"
done
check "keys/ is an empty folder" test -d new/program/keys -a -z "$(ls -A new/program/keys)"
check "bundles/ is an empty folder" test -d new/program/bundles -a -z "$(ls -A new/program/bundles)"
for q in "$ROOT"/content/questionnaires/*.xml "$ROOT"/content/guide/*.md; do
    rel=${q#"$ROOT"/content/}
    check "$rel is the starter's, unchanged" cmp -s "$q" "new/program/$rel"
done
check "the secret has mode 0600" test "$(stat -c %a new/program/secret)" = 600
check "program.xml: the program id comes from the folder's name" grep -q '<program id="program" ' new/program/program.xml
check "program.xml: names=\"private\"" grep -q 'names="private"' new/program/program.xml
check "program.xml: a placeholder contact the admin is told to change" \
    grep -B3 'contact email="mentoring@example.org"' new/program/program.xml
grep -B3 'contact email=' new/program/program.xml | grep -q "CHANGE THIS" &&
    ok "the contact is marked CHANGE THIS" || not_ok "the contact is marked CHANGE THIS"
check "people.xml: one pair, a person with an email" grep -q '<person id="alex" .*email="alex@example.org"' new/program/people.xml
check "people.xml: the pair's agreement" grep -q '<agreement id="alex-sam" mentee="alex" mentor="sam"/>' new/program/people.xml
for pat in '^/secret$' '^\*\.key$' '^outbox/$' '^site/$'; do
    check ".gitignore holds $pat" grep -q "$pat" new/program/.gitignore
done
if command -v git >/dev/null; then
    git init -q new/program
    check "git ignores the secret" git -C new/program check-ignore -q secret
    check "git ignores a secret key" git -C new/program check-ignore -q keys/ada.key
    check "git ignores outbox/" git -C new/program check-ignore -q outbox/x.txt
    for f in program.xml keys/ada.pub bundles/x.accord; do
        if git -C new/program check-ignore -q "$f"; then not_ok "git commits $f"
        else ok "git commits $f"; fi
    done
    rm -rf new/program/.git
fi

expect_exit 0 "accord check on it" "$ACCORD" check -C new/program
[ -s "$T/stderr" ] && { not_ok "accord check prints nothing on stderr"; sed 's/^/# /' "$T/stderr"; } ||
    ok "accord check prints nothing on stderr (no warning)"
expect_stdout "2 people, 1 agreement: no problems" "accord check counts the example pair"
expect_exit 0 "accord build on it" "$ACCORD" build -C new/program -o site
grep -q warning "$T/stderr" && { not_ok "accord build prints no warning"; sed 's/^/# /' "$T/stderr"; } ||
    ok "accord build prints no warning"
check "the site has its index" test -f site/public/index.html
check "the site has personal pages (the secret is used)" test -n "$(ls site/public/p 2>/dev/null)"

# Never over anything: an existing file or folder with something in it.
mkdir full && echo mine >full/notes.txt
expect_exit 1 "a folder holding a file is refused" "$ACCORD" init full
expect_stderr "^accord: full: not empty \(it holds notes.txt\)" "the refusal names what is there"
check "it is left as it was" test "$(ls -A full)" = notes.txt
mkdir hidden && touch hidden/.git
expect_exit 1 "a folder holding only a dotfile is refused" "$ACCORD" init hidden
expect_stderr "holds \.git\)" "the dotfile is named"
expect_exit 1 "a content directory is refused" "$ACCORD" init new/program
check "its program.xml is unchanged" grep -q 'CHANGE THIS' new/program/program.xml
echo x >afile
expect_exit 1 "a file is refused" "$ACCORD" init afile
expect_stderr "^accord: afile: exists and is not a folder" "the file is named"
check "the file is unchanged" test "$(cat afile)" = x
ln -s nowhere dangling
expect_exit 1 "a dangling link is refused" "$ACCORD" init dangling
check "nothing is made through it" test ! -e nowhere
mkdir empty
expect_exit 0 "an empty folder is taken" "$ACCORD" init empty
check "its program id is its name" grep -q '<program id="empty" ' empty/program.xml
mkdir linked && ln -s linked via
expect_exit 0 "a link to an empty folder is taken" "$ACCORD" init via
check "the files are in the folder linked to" test -f linked/program.xml

# Odd names: a leading dash after --, spaces, a name that is no id.
expect_exit 0 "a folder named -odd (after --)" "$ACCORD" init -- -odd
check "its program id falls back to 'program'" grep -q '<program id="program" ' ./-odd/program.xml
expect_exit 0 "a folder name with spaces" "$ACCORD" init "my program"
expect_exit 0 "accord check on it" "$ACCORD" check -C "my program"

# Usage.
expect_exit 2 "no folder named" "$ACCORD" init
expect_stderr "^accord: init: name the content directory" "the usage error says so"
expect_exit 2 "two folders named" "$ACCORD" init a b
check "neither is made" test ! -e a -a ! -e b
expect_exit 2 "an unknown option" "$ACCORD" init -x c
expect_exit 0 "accord init --help" "$ACCORD" init --help
expect_stdout "^usage: accord init DIR" "the help gives the usage"

# An installed accord reads DATADIR/starter: a marked guide page shows it
# was read from there; without any starter it says where it looked.
mkdir -p data/starter && cp -R "$ROOT/content/questionnaires" "$ROOT/content/guide" data/starter/
echo "Installed starter." >>data/starter/guide/index.md
expect_exit 0 "accord init with ACCORD_DATADIR" env ACCORD_DATADIR="$T/data" "$ACCORD" init from-data
check "the starter of the data directory was copied" grep -q "Installed starter." from-data/guide/index.md
mkdir nodata
expect_exit 2 "accord init with a data directory holding no starter" env ACCORD_DATADIR="$T/nodata" "$ACCORD" init none
expect_stderr "nodata: holds no starter/questionnaires" "it names the data directory"
check "and makes nothing" test ! -e none
