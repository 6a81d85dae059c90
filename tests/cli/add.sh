#!/usr/bin/env bash
# add.sh - accord add: bundles are checked as the build takes them in and
# placed in bundles/ under their canonical names; public keys are placed in
# keys/<party>.pub only once their key ID is confirmed; nothing is ever
# overwritten; what is neither is refused by name. Works on a copy of the
# demo with its bundles and keys taken out.
. "$(dirname "$0")/../lib.sh"
B=$ROOT/content/bundles
K=$ROOT/content/keys
rm -rf c && cp -R "$ROOT/content" c && rm -r c/bundles/*.accord c/keys/*.pub c/examples

# Keys: not confirmed, confirmed, already there, another key, a stranger's.
expect_exit 1 "a key without a terminal or --key-confirmed is not placed" "$ACCORD" add -C c "$K/ines.pub"
expect_stdout "ines.pub: public key of ines \(Ines Prototype\), key ID 213AF1BAB74F76F3" \
    "it shows the party, the name and the key ID"
expect_stderr "ines.pub: not placed: key ID 213AF1BAB74F76F3 is not confirmed.*--key-confirmed" "and says why"
check "keys/ines.pub is not there" test ! -e c/keys/ines.pub
# at a terminal: the admin is asked, and only "y" places the key
at_terminal() { # ANSWER FILE: runs accord add on FILE with a terminal as stdin answering ANSWER
    python3 - "$ACCORD" "$1" "$2" >tty.out 2>&1 <<'PY'
import os, subprocess, sys
accord, answer, key = sys.argv[1:]
main, sub = os.openpty()
p = subprocess.Popen([accord, "add", "-C", "c", key], stdin=sub, stdout=subprocess.PIPE,
                     stderr=subprocess.STDOUT)
os.close(sub)
os.write(main, answer.encode() + b"\n")
out = p.communicate(timeout=30)[0].decode()
print(out)
sys.exit(p.returncode)
PY
}
at_terminal n "$K/ines.pub"
check "at a terminal, answering n: exit 1" test $? -eq 1
check "the question names the party and the key ID" \
    grep -q "Has ines (Ines Prototype) told you, in person or by phone, that their key ID is 213AF1BAB74F76F3? \[y/N\]" tty.out
check "answering n places nothing" test ! -e c/keys/ines.pub
at_terminal y "$K/ines.pub"
check "answering y: exit 0" test $? -eq 0
check "answering y places the key" cmp -s "$K/ines.pub" c/keys/ines.pub
rm c/keys/ines.pub
expect_exit 0 "every demo key, confirmed" "$ACCORD" add -C c --key-confirmed "$K"/*.pub
check "keys/ines.pub is the key" cmp -s "$K/ines.pub" c/keys/ines.pub
check "keys/ben.pub is the key" cmp -s "$K/ben.pub" c/keys/ben.pub
expect_exit 0 "a key already there" "$ACCORD" add -C c "$K/ines.pub"
expect_stdout "already there as c/keys/ines.pub" "is reported as there (no confirmation needed)"
"$ACCORD" keygen -W -p other.pub -s other.key >/dev/null 2>&1
expect_exit 1 "another key for ines is not placed" "$ACCORD" add -C c --key-confirmed --party ines other.pub
expect_stderr "other.pub: not placed: c/keys/ines.pub holds another key of ines, which is kept" \
    "the replacement is reported with what to do"
check "keys/ines.pub is unchanged" cmp -s "$K/ines.pub" c/keys/ines.pub
expect_exit 1 "a key for nobody in people.xml" "$ACCORD" add -C c --key-confirmed other.pub
expect_stderr "other.pub: not placed: people.xml has no person 'other'" "the party is named"
cp "$K/ben.pub" hugo.pub && rm c/keys/hugo.pub
expect_exit 1 "ben's key sent as hugo's" "$ACCORD" add -C c --key-confirmed hugo.pub
expect_stderr "refused: key ID .* is already ben's key" "the shared key ID is refused"
check "nothing is placed for hugo" test ! -e c/keys/hugo.pub
echo "not a key" >junk.pub
expect_exit 1 "a .pub that is no key" "$ACCORD" add -C c --key-confirmed --party hugo junk.pub
expect_stderr "^accord: junk.pub: refused: " "is refused by name"
expect_exit 0 "hugo's own key with --party" "$ACCORD" add -C c --key-confirmed --party hugo "$K/hugo.pub"
check "keys/hugo.pub is placed" cmp -s "$K/hugo.pub" c/keys/hugo.pub

# Bundles: good answers, a duplicate, an agreement and a countersigned copy.
expect_exit 0 "ines's and ben's answers bundles" "$ACCORD" add -C c "$B/ines-ben-r1-mentee.accord" "$B/ines-ben-r1-mentor.accord"
expect_stdout "ines's answers \(mentee\) to ines-ben, revision 1: placed as c/bundles/ines-ben-r1-mentee.accord" \
    "the mentee's answers are named canonically"
check "the bundle is placed byte for byte" cmp -s "$B/ines-ben-r1-mentee.accord" c/bundles/ines-ben-r1-mentee.accord
cp "$B/ines-ben-r1-mentor.accord" "from ben.accord"
expect_exit 0 "the same bundle again, under another name with a space" "$ACCORD" add -C c "from ben.accord"
expect_stdout "already there as c/bundles/ines-ben-r1-mentor.accord" "the duplicate is reported"
check "no second copy is placed" test "$(ls c/bundles/*.accord | wc -l)" -eq 2
expect_exit 0 "the agreement countersigned by ines" "$ACCORD" add -C c "$B/ines-ben-r1.accord"
check "it is placed as ines-ben-r1.accord" cmp -s "$B/ines-ben-r1.accord" c/bundles/ines-ben-r1.accord
expect_exit 0 "accord check on the result" "$ACCORD" check -C c
"$ACCORD" build -C c -o site >/dev/null 2>&1
cp site/private/agreements/ines-ben-r1.accord site-copy.accord
expect_exit 0 "the site's copy of the agreement is the same bundle" "$ACCORD" add -C c site-copy.accord
expect_stdout "already there as c/bundles/ines-ben-r1.accord" "and is said to be there"
cp site-copy.accord ben-signed.accord
if SOURCE_DATE_EPOCH=1795000000 "$ACCORD" sign --countersign -s "$K/demo-secret/ben.key" -C c ben-signed.accord >/dev/null 2>&1; then
    ok "ben countersigns a copy"
    expect_exit 0 "ben's countersigned copy" "$ACCORD" add -C c ben-signed.accord
    expect_stdout "signed by ines,ben: placed as c/bundles/ines-ben-r1-signed-ines-ben.accord" \
        "it goes beside ines's copy, named by its signers"
    check "byte for byte" cmp -s ben-signed.accord c/bundles/ines-ben-r1-signed-ines-ben.accord
    check "ines's copy is unchanged" cmp -s "$B/ines-ben-r1.accord" c/bundles/ines-ben-r1.accord
    expect_exit 0 "the build takes both" "$ACCORD" build -C c -o site
    check "and the agreement is signed by both" "$ACCORD_VERIFY" -r c/keys site/private/agreements/ines-ben-r1.accord
    expect_exit 0 "ines's copy added again adds no signature" "$ACCORD" add -C c "$B/ines-ben-r1.accord"
else
    not_ok "ben countersigns a copy"
fi

# Refused bundles are reported and not placed.
cp "$B/hugo-chen-r1-mentee.accord" tampered.accord
printf 'X' | dd of=tampered.accord bs=1 seek=200 conv=notrunc 2>/dev/null
expect_exit 1 "a tampered bundle" "$ACCORD" add -C c tampered.accord
expect_stderr "^accord: tampered.accord: refused: " "is refused by name"
check "nothing of hugo-chen is placed" test ! -e c/bundles/hugo-chen-r1-mentee.accord
sed -i 's|<agreement id="hugo-chen" [^>]*/>||' c/people.xml
expect_exit 1 "a bundle of an agreement people.xml does not know" "$ACCORD" add -C c "$B/hugo-chen-r1-mentee.accord"
expect_stderr "refused: agreement 'hugo-chen' is not in people.xml" "the agreement is named"
expect_exit 1 "a review of a revision that is not here" "$ACCORD" add -C c "$B/amira-ben-r2-mentee.accord"
check "it is not placed" test ! -e c/bundles/amira-ben-r2-mentee.accord

# A replacement: another file under a name already taken is never written.
cp "$B/dara-emil-r1-mentee.accord" c/bundles/farid-chen-r1-mentee.accord
expect_exit 1 "farid's answers where another bundle has the name" "$ACCORD" add -C c "$B/farid-chen-r1-mentee.accord"
expect_stderr "not placed: c/bundles/farid-chen-r1-mentee.accord holds another bundle of the same name, which is kept" \
    "the replacement is reported with what to do"
check "the file there is unchanged" cmp -s "$B/dara-emil-r1-mentee.accord" c/bundles/farid-chen-r1-mentee.accord
rm c/bundles/farid-chen-r1-mentee.accord

# Neither, special files, links, odd names; one bad file does not stop the rest.
echo hi >notes.txt
mkdir folder.accord
mkfifo fifo.accord
ln -s "$B/farid-chen-r1-mentee.accord" link.accord
cp "$B/greta-emil-r1-mentor.accord" ./-dash.accord
expect_exit 1 "a mix of good and bad files" "$ACCORD" add -C c notes.txt folder.accord fifo.accord link.accord -- -dash.accord
expect_stderr "^accord: notes.txt: refused: neither a bundle \(.accord\), a public key \(.pub\) nor a mentor.s questions file \(.xml\)" "a text file is named"
expect_stderr "^accord: folder.accord: refused: a folder" "a folder is named"
expect_stderr "^accord: fifo.accord: refused: not a regular file" "a FIFO is named, without hanging"
check "the link's bundle is placed as a file" test -f c/bundles/farid-chen-r1-mentee.accord -a ! -L c/bundles/farid-chen-r1-mentee.accord
check "a name with a leading dash is taken after --" test -f c/bundles/greta-emil-r1-mentor.accord
head -c 70000000 /dev/zero >huge.accord
expect_exit 1 "a huge file" "$ACCORD" add -C c huge.accord
expect_stderr "huge.accord: refused: larger than a bundle can be" "is refused by name"
rm -f huge.accord

# Usage.
expect_exit 2 "no file named" "$ACCORD" add -C c
expect_exit 2 "a file that does not exist" "$ACCORD" add -C c missing.accord
expect_stderr "^accord: missing.accord: cannot read it" "is named"
expect_exit 2 "--party that is no id" "$ACCORD" add -C c --party "Bad Id" other.pub
expect_exit 0 "accord add --help" "$ACCORD" add --help
expect_stdout "^usage: accord add " "gives the usage"
