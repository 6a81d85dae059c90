#!/usr/bin/env bash
# build_cache.sh - a rebuild renders only the pages whose inputs changed and
# takes the others from the live site, and is byte for byte what a clean
# build of the same content writes, for each kind of change: a bundle
# arrives, one is removed, an IDP is signed, a key is taken out, a
# questionnaire, people.xml or the theme is edited, another accord program
# runs; a cache that is corrupt, foreign or names an edited page renders
# what it cannot vouch for.
. "$(dirname "$0")/../lib.sh"

cp -R "$ROOT/content" c
mkdir -p data/themes/default && cp "$ROOT"/themes/default/*.* data/themes/default/
export ACCORD_DATADIR=$T/data
A=$ACCORD

# rebuild WHAT: builds c into site (over the last build) and into a clean
# root; ok when both sites are the same. Leaves the pages rendered in
# $rendered and all pages in $total.
rebuild() {
    "$A" build -C c -o site >out.txt 2>&1 || { not_ok "$1: the rebuild fails"; cat out.txt; return; }
    total=$(sed -n 's/.*wrote \([0-9]*\) pages.*/\1/p' out.txt)
    kept=$(sed -n 's/.*(\([0-9]*\) unchanged since the last build.*/\1/p' out.txt)
    rendered=$((total - ${kept:-0}))
    rm -rf clean && "$A" build -C c -o clean >/dev/null 2>&1
    check "$1: the same site as a clean build ($rendered of $total pages rendered)" same_site site clean
}

mv c/bundles/hugo-chen-r1-mentor.accord hugo-mentor.accord
expect_exit 0 "first build" "$A" build -C c -o site
check "the build keeps its cache beside the site" test -f site/.accord-cache
check "the cache is written with the trees: the root holds nothing else" \
    test "$(ls -A site | tr '\n' ' ')" = ".accord-cache private public "
check "the cache has the pages' mode" test "$(stat -c %a site/.accord-cache)" = \
    "$(stat -c %a site/public/index.html)"
check "the cache names pages, not the indexes" \
    bash -c '! grep -q " public/index.html$\| private/index.html$" site/.accord-cache && grep -q " public/keys.html$" site/.accord-cache'

rebuild "nothing changed"
check "nothing changed: only the pages that list every agreement are rendered" test "$rendered" -le 4
# (files settled since the last build are taken unread, their checks unmet)
check "nothing changed: no signature is checked in full again" \
    bash -c 'grep -q " 0 signature checks passed; [1-9][0-9]* more had passed in the last build" out.txt ||
        { grep -q "bundle files\? unchanged since the last build verified" out.txt &&
            ! grep -q "signature checks\? passed" out.txt; }'
mv hugo-mentor.accord c/bundles/
rebuild "a bundle arrives"
check "a bundle arrives: few pages are rendered" test "$rendered" -gt 4 -a "$rendered" -lt $((total / 3))
check "hugo-chen's agreement page is there" test -f site/private/agreements/hugo-chen-r1.html

check "the cache names the agreement bundles beside the pages" \
    grep -q " private/agreements/amira-ben-r2.accord$" site/.accord-cache
printf 'X' | dd of=site/private/agreements/amira-ben-r2.accord bs=1 seek=100 conv=notrunc status=none
rebuild "an agreement bundle edited in place in the live site"
check "the bundle edited is written again" cmp site/private/agreements/amira-ben-r2.accord \
    clean/private/agreements/amira-ben-r2.accord

rm c/bundles/dara-emil-r1.accord
rebuild "a bundle is removed"
check "a bundle is removed: few pages are rendered" test "$rendered" -lt $((total / 3))

# an IDP signed by amira: her agreements' pages and both her mentors' change
digest=$(grep -o 'data-digest="[0-9a-f]*"' site/public/forms/idp-amira.html | head -1 | cut -d'"' -f2)
cat >idp.xml <<XML
<?xml version="1.0" encoding="UTF-8"?>
<answers program="demo" questionnaire="idp" version="1" digest="$digest" role="mentee" party="amira" revision="1" saved="2026-10-01T09:00:00Z">
  <answer question="research-recent"><text>Finish the imaging pipeline.</text></answer>
</answers>
XML
expect_exit 0 "amira signs an IDP" "$A" sign -s c/keys/demo-secret/amira.key -C c -o c/bundles/idp-amira-r1.accord idp.xml
rebuild "an IDP arrives"
check "an IDP arrives: few pages are rendered" test "$rendered" -lt $((total / 3))

rm c/keys/ines.pub
rebuild "a key is taken out"
check "a key is taken out: every page is rendered" test "$rendered" -eq "$total"
cp "$ROOT/content/keys/ines.pub" c/keys/
rebuild "the key is back"
# the keys are hashed as loaded: a file there that is no key changes no page
printf 'who holds which key\n' >c/keys/notes.txt
rebuild "keys/ gains a file that is no key"
check "keys/ gains a file that is no key: only the pages that list every agreement are rendered" \
    test "$rendered" -le 4
rm c/keys/notes.txt
expect_exit 0 "a new key for ines" "$A" keygen -W -p ines-new.pub -s ines-new.key
cp ines-new.pub c/keys/ines.pub
rebuild "a key is replaced in place by another of the same name"
check "a key is replaced in place: every page is rendered" test "$rendered" -eq "$total"
cp "$ROOT/content/keys/ines.pub" c/keys/
rebuild "the first key is back"

sed -i '0,/<text>/s/<text>/<text>Edited: /' c/questionnaires/agreement.xml
rebuild "a questionnaire is edited"
check "a questionnaire is edited: every page is rendered" test "$rendered" -eq "$total"

sed -i 's/name="Chen Placeholder"/name="Chen Renamed"/' c/people.xml
rebuild "a name changes in people.xml"
check "a name changes: every page is rendered" test "$rendered" -eq "$total"

printf '\n/* edited */\n' >>data/themes/default/style.css
rebuild "the theme is edited"
check "the theme is edited: every page is rendered" test "$rendered" -eq "$total"

cp "$ACCORD" accord-other && printf 'another build' >>accord-other
A=$T/accord-other
rebuild "another accord program"
check "another accord program: every page is rendered" test "$rendered" -eq "$total"
A=$ACCORD
rebuild "back to this accord"

# A page edited in place in the live site, the cache corrupt, or foreign.
printf 'X' | dd of=site/public/keys.html bs=1 seek=30 conv=notrunc status=none
rebuild "a cached page edited in place"
rebuild "nothing changed, after a page edited"
every_time=$rendered
# the very file moved out, a symlink to it left: the inode, size and time
# the cache names, yet never kept
mv site/public/keys.html keys-moved.html && ln -s "$T/keys-moved.html" site/public/keys.html
rebuild "a cached page replaced by a symlink to the file it was"
check "a cached page replaced by a symlink: that page is rendered too" \
    test "$rendered" -eq $((every_time + 1))
check "a cached page replaced by a symlink: a file is written in its place" \
    test -f site/public/keys.html -a ! -L site/public/keys.html
head -c 100 site/.accord-cache >cut && cat cut >site/.accord-cache
rebuild "a truncated cache"
check "a truncated cache: every page is rendered" test "$rendered" -eq "$total"
printf 'accord-build-cache 3\nchecks 0\nnot a line\n' >site/.accord-cache
rebuild "a cache with a bad line"
check "a cache with a bad line: every page is rendered" test "$rendered" -eq "$total"
"$A" build -C c -o site >/dev/null 2>&1
head -c -1 site/.accord-cache >cut && cat cut >site/.accord-cache
rebuild "a cache whose last line has lost its newline"
check "a cache whose last line has lost its newline: every page is rendered" \
    test "$rendered" -eq "$total"
"$A" build -C c -o site >/dev/null 2>&1
sed '0,/ public/s/ public/\x00public/' site/.accord-cache >cut && cat cut >site/.accord-cache
rebuild "a cache with a NUL byte in a line"
check "a cache with a NUL byte in a line: every page is rendered" test "$rendered" -eq "$total"
"$A" build -C c -o site >/dev/null 2>&1
{ cat site/.accord-cache && printf '%064d 1 1 1 1 %05000d\n' 0 0; } >cut && cat cut >site/.accord-cache
rebuild "a cache with a line longer than any path"
check "a cache with a line longer than any path: every page is rendered" \
    test "$rendered" -eq "$total"
# A line naming a page again with another inode wins over the first (the
# page is rendered: one more than a rebuild renders with nothing changed);
# one naming a path the site does not have is ignored.
rebuild "nothing changed, once more"
every_time=$rendered
awk '/ public\/keys\.html$/ { $2 = $2 + 1; print }' site/.accord-cache >twice
printf '%064d 1 1 1 1 ../outside.html\n' 0 >>twice
cat twice >>site/.accord-cache
rebuild "a cache naming a page twice and a path outside the site"
check "a cache naming a page twice: that page is rendered too" \
    test "$rendered" -eq $((every_time + 1))
rm site/.accord-cache && mkfifo site/.accord-cache
expect_exit 1 "a FIFO in place of the cache is refused as a foreign file" timeout 60 "$A" build -C c -o site
expect_stderr "site/.accord-cache" "and named"
rm site/.accord-cache
rebuild "no cache"
check "no cache: every page is rendered" test "$rendered" -eq "$total"

# a folder of the content linked to itself: read, never entered
ln -s . c/guide/loop
rebuild "a symlink loop in the content"
check "a symlink loop in the content: every page is rendered" test "$rendered" -eq "$total"
rebuild "a symlink loop, again"
check "a symlink loop, again: every page is rendered" test "$rendered" -eq "$total"
