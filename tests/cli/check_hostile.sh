#!/usr/bin/env bash
# check_hostile.sh - hostile XML (tests/fixtures/hostile/): XXE, an external
# DTD, parameter entities, billion laughs, quadratic blowup. Each is refused
# ("DOCTYPE is not allowed", non-zero exit) by `accord check` and by
# `accord build`, wherever it appears (a questionnaire, program.xml,
# people.xml, an answers file), and the secret it reaches for appears in no
# output: not stdout, not stderr, not any file written.
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
ACCORD=${ACCORD:-$ROOT/bin/accord}
. "$ROOT/tests/lib.sh"
VALID=$ROOT/tests/fixtures/content/valid
H=$ROOT/tests/fixtures/hostile
SECRET=TOPSECRET-7c1e9a-do-not-leak
ATTACKS="xxe external-dtd parameter-entity billion-laughs quadratic doctype-only"

have_build=0
"$ACCORD" build --help >/dev/null 2>&1 && have_build=1

# no_leak WHAT [DIR]: the secret is in neither stream of the last run, nor
# in any file under DIR.
no_leak() {
    if grep -q "$SECRET" "$T/stdout" "$T/stderr" || { [ -n "${2:-}" ] && [ -e "$2" ] &&
        grep -rq "$SECRET" "$2"; }; then
        not_ok "$1: the secret leaked"
    else
        ok "$1: the secret appears in no output"
    fi
}

# plant DIR: the files the attacks reach for, beside every XML file.
plant() {
    for d in "$1" "$1/questionnaires" "$1/examples"; do
        mkdir -p "$d"
        echo "$SECRET" >"$d/secret.txt"
        cp "$H/evil.dtd" "$H/pe.dtd" "$d/"
    done
}

fresh() { rm -rf "$T/c" "$T/site" && cp -R "$VALID" "$T/c" && plant "$T/c"; }

# refused WHAT FILE: check (and build, when it exists) refuse the content
# with "DOCTYPE is not allowed" at FILE and leak nothing.
refused() {
    local what=$1 file=$2
    run "$ACCORD" check -C c
    if [ "$rc" -ne 0 ]; then ok "check refuses $what (exit $rc)"; else not_ok "check accepts $what"; fi
    expect_stderr "^accord: c/$file:[0-9]+: DOCTYPE is not allowed" "check: $what: DOCTYPE is not allowed at c/$file"
    no_leak "check: $what"
    if [ "$have_build" = 1 ]; then
        run "$ACCORD" build -C c -o site
        if [ "$rc" -ne 0 ]; then ok "build refuses $what (exit $rc)"; else not_ok "build accepts $what"; fi
        expect_stderr "DOCTYPE is not allowed" "build: $what: DOCTYPE is not allowed"
        no_leak "build: $what" site
    fi
}

# Sanity: the planted secret is really readable where the attacks look, so a
# parser that followed them would leak it.
fresh
grep -q "$SECRET" c/questionnaires/secret.txt && ok "secret planted" || not_ok "secret planted"

for a in $ATTACKS; do
    fresh
    cp "$H/$a.xml" c/questionnaires/evil.xml
    refused "$a in a questionnaire" questionnaires/evil.xml
done

# The same attacks in program.xml and people.xml: the DOCTYPE goes in front
# of the real root.
for f in program people; do
    for a in xxe billion-laughs; do
        fresh
        root=$f
        sed -n '1,/^]>$/p' "$H/$a.xml" | sed "s/DOCTYPE questionnaire/DOCTYPE $root/" >c/$f.xml.new
        tail -n +2 "$VALID/$f.xml" | sed '0,/<title>/s/<title>[^<]*<\/title>/<title>\&xxe;<\/title>/' >>c/$f.xml.new
        mv c/$f.xml.new c/$f.xml
        refused "$a in $f.xml" $f.xml
    done
done

# Answers files.
for a in xxe external-dtd parameter-entity billion-laughs quadratic; do
    fresh
    sed -n '1,/^]>$/p' "$H/$a.xml" | sed 's/DOCTYPE questionnaire/DOCTYPE answers/' >c/examples/evil.xml
    [ "$a" = external-dtd ] && sed -n '1,2p' "$H/$a.xml" | sed 's/DOCTYPE questionnaire/DOCTYPE answers/' >c/examples/evil.xml
    tail -n +2 "$VALID/examples/ada-grace-mentee.xml" |
        sed 's/Only a note./\&xxe;\&leak;/' >>c/examples/evil.xml
    run "$ACCORD" check -C c c/examples/evil.xml
    if [ "$rc" -ne 0 ]; then ok "check refuses answers with $a (exit $rc)"; else not_ok "check accepts answers with $a"; fi
    expect_stderr "^accord: c/examples/evil.xml:[0-9]+: DOCTYPE is not allowed" "answers with $a: DOCTYPE is not allowed"
    no_leak "answers with $a"
done

# Larger than XML_FILE_MAX (4 MiB): refused before parsing.
fresh
{ head -c 100 /dev/zero | tr '\0' ' '; python3 -c "print('<!--' + 'x' * (4 * 1024 * 1024) + '-->')"; } >c/questionnaires/huge.xml
run "$ACCORD" check -C c
[ "$rc" -eq 1 ] && ok "a file over 4 MiB is refused (exit 1)" || not_ok "a file over 4 MiB: exit $rc"
expect_stderr "^accord: c/questionnaires/huge.xml: file is larger than 4194304 bytes" "a file over 4 MiB: named with the limit"

[ "$have_build" = 1 ] || echo "# accord build not available: hostile XML checked with accord check only"

# Many elements within the size limit: refused by count, in linear time.
fresh
python3 -c "
import sys
q = '<question id=\"q%d\" type=\"single\"><text>T</text>' + '<option value=\"a\">A</option>' * 200 + '</question>'
print('<questionnaire id=\"big\" version=\"1\" kind=\"agreement\"><title>T</title><section id=\"s\"><title>S</title>')
print(''.join(q % i for i in range(600)))
print('</section></questionnaire>')" >c/questionnaires/big.xml
start=$(date +%s)
run timeout 60 "$ACCORD" check -C c
[ "$rc" -eq 1 ] && ok "600 questions of 200 options each: refused (exit 1)" || not_ok "600 questions of 200 options: exit $rc"
expect_stderr "section 's' has 600 questions: at most 60" "too many questions: counted"
[ $(($(date +%s) - start)) -lt 20 ] && ok "too many questions: refused quickly" || not_ok "too many questions: slow"

fresh
python3 -c "
import re, sys
s = open(sys.argv[1]).read()
body = '<answer question=\"year\"><value>1</value></answer>' * 70000
print(s.replace('</answers>', body + '</answers>'))" "$VALID/examples/ada-grace-mentee.xml" >many.xml
start=$(date +%s)
run timeout 60 "$ACCORD" check -C c many.xml
[ "$rc" -eq 1 ] && ok "70000 answers: refused (exit 1)" || not_ok "70000 answers: exit $rc"
expect_stderr "70006 answers: no questionnaire has more than 2410 questions" "too many answers: counted"
[ $(($(date +%s) - start)) -lt 20 ] && ok "too many answers: refused quickly" || not_ok "too many answers: slow"
