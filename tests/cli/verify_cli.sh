#!/usr/bin/env bash
# verify_cli.sh - accord-verify's command line: key files and key
# directories, reports (-v, --json), exit codes, escaping, and the auditor's
# path with no accord at all (unzip, minisign -V, sha256sum -c).
. "$(dirname "$0")/../lib.sh"
FIX="$ROOT/tests/fixtures/verify"
GOOD="$FIX/ada.accord"

expect_exit 0 "verifies with -p" "$ACCORD_VERIFY" -p "$FIX/ada.pub" "$GOOD"
expect_stdout "^OK .*ada.accord: answers, ada-grace, mentee, ada, 1$" "one OK line: kind, agreement, role, party, revision"
check "exactly one line" test "$(wc -l <"$T/stdout")" -eq 1

# Key directories: <party>.pub, older keys <party>.<anything>.pub by key ID.
mkdir keys && cp "$FIX/ada.pub" keys/ada.pub && cp "$FIX/other.pub" keys/grace.pub
expect_exit 0 "verifies with -r KEYDIR" "$ACCORD_VERIFY" -r keys "$GOOD"
mkdir keys2 && cp "$FIX/ada-old.pub" keys2/ada.pub && cp "$FIX/ada.pub" keys2/ada.2025.pub
expect_exit 0 "finds an older key <party>.<anything>.pub by key ID" "$ACCORD_VERIFY" -r keys2 "$GOOD"
mkdir keys3 && cp "$FIX/ada.pub" keys3/grace.pub
expect_exit 1 "another party's key does not verify ada's signature" "$ACCORD_VERIFY" -r keys3 "$GOOD"
expect_stdout "signed with key ID [0-9A-F]{16}, which is not a trusted key of ada" "says the signing key is none of ada's"
mkdir keys4 && cp "$FIX/other.pub" keys4/ada.pub
expect_exit 1 "a different key for ada" "$ACCORD_VERIFY" -r keys4 "$GOOD"
expect_stdout "not a trusted key of ada" "says the key is not ada's"
mkdir keys5 && cp "$FIX/ada.pub" keys5/ada.pub && printf 'garbage\n' >keys5/bad.pub
expect_exit 1 "a garbage key in the key directory" "$ACCORD_VERIFY" -r keys5 "$GOOD"
expect_stderr "bad.pub: left out: public key file is not two lines" "names the bad key file"
expect_stdout "^OK " "the bundle is still verified with the other keys"
mkdir keys6 && cp "$FIX/ada.pub" keys6/ada.pub && echo notes >keys6/README.md
expect_exit 0 "other files in a key directory are ignored" "$ACCORD_VERIFY" -r keys6 "$GOOD"

# Several bundles: exit 1 when any fails, one line each.
expect_exit 1 "a good and a forged bundle" "$ACCORD_VERIFY" -p "$FIX/ada.pub" "$GOOD" "$FIX/forged.accord"
check "one line per bundle" test "$(wc -l <"$T/stdout")" -eq 2
expect_stdout "^FAIL .*forged.accord: " "the forged one FAILs"

# Many bundles on every core, processes side by side (xargs -P) writing to
# one pipe: each bundle's line arrives whole, the lines one process prints.
mkdir many
for i in $(seq 1 1500); do ln -s "$GOOD" "many/answers-bundle-$i-of-the-program.accord"; done
for i in $(seq 1 500); do ln -s "$FIX/forged.accord" "many/forged-$i.accord"; done
(cd many && "$ACCORD_VERIFY" -p "$FIX/ada.pub" -- *.accord) | cat >one.txt
check "one process: a line per bundle" test "$(wc -l <one.txt)" -eq 2000
(cd many && printf '%s\0' *.accord |
    xargs -0 -n 400 -P 2 "$ACCORD_VERIFY" -p "$FIX/ada.pub" --) | cat >side.txt
check "two processes side by side: the same lines, none broken" \
    cmp -s <(sort one.txt) <(sort side.txt)

# Reports.
expect_exit 0 "-v" "$ACCORD_VERIFY" -v -p "$FIX/ada.pub" "$GOOD"
expect_stdout "^  member [0-9a-f]{64}  answers.xml  [0-9]+ bytes$" "-v lists members with digests"
expect_stdout "^  signature signatures/ada.minisig by ada: key ID [0-9A-F]{16}: good$" "-v lists the signature with its key ID"
expect_stdout "^    trusted comment: accord/1 format=accord-bundle 1 kind=answers " "-v shows the trusted comment"
expect_stdout "^  bundle digest \(sha256 of MANIFEST\): [0-9a-f]{64}$" "-v shows the bundle digest"
expect_exit 1 "--json" "$ACCORD_VERIFY" --json -p "$FIX/ada.pub" "$GOOD" "$FIX/forged.accord"
expect_stdout '"outcome": "valid", "ok": true' "--json: the valid bundle"
expect_stdout '"outcome": "invalid", "ok": false, "reason": "signatures/ada.minisig: signature does not match MANIFEST"' \
    "--json: the invalid bundle and its reason"
check "--json: an array" sh -c "head -c1 '$T/stdout' | grep -q '\\['"
if command -v node >/dev/null; then
    check "--json parses as JSON" node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$T/stdout"
fi

# Signer-supplied and user-supplied text is escaped when printed.
cp "$GOOD" "$(printf 'evil\033[2J.accord')"
run "$ACCORD_VERIFY" -p "$FIX/ada.pub" "$(printf 'evil\033[2J.accord')"
if grep -q "$(printf '\033')" "$T/stdout"; then not_ok "escapes control bytes in paths"; else
    ok "escapes control bytes in paths"; fi
expect_stdout 'evil\\x1b\[2J' "shows them as \\xNN"

# Exit 2: usage, and files that cannot be opened or read.
expect_exit 0 "--help" "$ACCORD_VERIFY" --help
expect_stdout "usage: accord-verify" "--help prints the usage"
expect_exit 0 "--version" "$ACCORD_VERIFY" --version
expect_stdout "^accord-verify [^ ]+ \(libsodium [0-9.]+, libzip [0-9.]+, OpenSSL [0-9.]+\)$" \
    "--version: accord-verify VERSION (libsodium X, libzip Y, OpenSSL Z)"
check "--version prints one line" test "$(wc -l <"$T/stdout")" -eq 1
want="libsodium $(pkg-config --modversion libsodium), libzip $(pkg-config --modversion libzip), OpenSSL $(pkg-config --modversion libcrypto)"
check "--version names the libraries' run-time versions ($want)" grep -qF "($want)" "$T/stdout"
expect_exit 2 "no arguments" "$ACCORD_VERIFY"
expect_exit 2 "no key" "$ACCORD_VERIFY" "$GOOD"
expect_exit 2 "no bundle" "$ACCORD_VERIFY" -p "$FIX/ada.pub"
expect_exit 2 "an unknown option" "$ACCORD_VERIFY" --bogus -p "$FIX/ada.pub" "$GOOD"
expect_exit 2 "a bundle that does not exist" "$ACCORD_VERIFY" -p "$FIX/ada.pub" nothing.accord
expect_stderr "nothing.accord: cannot read" "names the unreadable bundle"
expect_exit 2 "a directory given as a bundle" "$ACCORD_VERIFY" -p "$FIX/ada.pub" keys
expect_exit 2 "a key file that does not exist" "$ACCORD_VERIFY" -p nokey.pub "$GOOD"
expect_exit 2 "a key directory that does not exist" "$ACCORD_VERIFY" -r nodir "$GOOD"
expect_exit 2 "an unreadable bundle among good ones" "$ACCORD_VERIFY" -p "$FIX/ada.pub" "$GOOD" nothing.accord
if [ "$(id -u)" != 0 ]; then
    cp "$GOOD" noperm.accord && chmod 000 noperm.accord
    expect_exit 2 "a bundle without read permission" "$ACCORD_VERIFY" -p "$FIX/ada.pub" noperm.accord
fi

# The auditor with no accord at all.
if command -v unzip >/dev/null && command -v minisign >/dev/null; then
    mkdir audit && (cd audit && unzip -q "$GOOD")
    expect_exit 0 "minisign -V accepts the signature of MANIFEST" \
        minisign -V -m audit/MANIFEST -x audit/signatures/ada.minisig -p "$FIX/ada.pub"
    expect_stdout "Trusted comment: accord/1 format=accord-bundle 1" "minisign shows the trusted comment"
    run sh -c 'cd audit && sha256sum -c MANIFEST'
    if [ "$rc" -eq 0 ] && [ "$(grep -c ': OK$' "$T/stdout")" -eq 3 ]; then ok "sha256sum -c MANIFEST checks every member"; else
        not_ok "sha256sum -c MANIFEST: exit $rc"; fi
    mkdir audit2 && (cd audit2 && unzip -q "$FIX/forged.accord")
    expect_exit 1 "minisign -V refuses the forgery too" \
        minisign -V -m audit2/MANIFEST -x audit2/signatures/ada.minisig -p "$FIX/ada.pub"
else
    not_ok "unzip and minisign are installed (make deps-test)"
fi

# Options may follow the bundles named; after "--" every word is a bundle.
expect_exit 0 "an option after the bundle is taken" "$ACCORD_VERIFY" "$GOOD" -p "$FIX/ada.pub" -v
expect_stdout "^OK " "verified"
grep -q "MANIFEST" "$T/stdout" && ok "-v after the bundle gives the full report" || not_ok "-v after the bundle ignored"
expect_exit 2 "after --, -v is a file name" "$ACCORD_VERIFY" -p "$FIX/ada.pub" -- -v
expect_stderr "-v: " "the file -v is named"

# A key given with -p that the key directory also binds to its party: the
# bound key counts, so an agreement verifies (a key for any party alone
# would be refused for it).
DEMO="$ROOT/content"
expect_exit 0 "-p and -r naming one key: the agreement verifies by the bound key" \
    "$ACCORD_VERIFY" -p "$DEMO/keys/amira.pub" -r "$DEMO/keys" "$DEMO/bundles/amira-ben-r1.accord"
expect_exit 1 "-p alone for an agreement is still refused" \
    "$ACCORD_VERIFY" -p "$DEMO/keys/amira.pub" "$DEMO/bundles/amira-ben-r1.accord"
expect_stdout "key directory \(-r\)" "and says to use -r"

# --chain with a bundle that cannot be read still says the chain was not checked.
expect_exit 2 "--chain with a missing bundle" "$ACCORD_VERIFY" -r "$DEMO/keys" --chain \
    "$DEMO/bundles/amira-ben-r1.accord" missing.accord
expect_stdout "^FAIL chain: not checked" "a verdict line for the chain"

# Many bundles are verified on every core a batch at a time, and reported
# in the order named whichever finishes first: 600 copies of a good bundle,
# among them a directory (unreadable), a forgery and a file too large to be
# a bundle, the last in the second batch.
mkdir batches
for i in $(seq -w 1 600); do cp "$GOOD" "batches/b$i.accord"; done
rm batches/b070.accord && mkdir batches/b070.accord
cp "$FIX/forged.accord" batches/b330.accord
truncate -s 65M batches/b590.accord
expect_exit 2 "600 bundles, one of them a directory" "$ACCORD_VERIFY" -p "$FIX/ada.pub" batches/*.accord
expect_stderr "batches/b070.accord: cannot read: is a directory" "the directory is named on stderr"
expect_stdout "^FAIL batches/b330.accord: signatures/ada.minisig: signature does not match MANIFEST$" \
    "the forgery fails, in its place"
expect_stdout "^FAIL batches/b590.accord: archive is larger than 67108864 bytes$" \
    "the file too large fails as a bundle, not as unreadable"
cp "$T/stdout" batches.out
check "a line for each of the 599 others, in the order named" \
    test "$(sed -E 's/^[A-Z]+ ([^:]*):.*/\1/' batches.out)" = "$(ls -d batches/*.accord | grep -v b070)"
check "597 are OK" test "$(grep -c '^OK ' batches.out)" -eq 597
expect_exit 2 "--json, 600 bundles" "$ACCORD_VERIFY" --json -p "$FIX/ada.pub" batches/*.accord
cp "$T/stdout" batches.json
check "--json: the 599 paths in the order named" \
    test "$(grep -o '"path": "[^"]*"' batches.json | cut -d'"' -f4)" = "$(ls -d batches/*.accord | grep -v b070)"
if command -v node >/dev/null; then
    check "--json of 599 bundles parses as JSON" node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' batches.json
fi
# --chain keeps every report: 298 answers bundles are 298 problems, each
# named in its place.
rm -rf batches/b070.accord
expect_exit 1 "--chain over 298 bundles" "$ACCORD_VERIFY" -p "$FIX/ada.pub" --chain batches/b[0-2]??.accord
check "--chain: one problem per bundle, in the order named" \
    test "$(sed -E 's/^FAIL ([^:]*): is an answers bundle, not an agreement bundle$/\1/' "$T/stdout")" = \
    "$(ls -d batches/b[0-2]??.accord)"
