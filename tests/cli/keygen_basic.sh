#!/usr/bin/env bash
# keygen_basic.sh - accord keygen: minisign's formats both ways, the
# password-encrypted secret key, overwrite refusal, modes and exit codes.
. "$(dirname "$0")/../lib.sh"
FIX="$ROOT/tests/fixtures/verify"

expect_exit 0 "makes a key pair without a password (-W)" "$ACCORD" keygen -W -p w.pub -s w.key
check "the public key is minisign's two lines" \
    grep -Eq '^untrusted comment: minisign public key [0-9A-F]{16}$' w.pub
check "the public key's base64 is 56 characters (42 bytes)" test "$(tail -1 w.pub | tr -d '\n' | wc -c)" -eq 56
check "the secret key is mode 0600" test "$(stat -c %a w.key)" = 600
check "the secret key's base64 is 212 characters (158 bytes)" test "$(tail -1 w.key | tr -d '\n' | wc -c)" -eq 212
expect_stdout "key ID [0-9A-F]{16}" "prints the key ID"
check "the key ID printed is the public key's" grep -q "$(sed -n 's/^key ID //p' "$T/stdout")" w.pub

expect_exit 1 "refuses to overwrite a public key" "$ACCORD" keygen -W -p w.pub -s other.key
expect_stderr "w.pub: exists; not overwritten" "says which file exists"
check "wrote no half pair" test ! -e other.key
cp w.key w.key.before
expect_exit 1 "refuses to overwrite a secret key" "$ACCORD" keygen -W -p new.pub -s w.key
check "the secret key is untouched" cmp w.key w.key.before
expect_exit 0 "overwrites with -f" "$ACCORD" keygen -W -f -p w.pub -s w.key
check "a new key after -f" sh -c '! cmp -s w.key w.key.before'

expect_exit 2 "no -s" "$ACCORD" keygen -W -p only.pub
expect_exit 2 "the same file twice" "$ACCORD" keygen -W -p same -s same

# Two spellings of one file: the public key would be written over the
# secret key. Refused before anything is written, even with -f.
mkdir twonames && cd twonames || exit 1
mkdir d
# refused_same WHAT -p P -s S: exit 2, says they name the same file.
refused_same() {
    local what=$1
    shift
    expect_exit 2 "$what" "$ACCORD" keygen -W -f "$@"
    expect_stderr "name the same file" "$what: says -p and -s name the same file"
}
refused_same "-p x.pub -s ./x.pub" -p x.pub -s ./x.pub
check "-p x.pub -s ./x.pub: x.pub is not created" test ! -e x.pub
refused_same "-p d/../x.pub -s x.pub" -p d/../x.pub -s x.pub
check "-p d/../x.pub -s x.pub: x.pub is not created" test ! -e x.pub
ln -s . here
refused_same "-p here/x.pub -s x.pub (a symlinked folder)" -p here/x.pub -s x.pub
check "-p here/x.pub -s x.pub: x.pub is not created" test ! -e x.pub
refused_same "-p \$PWD/x.pub -s x.pub" -p "$PWD/x.pub" -s x.pub
check "-p \$PWD/x.pub -s x.pub: x.pub is not created" test ! -e x.pub
echo "an existing file" >x.pub && cp x.pub x.before
refused_same "an existing x.pub, -p x.pub -s ./x.pub" -p x.pub -s ./x.pub
check "the existing x.pub is left as it was" cmp x.pub x.before
refused_same "an existing x.pub, -p d/../x.pub -s x.pub" -p d/../x.pub -s x.pub
check "the existing x.pub is still as it was" cmp x.pub x.before
ln x.pub hard.key
refused_same "-p x.pub -s a hard link to it" -p x.pub -s hard.key
check "hard link: both names are left as they were" sh -c 'cmp x.pub x.before && cmp hard.key x.before'
ln -s x.pub soft.key
refused_same "-p x.pub -s a symlink to it" -p x.pub -s soft.key
check "symlink: x.pub is left as it was, the link still a link" sh -c 'cmp x.pub x.before && test -L soft.key'
refused_same "-p the symlink -s the file" -p soft.key -s x.pub
check "x.pub is left as it was" cmp x.pub x.before
# Two genuinely different files still work, the same name in two folders too.
expect_exit 0 "two different files still work" "$ACCORD" keygen -W -p two.pub -s two.key
check "both are written, and differ" sh -c 'test -s two.pub && test -s two.key && ! cmp -s two.pub two.key'
expect_exit 0 "the same name in two folders still works" "$ACCORD" keygen -W -p d/k -s k
check "both are written" sh -c 'grep -q "public key" d/k && grep -q "secret key" k'
expect_exit 0 "with -f over existing different files too" "$ACCORD" keygen -W -f -p two.pub -s two.key
cd "$T" || exit 1
expect_exit 2 "an unknown option" "$ACCORD" keygen -W -p a.pub -s a.key --bogus
expect_exit 2 "a directory that does not exist" "$ACCORD" keygen -W -p nodir/a.pub -s nodir/a.key
expect_exit 0 "--help" "$ACCORD" keygen --help
run setsid "$ACCORD" keygen -p t.pub -s t.key
if [ "$rc" -eq 2 ] && grep -q 'password-file' "$T/stderr"; then
    ok "without -W and without a terminal it asks for --password-file (exit 2)"
else
    not_ok "no terminal: exit $rc"
fi
: >empty.password
expect_exit 1 "refuses an empty password" "$ACCORD" keygen -p e.pub -s e.key --password-file empty.password

if ! command -v minisign >/dev/null; then
    not_ok "minisign is installed (make deps-test)"
    exit 1
fi
# Stock minisign signs with accord's keys and verifies with them.
echo "a message" >msg
expect_exit 0 "minisign -S signs with an accord -W key" minisign -S -s w.key -m msg
expect_exit 0 "minisign -V verifies that with the accord public key" minisign -V -p w.pub -m msg

# The encrypted key (one scrypt run to write it, one for minisign, one for accord).
printf 'sesame\n' >pw
expect_exit 0 "makes a password-encrypted key pair" "$ACCORD" keygen -p e.pub -s e.key --password-file pw
check "the secret key is encrypted with scrypt (\"Sc\")" sh -c 'tail -1 e.key | base64 -d | head -c 4 | grep -q "^EdSc"'
run sh -c 'printf "sesame\n" | minisign -S -s e.key -m msg -x msg.sig'
if [ "$rc" -eq 0 ]; then ok "minisign -S decrypts and signs with an encrypted accord key"; else
    not_ok "minisign -S with the encrypted accord key: exit $rc"; sed 's/^/# /' "$T/stderr" | head -3; fi
expect_exit 0 "minisign -V verifies it" minisign -V -p e.pub -m msg -x msg.sig
expect_exit 0 "accord sign decrypts it" "$ACCORD" sign -C "$FIX/content" -s e.key --password-file pw \
    "$FIX/ada-answers.xml" -o e.accord
expect_exit 0 "and the bundle verifies with the accord public key" "$ACCORD_VERIFY" -p e.pub e.accord
