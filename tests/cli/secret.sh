#!/usr/bin/env bash
# secret.sh - the program secret: `accord secret` writes DIR/secret (one
# line of standard base64 of 32 random bytes, mode 0600) and never
# replaces one; `accord check` and `accord build` refuse a malformed secret
# naming the file, warn about one others may read, take the demo's as it
# is checked out, and never print it; people.xml's link-epoch is checked.
# What the secret derives is tested in tests/unit/test_seal.c.
. "$(dirname "$0")/../lib.sh"
VALID=$ROOT/tests/fixtures/content/valid

fresh() { rm -rf c site && cp -R "$VALID" c; }
# no_secret_in WHAT: the secret of c appears in no output of the last run.
no_secret_in() {
    if grep -qF -- "$(head -c 43 c/secret)" "$T/stdout" "$T/stderr"; then not_ok "$1 prints the secret"
    else ok "$1 does not print the secret"; fi
}

fresh
expect_exit 0 "accord secret -C c" "$ACCORD" secret -C c
expect_stdout "^program secret: c/secret " "it names the file it wrote"
no_secret_in "accord secret"
check "c/secret has mode 0600" test "$(stat -c %a c/secret)" = 600
check "c/secret is 45 bytes" test "$(wc -c <c/secret)" -eq 45
check "c/secret is one line of standard base64 with one '='" \
    grep -Exq '[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=' c/secret
check "c/secret ends with its one line feed" test "$(wc -l <c/secret)" -eq 1
check "it decodes to 32 bytes" test "$(base64 -d <c/secret | wc -c)" -eq 32
cp c/secret first
expect_exit 1 "a second accord secret refuses" "$ACCORD" secret -C c
expect_stderr "^accord: c/secret: exists; not overwritten" "the refusal names the secret"
check "the secret is unchanged" cmp -s first c/secret
mkdir other && "$ACCORD" secret -C other >/dev/null
if cmp -s first other/secret; then not_ok "two secrets differ"; else ok "two secrets differ"; fi
expect_exit 2 "accord secret -C of a missing folder" "$ACCORD" secret -C nowhere
expect_stderr "^accord: nowhere: no such content directory" "the missing folder is named"
expect_exit 2 "accord secret takes no file" "$ACCORD" secret -C c extra
test -e extra && not_ok "nothing named extra is written" || ok "nothing named extra is written"

# check and build read it.
expect_exit 0 "accord check with a private secret" "$ACCORD" check -C c
[ -s "$T/stderr" ] && not_ok "nothing on stderr for a private secret" ||
    ok "nothing on stderr for a private secret"
no_secret_in "accord check"
for mode in 644 640 604 620; do
    chmod "$mode" c/secret
    expect_exit 0 "accord check with a secret of mode $mode: a warning only" "$ACCORD" check -C c
    expect_stderr "^accord: c/secret: warning: .*others than its owner .*mode 0$mode.*chmod 600 c/secret" \
        "mode $mode: the warning names the file, its mode and the fix"
done
chmod 644 c/secret
expect_exit 0 "accord build with a readable secret builds" "$ACCORD" build -C c -o site
expect_stderr "^accord: c/secret: warning: " "and warns"
no_secret_in "accord build"
if grep -rqF -- "$(head -c 43 c/secret)" site; then not_ok "the site holds the secret"
else ok "the site holds nothing of the secret's text"; fi
rm -rf site

# Malformed secrets: exit 1, the file named, nothing built.
good=$(head -c 44 first)
noncanon=${good:0:42}$(printf '%s' "${good:42:1}" | tr 'AEIMQUYcgkosw048' 'BFJNRVZdhlptx159')=
malformed() { # WHAT CONTENT (printf format)
    fresh
    # shellcheck disable=SC2059
    printf "$2" >c/secret && chmod 600 c/secret
    expect_exit 1 "accord check: $1" "$ACCORD" check -C c
    expect_stderr "^accord: c/secret(:1)?: malformed program secret: .*'accord secret'" "$1: the secret is named"
}
malformed "no line feed" "%s" "$good"
malformed "CRLF" "%s\r\n" "$good"
malformed "two line feeds" "%s\n\n" "$good"
malformed "a second line" "%s\n%s\n" "$good" "$good"
malformed "a space before the line feed" "%s \n" "$good"
malformed "base64url characters" "%s\n" "$(printf '%s' "$good" | tr '+/' '-_' | sed 's/^./-/')"
malformed "no padding" "%s\n" "${good%=}"
malformed "non-canonical last character" "%s\n" "$noncanon"
malformed "31 bytes" "%s\n" "$(head -c 31 /dev/zero | base64)"
malformed "33 bytes" "%s\n" "$(head -c 33 /dev/zero | base64)"
malformed "an empty file" ""
malformed "a large file" "%s\n" "$(head -c 3000 /dev/zero | base64 -w0)"
malformed "a minisign key line" "untrusted comment: x\n%s\n" "$good"
fresh && printf '!%s\n' "${good#?}" >c/secret
expect_exit 1 "accord build with a malformed secret" "$ACCORD" build -C c -o site
expect_stderr "^accord: c/secret:1: malformed program secret" "build names the secret"
check "nothing is built" test ! -e site
fresh && mkdir c/secret
expect_exit 2 "a folder called secret cannot be read" "$ACCORD" check -C c
expect_stderr "^accord: c/secret: cannot read" "the folder is named"
fresh
expect_exit 0 "no secret at all is fine" "$ACCORD" check -C c

# The demo's secret is published: its mode is not checked in the demo, and
# another program using it is told.
rm -rf demo && cp -R "$ROOT/content" demo && chmod 644 demo/secret
expect_exit 0 "the demo with its secret readable by all" "$ACCORD" check -C demo
grep -q "warning" "$T/stderr" && not_ok "the demo's secret gets no warning" ||
    ok "the demo's secret gets no warning"
fresh && cp "$ROOT/content/secret" c/secret && chmod 600 c/secret
expect_exit 0 "another program with the demo's secret" "$ACCORD" check -C c
expect_stderr "^accord: c/secret: warning: this is the demo program's secret, which is published" \
    "is warned that it is the demo's"

# link-epoch in people.xml.
epoch() { # VALUE
    fresh
    sed -i "s|<person id=\"ada\" name=\"Ada Lovelace\"/>|<person id=\"ada\" name=\"Ada Lovelace\" link-epoch=\"$1\"/>|" c/people.xml
}
for v in 0 7 999999; do
    epoch "$v"
    expect_exit 0 "link-epoch=\"$v\" is taken" "$ACCORD" check -C c
done
line=$(grep -n 'id="ada"' "$VALID/people.xml" | head -1 | cut -d: -f1)
for v in 1000000 07 -1 "" x 1e3 " 1" 1.0; do
    epoch "$v"
    expect_exit 1 "link-epoch=\"$v\" is refused" "$ACCORD" check -C c
    expect_stderr "^accord: c/people.xml:$line: person 'ada': link-epoch=\"$v\" is not a whole number from 0 to 999999" \
        "link-epoch=\"$v\": named at c/people.xml:$line"
done
