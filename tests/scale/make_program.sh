#!/usr/bin/env bash
# make_program.sh N DIR - a program of N agreements (N a multiple of 10) in
# DIR/content, made with the real accord: every person has an unencrypted
# key (accord keygen -W: quick to use, for tests only); agreement k is, by
# k mod 10: 0-1 not started, 2-3 mentee answered, 4 mentor answered, 5-6
# awaiting signatures, 7-9 signed by both, made on a day that puts its
# review (program review-months after it) overdue, due within 30 days, or
# later, as of 2026-11-29: k mod 10 = 7 overdue, 8 due, 9 later.
# Five mentees share each mentor. DIR/extra/a1-r1-mentee.accord is agreement
# 1's mentee answers bundle, signed but kept out of content/bundles (a bundle
# still to arrive). Made once: DIR/stamp holds this script's SHA-256 and N,
# and a DIR whose stamp matches is left as it is.
set -euo pipefail
N=$1 DIR=$2
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
ACCORD=${ACCORD:-$ROOT/bin/accord}
stamp="$(sha256sum "$0" | cut -d' ' -f1) $N"
[ -f "$DIR/stamp" ] && [ "$(cat "$DIR/stamp")" = "$stamp" ] && exit 0
rm -rf "$DIR"
mkdir -p "$DIR"
C=$DIR/content
cp -R "$ROOT/content" "$C"
rm -rf "$C/bundles" "$C/keys" "$C/examples"
mkdir -p "$C/bundles" "$C/keys" "$DIR/secret-keys" "$DIR/answers" "$DIR/extra"

mentors=$((N / 5))
# people_xml FROM TO: people.xml of agreements FROM..TO and their people
people_xml() {
    local k
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo '<people>'
    for ((k = $1; k <= $2; k++)); do
        echo "  <person id=\"m$k\" name=\"Mentee Number $k\" email=\"m$k@example.edu\"/>"
    done
    for ((k = $1; k <= $2; k++)); do echo $((k % mentors)); done | sort -nu |
        while read -r j; do echo "  <person id=\"t$j\" name=\"Mentor Number $j\"/>"; done
    for ((k = $1; k <= $2; k++)); do
        echo "  <agreement id=\"a$k\" mentee=\"m$k\" mentor=\"t$((k % mentors))\"/>"
    done
    echo '</people>'
}
people_xml 1 "$N" >"$C/people.xml"

# every party's key pair, two keygens at a time
{
    for ((k = 1; k <= N; k++)); do echo "m$k"; done
    for ((j = 0; j < mentors; j++)); do echo "t$j"; done
} | xargs -P 2 -I{} "$ACCORD" keygen -W -p "$C/keys/{}.pub" -s "$DIR/secret-keys/{}.key" >/dev/null

# Signing reads the content. Revision 1's answers need no bundle and no
# public key, and an agreement's answers read only its own people, so each
# is signed against a copy without bundles/ and keys/ whose people.xml
# holds the 100 agreements around it: the bundle is the one the whole
# content gives, and sign no longer reads N people and keys every time.
S=$DIR/signing-content
cp -R "$C" "$S"
rm -f "$S"/keys/*.pub
people_xml 1 1 >"$S/people.xml"

# the questionnaire's digest, as a form of the built site names it
"$ACCORD" build -C "$S" -o "$DIR/site0" 2>/dev/null
digest=$(grep -o 'data-digest="[0-9a-f]*"' "$DIR/site0/public/forms/a1-mentee.html" | head -1 |
    sed 's/.*="\(.*\)"/\1/')
rm -rf "$DIR/site0"

# the answers file of party (mentee or mentor) in agreement k, saved on
# day, signed into the folder out (default content/bundles)
answers() {
    local role=$1 k=$2 day=$3 out=${4:-$C/bundles} party
    [ "$role" = mentee ] && party=m$k || party=t$((k % mentors))
    sed -e "s/ digest=\"[0-9a-f]*\"/ digest=\"$digest\"/" \
        -e "s/ agreement=\"amira-ben\"/ agreement=\"a$k\"/" \
        -e "s/ party=\"[a-z]*\"/ party=\"$party\"/" \
        -e "s/ saved=\"[^\"]*\"/ saved=\"${day}T10:00:00Z\"/" \
        -e '/question="ben-/d' \
        "$ROOT/content/examples/amira-ben-$role.xml" >"$DIR/answers/a$k-$role.xml"
    "$ACCORD" sign -s "$DIR/secret-keys/$party.key" -C "$S" \
        -o "$out/a$k-r1-$role.accord" "$DIR/answers/a$k-$role.xml" >/dev/null
}

months=$(grep -o 'review-months="[0-9]*"' "$C/program.xml" | grep -o '[0-9]*')
for ((k = 1; k <= N; k++)); do
    if [ $((k % 100)) = 1 ]; then
        people_xml "$k" $((k + 99 > N ? N : k + 99)) >"$S/people.xml"
    fi
    case $((k % 10)) in
    7) day=$(date -u -d "2026-11-01 - $months months" +%F) ;; # overdue on 2026-11-29
    8) day=$(date -u -d "2026-12-15 - $months months" +%F) ;; # due within 30 days
    *) day=2026-11-01 ;;
    esac
    case $((k % 10)) in
    2 | 3) answers mentee "$k" "$day" ;;
    4) answers mentor "$k" "$day" ;;
    5 | 6 | 7 | 8 | 9)
        answers mentee "$k" "$day"
        answers mentor "$k" "$day"
        ;;
    esac
done
people_xml 1 1 >"$S/people.xml"
answers mentee 1 2026-11-01 "$DIR/extra"

# The program makes the agreements; both parties of 7-9 countersign them,
# each trusting a key folder of the agreement's two parties alone (as
# countersign would otherwise read every key in keys/ each time).
"$ACCORD" build -C "$C" -o "$DIR/site1" 2>/dev/null
K=$DIR/two-keys
for ((k = 7; k <= N; k += 10)); do
    for i in $k $((k + 1)) $((k + 2)); do
        made=$DIR/site1/private/agreements/a$i-r1.accord
        mentor=t$((i % mentors))
        rm -rf "$K" && mkdir "$K" && cp "$C/keys/m$i.pub" "$C/keys/$mentor.pub" "$K/"
        saved=$(grep -o 'saved="[^"]*' "$DIR/answers/a$i-mentor.xml" | cut -d'"' -f2)
        SOURCE_DATE_EPOCH=$(date -u -d "$saved + 1 day" +%s) \
            "$ACCORD" sign --countersign -s "$DIR/secret-keys/m$i.key" -r "$K" -o "$DIR/half.accord" -f "$made" >/dev/null
        SOURCE_DATE_EPOCH=$(date -u -d "$saved + 2 days" +%s) \
            "$ACCORD" sign --countersign -s "$DIR/secret-keys/$mentor.key" -r "$K" \
            -o "$C/bundles/a$i-r1.accord" "$DIR/half.accord" >/dev/null
    done
done
rm -rf "$DIR/site1" "$DIR/half.accord" "$S" "$K"
echo "$stamp" >"$DIR/stamp"
