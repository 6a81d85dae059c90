#!/usr/bin/env bash
# ledger.sh - the program key, roster and index: roster init from keys/
# (old bundles still valid), accord index (idempotent), the checkpoint
# checked by stock minisign, the README's sha256sum chain loop, rotation,
# revocation by index order, --index-consistent, names kept private.
. "$(dirname "$0")/../lib.sh"
cp -r "$ROOT/content" c
rm -rf c/ledger
"$ACCORD" keygen -W -p prog.pub -s prog.key >/dev/null
sed -i 's|\(<site url=.*/>\)|\1\n  <program-key file="ledger/program.pub"/>|' c/program.xml
DS=c/keys/demo-secret

expect_exit 0 "roster init from keys/" "$ACCORD" roster init -C c -s prog.key
check "the first index entry is roster revision 1" grep -Eq "^1 0{64} roster 1 [0-9a-f]{64}$" c/ledger/index.txt
check "every key of keys/ is in the roster from entry 1" test "$(grep -c ' from 1$' c/ledger/roster-0001.txt)" -eq "$(ls c/keys/*.pub | wc -l)"
expect_exit 0 "minisign verifies the roster" minisign -Vm c/ledger/roster-0001.txt -p c/ledger/program.pub
expect_exit 1 "roster init twice is refused" "$ACCORD" roster init -C c -s prog.key
expect_exit 0 "build with the ledger: old bundles still valid" "$ACCORD" build -C c -o site
check "no bundle refused" sh -c '! grep -q refused "$0"' "$T/stderr"
expect_stderr "bundles/dara-emil-r1.accord: warning: not in the index: 4 of its 4 signatures, yet" "build names a bundle not in the index"
check "build publishes the checkpoint" test -s site/public/checkpoint.txt -a -s site/public/checkpoint.txt.minisig

expect_exit 0 "accord index" "$ACCORD" index -C c -s prog.key
check "accord index does not warn of the bundles it indexes" \
    sh -c '! grep -q "not in the index" "$0"' "$T/stderr"
cp c/ledger/index.txt index-1.txt
expect_exit 0 "accord index again" "$ACCORD" index -C c -s prog.key
expect_stdout "0 entries appended" "nothing new the second time"
check "index unchanged the second time" cmp -s c/ledger/index.txt index-1.txt
expect_exit 0 "build after indexing" "$ACCORD" build -C c -o site
check "no warning about the index" sh -c '! grep -q "not in the program" "$0"' "$T/stderr"
# indexed_in_order SUBJECT: the data-indexed value of SUBJECT's pages,
# made from index.txt: "SEQ:SHA256" of each of its bundle and signature
# entries, in SEQ order
indexed_in_order() {
    awk -v s="$1" '($3 == "bundle" && $5 == s) || ($3 == "signature" && $4 == s) {
        printf "%s%s:%s", n++ ? " " : "", $1, $NF }' c/ledger/index.txt
}
check "the countersigning page carries each of dara-emil's index entries, in order" \
    grep -q "data-indexed=\"$(indexed_in_order dara-emil)\"" site/public/countersign/dara-emil.html
check "dara-emil has entries for two answers, the agreement and two signatures" \
    test "$(indexed_in_order dara-emil | wc -w)" -eq 5
expect_exit 0 "minisign -Vm ledger/checkpoint.txt" minisign -Vm c/ledger/checkpoint.txt -p c/ledger/program.pub
expect_stdout "accord-checkpoint/1 program=demo entries=" "minisign prints the checkpoint as trusted comment"

# Each agreement page shows the checkpoint that first listed its bundle.
n1=$(wc -l <c/ledger/index.txt)
check "the checkpoint of $n1 entries is kept" test -s "c/ledger/checkpoints/$(printf %08d "$n1").txt"
proof=site/private/agreements/dara-emil-r1.checkpoint.txt
check "the build writes dara-emil's proof beside its page" test -s "$proof" -a -s "$proof.minisig"
expect_exit 0 "minisign verifies the proof with the program key" minisign -Vm "$proof" -p c/ledger/program.pub
at=$(grep -n ' bundle agreement dara-emil 1 ' c/ledger/index.txt | cut -d: -f1)
check "the page names the entry that lists it ($at)" \
    grep -q "lists this agreement file at entry $at\." site/private/agreements/dara-emil-r1.html
check "and links the proof" grep -q 'href="dara-emil-r1.checkpoint.txt.minisig"' site/private/agreements/dara-emil-r1.html
cp "$proof" proof-before.txt

# The README's loop, exactly as documented.
chain() {
    (cd "$1" && {
        prev=0000000000000000000000000000000000000000000000000000000000000000
        n=0
        while IFS= read -r line; do
            n=$((n + 1))
            set -- $line
            [ "$1" = "$n" ] && [ "$2" = "$prev" ] || { echo "broken at entry $n"; exit 1; }
            prev=$(printf '%s\n' "$line" | sha256sum | cut -d' ' -f1)
        done <ledger/index.txt
        grep -qx "accord-checkpoint/1 program=[a-z0-9-]* entries=$n head=$prev" ledger/checkpoint.txt &&
            echo "chain OK: $n entries, head $prev"
    })
}
expect_exit 0 "the stock-tool chain loop" chain c
cp -r c c-edit
sed -i '3s/ 1 / 2 /' c-edit/ledger/index.txt
expect_exit 1 "the chain loop fails on an edited line" chain c-edit
expect_stdout "broken at entry 4" "it names the entry after the edited one"
expect_exit 1 "build refuses an edited index" "$ACCORD" build -C c-edit -o site-edit

# --index-consistent
expect_exit 0 "an old index is a prefix of the new" "$ACCORD_VERIFY" --index-consistent index-1.txt c/ledger/index.txt
head -3 index-1.txt >short.txt
expect_exit 0 "a shorter prefix" "$ACCORD_VERIFY" --index-consistent short.txt index-1.txt
expect_exit 1 "a removed entry" "$ACCORD_VERIFY" --index-consistent index-1.txt short.txt
expect_stdout "entry 4 " "names the first missing SEQ"
# rewrite: a field changed, the chain recomputed after it
rechain() { # FILE: recompute every PREV
    awk 'BEGIN { prev = "0000000000000000000000000000000000000000000000000000000000000000" }
        { $2 = prev; line = $0; cmd = "printf \"%s\\n\" \"" line "\" | sha256sum"; cmd | getline h; close(cmd)
          split(h, a, " "); prev = a[1]; print line }' "$1"
}
sed '3s/ 1 / 7 /' index-1.txt >rewritten.raw && rechain rewritten.raw >rewritten.txt
expect_exit 0 "the rewritten index is a chain by itself" "$ACCORD_VERIFY" --index-consistent rewritten.txt rewritten.txt
expect_exit 1 "a rewritten entry" "$ACCORD_VERIFY" --index-consistent index-1.txt rewritten.txt
expect_stdout "entry 3 " "names the rewritten SEQ"
{ sed -n 1,2p index-1.txt | cut -d' ' -f3- ; sed -n 4p index-1.txt | cut -d' ' -f3-; sed -n 3p index-1.txt | cut -d' ' -f3-; sed -n '5,$p' index-1.txt | cut -d' ' -f3-; } |
    awk '{ print NR " x " $0 }' >reordered.raw && rechain reordered.raw >reordered.txt
expect_exit 1 "a reordered entry" "$ACCORD_VERIFY" --index-consistent index-1.txt reordered.txt
expect_stdout "entry 3 " "names the first reordered SEQ"
expect_exit 1 "a broken chain" "$ACCORD_VERIFY" --index-consistent index-1.txt c-edit/ledger/index.txt
expect_stdout "index.txt:4: PREV" "the broken chain is named file:line"

# Rotation: a new key for ada... for farid; old signatures still count.
"$ACCORD" keygen -W -p farid2.pub -s farid2.key >/dev/null
expect_exit 0 "roster add" "$ACCORD" roster add -C c -s prog.key farid farid2.pub
expect_exit 0 "minisign verifies roster 2" minisign -Vm c/ledger/roster-0002.txt -p c/ledger/program.pub
check "roster 2 names roster 1's SHA-256" grep -qx "previous $(sha256sum <c/ledger/roster-0001.txt | cut -d' ' -f1)" c/ledger/roster-0002.txt
expect_exit 0 "build after rotation" "$ACCORD" build -C c -o site
check "a later append leaves dara-emil's proof as it was" cmp -s "$proof" proof-before.txt
check "farid's old bundle still accepted" sh -c '! grep -q refused "$0"' "$T/stderr"

# Revocation: ines's agreement awaits ben's signature; ben's key revoked.
BENID=$(grep '^key ben ' c/ledger/roster-0002.txt | cut -d' ' -f3)
expect_exit 0 "roster revoke" "$ACCORD" roster revoke -C c -s prog.key ben "$BENID" compromised
check "the revocation is in roster 3" grep -q "^revoked ben $BENID at [0-9]* compromised$" c/ledger/roster-0003.txt
expect_exit 0 "build after revocation" "$ACCORD" build -C c -o site
check "after more appends, the form of ines-ben carries its entries, in order" \
    grep -q "data-indexed=\"$(indexed_in_order ines-ben)\"" site/public/forms/ines-ben-mentor.html
check "ben's indexed bundles still accepted" sh -c '! grep -q "refused" "$0"' "$T/stderr"
# ben countersigns ines-ben now with the revoked key, dated the day after
# the agreement was made (long before the revocation): the time claimed
# does not help.
SOURCE_DATE_EPOCH=1790899200 run "$ACCORD" sign --countersign -C c -s "$DS/ben.key" -o late.accord c/bundles/ines-ben-r1.accord
check "ben signs with the revoked key" test "$rc" -eq 0
cp late.accord c/bundles/ines-ben-r1-signed-ines-ben.accord
expect_exit 0 "build with a signature by the revoked key" "$ACCORD" build -C c -o site
expect_stderr "ines-ben-r1-signed-ines-ben.accord: refused: .*revoked \(compromised\) at index entry" "a signature by a revoked key not in the index is refused, whatever time it claims"

# accord-verify with the program key, the latest roster and the index
ROSTER=c/ledger/roster-0003.txt
expect_exit 0 "accord-verify -P --roster --index: an indexed bundle signed before the revocation" \
    "$ACCORD_VERIFY" -P c/ledger/program.pub --roster "$ROSTER" --index c/ledger/index.txt c/bundles/amira-ben-r1.accord
expect_exit 1 "accord-verify: the revoked key's late signature" \
    "$ACCORD_VERIFY" -P c/ledger/program.pub --roster "$ROSTER" --index c/ledger/index.txt late.accord
expect_stdout "^FAIL late.accord: .*revoked \(compromised\)" "it is refused as revoked"
expect_exit 1 "accord-verify: a roster that is not the latest" \
    "$ACCORD_VERIFY" -P c/ledger/program.pub --roster c/ledger/roster-0002.txt --index c/ledger/index.txt c/bundles/amira-ben-r1.accord
expect_stderr "roster-0002.txt: is not the latest roster the index names" "the older roster is named"
"$ACCORD" keygen -W -p other.pub -s other.key >/dev/null
expect_exit 1 "accord-verify: a roster checked with another program key" \
    "$ACCORD_VERIFY" -P other.pub --roster "$ROSTER" c/bundles/amira-ben-r1.accord
expect_stderr "not the program key's signature of the roster" "the signature is refused"
# hugo countersigns the agreement the build made: a good key, a signature no index holds
expect_exit 0 "hugo countersigns hugo-chen" "$ACCORD" sign --countersign -C c -s "$DS/hugo.key" \
    -o hugo.accord site/private/agreements/hugo-chen-r1.accord
expect_exit 1 "accord-verify without --index: hugo's signature counts, chen's is awaited" \
    "$ACCORD_VERIFY" -P c/ledger/program.pub --roster "$ROSTER" hugo.accord
expect_stdout "^AWAITING hugo.accord: .*awaiting signatures from chen" "only chen's signature is missing"
expect_exit 1 "accord-verify --index: a signature not in the index" \
    "$ACCORD_VERIFY" -P c/ledger/program.pub --roster "$ROSTER" --index c/ledger/index.txt hugo.accord
expect_stdout "^FAIL hugo.accord: not in the index: 1 of its 3 signatures" "it says so"

# Names private: no agreement or party id in index.txt.
cp -r "$ROOT/content" p
rm -rf p/ledger
sed -i 's|names="public"|names="private"|; s|\(<site url=.*/>\)|\1\n  <program-key file="ledger/program.pub"/>|' p/program.xml
"$ACCORD" roster init -C p -s prog.key >/dev/null 2>&1
expect_exit 0 "index with private names" "$ACCORD" index -C p -s prog.key
ids=$(sed -n 's/.* id="\([a-z0-9-]*\)".*/\1/p' p/people.xml)
leak=""
for id in $ids; do grep -qw -- "$id" p/ledger/index.txt && leak="$leak $id"; done
check "no agreement or party id in the index (found:${leak:- none})" test -z "$leak"
check "subjects are hashed" grep -Eq " bundle answers h:[0-9a-f]{64} 1 " p/ledger/index.txt
