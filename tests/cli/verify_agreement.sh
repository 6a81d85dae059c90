#!/usr/bin/env bash
# verify_agreement.sh - agreement bundles (DESIGN.md "Formats"): both
# parties' answers bundles embedded under parties/<id>/, countersignatures
# of the agreement's MANIFEST; outcomes valid, awaiting signatures, invalid.
# The bundles are built by verify_forge.c until accord writes them.
# With MATRIX_OUT, each agreement checked is recorded for
# tests/browser/parity.test.mjs (tests/lib.sh's record).
. "$(dirname "$0")/../lib.sh"
FIX="$ROOT/tests/fixtures/verify"
FORGE="$T/verify_forge"
compile_tool verify_forge "$FORGE"
mkdir keys && cp "$FIX/ada.pub" "$FIX/grace.pub" keys/
forge() { "$FORGE" "$@" || not_ok "verify_forge $*"; }
ADA="ada=$FIX/ada.key" GRACE="grace=$FIX/grace.key"

forge agreement "$FIX/ada.accord" "$FIX/grace.accord" both.accord "$ADA" "$GRACE"
record accept "an agreement both parties countersigned" both.accord -r keys
expect_exit 0 "an agreement both parties countersigned verifies" "$ACCORD_VERIFY" -r keys both.accord
expect_stdout "^OK both.accord: agreement, ada-grace, agreement, ada,grace, 1$" "its OK line"
forge agreement "$FIX/ada.accord" "$FIX/grace.accord" one.accord "$ADA"
record awaiting:grace "one countersignature" one.accord -r keys
expect_exit 1 "one countersignature: awaiting (exit 1)" "$ACCORD_VERIFY" -r keys one.accord
expect_stdout "^AWAITING one.accord: .*\(awaiting signatures from grace\)$" "says whose signature it awaits"
forge agreement "$FIX/ada.accord" "$FIX/grace.accord" none.accord
record awaiting:ada,grace "no countersignature" none.accord -r keys
expect_exit 1 "no countersignature: awaiting" "$ACCORD_VERIFY" -r keys none.accord
expect_stdout "awaiting signatures from ada, grace" "awaits both"
record awaiting:grace "one countersignature (--json)" one.accord --json -r keys
run "$ACCORD_VERIFY" --json -r keys one.accord
expect_stdout '"outcome": "awaiting signatures", "ok": false' "--json reports awaiting signatures"
record accept "an agreement both parties countersigned (-v)" both.accord -v -r keys
run "$ACCORD_VERIFY" -v -r keys both.accord
expect_stdout "signature parties/grace/signatures/grace.minisig by grace: key ID [0-9A-F]{16}: good" \
    "-v lists the embedded answers signatures"
expect_stdout "signature signatures/ada.minisig by ada: key ID [0-9A-F]{16}: good" \
    "-v lists the countersignatures"

# Invalid agreements.
refuse() {
    record refuse "$1" "$2" -r keys
    run "$ACCORD_VERIFY" -r keys "$2"
    if [ "$rc" -eq 1 ] && grep -Eq -- "^FAIL .*: .*$3" "$T/stdout"; then ok "refuses $1 (exit 1)"; else
        not_ok "refuses $1: exit $rc, wanted /$3/"; sed 's/^/# /' "$T/stdout" | head -3; fi
}
forge agreement "$FIX/ada.accord" "$FIX/grace.accord" wrongkey.accord "ada=$FIX/grace.key"
refuse "a countersignature by another party's key" wrongkey.accord "signatures/ada.minisig: signed with key ID .* not a trusted key of ada"
forge agreement "$FIX/ada.accord" "$FIX/grace.accord" stranger.accord "$ADA" "zed=$FIX/other.key"
refuse "a countersignature by someone not a party" stranger.accord "unexpected member signatures/zed.minisig"
forge agreement "$FIX/forged.accord" "$FIX/grace.accord" forgedparty.accord "$ADA" "$GRACE"
refuse "an embedded answers bundle whose signature fails" forgedparty.accord \
    "parties/ada/signatures/ada.minisig: signature does not match MANIFEST"
forge agreement "$FIX/grace.accord" "$FIX/ada.accord" swapped.accord
refuse "roles swapped" swapped.accord "parties/grace/META is not grace's answers as mentee"
printf '<p>changed after signing</p>\n' >changed.html
forge replace both.accord agreement.html changed.html changed.accord
refuse "agreement.html changed after signing" changed.accord "member agreement.html does not match its MANIFEST digest"
forge remove both.accord parties/grace/answers.xml lost.accord
refuse "an embedded member removed" lost.accord "MANIFEST lists parties/grace/answers.xml, which is not a signed member"
printf 'x\n' >x
forge replace both.accord parties/grace/extra.txt x extra.accord
refuse "an extra member inside a party's bundle" extra.accord "member parties/grace/extra.txt is not listed in MANIFEST"

# The auditor's path works for agreements too.
if command -v minisign >/dev/null && command -v unzip >/dev/null; then
    mkdir a && (cd a && unzip -q ../both.accord)
    expect_exit 0 "minisign -V accepts a countersignature" minisign -V -m a/MANIFEST \
        -x a/signatures/grace.minisig -p "$FIX/grace.pub"
    run sh -c 'cd a && sha256sum -c MANIFEST'
    if [ "$rc" -eq 0 ] && [ "$(grep -c ': OK$' "$T/stdout")" -eq 13 ]; then ok "sha256sum -c checks all 13 signed members"; else
        not_ok "sha256sum -c MANIFEST: exit $rc"; fi
fi
forge replace "$FIX/ada.accord" notes.txt x ada-extra.accord
forge agreement ada-extra.accord "$FIX/grace.accord" nested-extra.accord "$ADA" "$GRACE"
refuse "an extra member in an embedded bundle, even when the agreement signs it" nested-extra.accord \
    "unexpected member parties/ada/notes.txt"
forge agreement "$FIX/ada.accord" "$FIX/grace.accord" html-only.accord "$ADA" "$GRACE"
forge remove html-only.accord agreement.html no-html.accord
refuse "an agreement without agreement.html" no-html.accord "missing member agreement.html"
