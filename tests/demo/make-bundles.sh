#!/usr/bin/env bash
# make-bundles.sh - regenerates the demo program's signed bundles
# (content/bundles/*.accord) and the revision-2 answers files of amira-ben
# (content/examples/amira-ben-*-r2.xml), as `make demo-bundles` asks.
#
# Every step signs with the demo keys (content/keys/demo-secret/) at a fixed
# time (SOURCE_DATE_EPOCH), so the output depends only on the inputs: the
# whole cycle runs twice in scratch copies of content/, the two results must
# be byte-identical, and only then are they copied into content/. `make site`
# never signs; it only reads what this script committed.
#
# The demo shows every state of an agreement:
#   amira-chen  not started            (no answers)
#   farid-chen  mentee answered        (mentee's answers bundle only)
#   greta-emil  mentor answered        (mentor's answers bundle only)
#   hugo-chen   awaiting signatures    (both answered; nobody has countersigned)
#   ines-ben    awaiting signatures    (ines countersigned; ben has not)
#   dara-emil   signed, revision 1     (the ground-rules questionnaire)
#   amira-ben   signed, revision 2     (revision 1 signed a year earlier)
#
# Environment: ACCORD, ACCORD_VERIFY (default bin/accord, bin/accord-verify).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
ACCORD=${ACCORD:-$ROOT/bin/accord}
ACCORD_VERIFY=${ACCORD_VERIFY:-$ROOT/bin/accord-verify}
export TZ=UTC0 LC_ALL=C
unset SOURCE_DATE_EPOCH
C=$ROOT/content
SECRET=$C/keys/demo-secret
TEMPLATES=$ROOT/tests/demo

die() {
    echo "make-bundles.sh: $*" >&2
    exit 1
}
for tool in "$ACCORD" "$ACCORD_VERIFY"; do
    [ -x "$tool" ] || die "$tool is missing: build it first (make)"
done
command -v unzip >/dev/null || die "unzip is missing: install it (make deps-test)"

# Answers files signed into answers bundles: file (in content/examples/,
# without .xml) and the time its party signed it. Revision 2's files are
# written from tests/demo/*.xml.in once revision 1 is signed.
R1_ANSWERS="
dara-emil-mentee  2026-09-08T14:20:00Z
dara-emil-mentor  2026-09-15T10:40:00Z
amira-ben-mentee  2026-09-14T15:35:00Z
amira-ben-mentor  2026-09-21T10:20:00Z
ines-ben-mentee   2026-09-25T12:00:00Z
ines-ben-mentor   2026-10-01T16:10:00Z
hugo-chen-mentee  2026-09-28T17:30:00Z
hugo-chen-mentor  2026-10-06T09:20:00Z
greta-emil-mentor 2026-10-02T08:45:00Z
farid-chen-mentee 2026-10-05T14:00:00Z
"
# Countersignatures of the agreement bundles accord build made: agreement,
# revision, party, time. An agreement listed here is committed with the
# signatures it has; one not listed (hugo-chen) has none yet, and
# accord build makes its agreement bundle afresh from the answers bundles.
R1_COUNTERSIGN="
dara-emil 1 dara 2026-09-16T08:55:00Z
dara-emil 1 emil 2026-09-17T16:05:00Z
amira-ben 1 amira 2026-09-22T09:15:00Z
amira-ben 1 ben 2026-09-23T14:40:00Z
ines-ben 1 ines 2026-10-03T10:30:00Z
"
R2_ANSWERS="
amira-ben-mentee-r2 2027-09-13T14:30:00Z
amira-ben-mentor-r2 2027-09-20T10:05:00Z
"
R2_COUNTERSIGN="
amira-ben 2 amira 2027-09-21T11:20:00Z
amira-ben 2 ben 2027-09-22T15:45:00Z
"

epoch() { date -u -d "$1" +%s; }
attr() { # attr NAME FILE: the value of NAME= on FILE's <answers> start tag
    grep -Eo "<answers [^>]*" "$2" | grep -Eo " $1=\"[^\"]*\"" | head -1 | cut -d'"' -f2
}

# sign_answers W LIST: signs each answers file of LIST into W/content/bundles/
# as <agreement>-r<revision>-<role>.accord.
sign_answers() {
    local w=$1 name at f agreement role party revision
    while read -r name at; do
        [ -n "$name" ] || continue
        f=$w/content/examples/$name.xml
        [ -f "$f" ] || die "$f is missing"
        agreement=$(attr agreement "$f") role=$(attr role "$f") party=$(attr party "$f")
        revision=$(attr revision "$f")
        SOURCE_DATE_EPOCH=$(epoch "$at") "$ACCORD" sign -C "$w/content" -s "$SECRET/$party.key" \
            "$f" -o "$w/content/bundles/$agreement-r$revision-$role.accord" </dev/null >/dev/null ||
            die "accord sign of $name.xml failed"
    done <<<"$2"
}

# build W: accord build of W/content into W/site; any refused bundle stops us.
build() {
    "$ACCORD" build -C "$1/content" -o "$1/site" </dev/null >/dev/null 2>"$1/build.err" ||
        { cat "$1/build.err" >&2; die "accord build of the demo content failed"; }
    if grep -q 'refused' "$1/build.err"; then
        cat "$1/build.err" >&2
        die "accord build refused a demo bundle"
    fi
}

# countersign W LIST: countersigns the agreement bundles accord build wrote,
# in LIST's order, then puts each into W/content/bundles/<agreement>-r<N>.accord.
countersign() {
    local w=$1 agreement revision party at b
    mkdir -p "$w/agreements"
    while read -r agreement revision party at; do
        [ -n "$agreement" ] || continue
        b=$w/agreements/$agreement-r$revision.accord
        if [ ! -f "$b" ]; then
            [ -f "$w/site/private/agreements/$agreement-r$revision.accord" ] ||
                die "accord build wrote no site/private/agreements/$agreement-r$revision.accord"
            cp "$w/site/private/agreements/$agreement-r$revision.accord" "$b"
        fi
        SOURCE_DATE_EPOCH=$(epoch "$at") "$ACCORD" sign --countersign -C "$w/content" \
            -s "$SECRET/$party.key" "$b" </dev/null >/dev/null ||
            die "accord sign --countersign of $agreement revision $revision by $party failed"
    done <<<"$2"
    while read -r agreement revision party at; do
        [ -n "$agreement" ] || continue
        cp "$w/agreements/$agreement-r$revision.accord" "$w/content/bundles/"
    done <<<"$2"
}

# generate W: the whole demo cycle in W/content, a copy of content/ without
# its bundles and without the files this script writes.
generate() {
    local w=$1 t digest
    mkdir -p "$w"
    cp -R "$C" "$w/content"
    rm -f "$w"/content/bundles/*.accord
    for t in "$TEMPLATES"/*.xml.in; do rm -f "$w/content/examples/$(basename "$t" .in)"; done

    sign_answers "$w" "$R1_ANSWERS"
    build "$w"
    countersign "$w" "$R1_COUNTERSIGN"

    # Revision 2 names the digest (SHA-256 of MANIFEST) of the signed revision 1.
    digest=$(unzip -p "$w/content/bundles/amira-ben-r1.accord" MANIFEST | sha256sum | cut -c1-64)
    for t in "$TEMPLATES"/*.xml.in; do
        sed "s/@PREVIOUS@/$digest/" "$t" >"$w/content/examples/$(basename "$t" .in)"
    done
    sign_answers "$w" "$R2_ANSWERS"
    build "$w"
    countersign "$w" "$R2_COUNTERSIGN"
    build "$w"
}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/demo-bundles.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
generate "$WORK/a"
generate "$WORK/b"
if ! diff -r "$WORK/a/content" "$WORK/b/content" >"$WORK/diff"; then
    cat "$WORK/diff" >&2
    die "two runs of the demo cycle gave different bytes"
fi
echo "two runs of the demo cycle gave byte-identical bundles"

# The committed bundles: each fully signed one verifies, the others await.
A=$WORK/a/content
for b in "$A"/bundles/*.accord; do
    if "$ACCORD_VERIFY" -r "$A/keys" "$b" >"$WORK/verify.out"; then
        :
    elif ! grep -q '^AWAITING ' "$WORK/verify.out"; then
        cat "$WORK/verify.out" >&2
        die "$(basename "$b") does not verify"
    fi
done

# Copy into content/: the bundles, and revision 2's answers files.
rm -f "$C"/bundles/*.accord
cp "$A"/bundles/*.accord "$C/bundles/"
for t in "$TEMPLATES"/*.xml.in; do
    cp "$A/examples/$(basename "$t" .in)" "$C/examples/"
done
echo "wrote into content/bundles/:"
for b in "$C"/bundles/*.accord; do echo "  ${b##*/}"; done
