#!/usr/bin/env bash
# verify_matrix.sh - the verifier's negative matrix: every hostile bundle is
# refused by accord-verify with exit 1 and its own reason. Hostile archives
# are built here, by verify_forge.c (C, linked to the verifier library) and
# by shell, from the committed known-answer bundle.
#
# With MATRIX_OUT naming a directory, each bundle checked (refused or
# verified) is also copied there, as it is when checked, and a line
# "COPY<TAB>refuse|accept<TAB>WHAT<TAB>KEY ARGUMENTS" is appended to
# MATRIX_OUT/cases.tsv (tests/lib.sh's record; tests/browser/parity.test.mjs
# gives them to the pages' verifier). Without it nothing changes.
. "$(dirname "$0")/../lib.sh"
FIX="$ROOT/tests/fixtures/verify"
GOOD="$FIX/ada.accord"
PUB="$FIX/ada.pub"
FORGE="$T/verify_forge"

compile_tool verify_forge "$FORGE"

# refuse WHAT FILE PATTERN [KEYARGS...]: accord-verify exits 1 with
# "FAIL FILE: ..." matching PATTERN.
refuse() {
    local what=$1 file=$2 pattern=$3
    shift 3
    [ $# -gt 0 ] || set -- -p "$PUB"
    record refuse "$what" "$file" "$@"
    run "$ACCORD_VERIFY" "$@" "$file"
    if [ "$rc" -eq 1 ] && grep -Eq -- "^FAIL .*: .*$pattern" "$T/stdout"; then
        ok "refuses $what (exit 1)"
    else
        not_ok "refuses $what: exit $rc, wanted 1 and /$pattern/"
        sed 's/^/# /' "$T/stdout" "$T/stderr" | head -5
    fi
}

# verifies WHAT FILE [KEYARGS...]: accord-verify exits 0 for FILE.
verifies() {
    local what=$1 file=$2
    shift 2
    [ $# -gt 0 ] || set -- -p "$PUB"
    record accept "$what" "$file" "$@"
    expect_exit 0 "$what" "$ACCORD_VERIFY" "$@" "$file"
}

forge() { "$FORGE" "$@" || not_ok "verify_forge $*"; }

# The control: the valid bundle, and the raw writer's copy of it, verify.
verifies "the known-answer bundle verifies" "$GOOD"
forge raw "$GOOD" plain "$T/plain.accord"
verifies "the raw writer's plain copy verifies (so each anomaly below is the cause)" "$T/plain.accord"

# Keys and signatures.
refuse "a bundle checked with the wrong key" "$GOOD" "signed with key ID .*not the trusted key" \
    -p "$FIX/other.pub"
sed 's/revision="1"/revision="2"/' "$FIX/ada-answers.xml" >"$T/rev2.xml"
printf 'format: accord-bundle 1\nkind: answers\nprogram: kat\nagreement: ada-grace\nrevision: 2\nrole: mentee\nparty: ada\nquestionnaire: tiny@1\nquestionnaire-sha256: 3ade60a5dfd7ae99f87b0118d4dbb5a34c222b13b6b2589667f7ed9ec881c971\nprevious: %s\ncreated: 2026-03-02T14:05:00Z\n' "$(printf 'a%.0s' $(seq 64))" >"$T/META2"
forge replace "$GOOD" META "$T/META2" "$T/b0.accord"
forge resign "$T/b0.accord" "$FIX/ada.key" canonical "$T/rev2.accord"
verifies "a re-signed revision 2 verifies" "$T/rev2.accord"
forge swap-sig "$GOOD" "$T/rev2.accord" "$T/moved.accord"
refuse "a signature moved from another bundle" "$T/moved.accord" "signature does not match MANIFEST"
forge resign "$GOOD" "$FIX/ada.key" tc "$T/tc-resigned.accord"
refuse "a validly signed trusted comment that is not META's" "$T/tc-resigned.accord" \
    "trusted comment does not match META"
forge sig "$GOOD" tc "$T/tc-edited.accord"
refuse "an edited trusted comment" "$T/tc-edited.accord" "trusted comment signature does not verify"
forge sig "$GOOD" alg-Ed "$T/relabel.accord"
refuse "algorithm bytes relabelled ED to Ed" "$T/relabel.accord" 'labelled legacy "Ed" does not verify'
forge resign "$GOOD" "$FIX/ada.key" legacy "$T/legacy.accord"
refuse "a valid legacy Ed signature" "$T/legacy.accord" 'legacy algorithm "Ed" refused'
forge sig "$T/legacy.accord" alg-ED "$T/legacy-relabel.accord"
refuse "a legacy signature relabelled ED" "$T/legacy-relabel.accord" 'legacy "Ed" signature relabelled'
forge sig "$GOOD" b64 "$T/b64.accord"
refuse "non-canonical base64 in the signature" "$T/b64.accord" "not canonical base64"
head -c 5000 /dev/zero | tr '\0' 'a' | sed 's/^/untrusted comment: x\n/' >"$T/bigsig"
forge replace "$GOOD" signatures/ada.minisig "$T/bigsig" "$T/bigsig.accord"
refuse "an oversized signature file" "$T/bigsig.accord" "signature file is larger than"
printf 'garbage\n' >"$T/garbage.sig"
forge replace "$GOOD" signatures/ada.minisig "$T/garbage.sig" "$T/garbage-sig.accord"
refuse "a garbage signature file" "$T/garbage-sig.accord" "not four lines"

# Members and MANIFEST.
sed 's/weekly/monthly/' "$FIX/ada-answers.xml" >"$T/swapped.xml"
forge replace "$GOOD" answers.xml "$T/swapped.xml" "$T/swapped.accord"
refuse "a member swapped" "$T/swapped.accord" "member answers.xml does not match its MANIFEST digest"
# A questionnaire snapshot the same length as the true one, one byte
# changed, checked in the same run just after and just before the true one:
# a snapshot is taken as hashed before only when every byte is the same.
unzip -p "$GOOD" questionnaire.xml | sed 's/Tiny questionnaire/Tiny questionnairf/' >"$T/snapshot.xml"
forge replace "$GOOD" questionnaire.xml "$T/snapshot.xml" "$T/snapshot.accord"
for first in true changed; do
    pair=("$GOOD" "$T/snapshot.accord")
    [ "$first" = true ] || pair=("$T/snapshot.accord" "$GOOD")
    run "$ACCORD_VERIFY" -p "$PUB" "${pair[@]}"
    if [ "$rc" -eq 1 ] && grep -q "^OK .*/ada.accord: " "$T/stdout" &&
        grep -q "^FAIL .*/snapshot.accord: member questionnaire.xml does not match its MANIFEST digest" \
            "$T/stdout" && [ "$(wc -l <"$T/stdout")" -eq 2 ]; then
        ok "a snapshot one byte off is refused beside the true one ($first one first)"
    else
        not_ok "a snapshot one byte off beside the true one ($first one first): exit $rc"
        sed 's/^/# /' "$T/stdout" "$T/stderr" | head -5
    fi
done
printf 'extra\n' >"$T/extra"
forge replace "$GOOD" notes.txt "$T/extra" "$T/added.accord"
refuse "a member added" "$T/added.accord" "unexpected member notes.txt"
forge remove "$GOOD" questionnaire.xml "$T/removed.accord"
refuse "a member removed" "$T/removed.accord" "missing member questionnaire.xml"
forge remove "$GOOD" signatures/ada.minisig "$T/unsigned.accord"
refuse "a missing signature" "$T/unsigned.accord" "missing member signatures/ada.minisig"
sed 's/^revision: 2$/revision: 1/; s/^role: mentee$/role: mentor/; s/^previous: .*/previous: none/' "$T/META2" >"$T/META-edited"
forge replace "$GOOD" META "$T/META-edited" "$T/meta.accord"
refuse "META edited" "$T/meta.accord" "member META does not match its MANIFEST digest"
printf 'format: accord-bundle 1\nkind: answers\n' >"$T/META-bad"
forge replace "$GOOD" META "$T/META-bad" "$T/meta-bad.accord"
refuse "a malformed META" "$T/meta-bad.accord" "META is not 11 lines"
forge resign "$GOOD" "$FIX/ada.key" unsorted "$T/unsorted.accord"
refuse "a validly signed MANIFEST out of order" "$T/unsorted.accord" "MANIFEST line 2 is out of order"
forge resign "$GOOD" "$FIX/ada.key" upper "$T/upper.accord"
refuse "a validly signed MANIFEST with uppercase hex" "$T/upper.accord" "MANIFEST line 1 is not"
forge resign "$GOOD" "$FIX/ada.key" crlf "$T/crlf.accord"
refuse "a validly signed MANIFEST with CRLF" "$T/crlf.accord" "MANIFEST line 1: .*byte 0x0d"
forge resign "$GOOD" "$FIX/ada.key" omit "$T/omit.accord"
refuse "a validly signed MANIFEST that omits a member" "$T/omit.accord" \
    "member questionnaire.xml is not listed in MANIFEST"
refuse "the committed forgery" "$FIX/forged.accord" "signature does not match MANIFEST"
sed 's/^kind: answers$/kind: agreement/; s/^role: mentee$/role: agreement/; s/^party: ada$/party: ada,grace/' \
    "$T/META2" >"$T/META-agreement"
forge replace "$GOOD" META "$T/META-agreement" "$T/agreement.accord"
refuse "an answers bundle relabelled as an agreement" "$T/agreement.accord" \
    "unexpected member answers.xml \\(not part of agreement ada-grace\\)"

# Archive layout.
head -c 1500 "$GOOD" >"$T/truncated.accord"
refuse "a truncated archive" "$T/truncated.accord" "not a zip archive"
printf 'this is not a zip\n' >"$T/text.accord"
refuse "a file that is not a zip" "$T/text.accord" "not a zip archive"
: >"$T/empty.accord"
refuse "an empty file" "$T/empty.accord" "not a zip archive"
{ printf 'MZ-prepended'; cat "$GOOD"; } >"$T/prepended.accord"
refuse "bytes prepended" "$T/prepended.accord" "bytes before the first member"
{ cat "$GOOD"; printf 'appended'; } >"$T/appended.accord"
refuse "bytes appended" "$T/appended.accord" "bytes follow the end of the archive"
truncate -s 70M "$T/huge.accord"
refuse "an archive over the size bound" "$T/huge.accord" "larger than"
for m in dup:"duplicate member name answers.xml" \
    casedup:"duplicate member name ANSWERS.XML" \
    traversal:"'\.\.' component" \
    absolute:"absolute path" \
    backslash:"has a '\\\\'" \
    control:"control or non-ASCII byte 0x1b" \
    symlink:"member link is a symbolic link" \
    dir:"member folder is a directory" \
    encrypted:"member answers.xml is encrypted" \
    datadesc:"unsupported flags" \
    deflate:"compressed \(method 8\)" \
    comment:"the archive has a comment" \
    gap:"bytes hidden before member" \
    cdgap:"bytes hidden between the last member and the central directory" \
    namemismatch:"local and central headers of member answers.xml disagree" \
    toomany:"archive has 305 members"; do
    mode=${m%%:*}
    forge raw "$GOOD" "$mode" "$T/raw-$mode.accord"
    refuse "raw layout: $mode" "$T/raw-$mode.accord" "${m#*:}"
done
# A real deflated archive, made by Info-ZIP's zip from the good bundle's files.
if command -v zip >/dev/null && command -v unzip >/dev/null; then
    mkdir -p "$T/x" && (cd "$T/x" && unzip -q "$GOOD" && zip -qX -D ../deflated.accord \
        META answers.xml questionnaire.xml MANIFEST signatures/ada.minisig &&
        zip -qX -D -0 ../stored.accord META answers.xml questionnaire.xml MANIFEST \
            signatures/ada.minisig)
    refuse "an archive zip deflated" "$T/deflated.accord" "compressed \(method 8\)"
    verifies "the same files stored by Info-ZIP zip verify" "$T/stored.accord"
else
    not_ok "zip and unzip are installed (make deps-test)"
fi

# Hostile public keys: refused with exit 1, before any bundle is read.
key_refused() {
    local what=$1 file=$2 pattern=$3
    run "$ACCORD_VERIFY" -p "$file" "$GOOD"
    if [ "$rc" -eq 1 ] && grep -Eq -- "$pattern" "$T/stderr" && ! grep -q '^OK' "$T/stdout"; then
        ok "refuses $what (exit 1)"
    else
        not_ok "refuses $what: exit $rc, wanted 1 and /$pattern/"
        sed 's/^/# /' "$T/stderr" | head -3
    fi
}
printf 'garbage\x01\n' >"$T/k1.pub"
key_refused "a garbage public key" "$T/k1.pub" "not two lines"
{ head -1 "$PUB"; echo "RWQ="; } >"$T/k2.pub"
key_refused "a public key of the wrong length" "$T/k2.pub" "not canonical base64 of 42 bytes"
{ head -1 "$PUB"; tail -1 "$PUB" | sed 's/^RW/XX/'; } >"$T/k3.pub"
key_refused "a public key of another algorithm" "$T/k3.pub" 'not Ed25519'
head -c 10000 /dev/zero | tr '\0' 'A' >"$T/k4.pub"
key_refused "an oversized public key file" "$T/k4.pub" "larger than 4096"
{ head -1 "$PUB"; tail -1 "$PUB" | tr -d '\n'; printf '\r\n'; } >"$T/k6.pub"
key_refused "a public key with CRLF" "$T/k6.pub" "not two lines"
{ head -1 "$PUB"; tail -1 "$PUB" | sed 's/$/==/'; } >"$T/k7.pub"
key_refused "a public key in non-canonical base64 (stray padding)" "$T/k7.pub" "not canonical base64"
