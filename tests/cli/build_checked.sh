#!/usr/bin/env bash
# build_checked.sh - a rebuild takes a bundle file the last build verified
# without reading it while the file keeps the identity it had (inode,
# size, modification and status-change times), by the line the last build
# kept for it in the site's cache under the program secret; a file changed
# or touched since, a new file, a line or MAC altered, another secret or
# other keys are read and verified again, and every site is the one a clean
# build writes.
. "$(dirname "$0")/../lib.sh"

FORGE="$T/verify_forge"
compile_tool verify_forge "$FORGE"

cp -R "$ROOT/content" c
mv c/bundles/hugo-chen-r1-mentor.accord hugo-mentor.accord

# taken: how many bundle files the last build took unread (0 when none)
taken() { sed -n 's/.* \([0-9]*\) bundle files\? unchanged since the last build verified.*/\1/p' out.txt | grep . || echo 0; }
noted() { sed -n 's/^files \([0-9]*\)$/\1/p' site/.accord-cache; }
files=$(find c/bundles -name '*.accord' | wc -l)

# a file changed a moment before it is read is never noted: its stamp
# could stay the same through a change right after
build_as_clean "files copied just now"
check "files copied just now are not noted" test "$(noted)" -eq 0
sleep 3 # every file settled
build_as_clean "settled files"
check "settled files: each is noted" test "$(noted)" -eq "$files"
check "a file's line: its name, stamp, outcome, digests and META, tab-separated" \
    grep -q $'^amira-ben-r1.accord\t[0-9]*\t[0-9]*\t[0-9]*\t' site/.accord-cache
check "the lines are kept under a MAC" grep -q '^mac [0-9a-f]\{64\}$' site/.accord-cache

build_as_clean "a rebuild"
check "a rebuild takes every file unread" test "$(taken)" -eq "$files"
check "and notes them again" test "$(noted)" -eq "$files"
build_as_clean "a rebuild of the rebuild"
check "the lines a rebuild wrote are taken in turn" test "$(taken)" -eq "$files"

# a new file is read; the others are taken
mv hugo-mentor.accord c/bundles/
build_as_clean "a bundle arrives"
check "a bundle arrives: the others are taken, it is read" test "$(taken)" -eq "$files"
files=$((files + 1))
sleep 3
build_as_clean "the new file settled"
check "the new file settled: it is read, once more, and noted" \
    test "$(taken)" -eq "$((files - 1))" -a "$(noted)" -eq "$files"

# the same bytes, touched: the stamp differs, so the file is read again
touch c/bundles/amira-ben-r1.accord
build_as_clean "a file touched"
check "a file touched is read again" test "$(taken)" -eq "$((files - 1))"

# other bytes under the same name: read again, refused
"$FORGE" sig c/bundles/dara-emil-r1-mentee.accord tc forged.accord || not_ok "verify_forge sig tc"
cp c/bundles/dara-emil-r1-mentee.accord dara.keep && cp forged.accord c/bundles/dara-emil-r1-mentee.accord
build_as_clean "a file replaced"
check "a file replaced is read again and refused" grep -q "dara-emil-r1-mentee.accord.*refused" out.txt
check "a file replaced: the others are taken" test "$(taken)" -ge "$((files - 3))"
check "a refused file is not noted" bash -c '! grep -q "^dara-emil-r1-mentee.accord	" site/.accord-cache'
cp dara.keep c/bundles/dara-emil-r1-mentee.accord
sleep 3
build_as_clean "every file settled again"
build_as_clean "the lines of every file again"
check "every file settled: all taken" test "$(taken)" -eq "$files"

# a line altered (its outcome), the MAC left; the MAC; the count
cache_lines_tampered $'s/^\\(amira-ben-r1.accord\\(\t[^\t]*\\)\\{7\\}\\)\t0\t/\\1\t1\t/' files

# the trust inputs change (a key more): the lines mean nothing
build_as_clean "the lines again, once more"
cp c/keys/amira.pub c/keys/amira.extra.pub
build_as_clean "a key added"
check "a key added: no file is taken" test "$(taken)" -eq 0
rm c/keys/amira.extra.pub
build_as_clean "the key removed"

# another secret: the lines mean nothing
rm c/secret && "$ACCORD" secret -C c >/dev/null
build_as_clean "a new secret"
check "a new secret: no file is taken" test "$(taken)" -eq 0
build_as_clean "a rebuild with the new secret"
check "a rebuild with the new secret takes them again" test "$(taken)" -eq "$files"

# no secret: no line is kept
rm c/secret
build_as_clean "no secret"
check "no secret: no file is noted" test "$(noted)" -eq 0
build_as_clean "no secret, again"
check "no secret, again: no file is taken" test "$(taken)" -eq 0
