#!/usr/bin/env bash
# ledger_key.sh - changing the program key: a roster revision signed by the
# old key names the new one; later revisions and checkpoints are signed by
# the new key (stock minisign checks them); the first key pinned still
# verifies the chain; a revision signed by a key not in force is refused
# by build and accord-verify; old bundles and their proofs stay valid.
. "$(dirname "$0")/../lib.sh"
cp -r "$ROOT/content" c
rm -rf c/ledger
"$ACCORD" keygen -W -p prog.pub -s prog.key >/dev/null
"$ACCORD" keygen -W -p new.pub -s new.key >/dev/null
"$ACCORD" keygen -W -p farid2.pub -s farid2.key >/dev/null
sed -i 's|\(<site url=.*/>\)|\1\n  <program-key file="ledger/program.pub"/>|' c/program.xml
"$ACCORD" roster init -C c -s prog.key >/dev/null
"$ACCORD" index -C c -s prog.key >/dev/null 2>&1
"$ACCORD" build -C c -o site >/dev/null 2>&1
proof=site/private/agreements/dara-emil-r1.checkpoint.txt
check "a proof of listing before the change" test -s "$proof"
cp "$proof" proof-before.txt
cp "$proof.minisig" proof-before.txt.minisig

expect_exit 1 "the new key cannot sign its own change" "$ACCORD" roster program-key -C c -s new.key new.pub
expect_stderr "new.key: is not the secret half of the program key in force" "it names the key file"
expect_exit 1 "the key in force is no change" "$ACCORD" roster program-key -C c -s prog.key prog.pub
expect_exit 0 "roster program-key, signed by the old key" "$ACCORD" roster program-key -C c -s prog.key new.pub
NEWID=$(sed -n 's/^untrusted comment: minisign public key \([0-9A-F]*\)$/\1/p' new.pub)
NEWB64=$(sed -n 2p new.pub)
check "roster 2's line 5 names the new key" test "$(sed -n 5p c/ledger/roster-0002.txt)" = "program-key $NEWID $NEWB64"
expect_exit 0 "minisign: roster 2 is signed by the old key" minisign -Vm c/ledger/roster-0002.txt -p prog.pub
expect_exit 0 "minisign: the checkpoint naming roster 2's entry too" minisign -Vm c/ledger/checkpoint.txt -p prog.pub
check "program.pub stays the first key" cmp -s c/ledger/program.pub prog.pub
expect_exit 1 "the old key no longer signs a revision" "$ACCORD" roster add -C c -s prog.key farid farid2.pub
expect_exit 1 "nor an index" "$ACCORD" index -C c -s prog.key

expect_exit 0 "roster add signed by the new key" "$ACCORD" roster add -C c -s new.key farid farid2.pub
check "roster 3 still names the key in force" test "$(sed -n 5p c/ledger/roster-0003.txt)" = "program-key $NEWID $NEWB64"
expect_exit 0 "minisign: roster 3 is signed by the new key" minisign -Vm c/ledger/roster-0003.txt -p new.pub
expect_exit 0 "minisign: the checkpoint after the change, with NEW.pub" minisign -Vm c/ledger/checkpoint.txt -p new.pub
expect_exit 1 "minisign: not with the old key" minisign -Vm c/ledger/checkpoint.txt -p prog.pub
expect_exit 0 "accord index with the new key" "$ACCORD" index -C c -s new.key
# The README's stock-tool way to the key in force: the latest roster's line.
printf 'untrusted comment: program key\n%s\n' "$(sed -n 's/^program-key [^ ]* //p' c/ledger/roster-0003.txt)" >current.pub
expect_exit 0 "minisign: the checkpoint with the key the latest roster names" minisign -Vm c/ledger/checkpoint.txt -p current.pub

expect_exit 0 "build follows the chain" "$ACCORD" build -C c -o site
check "no bundle refused" sh -c '! grep -q refused "$0"' "$T/stderr"
check "dara-emil's proof is as it was" cmp -s "$proof" proof-before.txt
expect_exit 0 "minisign: the old proof, with the first key" minisign -Vm "$proof" -p prog.pub

ROSTER=c/ledger/roster-0003.txt
expect_exit 0 "accord-verify: the first key pinned follows the chain" \
    "$ACCORD_VERIFY" -P prog.pub --roster "$ROSTER" --index c/ledger/index.txt c/bundles/amira-ben-r1.accord
expect_stdout "^OK c/bundles/amira-ben-r1.accord" "an old bundle is still valid"
expect_exit 1 "accord-verify: the new key pinned is not the chain's start" \
    "$ACCORD_VERIFY" -P new.pub --roster "$ROSTER" c/bundles/amira-ben-r1.accord
expect_stderr "roster-0001.txt.minisig: not the program key's signature of the roster \(revision 1" "roster 1 is named"
mkdir lone && cp "$ROSTER" "$ROSTER.minisig" lone/
expect_exit 2 "accord-verify: the earlier rosters must be beside the latest" \
    "$ACCORD_VERIFY" -P prog.pub --roster lone/roster-0003.txt c/bundles/amira-ben-r1.accord
expect_stderr "lone/roster-0001.txt: cannot read" "the missing file is named"

PROGID=$(sed -n 's/^untrusted comment: minisign public key \([0-9A-F]*\)$/\1/p' prog.pub)
# refused WHAT N KEY INFORCE: a copy of c whose roster N is re-signed by
# KEY, not INFORCE (the key ID in force at it), is refused by build and by
# accord-verify with the first key pinned, each naming the signature file
# and the key in force.
refused() {
    local copy="copy-$2"
    cp -r c "$copy"
    minisign -S -s "$3" -m "$copy/ledger/roster-000$2.txt" -x "$copy/ledger/roster-000$2.txt.minisig" \
        -t "accord-roster/1 program=demo revision=$2" >/dev/null
    expect_exit 1 "build refuses $1" "$ACCORD" build -C "$copy" -o "site-$copy"
    expect_stderr "roster-000$2.txt.minisig: .*not the signature of .*roster-000$2.txt by the program key in force at index entry [0-9]+ \(key ID $4\)" "build names roster $2's signature and the key in force"
    expect_exit 1 "accord-verify refuses $1" \
        "$ACCORD_VERIFY" -P prog.pub --roster "$copy/ledger/roster-0003.txt" c/bundles/amira-ben-r1.accord
    expect_stderr "roster-000$2.txt.minisig: not the program key's signature of the roster \(revision $2, key ID $4 in force\)" "accord-verify names roster $2's signature and the key in force"
}
refused "roster 3 signed by the old key, no longer in force" 3 prog.key "$NEWID"
refused "a change forged with the new key alone" 2 new.key "$PROGID"
# The chain's links: each revision, signed by the key in force, must still
# be the next one: its own number, and the SHA-256 of the one before.
cp -r c copy-previous
sed -i "4s/.*/previous $(sha256sum <c/ledger/roster-0001.txt | cut -d' ' -f1)/" copy-previous/ledger/roster-0003.txt
minisign -S -s new.key -m copy-previous/ledger/roster-0003.txt -x copy-previous/ledger/roster-0003.txt.minisig \
    -t "accord-roster/1 program=demo revision=3" >/dev/null
expect_exit 1 "accord-verify refuses a latest roster that names revision 1 as the one before" \
    "$ACCORD_VERIFY" -P prog.pub --roster copy-previous/ledger/roster-0003.txt c/bundles/amira-ben-r1.accord
expect_stderr "copy-previous/ledger/roster-0003.txt: is not the next revision of the roster's chain" "it names the latest roster"
cp -r c copy-swapped
cp c/ledger/roster-0001.txt copy-swapped/ledger/roster-0002.txt
cp c/ledger/roster-0001.txt.minisig copy-swapped/ledger/roster-0002.txt.minisig
expect_exit 1 "accord-verify refuses revision 1, signed, in revision 2's place" \
    "$ACCORD_VERIFY" -P prog.pub --roster copy-swapped/ledger/roster-0003.txt c/bundles/amira-ben-r1.accord
expect_stderr "copy-swapped/ledger/roster-0002.txt: is not the next revision of the roster's chain" "it names the file out of place"
