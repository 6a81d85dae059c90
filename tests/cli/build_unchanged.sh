#!/usr/bin/env bash
# accord build over an existing site: a page whose bytes did not change is
# the previous build's file (same inode, same time); every other page is
# written anew; the result is byte for byte a clean build's, whatever the
# live site holds in place of a page.
. "$(dirname "$0")/../lib.sh"

cp -R "$ROOT/content" c
listing() { # SITE: inode and path of every file
    (cd "$1" && find . -type f ! -name .accord-cache -printf '%i %p\n' | sort -k2)
}
same_as_clean() { # SITE WHAT: the site equals a clean build of c
    rm -rf clean && "$ACCORD" build -C c -o clean >/dev/null 2>&1 &&
        same_site "$1" clean >/dev/null
}

expect_exit 0 "first build" "$ACCORD" build -C c -o site
listing site >first.txt
touch -d '2020-01-01 00:00:00' site/public/index.html
expect_exit 0 "the same content again" "$ACCORD" build -C c -o site
listing site >second.txt
check "every file is the previous build's (same inodes)" cmp -s first.txt second.txt
check "and keeps its time" test "$(stat -c %Y site/public/index.html)" = \
    "$(date -d '2020-01-01 00:00:00' +%s)"

# One bundle removed: the pages that show it change, the rest stay.
rm c/bundles/dara-emil-r1.accord
expect_exit 0 "rebuild without one agreement bundle" "$ACCORD" build -C c -o site
listing site >third.txt
changed=$(join -1 2 -2 2 second.txt third.txt | awk '$2 != $3' | wc -l)
kept=$(join -1 2 -2 2 second.txt third.txt | awk '$2 == $3' | wc -l)
check "some pages were written anew ($changed) and most kept ($kept)" \
    test "$changed" -gt 0 -a "$kept" -gt "$changed"
check "the site is byte for byte a clean build's" same_as_clean site

# A page edited in place in the live site (same size, other bytes), one
# replaced by a symlink, one by a FIFO: each is written anew, none followed.
f=public/guide/index.html
printf 'X' | dd of="site/$f" bs=1 seek=20 conv=notrunc status=none
echo secret >outside.txt
g=public/keys.html
rm "site/$g" && ln -s "$T/outside.txt" "site/$g"
h=public/forms/index.html
rm "site/$h" && mkfifo "site/$h"
expect_exit 0 "rebuild over an edited page, a symlink and a FIFO" \
    timeout 60 "$ACCORD" build -C c -o site
check "the edited page is written anew" same_as_clean site
check "the symlink's target is untouched" test "$(cat outside.txt)" = secret
check "the page is a regular file again" test -f "site/$g" -a ! -L "site/$g"

# What the old tree holds besides pages goes with it, nothing followed: a
# symlink to a folder outside, a FIFO, a folder 300 deep.
mkdir -p outside/kept && echo kept >outside/kept/file
ln -s "$T/outside" site/public/to-outside
mkfifo site/private/fifo
deep=site/public/deep
for _ in $(seq 300); do deep=$deep/d; done
mkdir -p "$deep" && ln -s "$T/outside/kept/file" "$deep/link"
expect_exit 0 "rebuild over a symlinked folder, a FIFO and a deep folder" \
    timeout 60 "$ACCORD" build -C c -o site
check "they are gone with the old tree" \
    test ! -e site/public/to-outside -a ! -e site/private/fifo -a ! -e site/public/deep
check "no temporary folder is left in the site root" \
    test "$(find site -maxdepth 1 -name '.build-*' | wc -l)" -eq 0
check "what the links pointed to is untouched" test "$(cat outside/kept/file)" = kept

# Another umask: files a clean build would make with another mode are not
# taken from the live site.
(umask 027 && "$ACCORD" build -C c -o site >/dev/null 2>&1)
check "under umask 027 every page is new, mode 0640" \
    test "$(find site -type f ! -name .accord-cache ! -perm 0640 | wc -l)" -eq 0
