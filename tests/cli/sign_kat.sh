#!/usr/bin/env bash
# sign_kat.sh - accord sign: the known-answer test (signify's regress style:
# re-sign with the committed key, compare bytes with the committed bundle;
# Ed25519 is deterministic), the committed forgery, determinism across time
# zones, SOURCE_DATE_EPOCH, overwrite refusal, key warnings, exit codes and
# minisign-made secret keys (encrypted and -W).
. "$(dirname "$0")/../lib.sh"
FIX="$ROOT/tests/fixtures/verify"
C="$FIX/content"
ANS="$FIX/ada-answers.xml"

unset SOURCE_DATE_EPOCH
expect_exit 0 "accord sign with the committed key" "$ACCORD" sign -C "$C" -s "$FIX/ada.key" "$ANS" -o kat.accord
check "the bundle is byte for byte the committed known answer" cmp kat.accord "$FIX/ada.accord"
expect_exit 0 "the known answer verifies" "$ACCORD_VERIFY" -p "$FIX/ada.pub" kat.accord
expect_exit 1 "the committed forgery does not" "$ACCORD_VERIFY" -p "$FIX/ada.pub" "$FIX/forged.accord"
expect_stdout "^FAIL .*forged.accord: signatures/ada.minisig: signature does not match MANIFEST" \
    "the forgery's reason"

run env TZ=Asia/Tokyo "$ACCORD" sign -C "$C" -s "$FIX/ada.key" "$ANS" -o tokyo.accord
check "the same bytes in another time zone" cmp tokyo.accord "$FIX/ada.accord"
run env TZ=America/St_Johns "$ACCORD" sign -C "$C" -s "$FIX/ada.key" "$ANS" -o nf.accord
check "the same bytes in a half-hour time zone" cmp nf.accord "$FIX/ada.accord"

expect_exit 0 "SOURCE_DATE_EPOCH sets created" env SOURCE_DATE_EPOCH=1700000000 \
    "$ACCORD" sign -C "$C" -s "$FIX/ada.key" "$ANS" -o sde.accord
run "$ACCORD_VERIFY" -v -p "$FIX/ada.pub" sde.accord
expect_stdout "meta created: 2023-11-14T22:13:20Z" "created comes from SOURCE_DATE_EPOCH"
expect_exit 1 "a SOURCE_DATE_EPOCH that is not a time" env SOURCE_DATE_EPOCH=soon \
    "$ACCORD" sign -C "$C" -s "$FIX/ada.key" "$ANS" -o sde2.accord

# The bundle's members are what DESIGN.md says.
run "$ACCORD_VERIFY" -v -p "$FIX/ada.pub" kat.accord
expect_stdout "member [0-9a-f]{64}  questionnaire.xml" "lists questionnaire.xml"
if command -v unzip >/dev/null; then
    mkdir x && (cd x && unzip -q ../kat.accord)
    check "answers.xml is the answers file as given" cmp x/answers.xml "$ANS"
    check "MANIFEST is canonical: sorted, LF, exactly the signed members" \
        test "$(cut -c67- x/MANIFEST | tr '\n' ' ')" = "META answers.xml questionnaire.xml "
    check "META's questionnaire-sha256 is questionnaire.xml's digest" grep -q \
        "^questionnaire-sha256: $(sha256sum x/questionnaire.xml | cut -c1-64)\$" x/META
fi

# Overwriting.
expect_exit 1 "refuses to overwrite the output" "$ACCORD" sign -C "$C" -s "$FIX/ada.key" "$ANS" -o kat.accord
expect_stderr "exists; not overwritten" "says why"
expect_exit 0 "overwrites with -f" "$ACCORD" sign -f -C "$C" -s "$FIX/ada.key" "$ANS" -o kat.accord
check "still the known answer after -f" cmp kat.accord "$FIX/ada.accord"

# A different key for the party in content/keys: warn, go on.
cp -R "$C" c2 && cp "$FIX/other.pub" c2/keys/ada.pub
expect_exit 0 "signs although content/keys holds another key for the party" \
    "$ACCORD" sign -C c2 -s "$FIX/ada.key" "$ANS" -o warn.accord
expect_stderr "warning: .*different key for ada" "warns about the different key"
cp "$FIX/ada.pub" c2/keys/ada.pub
run "$ACCORD" sign -C c2 -s "$FIX/ada.key" "$ANS" -o nowarn.accord
if grep -q warning "$T/stderr"; then not_ok "no warning for the party's own key"; else ok "no warning for the party's own key"; fi

# Answers that do not check are not signed.
sed 's/weekly/fortnightly/' "$ANS" >bad.xml
expect_exit 1 "refuses answers that do not check" "$ACCORD" sign -C "$C" -s "$FIX/ada.key" bad.xml -o bad.accord
check "writes nothing for them" test ! -e bad.accord

# Usage and I/O.
expect_exit 2 "no -o" "$ACCORD" sign -C "$C" -s "$FIX/ada.key" "$ANS"
expect_exit 2 "an unknown option" "$ACCORD" sign --bogus -s "$FIX/ada.key" "$ANS" -o u.accord
expect_exit 2 "a missing secret key file" "$ACCORD" sign -C "$C" -s nokey "$ANS" -o u.accord
expect_exit 2 "a missing answers file" "$ACCORD" sign -C "$C" -s "$FIX/ada.key" none.xml -o u.accord
expect_exit 0 "--help" "$ACCORD" sign --help

# Hostile and garbage secret keys: refused before any expensive call.
compile_tool verify_forge forge
for m in scrypt:"scrypt limits above" alg:"algorithms are not" kdf:"unknown key derivation" \
    corrupt:"secret key is corrupt"; do
    ./forge seckey "$FIX/ada.key" "${m%%:*}" "hostile-${m%%:*}.key"
    start=$(date +%s)
    expect_exit 1 "refuses a hostile secret key (${m%%:*})" "$ACCORD" sign -C "$C" \
        --password-file "$FIX/minisign-enc.password" -s "hostile-${m%%:*}.key" "$ANS" -o h.accord
    expect_stderr "${m#*:}" "says why (${m%%:*})"
    check "refuses it before any scrypt run (${m%%:*})" test $(($(date +%s) - start)) -lt 10
done
printf 'not a key\n' >garbage.key
expect_exit 1 "refuses a garbage secret key" "$ACCORD" sign -C "$C" -s garbage.key "$ANS" -o g.accord
head -c 100000 /dev/zero >big.key
expect_exit 1 "refuses an oversized secret key file" "$ACCORD" sign -C "$C" -s big.key "$ANS" -o g.accord

# An encrypted key never reads standard input; without a terminal it asks for --password-file.
run setsid "$ACCORD" sign -C "$C" -s "$FIX/minisign-enc.key" "$ANS" -o enc.accord
if [ "$rc" -eq 2 ] && grep -q 'password-file' "$T/stderr"; then ok "no terminal: asks for --password-file (exit 2)"; else
    not_ok "no terminal: exit $rc"; fi
expect_exit 2 "a missing password file" "$ACCORD" sign -C "$C" -s "$FIX/minisign-enc.key" \
    --password-file nofile "$ANS" -o enc.accord

# minisign-made keys: encrypted (committed, made by minisign -G) and -W.
expect_exit 0 "signs with an encrypted key made by minisign -G" "$ACCORD" sign -C "$C" \
    -s "$FIX/minisign-enc.key" --password-file "$FIX/minisign-enc.password" "$ANS" -o enc.accord
expect_exit 0 "which verifies with its public key" "$ACCORD_VERIFY" -p "$FIX/minisign-enc.pub" enc.accord
printf 'wrong horse\n' >wrong.password
expect_exit 1 "refuses a wrong password" "$ACCORD" sign -C "$C" -s "$FIX/minisign-enc.key" \
    --password-file wrong.password "$ANS" -o wrong.accord
expect_stderr "wrong password" "says the password is wrong"
if command -v minisign >/dev/null; then
    minisign -G -W -p msw.pub -s msw.key </dev/null >/dev/null 2>&1
    expect_exit 0 "signs with a minisign -G -W key" "$ACCORD" sign -C "$C" -s msw.key "$ANS" -o msw.accord
    expect_exit 0 "which verifies" "$ACCORD_VERIFY" -p msw.pub msw.accord
    mkdir m && (cd m && unzip -q ../msw.accord)
    expect_exit 0 "minisign -V accepts it" minisign -V -m m/MANIFEST -x m/signatures/ada.minisig -p msw.pub
else
    not_ok "minisign is installed (make deps-test)"
fi
