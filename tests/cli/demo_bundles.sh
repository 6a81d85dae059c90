#!/usr/bin/env bash
# demo_bundles.sh - the committed demo bundles (content/bundles/, written by
# `make demo-bundles`) verify against the demo keys, or await exactly the
# signatures their agreement's state says, and `accord build` of content/
# shows every state of an agreement.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/demo/state.sh"
C=$ROOT/content

# The demo's agreements, their latest revision and state, and who has not
# countersigned that revision yet.
DEMO="
amira-chen 1 not-started -
farid-chen 1 mentee-answered -
greta-emil 1 mentor-answered -
hugo-chen 1 awaiting-signatures hugo,chen
ines-ben 1 awaiting-signatures ben
dara-emil 1 signed -
amira-ben 2 signed -
"

n=0
for b in "$C"/bundles/*.accord; do
    [ -e "$b" ] || continue
    n=$((n + 1))
    name=${b##*/}
    # An agreement bundle of an agreement awaiting signatures awaits exactly
    # the parties the table names; every other bundle verifies.
    waiting=$(printf '%s\n' "$DEMO" | awk -v n="$name" '$3 == "awaiting-signatures" &&
        n == $1 "-r" $2 ".accord" {print $4}')
    if [ -n "$waiting" ]; then
        expect_exit 1 "$name awaits signatures" "$ACCORD_VERIFY" -r "$C/keys" "$b"
        expect_stdout "^AWAITING .*\(awaiting signatures from ${waiting//,/, }\)$" "$name awaits $waiting only"
    else
        expect_exit 0 "$name verifies against content/keys" "$ACCORD_VERIFY" -r "$C/keys" "$b"
    fi
done
if [ "$n" -eq 16 ]; then ok "content/bundles holds $n bundles"; else not_ok "content/bundles holds $n bundles, not 16"; fi
for f in dara-emil-r1 amira-ben-r1 amira-ben-r2 ines-ben-r1 farid-chen-r1-mentee greta-emil-r1-mentor \
    hugo-chen-r1-mentee hugo-chen-r1-mentor; do
    check "content/bundles/$f.accord is committed" test -f "$C/bundles/$f.accord"
done
check "no bundle for amira-chen (not started)" test -z "$(ls "$C"/bundles/amira-chen* 2>/dev/null)"
check "no agreement bundle committed for hugo-chen (nobody has countersigned)" \
    test ! -e "$C/bundles/hugo-chen-r1.accord"

# Revision 2 of amira-ben names the committed revision 1, and the two chain.
if command -v unzip >/dev/null; then
    d1=$(unzip -p "$C/bundles/amira-ben-r1.accord" MANIFEST | sha256sum | cut -c1-64)
    for r in mentee mentor; do
        check "examples/amira-ben-$r-r2.xml names revision 1's digest" \
            grep -q " previous=\"$d1\"" "$C/examples/amira-ben-$r-r2.xml"
    done
    run unzip -p "$C/bundles/amira-ben-r2.accord" META
    expect_stdout "^previous: $d1$" "amira-ben-r2.accord's META names revision 1's digest"
fi
expect_exit 0 "accord-verify --chain: amira-ben's revisions 1 and 2 chain" \
    "$ACCORD_VERIFY" -r "$C/keys" --chain "$C/bundles/amira-ben-r1.accord" "$C/bundles/amira-ben-r2.accord"

# The site shows every state.
expect_exit 0 "accord build -C content" "$ACCORD" build -C "$C" -o site
if grep -Eq 'refused|warning' "$T/stderr"; then not_ok "accord build refused or warned about a demo bundle"
    sed 's/^/# /' "$T/stderr"
else ok "accord build neither refuses nor warns about any demo bundle"; fi
while read -r agreement revision st awaiting; do
    [ -n "$agreement" ] || continue
    expect_state "$agreement" "$st" "private index: $agreement is $st"
    if row "$agreement" | grep -Eq ">$revision<|[Rr]evision $revision"; then ok "private index: $agreement at revision $revision"
    else not_ok "private index: $agreement at revision $revision: $(row "$agreement" | head -c 400)"; fi
    case $st in
    mentee-answered | awaiting-signatures)
        check "$agreement has a review page" test -f "site/private/review/$agreement.html" ;;
    esac
    case $st in
    awaiting-signatures | signed)
        a=site/private/agreements/$agreement-r$revision.accord
        check "$agreement: site/private/agreements has revision $revision's page" test -f "${a%.accord}.html"
        if [ "$st" = signed ]; then
            expect_exit 0 "$agreement: the site's bundle of revision $revision is signed" "$ACCORD_VERIFY" -r "$C/keys" "$a"
        else
            expect_exit 1 "$agreement: the site's bundle of revision $revision awaits signatures" "$ACCORD_VERIFY" -r "$C/keys" "$a"
            expect_stdout "awaiting signatures from ${awaiting//,/, }\)$" "$agreement awaits $awaiting"
        fi ;;
    esac
done <<<"$DEMO"
check "the private index links to amira-ben's revision-2 agreement page" \
    grep -q 'href="agreements/amira-ben-r2.html"' site/private/index.html
