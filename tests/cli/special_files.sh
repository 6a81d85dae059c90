#!/usr/bin/env bash
# special_files.sh - no accord command blocks on a FIFO, or reads a
# directory or device as a file: every file accord and accord-verify read
# (content files, guide pages, keys, bundles, files named on the command
# line, the secret key of -s) is opened without blocking and refused, with
# its path and "not a regular file" or "is a directory", when it is not a
# regular file. Each command runs under `timeout 10`: a hang shows as exit
# 124 and fails the check instead of hanging the suite. --password-file may
# still be a pipe (process substitution), read only up to PASSWORD_MAX.
. "$(dirname "$0")/../lib.sh"
FIX="$ROOT/tests/fixtures/verify"
SK=c/keys/demo-secret # the demo's secret keys (not encrypted)
PASSWORD_MAX=$(sed -n 's/^ *PASSWORD_MAX = \([0-9]*\),.*/\1/p' "$ROOT/generator/keys/keys.h")

# run_t CMD...: run, under timeout 10 (a guard against a hang, not a
# measure of speed: a blocked open would wait for a writer forever).
run_t() {
    run timeout -k 5 10 "$@"
}

# refuses WHAT CODE PATH WHY CMD...: CMD returns before the time-out, exits
# CODE, and one line of its stderr names PATH with WHY.
refuses() {
    local what=$1 want=$2 path=$3 why=$4
    shift 4
    run_t "$@"
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        not_ok "$what: blocked until timeout stopped it (exit $rc)"
        return
    fi
    if [ "$rc" -eq "$want" ]; then ok "$what (exit $want)"; else
        not_ok "$what: exit $rc, wanted $want"
        sed 's/^/# stderr: /' "$T/stderr" | head -5
    fi
    expect_stderr "$path: .*$why" "$what: names $path: $why"
}

# The demo program, built once: a failed build must leave this site as it was.
cp -R "$ROOT/content" c
expect_exit 0 "the demo content builds" "$ACCORD" build -C c -o site
cp -R site before
expect_exit 0 "the demo content checks" "$ACCORD" check -C c
site_kept() {
    check "$1: the site built before is left as it was" same_site before site
    check "$1: no temporary folder left" test -z "$(find site -maxdepth 1 -name '.build-*')"
}

# --- content files -------------------------------------------------------
FIFO="not a regular file"
mkfifo c/bundles/x.accord
refuses "build: FIFO bundles/x.accord" 1 c/bundles/x.accord "$FIFO" "$ACCORD" build -C c -o site
site_kept "FIFO bundle"
refuses "check: FIFO bundles/x.accord" 1 c/bundles/x.accord "$FIFO" "$ACCORD" check -C c
rm c/bundles/x.accord

mkfifo c/keys/x.pub
refuses "build: FIFO keys/x.pub" 1 c/keys/x.pub "$FIFO" "$ACCORD" build -C c -o site
site_kept "FIFO key"
refuses "check: FIFO keys/x.pub" 1 c/keys/x.pub "$FIFO" "$ACCORD" check -C c
rm c/keys/x.pub

mkfifo c/guide/x.md
refuses "build: FIFO guide/x.md" 2 c/guide/x.md "$FIFO" "$ACCORD" build -C c -o site
site_kept "FIFO guide page"
# accord check must find what accord build refuses.
refuses "check: FIFO guide/x.md" 2 c/guide/x.md "$FIFO" "$ACCORD" check -C c
rm c/guide/x.md

mkfifo c/questionnaires/q.xml
refuses "build: FIFO questionnaires/q.xml" 2 c/questionnaires/q.xml "$FIFO" "$ACCORD" build -C c -o site
site_kept "FIFO questionnaire"
refuses "check: FIFO questionnaires/q.xml" 2 c/questionnaires/q.xml "$FIFO" "$ACCORD" check -C c
rm c/questionnaires/q.xml

for f in program.xml people.xml; do
    mv "c/$f" "$f.real" && mkfifo "c/$f"
    refuses "build: FIFO $f" 2 "c/$f" "$FIFO" "$ACCORD" build -C c -o site
    site_kept "FIFO $f"
    refuses "check: FIFO $f" 2 "c/$f" "$FIFO" "$ACCORD" check -C c
    rm "c/$f" && mv "$f.real" "c/$f"
done

# examples/ is checked by accord check only; the build never opens it.
mkfifo c/examples/x.xml
run_t "$ACCORD" build -C c -o site
if [ "$rc" -eq 0 ]; then ok "build: FIFO examples/x.xml is not read (exit 0)"; else
    not_ok "build: FIFO examples/x.xml: exit $rc, wanted 0"; fi
refuses "check: FIFO examples/x.xml" 2 c/examples/x.xml "$FIFO" "$ACCORD" check -C c
rm c/examples/x.xml

# Directories where files belong.
mkdir c/keys/x.pub
refuses "build: a directory named keys/x.pub" 1 c/keys/x.pub "is a directory" "$ACCORD" build -C c -o site
site_kept "directory x.pub"
refuses "check: a directory named keys/x.pub" 1 c/keys/x.pub "is a directory" "$ACCORD" check -C c
rmdir c/keys/x.pub
mkdir c/bundles/x.accord
refuses "build: a directory named bundles/x.accord" 1 c/bundles/x.accord "is a directory" "$ACCORD" build -C c -o site
site_kept "directory x.accord"
refuses "check: a directory named bundles/x.accord" 1 c/bundles/x.accord "is a directory" "$ACCORD" check -C c
rmdir c/bundles/x.accord
mkdir c/guide/x.md
refuses "build: a directory named guide/x.md" 2 c/guide/x.md "is a directory" "$ACCORD" build -C c -o site
rmdir c/guide/x.md

# A socket is not a regular file either (perl is part of every Debian).
if perl -MIO::Socket::UNIX -e 'IO::Socket::UNIX->new(Local => $ARGV[0], Listen => 1) or die "$!\n"' \
    c/keys/sock.pub 2>"$T/perl.log"; then
    refuses "build: a socket keys/sock.pub" 1 c/keys/sock.pub "$FIFO" "$ACCORD" build -C c -o site
    site_kept "socket key"
    rm c/keys/sock.pub
else
    not_ok "perl makes a UNIX socket: $(cat "$T/perl.log")"
fi

expect_exit 0 "the content is whole again" "$ACCORD" check -C c

# --- files named on the command line -------------------------------------
mkfifo f.xml f.accord f.key f.pub
mkdir d.xml d.accord d.key
ANS=c/examples/amira-ben-mentee.xml
refuses "check FIFO.xml" 2 f.xml "$FIFO" "$ACCORD" check -C c f.xml
refuses "check FIFO.accord" 2 f.accord "$FIFO" "$ACCORD" check -C c f.accord
refuses "check DIR.xml" 2 d.xml "is a directory" "$ACCORD" check -C c d.xml
refuses "check DIR.accord" 2 d.accord "is a directory" "$ACCORD" check -C c d.accord
refuses "check /dev/null" 2 /dev/null "$FIFO" "$ACCORD" check -C c /dev/null

refuses "sign FIFO.xml" 2 f.xml "$FIFO" "$ACCORD" sign -C c -s "$SK/amira.key" f.xml -o out.accord
check "sign FIFO.xml: no bundle written" test ! -e out.accord
refuses "sign -s FIFO (the secret key)" 2 f.key "$FIFO" "$ACCORD" sign -C c -s f.key "$ANS" -o out.accord
check "sign -s FIFO: no bundle written" test ! -e out.accord
refuses "sign -s DIR (the secret key)" 2 d.key "is a directory" "$ACCORD" sign -C c -s d.key "$ANS" -o out.accord
check "sign -s DIR: no bundle written" test ! -e out.accord
expect_exit 0 "and with the key file itself it signs" "$ACCORD" sign -C c -s "$SK/amira.key" "$ANS" -o out.accord

refuses "countersign FIFO.accord" 2 f.accord "$FIFO" \
    "$ACCORD" sign --countersign -r c/keys -s "$SK/ben.key" f.accord
cp c/bundles/ines-ben-r1.accord ines.accord && cp ines.accord ines.before
refuses "countersign -s FIFO (the secret key)" 2 f.key "$FIFO" \
    "$ACCORD" sign --countersign -r c/keys -s f.key ines.accord
check "countersign -s FIFO: the bundle is left as it was" cmp ines.accord ines.before

refuses "accord-verify -r KEYDIR FIFO.accord" 2 f.accord "$FIFO" "$ACCORD_VERIFY" -r c/keys f.accord
refuses "accord-verify -r KEYDIR DIR.accord" 2 d.accord "is a directory" "$ACCORD_VERIFY" -r c/keys d.accord
refuses "accord-verify -p FIFO.pub" 2 f.pub "$FIFO" "$ACCORD_VERIFY" -p f.pub c/bundles/amira-ben-r1-mentee.accord
refuses "accord-verify -p /dev/null" 2 /dev/null "$FIFO" "$ACCORD_VERIFY" -p /dev/null c/bundles/amira-ben-r1-mentee.accord
mkdir kd && cp c/keys/amira.pub kd/ && mkfifo kd/x.pub
refuses "accord-verify -r DIR holding a FIFO x.pub" 1 kd/x.pub "left out: .*$FIFO" \
    "$ACCORD_VERIFY" -r kd c/bundles/amira-ben-r1-mentee.accord
expect_stdout "^OK c/bundles/amira-ben-r1-mentee.accord: " "the other keys of that directory still verify the bundle"
rm kd/x.pub && mkdir kd/x.pub
refuses "accord-verify -r DIR holding a directory x.pub" 1 kd/x.pub "left out: .*is a directory" \
    "$ACCORD_VERIFY" -r kd c/bundles/amira-ben-r1-mentee.accord
expect_stdout "^OK c/bundles/amira-ben-r1-mentee.accord: " "and with a directory x.pub too"

# --- --password-file may be a pipe ----------------------------------------
check "PASSWORD_MAX is read from keys.h" test -n "$PASSWORD_MAX"
run timeout 120 "$ACCORD" keygen -p a.pub -s a.key --password-file <(printf 'pw\n')
if [ "$rc" -eq 0 ]; then ok "keygen --password-file <(printf 'pw\\n') (a pipe) works (exit 0)"; else
    not_ok "keygen with a piped password: exit $rc"; sed 's/^/# stderr: /' "$T/stderr" | head -3; fi
check "the key read from the pipe is encrypted (\"Sc\")" sh -c 'tail -1 a.key | base64 -d | head -c 4 | grep -q "^EdSc"'
run timeout 120 "$ACCORD" sign -C "$FIX/content" -s a.key --password-file <(printf 'pw\n') \
    "$FIX/ada-answers.xml" -o a.accord
if [ "$rc" -eq 0 ]; then ok "the same password through a pipe decrypts it for accord sign (exit 0)"; else
    not_ok "sign with a piped password: exit $rc"; sed 's/^/# stderr: /' "$T/stderr" | head -3; fi
expect_exit 0 "and the bundle verifies with the new public key" "$ACCORD_VERIFY" -p a.pub a.accord

refuses "keygen: an endless password through a pipe" 1 "accord" "password is longer than $PASSWORD_MAX bytes" \
    "$ACCORD" keygen -p b.pub -s b.key --password-file <(yes a | tr -d '\n')
check "no key written for a refused password" test ! -e b.pub -a ! -e b.key
refuses "keygen: PASSWORD_MAX + 1 bytes through a pipe" 1 "accord" "password is longer than $PASSWORD_MAX bytes" \
    "$ACCORD" keygen -p b.pub -s b.key --password-file <(head -c $((PASSWORD_MAX + 1)) /dev/zero | tr '\0' a; echo)
check "no key written for PASSWORD_MAX + 1 bytes" test ! -e b.pub -a ! -e b.key
run timeout 120 "$ACCORD" keygen -p m.pub -s m.key \
    --password-file <(head -c "$PASSWORD_MAX" /dev/zero | tr '\0' a; echo)
if [ "$rc" -eq 0 ]; then ok "a password of exactly PASSWORD_MAX bytes through a pipe is taken (exit 0)"; else
    not_ok "PASSWORD_MAX bytes: exit $rc"; sed 's/^/# stderr: /' "$T/stderr" | head -3; fi
