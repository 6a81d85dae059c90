#!/usr/bin/env bash
# export.sh - accord export: one agreement for an auditor, checked on a
# PATH with no accord by the check.sh it writes (minisign, sha256sum and
# unzip only): the demo's amira-ben (two revisions, the chain between
# them), and with a program ledger dara-emil (its program key, rosters,
# index chain, checkpoint and proof of listing); a changed archive or index
# line fails the check; unknown agreements, agreements with no agreement
# file yet, and an output folder that is not new and empty are refused.
. "$(dirname "$0")/../lib.sh"

stock() { env PATH=/usr/bin:/bin sh -c 'if command -v accord >/dev/null; then echo "accord is on PATH"; exit 9; fi; sh "$0"' "$1"; }

cp -R "$ROOT/content" c
expect_exit 0 "export amira-ben" "$ACCORD" export -C c -o out amira-ben
expect_stdout "wrote 2 revisions of amira-ben to out" "it says what it wrote"
check "both revisions and the keys that signed them" \
    bash -c 'ls out/amira-ben-r1.accord out/amira-ben-r2.accord && [ "$(ls out/keys | wc -l)" -eq 2 ]'
run stock out/check.sh
check "check.sh passes with stock tools only, no accord on PATH" test "$rc" -eq 0
expect_stdout "all checks passed" "it says so"

# a changed archive: revision 2's MANIFEST-listed answers edited
cp -R out bad
python3 - bad/amira-ben-r2.accord <<'PY'
import sys, zipfile
path = sys.argv[1]
src = zipfile.ZipFile(path)
items = [(i, src.read(i.filename)) for i in src.infolist()]
src.close()
with zipfile.ZipFile(path, 'w') as z:
    for info, data in items:
        if info.filename == 'agreement.html':
            data = data.replace(b'</body>', b'<p>We also agree to meet daily.</p></body>')
        z.writestr(info, data)
PY
run stock bad/check.sh
check "a changed agreement page fails the check" test "$rc" -ne 0 -a "$rc" -ne 9

expect_exit 1 "an unknown agreement" "$ACCORD" export -C c -o o2 nobody-here
expect_exit 1 "an agreement with no agreement file yet" "$ACCORD" export -C c -o o3 amira-chen
expect_stderr "no revision has an agreement file yet" "it says why"
expect_exit 1 "a folder that is not empty" "$ACCORD" export -C c -o out amira-ben
expect_exit 1 "a folder inside the content directory" "$ACCORD" export -C c -o c/exported amira-ben

# with a program ledger
rm -rf c/ledger
"$ACCORD" keygen -W -p prog.pub -s prog.key >/dev/null
sed -i 's|\(<site url=.*/>\)|\1\n  <program-key file="ledger/program.pub"/>|' c/program.xml
expect_exit 0 "roster init" "$ACCORD" roster init -C c -s prog.key
expect_exit 0 "index" "$ACCORD" index -C c -s prog.key
expect_exit 0 "export dara-emil with its ledger" "$ACCORD" export -C c -o led dara-emil
check "the ledger is there" bash -c 'ls led/ledger/program.pub led/ledger/index.txt led/ledger/checkpoint.txt.minisig led/ledger/roster-0001.txt.minisig led/dara-emil-r1.checkpoint.txt.minisig'
run stock led/check.sh
check "check.sh passes: signatures, chain, checkpoint, listing" test "$rc" -eq 0
expect_stdout "index chain OK" "the index chain is checked"
cp -R led led2
sed -i '3s/ [0-9a-f]*$/ 0000000000000000000000000000000000000000000000000000000000000001/' led2/ledger/index.txt
run stock led2/check.sh
check "an edited index line fails the check" test "$rc" -ne 0 -a "$rc" -ne 9
