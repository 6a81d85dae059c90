#!/usr/bin/env bash
# e2e_cycle.sh - the whole agreement cycle from the command line, with keys
# made here and now: the mentee signs, the build shows the mentor's review
# page, the mentor signs, the build writes the agreement bundle, both
# countersign, stock minisign and sha256sum agree, the build shows it
# signed; then a second revision chained to the first.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/demo/state.sh"
E=$ROOT/content/examples

# The demo program without its people's keys, bundles and answers files:
# only the two fresh keys below are trusted.
cp -R "$ROOT/content" c
rm -rf c/keys/demo-secret c/keys/*.pub c/bundles/*.accord c/examples/*.xml
mkdir secret
for p in amira ben zed; do
    expect_exit 0 "accord keygen -W makes $p's keys" \
        "$ACCORD" keygen -W -p "secret/$p.pub" -s "secret/$p.key"
done
cp secret/amira.pub secret/ben.pub c/keys/

at() { date -u -d "$1" +%s; }
build() { expect_exit 0 "$1" "$ACCORD" build -C c -o site; }
# digest BUNDLE: SHA-256 of its MANIFEST, straight from the archive.
digest() { unzip -p "$1" MANIFEST | sha256sum | cut -c1-64; }

# --- revision 1 -----------------------------------------------------------------
cp "$E/amira-ben-mentee.xml" mentee-r1.xml
cp "$E/amira-ben-mentor.xml" mentor-r1.xml
SOURCE_DATE_EPOCH=$(at 2026-09-14T16:00:00Z) expect_exit 0 "the mentee signs her answers" \
    "$ACCORD" sign -C c -s secret/amira.key mentee-r1.xml -o c/bundles/amira-ben-r1-mentee.accord
build "build with the mentee's answers"
check "the mentor's review page exists" test -f site/private/review/amira-ben.html
expect_state amira-ben mentee-answered "state: mentee answered"
check "no agreement bundle yet" test ! -e site/private/agreements/amira-ben-r1.accord

SOURCE_DATE_EPOCH=$(at 2026-09-21T11:00:00Z) expect_exit 0 "the mentor signs his answers" \
    "$ACCORD" sign -C c -s secret/ben.key mentor-r1.xml -o c/bundles/amira-ben-r1-mentor.accord
build "build with both answers"
A1=site/private/agreements/amira-ben-r1.accord
check "the agreement bundle is written to $A1" test -f "$A1"
check "its page is written" test -f site/private/agreements/amira-ben-r1.html
expect_state amira-ben awaiting-signatures "state: awaiting signatures"
cp "$A1" r1.accord
expect_exit 1 "accord-verify: the agreement awaits both signatures" "$ACCORD_VERIFY" -r c/keys r1.accord
expect_stdout '^AWAITING r1.accord: .*awaiting signatures from amira, ben' "it names both parties"

# Countersigning: a stranger is refused, each party signs once.
cp r1.accord r1-stranger.accord
run "$ACCORD" sign --countersign -C c -s secret/zed.key r1-stranger.accord
if [ "$rc" -ne 0 ] && cmp -s r1.accord r1-stranger.accord; then
    ok "a key that is not in keys/ cannot countersign (exit $rc, bundle unchanged)"
else not_ok "a stranger's countersignature: exit $rc"; fi
SOURCE_DATE_EPOCH=$(at 2026-09-22T09:15:00Z) expect_exit 0 "the mentee countersigns" \
    "$ACCORD" sign --countersign -C c -s secret/amira.key r1.accord
expect_exit 1 "accord-verify: still awaiting" "$ACCORD_VERIFY" -r c/keys r1.accord
expect_stdout 'awaiting signatures from ben\)?$' "it names only the mentor"
cp r1.accord r1-once.accord
SOURCE_DATE_EPOCH=$(at 2026-09-22T10:00:00Z) expect_exit 0 "countersigning twice is a no-op" \
    "$ACCORD" sign --countersign -C c -s secret/amira.key r1.accord
check "the second countersignature changed nothing" cmp r1.accord r1-once.accord
SOURCE_DATE_EPOCH=$(at 2026-09-23T14:40:00Z) expect_exit 0 "the mentor countersigns" \
    "$ACCORD" sign --countersign -C c -s secret/ben.key r1.accord
expect_exit 0 "accord-verify: the agreement is fully signed" "$ACCORD_VERIFY" -r c/keys r1.accord
expect_stdout '^OK r1.accord: agreement, amira-ben, agreement, amira,ben, 1$' "its OK line"

# An auditor with stock tools only.
mkdir u && (cd u && unzip -q ../r1.accord)
for s in amira ben; do
    expect_exit 0 "minisign -V accepts $s's countersignature" \
        minisign -V -q -m u/MANIFEST -x "u/signatures/$s.minisig" -p "secret/$s.pub"
    expect_exit 0 "minisign -V accepts $s's answers signature inside" \
        minisign -V -q -m "u/parties/$s/MANIFEST" -x "u/parties/$s/signatures/$s.minisig" -p "secret/$s.pub"
done
expect_exit 1 "minisign -V refuses amira's countersignature with ben's key" \
    minisign -V -q -m u/MANIFEST -x u/signatures/amira.minisig -p secret/ben.pub
expect_exit 0 "sha256sum -c MANIFEST passes" sh -c 'cd u && sha256sum -c --quiet MANIFEST'
expect_exit 0 "sha256sum -c passes inside each party's bundle" \
    sh -c 'cd u/parties/amira && sha256sum -c --quiet MANIFEST && cd ../ben && sha256sum -c --quiet MANIFEST'

cp r1.accord c/bundles/amira-ben-r1.accord
build "build with the signed agreement"
expect_state amira-ben signed "state: signed"
expect_exit 0 "the site's copy of revision 1 carries both signatures" "$ACCORD_VERIFY" -r c/keys "$A1"
D1=$(digest r1.accord)
check "the next revision's mentee form is revision 2 with previous = revision 1's digest" \
    grep -q "data-revision=\"2\".*data-previous=\"$D1\"\|data-previous=\"$D1\".*data-revision=\"2\"" \
    site/public/forms/amira-ben-mentee.html

# --- revision 2 ---------------------------------------------------------------
for r in mentee mentor; do
    sed "s/@PREVIOUS@/$D1/" "$ROOT/tests/demo/amira-ben-$r-r2.xml.in" >"$r-r2.xml"
done
sed "s/previous=\"$D1\"/previous=\"$(printf '%064d' 0)\"/" mentee-r2.xml >wrong-previous.xml
expect_exit 1 "accord sign refuses revision-2 answers whose previous is not revision 1's digest" \
    "$ACCORD" sign -C c -s secret/amira.key wrong-previous.xml -o wrong.accord
SOURCE_DATE_EPOCH=$(at 2027-09-13T14:30:00Z) expect_exit 0 "the mentee signs revision 2" \
    "$ACCORD" sign -C c -s secret/amira.key mentee-r2.xml -o c/bundles/amira-ben-r2-mentee.accord
SOURCE_DATE_EPOCH=$(at 2027-09-20T10:05:00Z) expect_exit 0 "the mentor signs revision 2" \
    "$ACCORD" sign -C c -s secret/ben.key mentor-r2.xml -o c/bundles/amira-ben-r2-mentor.accord
build "build with revision 2's answers"
check "revision 2's agreement bundle is written" test -f site/private/agreements/amira-ben-r2.accord
cp site/private/agreements/amira-ben-r2.accord r2.accord
run unzip -p r2.accord META
expect_stdout "^previous: $D1$" "revision 2's META names revision 1's digest"
SOURCE_DATE_EPOCH=$(at 2027-09-21T11:20:00Z) expect_exit 0 "the mentee countersigns revision 2" \
    "$ACCORD" sign --countersign -C c -s secret/amira.key r2.accord
SOURCE_DATE_EPOCH=$(at 2027-09-22T15:45:00Z) expect_exit 0 "the mentor countersigns revision 2" \
    "$ACCORD" sign --countersign -C c -s secret/ben.key r2.accord
expect_exit 0 "accord-verify: revision 2 is fully signed" "$ACCORD_VERIFY" -r c/keys r2.accord
expect_exit 0 "accord-verify --chain r1 r2 holds" "$ACCORD_VERIFY" -r c/keys --chain r1.accord r2.accord
expect_exit 0 "accord-verify --chain takes the revisions in any order" \
    "$ACCORD_VERIFY" -r c/keys --chain r2.accord r1.accord
expect_exit 1 "accord-verify --chain r2 alone fails (revision 1 is missing)" \
    "$ACCORD_VERIFY" -r c/keys --chain r2.accord
expect_exit 1 "accord-verify --chain refuses a revision 2 not yet fully signed" \
    "$ACCORD_VERIFY" -r c/keys --chain r1.accord site/private/agreements/amira-ben-r2.accord

cp r2.accord c/bundles/amira-ben-r2.accord
build "build with both revisions signed"
expect_state amira-ben signed "state: signed again"
if row amira-ben | grep -Eq '>2<|[Rr]evision 2'; then ok "the private index shows revision 2"; else
    not_ok "the private index shows revision 2: $(row amira-ben | head -c 600)"; fi
check "the agreement page of revision 2 links to revision 1's" \
    grep -q 'href="amira-ben-r1.html"' site/private/agreements/amira-ben-r2.html
