#!/usr/bin/env bash
# build_made.sh - a rebuild takes the agreement bundle the last build made
# from two answers bundles from the site it wrote it to, instead of making
# it again, while both answers bundle files hold the same bytes and the
# site's file still holds the bytes made (their SHA-256 noted in the
# site's cache under the program secret). A file the cache lists with
# those bytes and the identity the last build left it with is taken
# unread; a copy of it, or one whose page line names other bytes, is read
# and hashed first. Other answers, the site's file altered, removed or
# replaced by a FIFO, a line or the MAC altered, another secret or none
# make it again, and every site is the one a clean build writes. The
# answers the last build parsed are taken likewise for the same bytes of
# an answers bundle file, and parsed where a page shows them.
. "$(dirname "$0")/../lib.sh"

cp -R "$ROOT/tests/fixtures/content/valid" c
mkdir c/keys c/bundles
for p in ada grace; do "$ACCORD" keygen -W -p c/keys/$p.pub -s $p.key >/dev/null || not_ok "keygen $p"; done
"$ACCORD" secret -C c >/dev/null || not_ok "accord secret"
DIGEST=269d9a5ba8f1c2c5e73bf2ebfb9469d952932c2604eec5d92364e24402d55353
# mentor_answers NOTE: the mentor's answers, with NOTE beside the first
mentor_answers() {
    cat <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<answers program="test" questionnaire="main" version="1" digest="$DIGEST" agreement="ada-grace"
         role="mentor" party="grace" revision="1" saved="2026-03-05T10:00:00Z">
  <answer question="frequency"><value>weekly</value><note>$1</note></answer>
  <answer question="in-person"><value>yes</value></answer>
  <answer question="where"><text>Library</text></answer>
  <answer question="year"><value>1</value></answer>
</answers>
EOF
}
mentor_answers "MENTOR-NOTE-1111" >mentor.xml
expect_exit 0 "the mentee signs" "$ACCORD" sign -s ada.key -C c c/examples/ada-grace-mentee.xml \
    -o c/bundles/m1.accord
expect_exit 0 "the mentor signs" "$ACCORD" sign -s grace.key -C c mentor.xml -o c/bundles/g1.accord

# taken: how many made bundles the last build took from the site (0 when none)
taken() { sed -n 's/.* \([0-9]*\) agreement bundles\? made by the last build.*/\1/p' out.txt | grep . || echo 0; }
noted() { sed -n 's/^made \([0-9]*\)$/\1/p' site/.accord-cache; }
# parsed: how many bundle files' answers it took as parsed (0 when none)
parsed() { sed -n 's/.* \([0-9]*\) bundle files\? unchanged since the last build parsed.*/\1/p' out.txt | grep . || echo 0; }
# parsed_line RE, no_parsed_line RE: a parsed line of the site's cache
# matches RE, none does
parsed_line() { sed -n '/^parsed [0-9]*$/,/^mac /p' site/.accord-cache | grep -q "$1"; }
no_parsed_line() { ! parsed_line "$1"; }
# verified: how many bundle files it took as verified, unread (0 when none)
verified() { sed -n 's/.* \([0-9]*\) bundle files\? unchanged since the last build verified.*/\1/p' out.txt | grep . || echo 0; }
# unread: how many of those it took without reading them
unread() { sed -n 's/.*(\([0-9]*\) unchanged there since, not read)$/\1/p' out.txt | grep . || echo 0; }
B=site/private/agreements/ada-grace-r1.accord

build_as_clean "the first build"
check "the first build makes the agreement bundle" test -f "$B" -a "$(taken)" -eq 0
check "and notes it" test "$(noted)" -eq 1
check "its line: its file's name, the answers files' SHA-256, its own, its length and digest" \
    grep -q $'^ada-grace-r1.accord\t[0-9a-f]\\{64\\}\t[0-9a-f]\\{64\\}\t[0-9a-f]\\{64\\}\t[0-9]*\t[0-9a-f]\\{64\\}$' \
    site/.accord-cache
check "its line holds the SHA-256 of the file written" \
    grep -q "^ada-grace-r1.accord.*$(sha256sum "$B" | cut -c1-64)" site/.accord-cache
check "the lines are kept under a MAC" grep -q '^mac [0-9a-f]\{64\}$' site/.accord-cache
check "the answers of both parties are noted as parsed" \
    grep -q '^parsed 2$' site/.accord-cache
check "a parsed line: the file's name and SHA-256, no embedded party's created or digest, the time saved, the line of <answers>, the length and SHA-256 of answers.xml" \
    grep -q "^g1.accord	$(sha256sum c/bundles/g1.accord | cut -c1-64)	-	-	2026-03-05T10:00:00Z	3	$(unzip -p c/bundles/g1.accord answers.xml | wc -c)	$(unzip -p c/bundles/g1.accord answers.xml | sha256sum | cut -c1-64)$" \
    site/.accord-cache
check "the first build parses every answers file" test "$(parsed)" -eq 0

build_as_clean "a rebuild"
check "a rebuild takes it from the site" test "$(taken)" -eq 1
check "and both parties' answers as parsed" test "$(parsed)" -eq 2
check "and notes it again" test "$(noted)" -eq 1
check "a rebuild leaves it unread: the site's file is as the last build left it" \
    test "$(unread)" -eq 1
build_as_clean "a rebuild of the rebuild"
check "the line a rebuild wrote is taken in turn" test "$(taken)" -eq 1 -a "$(unread)" -eq 1

# the same bytes in a new file (another inode): read and hashed, then taken
cp "$B" b.tmp && mv b.tmp "$B"
build_as_clean "its file copied anew"
check "its file copied anew: read, then taken" test "$(taken)" -eq 1 -a "$(unread)" -eq 0
# the cache's line of its file names other bytes: read and hashed, then taken
build_as_clean "its line of the site again"
L=" ${B#site/}\$"
sed -e "\\|$L|s/^0/1/; t" -e "\\|$L|s/^./0/" site/.accord-cache >cache.tmp
check "the test altered that line alone" test "$(diff cache.tmp site/.accord-cache | grep -c '^[<>]')" -eq 2
check "the test altered the file's page line" bash -c '! cmp -s cache.tmp site/.accord-cache'
cat cache.tmp >site/.accord-cache
build_as_clean "its page line altered"
check "its page line altered: read, then taken" test "$(taken)" -eq 1 -a "$(unread)" -eq 0

# the site's file is what is taken: other bytes there are never used
printf 'x' >>"$B"
build_as_clean "its file altered"
check "its file altered: made again" test "$(taken)" -eq 0
rm "$B"
build_as_clean "its file removed"
check "its file removed: made again" test "$(taken)" -eq 0
rm "$B" && mkfifo "$B"
timeout 120 "$ACCORD" build -C c -o site >out.txt 2>&1
check "a FIFO in its place: the build is not held up by it" test $? -eq 0
check "a FIFO in its place: made again" test "$(taken)" -eq 0 -a -f "$B"
rm -rf clean && "$ACCORD" build -C c -o clean >/dev/null 2>&1
check "a FIFO in its place: the same site as a clean build" same_site site clean

# other answers from the mentor: made anew, from them
build_as_clean "the line again"
mentor_answers "MENTOR-NOTE-2222" >mentor.xml
expect_exit 0 "the mentor answers again" "$ACCORD" sign -f -s grace.key -C c mentor.xml \
    -o c/bundles/g1.accord
build_as_clean "the mentor's answers replaced"
check "the mentor's answers replaced: made again" test "$(taken)" -eq 0
# the pages this renders again show the mentee's answers beside the
# mentor's, read back from where they were set aside: build_as_clean has
# compared them with a clean build's
check "the mentor's answers replaced: parsed again, the mentee's taken" test "$(parsed)" -eq 1
check "the bundle made holds the new answers" \
    bash -c "unzip -p '$B' agreement.html | grep -q MENTOR-NOTE-2222"

# what the page shows changed (the mentor's name): made again, showing it
build_as_clean "the line from the new answers"
sed -i 's/name="Grace Hopper"/name="Grace B. Hopper"/' c/people.xml
build_as_clean "the mentor's name changed"
check "the mentor's name changed: made again" test "$(taken)" -eq 0
check "the bundle made shows the new name" \
    bash -c "unzip -p '$B' agreement.html | grep -q 'Grace B. Hopper'"

# a line altered (its length), the MAC left; the MAC; the count
build_as_clean "the new line"
cache_lines_tampered $'s/^\\(ada-grace-r1.accord\\(\t[^\t]*\\)\\{3\\}\t\\)\\([0-9]*\\)/\\19\\3/' made

# no bundle file read at all: the answers are still taken as parsed, their
# snapshot the content's effective questionnaire, whose bytes have the
# SHA-256 their META names
sleep 3 # every bundle file settled
build_as_clean "every bundle file settled"
build_as_clean "no bundle file read"
check "no bundle file read: both taken as verified" test "$(verified)" -eq 2
check "no bundle file read: both parties' answers taken as parsed" test "$(parsed)" -eq 2

# a parsed line altered (its time saved), the MAC left; the MAC; the count
build_as_clean "the parsed lines"
check "the parsed lines are taken" test "$(parsed)" -eq 2
taken() { parsed; }
cache_lines_tampered $'s/^\\(g1.accord\t[^\t]*\t-\t-\t\\)2026/\\11999/' parsed
taken() { sed -n 's/.* \([0-9]*\) agreement bundles\? made by the last build.*/\1/p' out.txt | grep . || echo 0; }

# another secret: the line means nothing
rm c/secret && "$ACCORD" secret -C c >/dev/null
build_as_clean "a new secret"
check "a new secret: made again" test "$(taken)" -eq 0
build_as_clean "a rebuild with the new secret"
check "a rebuild with the new secret takes it again" test "$(taken)" -eq 1

# no secret: no line is kept
rm c/secret
build_as_clean "no secret"
check "no secret: nothing is noted" test "$(noted)" -eq 0
build_as_clean "no secret, again"
check "no secret, again: made again" test "$(taken)" -eq 0

# the agreement signed by both, its one copy in bundles/: noted with both
# parties' answers, then placed unread
"$ACCORD" secret -C c >/dev/null
build_as_clean "a secret again"
cp "$B" c/bundles/r1.accord
expect_exit 0 "the mentee countersigns" "$ACCORD" sign --countersign -C c -s ada.key \
    c/bundles/r1.accord
expect_exit 0 "the mentor countersigns" "$ACCORD" sign --countersign -C c -s grace.key \
    c/bundles/r1.accord
build_as_clean "the agreement signed by both"
check "its parsed line: both parties, each with its created time and digest" \
    parsed_line $'^r1.accord\t[0-9a-f]\\{64\\}\\(\t[^\t]*\\)\\{12\\}$'
check "the answers it carries are not parsed: no parsed line of theirs" \
    no_parsed_line $'^[gm]1.accord\t'
build_as_clean "a rebuild of the agreement signed by both"
check "its parties' answers are taken as parsed" test "$(parsed)" -eq 1
rm -rf site/private
build_as_clean "its pages rendered again from what was noted"
check "its pages rendered again: its answers still taken as parsed" test "$(parsed)" -eq 1
# a second copy of the revision (signed by nobody): the copies are placed
# from their bytes, the one with the most signatures kept
cp "$B" c/bundles/r1-unsigned.accord
build_as_clean "two copies of the revision"
check "two copies of the revision: none taken as parsed" test "$(parsed)" -eq 0
check "two copies of the revision: neither noted as parsed" \
    no_parsed_line $'^r1[-.a-z]*accord\t'
rm c/bundles/r1-unsigned.accord
build_as_clean "one copy again"
build_as_clean "one copy again, rebuilt"
check "one copy again: taken as parsed" test "$(parsed)" -eq 1
