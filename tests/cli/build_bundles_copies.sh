#!/usr/bin/env bash
# build_bundles_copies.sh - two different agreement bundles for one
# agreement revision: reported, and the one with more signatures wins,
# whatever the files are called.
. "$(dirname "$0")/../lib.sh"
cp -R "$ROOT/tests/fixtures/content/valid" c
mkdir c/keys c/bundles
for p in ada grace; do "$ACCORD" keygen -W -p c/keys/$p.pub -s $p.key >/dev/null || not_ok "keygen $p"; done
D=269d9a5ba8f1c2c5e73bf2ebfb9469d952932c2604eec5d92364e24402d55353
mentor() { # mentor FREQUENCY SAVED: grace's answers
    cat <<EOF2
<?xml version="1.0" encoding="UTF-8"?>
<answers program="test" questionnaire="main" version="1" digest="$D" agreement="ada-grace"
         role="mentor" party="grace" revision="1" saved="$2">
  <answer question="frequency"><value>$1</value></answer>
  <answer question="in-person"><value>no</value></answer>
  <answer question="year"><value>2</value></answer>
</answers>
EOF2
}
mentor weekly 2026-03-05T10:00:00Z >g1.xml
mentor monthly 2026-03-06T10:00:00Z >g2.xml
"$ACCORD" sign -s ada.key -C c c/examples/ada-grace-mentee.xml -o c/bundles/m.accord >/dev/null 2>&1 || not_ok "sign mentee"
"$ACCORD" sign -s grace.key -C c g1.xml -o g1.accord >/dev/null 2>&1 || not_ok "sign g1"
"$ACCORD" sign -s grace.key -C c g2.xml -o g2.accord >/dev/null 2>&1 || not_ok "sign g2"
# agreement A from g1, signed by ada only; agreement B from g2, signed by both
cp g1.accord c/bundles/g.accord && "$ACCORD" build -C c -o sa >/dev/null 2>&1
cp sa/private/agreements/ada-grace-r1.accord a.accord
cp g2.accord c/bundles/g.accord && "$ACCORD" build -C c -o sb >/dev/null 2>&1
cp sb/private/agreements/ada-grace-r1.accord b.accord
check "the two agreements differ" bash -c "! cmp -s a.accord b.accord"
SOURCE_DATE_EPOCH=1773000000 "$ACCORD" sign --countersign -s ada.key -C c a.accord >/dev/null 2>&1 || not_ok "countersign a"
for p in ada grace; do
    SOURCE_DATE_EPOCH=1773100000 "$ACCORD" sign --countersign -s $p.key -C c b.accord >/dev/null 2>&1 ||
        not_ok "countersign b by $p"
done
rm c/bundles/g.accord
cp a.accord c/bundles/a-first.accord && cp b.accord c/bundles/z-last.accord
expect_exit 0 "two different agreement bundles of one revision: the build goes on" \
    "$ACCORD" build -C c -o s1 --strict
expect_stderr "warning: agreement ada-grace revision 1: content/bundles holds 2 different agreement bundles; using c/bundles/z-last.accord" \
    "reported, naming the one used"
check "the fully signed one wins" cmp b.accord s1/private/agreements/ada-grace-r1.accord
check "its answers are shown" grep -q '<p class="answer">Monthly</p>' s1/private/agreements/ada-grace-r1.html
check "signed" grep -q 'state-signed' s1/private/index.html
mv c/bundles/a-first.accord c/bundles/zz.accord && mv c/bundles/z-last.accord c/bundles/aa.accord
run "$ACCORD" build -C c -o s2
check "file names do not change the winner" cmp b.accord s2/private/agreements/ada-grace-r1.accord

# The agreement bundles a build makes or merges wait in an unnamed temporary
# file until they are written; where none can be made they stay in memory,
# and the site is the same.
rm c/bundles/aa.accord c/bundles/zz.accord
cp g1.accord c/bundles/g.accord
run "$ACCORD" build -C c -o st1
check "the answers alone make an agreement to sign" test -s st1/private/agreements/ada-grace-r1.accord
expect_exit 0 "no temporary file can be written: the build goes on" \
    env TMPDIR=/nonexistent/accord "$ACCORD" build -C c -o st2
expect_stderr "^accord: /nonexistent/accord: warning: cannot write a temporary file here \(No such file or directory\): the agreement bundles made in this build are kept in memory \(set TMPDIR" \
    "the admin is told why, and what to do"
check "the same site either way" same_site st1 st2
check "the agreement made is the same bytes" cmp st1/private/agreements/ada-grace-r1.accord \
    st2/private/agreements/ada-grace-r1.accord
