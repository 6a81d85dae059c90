#!/usr/bin/env bash
# agreement_countersign.sh - accord sign --countersign (contract D3): who may
# sign, the signed= trusted comment, in-place atomic writes and -o, signing
# twice, exit codes, and the auditor's path (minisign -V, sha256sum -c).
. "$(dirname "$0")/agreement_setup.inc"
T_SIGN=1772470000 # 2026-03-02T16:46:40Z

expect_exit 1 "an agreement nobody signed yet awaits both" "$ACCORD_VERIFY" -r $K r1.accord
expect_stdout "^AWAITING r1.accord: .*awaiting signatures from ada, grace" "names both parties"
cp r1.accord orig.accord

# Who may sign.
expect_exit 1 "a key of someone not a party is refused" \
    "$ACCORD" sign --countersign -r $K -s "$FIX/other.key" r1.accord
expect_stderr "is zed's .* zed is not a party to agreement ada-grace \(ada and grace are\)" \
    "says the signer is not a party"
expect_exit 1 "a key not in the key directory is refused" \
    "$ACCORD" sign --countersign -r $K -s "$FIX/ada-old.key" r1.accord
expect_stderr "key ID [0-9A-F]{16} is not among the trusted keys of c/keys/" "says the key is unknown"
check "a refused signer leaves the bundle as it was" cmp r1.accord orig.accord

# In place, atomically.
ino_before=$(stat -c %i r1.accord)
expect_exit 0 "the mentee countersigns in place" env SOURCE_DATE_EPOCH=$T_SIGN \
    "$ACCORD" sign --countersign -C c -s "$FIX/ada.key" r1.accord
expect_stdout "signed by ada at 2026-03-02T16:46:40Z; still awaiting grace" "says who signed and who is awaited"
if [ "$(stat -c %i r1.accord)" != "$ino_before" ]; then ok "the bundle was replaced by rename, not rewritten"; else
    not_ok "the bundle was rewritten in place (same inode)"; fi
if ls ./*.tmp.* >/dev/null 2>&1; then not_ok "no temporary file is left behind"; else ok "no temporary file is left behind"; fi
expect_exit 1 "one signature: still awaiting (exit 1)" "$ACCORD_VERIFY" -r $K r1.accord
expect_stdout "awaiting signatures from grace\)$" "now awaits only the mentor"
run "$ACCORD_VERIFY" -v -r $K r1.accord
expect_stdout "signature signatures/ada.minisig by ada: key ID [0-9A-F]{16}: good" "-v shows the countersignature"
expect_stdout "trusted comment: accord/1 format=accord-bundle 1 kind=agreement .* created=2026-03-02T15:00:00Z signed=2026-03-02T16:46:40Z$" \
    "its trusted comment is META's plus signed=<time>"
expect_stdout "^    signed: 2026-03-02T16:46:40Z$" "-v shows when the party signed"
run "$ACCORD_VERIFY" --json -r $K r1.accord
expect_stdout '"party": "ada", "key_id": "[0-9A-F]{16}", "trusted_comment": "[^"]*", "signed": "2026-03-02T16:46:40Z"' \
    "--json carries the signed time"

# Twice.
cp r1.accord once.accord
expect_exit 0 "signing twice is not an error" env SOURCE_DATE_EPOCH=$((T_SIGN + 60)) \
    "$ACCORD" sign --countersign -r $K -s "$FIX/ada.key" r1.accord
expect_stdout "ada already signed this agreement \(at 2026-03-02T16:46:40Z\); nothing to do" "says so"
check "and changes nothing" cmp r1.accord once.accord

# -o.
expect_exit 0 "the mentor countersigns into another file with -o" env SOURCE_DATE_EPOCH=$((T_SIGN + 3600)) \
    "$ACCORD" sign --countersign -r $K -s "$FIX/grace.key" r1.accord -o both.accord
check "-o leaves the input as it was" cmp r1.accord once.accord
expect_exit 0 "both signatures: valid" "$ACCORD_VERIFY" -r $K both.accord
expect_stdout "^OK both.accord: agreement, ada-grace, agreement, ada,grace, 1$" "its OK line"
expect_exit 1 "-o refuses an existing file" env SOURCE_DATE_EPOCH=$((T_SIGN + 3600)) \
    "$ACCORD" sign --countersign -r $K -s "$FIX/grace.key" r1.accord -o both.accord
expect_stderr "both.accord: exists; not overwritten \(use -f\)" "says why"
expect_exit 0 "-o -f overwrites it" env SOURCE_DATE_EPOCH=$((T_SIGN + 3600)) \
    "$ACCORD" sign --countersign -f -r $K -s "$FIX/grace.key" r1.accord -o both2.accord
check "signing is deterministic (same time, same bytes)" cmp both.accord both2.accord
check "the digest (MANIFEST) does not change as signatures are added" test \
    "$("$ACCORD_VERIFY" -v -r $K once.accord | grep 'bundle digest')" = \
    "$("$ACCORD_VERIFY" -v -r $K both.accord | grep 'bundle digest')"

# An encrypted key (minisign's own), trusted as an older key of ada's.
cp orig.accord enc.accord
cp "$FIX/minisign-enc.pub" $K/ada.enc.pub
expect_exit 0 "an encrypted key with --password-file" env SOURCE_DATE_EPOCH=$T_SIGN \
    "$ACCORD" sign --countersign -r $K -s "$FIX/minisign-enc.key" \
    --password-file "$FIX/minisign-enc.password" enc.accord
echo wrong >wrong.password
cp orig.accord enc2.accord
expect_exit 1 "a wrong password" env SOURCE_DATE_EPOCH=$T_SIGN \
    "$ACCORD" sign --countersign -r $K -s "$FIX/minisign-enc.key" --password-file wrong.password enc2.accord
check "a wrong password leaves the bundle as it was" cmp enc2.accord orig.accord
rm $K/ada.enc.pub

# Exit codes and refusals.
expect_exit 2 "no key named: usage (exit 2)" "$ACCORD" sign --countersign r1.accord
expect_exit 2 "an unknown option" "$ACCORD" sign --countersign -s "$FIX/ada.key" --sideways r1.accord
expect_exit 2 "a bundle that cannot be read" "$ACCORD" sign --countersign -r $K -s "$FIX/ada.key" missing.accord
expect_exit 2 "a key directory that cannot be read" "$ACCORD" sign --countersign -r nokeys -s "$FIX/ada.key" r1.accord
expect_exit 1 "an answers bundle is not countersigned" "$ACCORD" sign --countersign -r $K -s "$FIX/ada.key" ada1.accord
expect_stderr "an answers bundle, not an agreement" "says what it is"
cp orig.accord tampered.accord
printf 'x' >>tampered.accord
expect_exit 1 "a bundle that does not verify is refused" "$ACCORD" sign --countersign -r $K -s "$FIX/ada.key" tampered.accord
expect_stderr "tampered.accord: refused: " "says why it refused"
cp orig.accord early.accord
expect_exit 1 "a signing time before the agreement was created" env SOURCE_DATE_EPOCH=$T_ADA \
    "$ACCORD" sign --countersign -r $K -s "$FIX/ada.key" early.accord
expect_stderr "before the agreement was created \(2026-03-02T15:00:00Z\)" "says so"
expect_exit 0 "--help" "$ACCORD" sign --countersign --help
expect_stdout "usage: accord sign --countersign" "--help shows the countersign usage"

# Merging copies signed separately (what accord build does, contract D4).
cp orig.accord g.accord
countersign $((T_SIGN + 7200)) "$FIX/grace.key" g.accord
af merge merged.accord once.accord g.accord
expect_exit 0 "two copies each signed by one party merge into a signed agreement" "$ACCORD_VERIFY" -r $K merged.accord
af merge merged2.accord g.accord once.accord
check "merging is independent of the copies' order" cmp merged.accord merged2.accord
sign_answers $((T_GRACE + 60)) "$FIX/grace.key" "$FIX/grace-answers.xml" grace1b.accord
af write ada1.accord grace1b.accord other.accord
if "$AF" merge bad.accord once.accord other.accord 2>/dev/null; then not_ok "copies with different digests do not merge"; else
    ok "copies with different digests do not merge"; fi

# The auditor's path: stock minisign and sha256sum.
if command -v minisign >/dev/null && command -v unzip >/dev/null; then
    mkdir a && (cd a && unzip -q ../both.accord)
    expect_exit 0 "minisign -V accepts the mentee's countersignature over MANIFEST" \
        minisign -V -m a/MANIFEST -x a/signatures/ada.minisig -p "$FIX/ada.pub"
    expect_stdout "Trusted comment: accord/1 .* signed=2026-03-02T16:46:40Z" "minisign shows the signed time"
    expect_exit 0 "minisign -V accepts the mentor's" \
        minisign -V -m a/MANIFEST -x a/signatures/grace.minisig -p "$FIX/grace.pub"
    run sh -c 'cd a && sha256sum -c MANIFEST'
    if [ "$rc" -eq 0 ] && [ "$(grep -c ': OK$' "$T/stdout")" -eq 13 ]; then ok "sha256sum -c MANIFEST checks all 13 signed members"; else
        not_ok "sha256sum -c MANIFEST: exit $rc"; fi
    check "MANIFEST lists agreement.html" grep -q '  agreement.html$' a/MANIFEST
    check "the embedded answers bundle is accord sign's, byte for byte" \
        sh -c 'mkdir b && cd b && unzip -q ../ada1.accord && cmp answers.xml ../a/parties/ada/answers.xml && cmp MANIFEST ../a/parties/ada/MANIFEST && cmp signatures/ada.minisig ../a/parties/ada/signatures/ada.minisig'
fi
