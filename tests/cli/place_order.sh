#!/usr/bin/env bash
# place_order.sh - agreements are placed on several threads, and what each
# reports is printed in the agreements' order: the same words in the same
# order on one thread or eight, run after run; and the site is the same.
. "$(dirname "$0")/../lib.sh"
cp -R "$ROOT/content" c
mkdir -p data/themes/default && cp "$ROOT"/themes/default/*.* data/themes/default/
export ACCORD_DATADIR=$T/data

# A second, later answers bundle from one party of three agreements: each
# is reported while its agreement is placed.
for f in farid-chen-mentee:farid greta-emil-mentor:emil hugo-chen-mentee:hugo; do
    file=${f%%:*} who=${f##*:}
    sed 's/saved="2026-\([0-9-]*\)T\([0-9][0-9]\):/saved="2026-\1T23:/' \
        "c/examples/$file.xml" >"$file-again.xml"
    expect_exit 0 "$who signs answers to $file again, later" \
        "$ACCORD" sign -s "c/keys/demo-secret/$who.key" -C c -o "c/bundles/zz-$file-again.accord" \
        "$file-again.xml"
done

run env ACCORD_JOBS=1 "$ACCORD" check -C c
cp "$T/stderr" one-thread.txt
check "one thread: three agreements report two answers of one party" \
    test "$(grep -c 'are both the' one-thread.txt)" -eq 3
check "in the agreements' order: farid-chen, greta-emil, hugo-chen" \
    bash -c "grep 'are both the' one-thread.txt | grep -o 'revision 1 of [a-z-]*' | tr '\n' ' ' | grep -qx 'revision 1 of farid-chen revision 1 of greta-emil revision 1 of hugo-chen '"
same=0
for i in 1 2 3 4 5 6; do
    run env ACCORD_JOBS=8 "$ACCORD" check -C c
    cmp -s one-thread.txt "$T/stderr" && same=$((same + 1))
done
check "eight threads, six runs: the same report, byte for byte, each time" test "$same" -eq 6

run env ACCORD_JOBS=1 "$ACCORD" build -C c -o site1
run env ACCORD_JOBS=8 "$ACCORD" build -C c -o site8
check "and the same site" same_site site1 site8
