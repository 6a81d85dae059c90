#!/usr/bin/env bash
# check_person_email.sh - people.xml's optional email on a person: the demo's
# addresses are taken and appear on the admin's private index only, never
# under public/; a bad address is an error naming people.xml and its line,
# and nothing is built.
. "$(dirname "$0")/../lib.sh"

cp -R "$ROOT/content" c
expect_exit 0 "the demo with people's addresses checks clean" "$ACCORD" check -C c
expect_exit 0 "and builds" "$ACCORD" build -C c -o s
addresses=$(grep -o 'email="[^"]*"' c/people.xml | sed 's/email="//; s/"$//')
check "the demo gives some people an address" test -n "$addresses"
leaks=0
for a in $addresses; do
    hit=$(grep -rlF -- "$a" s/public | head -1)
    if [ -n "$hit" ]; then
        not_ok "$hit shows $a"
        leaks=1
    fi
done
[ "$leaks" = 0 ] && ok "no person's address anywhere under public/"
check "the private index shows them" grep -qF "mailto:$(head -1 <<<"$addresses")" s/private/index.html

line=$(grep -n '<person id="amira"' c/people.xml | cut -d: -f1)
for bad in 'amira@' 'amira example.edu' 'a@b@example.edu' 'amira@example.edu?cc=x' 'a;b@example.edu'; do
    sed -i "${line}s|email=\"[^\"]*\"|email=\"$bad\"|" c/people.xml
    expect_exit 1 "'$bad' refused" "$ACCORD" check -C c
    expect_stderr "^accord: c/people.xml:$line: person 'amira': email" "'$bad': named at people.xml:$line"
done
sed -i "${line}s|email=\"[^\"]*\"|email=\"$(head -c 260 /dev/zero | tr '\0' a)@x.edu\"|" c/people.xml
expect_exit 1 "a 266-byte address refused" "$ACCORD" check -C c
expect_stderr "person 'amira': email has 266 bytes" "its length is named"
