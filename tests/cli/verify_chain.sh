#!/usr/bin/env bash
# verify_chain.sh - accord-verify --chain: an agreement's
# revisions 1..N, each fully signed, each naming the digest of the one before
# (META previous, taken by accord sign from the answers file), created in
# order, between the same parties. One line per problem; exit 0, 1 or 2.
. "$(dirname "$0")/agreement_setup.inc"
DAY=86400
digest() { "$ACCORD_VERIFY" -v -r $K "$1" | sed -n 's/^  bundle digest (sha256 of MANIFEST): //p'; }
# revision N PREVIOUS EPOCH OUT: answers of revision N signed by accord sign
# at EPOCH (mentee) and EPOCH+60 (mentor), the agreement written by the
# verifier library and countersigned by both at EPOCH+3600 and +7200 (by the
# forge: accord sign --countersign takes only pages accord build made, and
# these chains are made wrong on purpose, which the build would refuse).
revision() {
    local n=$1 prev=$2 t=$3 out=$4
    sed "s/revision=\"1\"/revision=\"$n\" previous=\"$prev\"/" "$FIX/ada-answers.xml" >ada$n.xml
    sed "s/revision=\"1\"/revision=\"$n\" previous=\"$prev\"/" "$FIX/grace-answers.xml" >grace$n.xml
    sign_answers "$t" "$FIX/ada.key" ada$n.xml "ada-$out"
    sign_answers $((t + 60)) "$FIX/grace.key" grace$n.xml "grace-$out"
    af write "ada-$out" "grace-$out" "$out.0"
    af sign "$out.0" "$FIX/ada.key" ada $((t + 3600)) ok "$out.1"
    af sign "$out.1" "$FIX/grace.key" grace $((t + 7200)) ok "$out"
}
countersign $((T_GRACE + 3600)) "$FIX/ada.key" r1.accord
countersign $((T_GRACE + 7200)) "$FIX/grace.key" r1.accord
D1=$(digest r1.accord)
check "revision 1 is fully signed" "$ACCORD_VERIFY" -r $K r1.accord
T2=$((T_GRACE + 180 * DAY))
revision 2 "$D1" $T2 r2.accord
run "$ACCORD_VERIFY" -v -r $K ada-r2.accord
expect_stdout "^  meta previous: $D1$" "accord sign takes META previous from the answers file"
run "$ACCORD_VERIFY" -v -r $K r2.accord
expect_stdout "^  meta previous: $D1$" "the agreement's previous is the answers bundles'"
D2=$(digest r2.accord)
T3=$((T2 + 180 * DAY))
revision 3 "$D2" $T3 r3.accord

expect_exit 0 "revisions 1, 2, 3 form a chain" "$ACCORD_VERIFY" -r $K --chain r1.accord r2.accord r3.accord
expect_stdout "^OK chain: agreement ada-grace between ada,grace, revisions 1 to 3, each signed by both$" "its OK line"
expect_exit 0 "named in any order" "$ACCORD_VERIFY" -r $K --chain r3.accord r1.accord r2.accord
expect_exit 0 "revision 1 alone is a chain" "$ACCORD_VERIFY" -r $K --chain r1.accord

# chain_refuses WHAT PATTERN BUNDLE...: exit 1 with a line matching PATTERN.
chain_refuses() {
    local what=$1 pat=$2
    shift 2
    run "$ACCORD_VERIFY" -r $K --chain "$@"
    if [ "$rc" -eq 1 ] && grep -Eq -- "^FAIL $pat" "$T/stdout"; then ok "refuses $what (exit 1)"; else
        not_ok "refuses $what: exit $rc, wanted /FAIL $pat/"
        sed 's/^/# /' "$T/stdout" | head -5
    fi
}
chain_refuses "a gap (revision 2 missing)" "chain: revision 2 is missing from the chain$" r1.accord r3.accord
if [ "$(wc -l <"$T/stdout")" -eq 1 ]; then ok "one line for one problem"; else
    not_ok "one line for one problem: $(wc -l <"$T/stdout") lines"; fi
chain_refuses "a chain that does not start at 1" "chain: revision 1 is missing from the chain$" r2.accord r3.accord
chain_refuses "a revision given twice" "r1b.accord: revision 1 appears twice \(also r1.accord\)" \
    r1.accord "$(cp r1.accord r1b.accord && echo r1b.accord)" r2.accord

# Reordered revisions: previous pointing elsewhere, created out of order.
revision 2 "$(printf 'c%.0s' $(seq 64))" $T2 wrongprev.accord
chain_refuses "a revision whose previous is not the digest of the one before" \
    "wrongprev.accord: revision 2 names previous c{64}, but revision 1 \(r1.accord\) has digest $D1$" \
    r1.accord wrongprev.accord
revision 2 "$D1" $((T_GRACE - DAY)) early.accord
chain_refuses "a revision created before the one it revises" \
    "early.accord: revision 2 was created 2026-03-01T15:01:00Z, not after revision 1 \(created 2026-03-02T15:00:00Z\)" \
    r1.accord early.accord
# Signers write their own signing times: only created times are compared,
# so a review created before revision 1's last signature still chains.
revision 2 "$D1" $((T_GRACE + 600)) beforesigned.accord
expect_exit 0 "a review created after revision 1, before its last signature, chains" \
    "$ACCORD_VERIFY" -r $K --chain r1.accord beforesigned.accord
revision 3 "$D2" $((T2 - DAY)) r3early.accord
chain_refuses "revision 3 dated before revision 2" "r3early.accord: revision 3 was created .*, not after revision 2" \
    r1.accord r2.accord r3early.accord

# Not fully signed, not valid, not an agreement.
sed "s/revision=\"1\"/revision=\"2\" previous=\"$D1\"/" "$FIX/ada-answers.xml" >a2.xml
sed "s/revision=\"1\"/revision=\"2\" previous=\"$D1\"/" "$FIX/grace-answers.xml" >g2.xml
sign_answers $T2 "$FIX/ada.key" a2.xml a2.accord
sign_answers $T2 "$FIX/grace.key" g2.xml g2.accord
af write a2.accord g2.accord half.0
af sign half.0 "$FIX/ada.key" ada $((T2 + 60)) ok half.accord
chain_refuses "a revision only one party signed" \
    "half.accord: revision 2 is not fully signed \(awaiting signatures from grace\)" r1.accord half.accord
cp r2.accord broken.accord && printf 'x' >>broken.accord
chain_refuses "a revision that does not verify" "broken.accord: does not verify: " r1.accord broken.accord
chain_refuses "an answers bundle in the chain" "ada1.accord: is an answers bundle, not an agreement bundle" \
    r1.accord ada1.accord

# Someone outside the agreement: revision 2 between ada and zed (a person
# the content once named as ada-grace's mentor), validly signed by both.
mkdir cz && cp -R c/* cz/
sed 's/mentor="grace"/mentor="zed"/; s|^\(.*<person id="grace".*\)$|\1\n  <person id="zed" name="Zed Outsider"/>|' \
    c/people.xml >cz/people.xml
sed "s/party=\"grace\"/party=\"zed\"/; s/revision=\"1\"/revision=\"2\" previous=\"$D1\"/" \
    "$FIX/grace-answers.xml" >z2.xml
SOURCE_DATE_EPOCH=$((T2 + 60)) "$ACCORD" sign -C cz -s "$FIX/other.key" z2.xml -o z2.accord 2>"$T/z.log" ||
    { not_ok "accord sign as zed"; sed 's/^/# /' "$T/z.log"; }
af write a2.accord z2.accord zed.0
af sign zed.0 "$FIX/ada.key" ada $((T2 + 3600)) ok zed.1
af sign zed.1 "$FIX/other.key" zed $((T2 + 7200)) ok zed.accord
check "the outsider's revision verifies on its own" "$ACCORD_VERIFY" -r $K zed.accord
chain_refuses "a revision signed by someone outside the agreement" \
    "zed.accord: revision 2 is between ada,zed, not ada,grace as r1.accord is" r1.accord zed.accord

# Usage and unreadable files.
expect_exit 2 "a bundle that cannot be read (exit 2)" "$ACCORD_VERIFY" -r $K --chain r1.accord missing.accord
expect_exit 2 "--chain with --json is a usage error" "$ACCORD_VERIFY" -r $K --chain --json r1.accord
expect_exit 2 "--chain without bundles" "$ACCORD_VERIFY" -r $K --chain
expect_exit 0 "accord-verify --help" "$ACCORD_VERIFY" --help
expect_stdout "--chain +the bundles are the revisions of one agreement" "--help describes --chain"
