#!/usr/bin/env bash
# review_order.sh - reviews are taken in order: revision N's answers (and
# agreements) are accepted only when their previous is the digest of
# revision N-1's agreement signed by both parties. Anything else is refused
# with its reason by accord build (nothing refused moves the dashboard or a
# form), accord check and accord sign (a warning only where no bundles/ is
# at hand). Signing times cannot be pushed past 24 months after created.
. "$(dirname "$0")/agreement_setup.inc"
DAY=86400
digest() { "$ACCORD_VERIFY" -v -r $K "$1" | sed -n 's/^  bundle digest (sha256 of MANIFEST): //p'; }
review() { # N PREVIOUS WHO: WHO's answers of revision N naming PREVIOUS
    sed "s/revision=\"1\"/revision=\"$1\" previous=\"$2\"/" "$FIX/$3-answers.xml" >"$3$1-$2.xml"
    echo "$3$1-$2.xml"
}
T2=$((T_GRACE + 180 * DAY))
D1=$(digest r1.accord) # unsigned yet: the digest does not change as signatures are added
state_of() { # the state cell of ada-grace in the private index of site $1
    grep -o 'class="state state-[a-z-]*" data-label="State"><span class="state-tag">[^<]*' "$1/private/index.html" | head -1 | sed 's/.*">//'
}

# Revision 1 awaits signatures: a review of it is refused everywhere.
mkdir -p c/bundles && cp ada1.accord grace1.accord c/bundles/
A2=$(review 2 "$D1" ada)
expect_exit 1 "accord check: a review of a revision not signed by both yet" "$ACCORD" check -C c "$A2"
expect_stderr "it reviews revision 1 of agreement ada-grace, which is not signed by both parties yet" \
    "says revision 1 awaits signatures"
expect_exit 1 "accord sign refuses it too" env SOURCE_DATE_EPOCH=$T2 \
    "$ACCORD" sign -C c -s "$FIX/ada.key" "$A2" -o early2.accord
check "and writes nothing" test ! -e early2.accord
# made elsewhere (no bundles/ there: a party's own machine), then sent in
mkdir elsewhere && cp -R c/. elsewhere/ && rm -rf elsewhere/bundles
SOURCE_DATE_EPOCH=$T2 "$ACCORD" sign -C elsewhere -s "$FIX/ada.key" "$A2" -o early2.accord 2>"$T/e.log" &&
    ok "on a machine without the program's bundles, accord sign signs it" || not_ok "accord sign elsewhere"
grep -q "warning: previous not checked" "$T/e.log" && ok "with a warning that it could not check" ||
    not_ok "no warning about the unchecked previous"
cp early2.accord c/bundles/
expect_exit 0 "build: the early review is refused, the build goes on" "$ACCORD" build -C c -o s1
expect_stderr "c/bundles/early2.accord: refused: it reviews revision 1 of agreement ada-grace, which is not signed by both parties yet" \
    "names it and why"
[ "$(state_of s1)" = "awaiting signatures from Ada Lovelace and Grace Hopper" ] &&
    ok "the dashboard still shows revision 1 awaiting both" || not_ok "the dashboard moved: $(state_of s1)"
check "the forms are still for revision 1" grep -q 'data-revision="1"' s1/public/forms/ada-grace-mentee.html
if grep -q 'data-previous' s1/public/forms/ada-grace-mentee.html; then not_ok "a form carries the refused previous"; else
    ok "no form carries the refused previous"; fi
check "no page of revision 2" test ! -e s1/private/agreements/ada-grace-r2.html
expect_exit 1 "build --strict: exit 1" "$ACCORD" build --strict -C c -o s1

# Revision 1 signed by both: the review that names it is taken.
countersign $((T_GRACE + 3600)) "$FIX/ada.key" r1.accord
countersign $((T_GRACE + 7200)) "$FIX/grace.key" r1.accord
cp r1.accord c/bundles/r1.accord
expect_exit 0 "accord check: now the review follows a signed agreement" "$ACCORD" check -C c "$A2"
expect_exit 0 "build" "$ACCORD" build -C c -o s2
[ "$(state_of s2)" = "mentee answered" ] && ok "the dashboard moves to revision 2, mentee answered" ||
    not_ok "dashboard: $(state_of s2)"

# A previous naming anything else, a skipped revision, an agreement bundle
# out of order: refused, each with its reason; the good review stays.
WRONG=$(printf 'c%.0s' $(seq 64))
B2=$(review 2 "$WRONG" grace)
expect_exit 1 "accord check: a previous that is not revision 1's digest" "$ACCORD" check -C c "$B2"
expect_stderr "its previous is not the digest of the signed agreement of revision 1" "says so"
SOURCE_DATE_EPOCH=$((T2 + 60)) "$ACCORD" sign -C elsewhere -s "$FIX/grace.key" "$B2" -o wrong2.accord 2>/dev/null ||
    not_ok "sign the wrong review elsewhere"
A3=$(review 3 "$D1" ada)
expect_exit 1 "accord check: revision 3 with no revision 2" "$ACCORD" check -C c "$A3"
expect_stderr "it reviews revision 2 of agreement ada-grace, which is not here" "says revision 2 is missing"
SOURCE_DATE_EPOCH=$((T2 + 120)) "$ACCORD" sign -C elsewhere -s "$FIX/ada.key" "$A3" -o skip3.accord 2>/dev/null ||
    not_ok "sign the skipping review elsewhere"
cp wrong2.accord skip3.accord c/bundles/
expect_exit 0 "build with both" "$ACCORD" build -C c -o s3
expect_stderr "c/bundles/wrong2.accord: refused: its previous is not the digest of the signed agreement of revision 1" \
    "the wrong previous is refused"
expect_stderr "c/bundles/skip3.accord: refused: it reviews revision 2 of agreement ada-grace, which is not here" \
    "the skipped revision is refused"
[ "$(state_of s3)" = "mentee answered" ] && ok "the dashboard is where the good review left it" ||
    not_ok "dashboard: $(state_of s3)"
check "the mentor's form is for revision 2 after revision 1" \
    grep -q "data-revision=\"2\" data-previous=\"$D1\"" s3/private/forms/ada-grace-mentor.html
# An agreement bundle of revision 2 whose revision 1 is not the signed one.
SOURCE_DATE_EPOCH=$((T2 + 60)) "$ACCORD" sign -C c -s "$FIX/grace.key" "$(review 2 "$D1" grace)" -o grace2.accord 2>/dev/null ||
    not_ok "sign grace's review"
af write early2.accord grace2.accord r2.accord
rm c/bundles/r1.accord
rm -f c/bundles/wrong2.accord c/bundles/skip3.accord
cp r2.accord c/bundles/
expect_exit 0 "build with revision 2's agreement but revision 1 unsigned" "$ACCORD" build -C c -o s4
expect_stderr "c/bundles/r2.accord: refused: it reviews revision 1 of agreement ada-grace, which is not signed by both parties yet" \
    "the agreement of revision 2 is refused too"
check "no page of revision 2" test ! -e s4/private/agreements/ada-grace-r2.html

# Signing times: not before created, not more than 24 months after it.
cp r1.accord late.accord
expect_exit 1 "countersign more than 24 months after created" env \
    SOURCE_DATE_EPOCH=$((T_GRACE + 740 * DAY)) "$ACCORD" sign --countersign -r $K -s "$FIX/ada.key" \
    "$(af drop r1.accord signatures/ada.minisig nosig.accord; echo nosig.accord)"
expect_stderr "more than 24 months after the agreement was created" "says so"
af drop r1.accord signatures/ada.minisig n2.accord
af sign n2.accord "$FIX/ada.key" ada $((T_GRACE + 740 * DAY)) ok far.accord
af sign far.accord "$FIX/grace.key" grace $((T_GRACE + 7200)) ok far2.accord
run "$ACCORD_VERIFY" -r $K far2.accord
if [ "$rc" -eq 1 ] && grep -q "signed at .*, more than 24 months after the agreement was created" "$T/stdout"; then
    ok "accord-verify refuses a signature dated past 24 months (exit 1)"; else
    not_ok "accord-verify on a far-future signature: exit $rc"; sed 's/^/# /' "$T/stdout"; fi
af sign n2.accord "$FIX/ada.key" ada $((T_GRACE + 700 * DAY)) ok near.accord
af sign near.accord "$FIX/grace.key" grace $((T_GRACE + 7200)) ok near2.accord
expect_exit 0 "a signature 23 months after created is valid" "$ACCORD_VERIFY" -r $K near2.accord

# A key for any party (-p) cannot tell the mentee's signature from the mentor's.
expect_exit 1 "accord-verify -p on an agreement" "$ACCORD_VERIFY" -p "$FIX/ada.pub" -p "$FIX/grace.pub" r1.accord
expect_stdout "an agreement names two parties: verify it with a key directory \(-r\)" "says to use -r"
expect_exit 0 "accord-verify -p on an answers bundle still works" "$ACCORD_VERIFY" -p "$FIX/ada.pub" ada1.accord

# accord sign --countersign with the program's content at hand checks the
# order too: revision 2's agreement (made where revision 1 was signed) is
# refused against a content whose revision 1 still awaits signatures.
mkdir -p ok2 && cp -R c/. ok2/ && rm -f ok2/bundles/* && cp r1.accord early2.accord grace2.accord ok2/bundles/
"$ACCORD" build -C ok2 -o s6 2>/dev/null && cp s6/private/agreements/ada-grace-r2.accord made2.accord ||
    not_ok "the build makes revision 2's agreement once revision 1 is signed"
expect_exit 0 "with revision 1 signed, the mentee countersigns revision 2" env SOURCE_DATE_EPOCH=$((T2 + 3600)) \
    "$ACCORD" sign --countersign -C ok2 -s "$FIX/ada.key" made2.accord -o made2-ada.accord
rm -f c/bundles/* && cp ada1.accord grace1.accord c/bundles/
expect_exit 1 "against a content whose revision 1 awaits signatures, it is refused" \
    env SOURCE_DATE_EPOCH=$((T2 + 3600)) "$ACCORD" sign --countersign -C c -s "$FIX/ada.key" made2.accord
expect_stderr "made2.accord: refused: it reviews revision 1 of agreement ada-grace, which is not signed by both parties yet" \
    "says why"
