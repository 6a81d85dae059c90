#!/usr/bin/env bash
# build_passed_sigs.sh - a rebuild takes as passed the signature checks the
# last build saw pass, by the tags it kept in the site's cache under the
# program secret, and nothing else: a signature changed since, tags of
# another secret, tags made up or a malformed tag section are checked (or
# rendered) again, and every site is the one a clean build writes.
. "$(dirname "$0")/../lib.sh"

FORGE="$T/verify_forge"
compile_tool verify_forge "$FORGE"

cp -R "$ROOT/content" c

# build WHAT: build_as_clean, every bundle file's modification time set an
# hour ahead first, so that no file is ever settled, none is taken unread
# from the cache (build_checked.sh tests that) and each build meets every
# signature check, however slow the machine
build() {
    touch -d '1 hour' c/bundles/*.accord
    build_as_clean "$1"
}
# taken: how many signature checks the last build took from the cache (0 when none)
taken() { sed -n 's/.*; \([0-9]*\) more had passed in the last build.*/\1/p' out.txt | grep . || echo 0; }
tags() { sed -n 's/^checks \([0-9]*\)$/\1/p' site/.accord-cache; }
# at: the line of the cache that counts the tags (they follow it)
at() { grep -n '^checks ' site/.accord-cache | cut -d: -f1; }

build "first build"
check "a first build takes no check as passed" test "$(taken)" -eq 0
n=$(tags)
check "the cache holds a tag per check that passed" test "${n:-0}" -gt 10
check "each tag is a line of 64 hex digits" \
    test "$(sed -n "$(($(at) + 1)),$(($(at) + n))p" site/.accord-cache | grep -c '^[0-9a-f]\{64\}$')" -eq "$n"

build "a rebuild"
check "a rebuild takes every check of the last build as passed" test "$(taken)" -eq "$n"
check "and checks none" grep -q " 0 signature checks passed;" out.txt

# a signature that passed, its trusted comment changed since: checked, refused
"$FORGE" sig c/bundles/hugo-chen-r1-mentor.accord tc forged.accord || not_ok "verify_forge sig tc"
cp forged.accord c/bundles/hugo-chen-r1-mentor.accord
build "a signature changed since the last build"
check "the changed signature is checked and refused" grep -q "hugo-chen-r1-mentor.accord.*refused" out.txt
check "the checks of the other signatures are taken as passed" test "$(taken)" -gt 0 -a "$(taken)" -lt "$n"
cp "$ROOT/content/bundles/hugo-chen-r1-mentor.accord" c/bundles/
build "the signature restored"
check "the restored comment is checked again (its tag was dropped when the changed one failed)" \
    grep -q " [1-9][0-9]* signature checks\? passed;" out.txt

# tags made up in the right format: nothing is taken, the pages still are
n=$(tags)
sed "$(($(at) + 1)),$(($(at) + n))s/^.*\$/$(printf '%064d' 7)/" site/.accord-cache >cache.tmp &&
    cat cache.tmp >site/.accord-cache
build "made-up tags"
check "made-up tags: no check is taken as passed" test "$(taken)" -eq 0
check "made-up tags: the pages are still taken from the live site" \
    grep -q "unchanged since the last build" out.txt

# a tag section the file does not hold, or a tag that is not hex: the cache is unreadable
sed "$(at)s/.*/checks $((n + 100000))/" site/.accord-cache >cache.tmp && cat cache.tmp >site/.accord-cache
build "more tags counted than lines"
check "more tags counted than lines: nothing is taken" test "$(taken)" -eq 0
check "more tags counted than lines: every page is rendered" bash -c '! grep -q "unchanged since" out.txt'
sed "$(($(at) + 1))s/^./g/" site/.accord-cache >cache.tmp && cat cache.tmp >site/.accord-cache
build "a tag that is not hex"
check "a tag that is not hex: every page is rendered" bash -c '! grep -q "unchanged since" out.txt'
sed "$(at)s/.*/checks -1/" site/.accord-cache >cache.tmp && cat cache.tmp >site/.accord-cache
build "a negative count"
check "a negative count: every page is rendered" bash -c '! grep -q "unchanged since" out.txt'

# another secret: the last build's tags mean nothing
rm c/secret && "$ACCORD" secret -C c >/dev/null
build "a new secret"
check "a new secret: no check is taken as passed" test "$(taken)" -eq 0
build "a rebuild with the new secret"
check "a rebuild with the new secret takes them again" test "$(taken)" -gt 0

# no secret: each check is done once per build, no tag is kept
rm c/secret
build "no secret"
check "no secret: the cache keeps no tag" test "$(tags)" -eq 0
build "no secret, again"
check "no secret, again: no check is taken as passed" test "$(taken)" -eq 0
