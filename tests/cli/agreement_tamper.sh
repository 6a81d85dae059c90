#!/usr/bin/env bash
# agreement_tamper.sh - accord-verify refuses every altered agreement bundle
# (contracts D2, D3), each with its own reason and exit 1. The agreements are
# written by the verifier library's writer from answers bundles made by
# accord sign; the forgeries are re-signed by both parties where that is what
# an attacker holding the keys could do, so only the rule under test fails.
# With MATRIX_OUT, each agreement checked is recorded for
# tests/browser/parity.test.mjs (tests/lib.sh's record).
. "$(dirname "$0")/agreement_setup.inc"
T_SIGN=1772470000
both() { # IN OUT: countersigned by both parties with the right keys
    af sign "$1" "$FIX/ada.key" ada $T_SIGN ok "$2.tmp"
    af sign "$2.tmp" "$FIX/grace.key" grace $((T_SIGN + 60)) ok "$2"
}
both r1.accord good.accord
record accept "the untampered agreement" good.accord -r "$K"
expect_exit 0 "the untampered agreement verifies" "$ACCORD_VERIFY" -r $K good.accord
if ! { mkdir x && (cd x && unzip -q ../good.accord); }; then not_ok "unzip"; fi

# An embedded answer changed, the agreement re-signed over it.
sed 's/weekly/daily/' x/parties/ada/answers.xml >changed.xml
af edit r1.accord parties/ada/answers.xml changed.xml e.accord
both e.accord answer.accord
refuse "an embedded answer changed after the mentee signed it" answer.accord \
    "member parties/ada/answers.xml does not match its MANIFEST digest \(parties/ada/MANIFEST\)"

# Signatures missing or by the wrong key.
af sign r1.accord "$FIX/ada.key" ada $T_SIGN ok one.accord
record awaiting:grace "a party's countersignature missing" one.accord -r "$K"
expect_exit 1 "a party's countersignature missing: awaiting, not valid" "$ACCORD_VERIFY" -r $K one.accord
expect_stdout "^AWAITING one.accord: .*\(awaiting signatures from grace\)$" "names the party who has not signed"
af drop r1.accord parties/grace/signatures/grace.minisig e.accord
both e.accord nosig.accord
refuse "the mentor's answers without the mentor's signature" nosig.accord \
    "missing member parties/grace/signatures/grace.minisig"
af sign r1.accord "$FIX/ada-old.key" ada $T_SIGN ok e.accord
af sign e.accord "$FIX/grace.key" grace $T_SIGN ok oldkey.accord
refuse "a countersignature by a key not in the key directory" oldkey.accord \
    "signatures/ada.minisig: signed with key ID [0-9A-F]{16}, which is not a trusted key of ada"
af sign r1.accord "$FIX/grace.key" ada $T_SIGN ok e.accord
refuse "a countersignature by the other party's key" e.accord \
    "signatures/ada.minisig: signed with key ID .* not a trusted key of ada"

# The mentee's answers presented as the final (mentor's) answers.
af edit r1.accord parties/grace/META x/parties/ada/META e.accord
both e.accord menteefinal.accord
refuse "the mentee's answers in the mentor's place" menteefinal.accord \
    "parties/grace/META is not grace's answers as mentor \(it holds ada's answers as mentee"
sed 's/^party: ada,grace$/party: grace,ada/' x/META >swapped.meta
af edit r1.accord META swapped.meta e.accord
both e.accord swapped.accord
refuse "the parties swapped in META (the mentor named as mentee)" swapped.accord \
    "parties/grace/META is not grace's answers as mentee \(it holds grace's answers as mentor"

# META disagreeing with the embedded bundles.
meta_case() { # WHAT SED PATTERN
    sed "$2" x/META >m.meta
    af edit r1.accord META m.meta e.accord
    both e.accord m.accord
    refuse "$1" m.accord "$3"
}
meta_case "META created not the later answers' created" 's/^created: .*/created: 2026-03-02T14:00:00Z/' \
    "META created 2026-03-02T14:00:00Z is not the later of the answers bundles' created times \(2026-03-02T15:00:00Z\)"
meta_case "META program differing from the answers'" 's/^program: kat$/program: other/' \
    "parties/ada/META program differs from the agreement's \(kat, agreement META says other\)"
meta_case "META revision differing from the answers'" \
    "s/^revision: 1\$/revision: 2/; s/^previous: none\$/previous: $(printf 'b%.0s' $(seq 64))/" \
    "parties/ada/META revision differs from the agreement's"
meta_case "META agreement differing from the answers'" 's/^agreement: ada-grace$/agreement: ada-grace-2/' \
    "parties/ada/META agreement differs from the agreement's"
meta_case "META questionnaire differing from the answers'" 's/^questionnaire: tiny@1$/questionnaire: tiny@2/' \
    "parties/ada/META questionnaire differs from the agreement's"

# questionnaire.xml: the agreement's must be both snapshots, byte for byte.
printf '<questionnaire/>\n' >q.xml
sed "s/^questionnaire-sha256: .*/questionnaire-sha256: $(sha256sum q.xml | cut -c1-64)/" x/META >q.meta
af edit r1.accord questionnaire.xml q.xml e.accord
af edit e.accord META q.meta e2.accord
both e2.accord q.accord
refuse "a questionnaire.xml that is not the parties' snapshot" q.accord \
    "parties/ada/META questionnaire-sha256 differs from the agreement's"
af edit r1.accord questionnaire.xml q.xml e.accord
both e.accord q2.accord
refuse "a questionnaire.xml that does not match META" q2.accord \
    "questionnaire.xml does not match META questionnaire-sha256"

# The signed= trusted comment (contract D3).
af sign r1.accord "$FIX/ada.key" ada $T_SIGN plain e.accord
refuse "a countersignature without signed=" e.accord \
    "signatures/ada.minisig: trusted comment is not META's followed by ' signed=<UTC time>'"
af sign r1.accord "$FIX/ada.key" ada $T_SIGN junk e.accord
refuse "a signed= time that does not exist" e.accord \
    "signatures/ada.minisig: signed time '2026-13-45T99:99:99Z' is not a valid UTC time"
af sign r1.accord "$FIX/ada.key" ada $T_ADA ok e.accord
refuse "a signature dated before the agreement was created" e.accord \
    "signatures/ada.minisig: signed at 2026-03-02T14:00:00Z, before the agreement was created \(2026-03-02T15:00:00Z\)"
run "$ACCORD_VERIFY" -r $K -v ada1.accord
expect_stdout "trusted comment: accord/1 .* created=2026-03-02T14:00:00Z$" "answers bundles keep exactly META's comment"
if grep -q "signed:" "$T/stdout"; then not_ok "answers signatures carry no signed time"; else ok "answers signatures carry no signed time"; fi

# agreement.html is signed like every other member.
printf '<p>changed</p>\n' >changed.html
af edit good.accord agreement.html changed.html e.accord
af sign e.accord "$FIX/ada.key" ada $T_SIGN ok html.accord
record awaiting:grace "a changed agreement.html with a new MANIFEST, signed by ada" html.accord -r "$K"
run "$ACCORD_VERIFY" -r $K html.accord
expect_stdout "^AWAITING html.accord: .*\(awaiting signatures from grace\)$" \
    "a changed agreement.html with a new MANIFEST needs new signatures"
