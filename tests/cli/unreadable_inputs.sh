#!/usr/bin/env bash
# unreadable_inputs.sh - one unreadable or unusable input never silently
# empties the site: a key or bundle that cannot be read, or a keys/ or
# bundles/ of the wrong type, stops accord build (exit 1, named, the site
# built before left byte for byte) unless --skip-unreadable; every other key
# still loads; a bundle that is read but does not verify is refused and the
# build goes on; two parties sharing a key is warned about; the site never
# goes inside the content directory; the build locks the site root and
# removes what killed builds left; every line of stderr starts "accord: ".
. "$(dirname "$0")/../lib.sh"

cp -R "$ROOT/content" c
expect_exit 0 "the demo content builds" "$ACCORD" build -C c -o site
cp -R site before

# site_kept WHAT: the site is byte for byte the one built first.
site_kept() {
    check "$1: the site built before is left byte for byte" same_site before site
    check "$1: no temporary folder left" test -z "$(find site -maxdepth 1 -name '.build-*')"
}
# states FILE: "agreement: state cell" for each row of a private index.
states() {
    awk '/class="agreement-id">/ { id = $0; sub(/.*class="agreement-id">/, "", id); sub(/<.*/, "", id) }
         /<td class="state / { print id ": " $0 }' "$1"
}
states before/private/index.html >states.before
for ag in dara-emil amira-ben; do
    check "the demo's $ag shows as signed (the markup the checks below look for)" \
        grep -qx "$ag: <td class=\"state state-signed\" data-label=\"State\"><span class=\"state-tag\">signed</span></td>" states.before
done
# signed_still WHAT: dara-emil and amira-ben still show as signed, and every
# agreement shows the state it had before.
signed_still() {
    states site/private/index.html >states.now
    for ag in dara-emil amira-ben; do
        check "$1: $ag still shows as signed" \
            grep -qx "$ag: <td class=\"state state-signed\" data-label=\"State\"><span class=\"state-tag\">signed</span></td>" states.now
    done
    check "$1: every agreement's state is as before" cmp states.before states.now
}
# only_bad PATH WHAT: PATH is the only file named as unusable.
only_bad() {
    local n
    n=$(grep -c "cannot use this key\|cannot read" "$T/stderr")
    if [ "$n" -eq 1 ] && grep -q "^accord: $1: cannot use this key" "$T/stderr"; then
        ok "$2: only $1 is named as unusable"
    else
        not_ok "$2: $n files named unusable, wanted only $1"
        sed 's/^/# stderr: /' "$T/stderr" | head -5
    fi
}

# --- 1. one bad key file -------------------------------------------------
for kind in garbage fifo directory; do
    case $kind in
    garbage) bad=c/keys/aaa.pub && echo x >"$bad" ;;
    fifo) bad=c/keys/aaa.pub && mkfifo "$bad" ;;
    directory) bad=c/keys/zz.pub && mkdir "$bad" ;;
    esac
    expect_exit 1 "$kind key $bad: build stops" timeout 10 "$ACCORD" build -C c -o site
    expect_stderr "^accord: $bad: cannot use this key: " "$kind key: the build names it: cannot use this key"
    expect_stderr "nothing was written" "$kind key: the build says nothing was written"
    site_kept "$kind key"
    expect_exit 1 "$kind key: check finds it" timeout 10 "$ACCORD" check -C c
    only_bad "$bad" "$kind key: check"
    check "$kind key: with the other keys every bundle still verifies (none refused)" \
        sh -c "! grep -q 'refused' '$T/stderr'"
    expect_exit 0 "$kind key: --skip-unreadable builds" timeout 10 "$ACCORD" build -C c -o site --skip-unreadable
    expect_stderr "^accord: $bad: warning: left out: " "$kind key: --skip-unreadable names it: warning, left out"
    signed_still "$kind key, --skip-unreadable"
    rm -rf "$bad" site && cp -R before site
done

# A bad key that sorts between good ones, for a party with bundles: the
# other parties' signed agreements still show as signed.
cp c/keys/hugo.pub hugo.pub.real && echo x >c/keys/hugo.pub
expect_exit 1 "an unusable key of a party (hugo): build stops" "$ACCORD" build -C c -o site
site_kept "hugo's key unusable"
expect_exit 0 "hugo's key unusable: --skip-unreadable builds" "$ACCORD" build -C c -o site --skip-unreadable
expect_stderr "^accord: c/keys/hugo.pub: warning: left out: " "hugo's key is named as left out"
expect_stderr "hugo-chen-r1-mentee.accord: refused: .*which is not a trusted key of hugo" \
    "the bundle hugo signed is refused for want of his key, not shown as not started silently"
states site/private/index.html >states.now
for ag in dara-emil amira-ben; do
    check "hugo's key unusable: $ag still shows as signed" \
        grep -qx "$ag: <td class=\"state state-signed\" data-label=\"State\"><span class=\"state-tag\">signed</span></td>" states.now
done
mv hugo.pub.real c/keys/hugo.pub
rm -rf site && cp -R before site

# --- 2. keys/ and bundles/ of the wrong type -------------------------------
# wrong_dir WHAT PATH: build (exit 1, PATH named, site kept) and check (exit 1).
wrong_dir() {
    expect_exit 1 "$1: build stops" timeout 10 "$ACCORD" build -C c -o site
    expect_stderr "^accord: $2: .*(not a directory|no public key)" "$1: the build names $2"
    site_kept "$1"
    expect_exit 1 "$1: check finds it" timeout 10 "$ACCORD" check -C c
    expect_stderr "^accord: $2: " "$1: check names $2"
}
mv c/keys keys.real
echo "not a folder" >c/keys
wrong_dir "keys a regular file" c/keys
expect_stderr "c/keys: is not a directory" "keys a regular file: says it is not a directory"
rm c/keys
wrong_dir "keys/ missing while bundles/ holds bundles" c/keys
expect_stderr "c/keys: no public key to verify the [0-9]+ bundles" "keys/ missing: says there is no key for the bundles"
mv keys.real c/keys

mv c/bundles bundles.real
ln -s no-such-folder c/bundles
wrong_dir "bundles a dangling symlink" c/bundles
expect_stderr "c/bundles: is not a directory of bundles" "dangling bundles: says it is not a directory of bundles"
rm c/bundles
echo "not a folder" >c/bundles
wrong_dir "bundles a regular file" c/bundles
expect_stderr "c/bundles: is not a directory of bundles" "bundles a file: says it is not a directory of bundles"
rm c/bundles
mv bundles.real c/bundles
expect_exit 0 "the content is whole again" "$ACCORD" check -C c

# --- 3. a bundle that cannot be read ---------------------------------------
# (chmod 000 does not stop root: a FIFO and a directory cannot be read by anyone)
for kind in fifo directory; do
    bad=c/bundles/aaa-unreadable.accord
    if [ $kind = fifo ]; then mkfifo $bad; else mkdir $bad; fi
    expect_exit 1 "$kind bundle: build stops" timeout 10 "$ACCORD" build -C c -o site
    expect_stderr "^accord: $bad: cannot read it: " "$kind bundle: the build names it"
    site_kept "$kind bundle"
    expect_exit 1 "$kind bundle: check finds it" timeout 10 "$ACCORD" check -C c
    expect_exit 0 "$kind bundle: --skip-unreadable builds" timeout 10 "$ACCORD" build -C c -o site --skip-unreadable
    expect_stderr "^accord: $bad: warning: left out: " "$kind bundle: --skip-unreadable names it as left out"
    signed_still "$kind bundle, --skip-unreadable"
    rm -rf "$bad" site && cp -R before site
done

# --- 4. a bundle that is read but does not verify ---------------------------
# flip_byte FILE OFFSET: xor one byte of FILE with 1.
flip_byte() {
    local b
    b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
    # shellcheck disable=SC2059 # the format is the one byte, as an octal escape
    printf "\\$(printf '%03o' $((b ^ 1)))" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}
cp c/bundles/dara-emil-r1.accord c/bundles/zz-flipped.accord
flip_byte c/bundles/zz-flipped.accord $(($(stat -c %s c/bundles/zz-flipped.accord) / 2))
check "one byte of the copy differs" test "$(cmp -l c/bundles/dara-emil-r1.accord c/bundles/zz-flipped.accord | wc -l)" -eq 1
head -c 1000 c/bundles/amira-ben-r1-mentee.accord >c/bundles/zz-truncated.accord
expect_exit 0 "bundles that do not verify: the build goes on" "$ACCORD" build -C c -o site
expect_stderr "^accord: c/bundles/zz-flipped.accord: refused: " "the flipped bundle is reported refused"
expect_stderr "^accord: c/bundles/zz-truncated.accord: refused: " "the truncated bundle is reported refused"
expect_stderr "2 bundles refused" "the build counts them"
check "other agreements unaffected: the site is the one built before" same_site before site
signed_still "refused bundles"
expect_exit 1 "--strict: a refused bundle is an error" "$ACCORD" build -C c -o site --strict
expect_exit 1 "check: a refused bundle is a problem" "$ACCORD" check -C c
expect_stderr "zz-flipped.accord: refused: " "check names the flipped bundle"
rm c/bundles/zz-flipped.accord c/bundles/zz-truncated.accord

# --- 5. two parties' key files holding one key ------------------------------
cp c/keys/amira.pub c/keys/ben.2.pub
for cmd in check build; do
    if [ $cmd = check ]; then run "$ACCORD" check -C c; else run "$ACCORD" build -C c -o site; fi
    if [ "$rc" -eq 0 ]; then ok "$cmd with a shared key ID: a warning, not an error (exit 0)"; else
        not_ok "$cmd with a shared key ID: exit $rc"; sed 's/^/# stderr: /' "$T/stderr" | head -5; fi
    expect_stderr "^accord: c/keys/ben.2.pub: warning: key ID [0-9A-F]{16} is also amira's key \(c/keys/amira.pub\)" \
        "$cmd warns: key ID ... is also amira's key"
done
rm c/keys/ben.2.pub
rm -rf site && cp -R before site

# --- 6. never inside the content directory ------------------------------------
find c | sort >tree.before
expect_exit 1 "-o c/site (inside the content directory) is refused" "$ACCORD" build -C c -o c/site
expect_stderr "c/site: is inside the content directory" "says it is inside the content directory"
expect_exit 1 "-o c (the content directory itself) is refused" "$ACCORD" build -C c -o c
expect_stderr "c: is inside the content directory" "-o c: says so"
expect_exit 1 "-o c/bundles/new/site (deeper, not yet there) is refused" "$ACCORD" build -C c -o c/bundles/new/site
ln -s c clink
expect_exit 1 "-o through a symlink to the content directory is refused" "$ACCORD" build -C c -o clink/site
expect_exit 1 "-o ./c/../c/site is refused" "$ACCORD" build -C c -o ./c/../c/site
find c | sort >tree.after
check "nothing was written into the content directory" cmp tree.before tree.after
expect_exit 0 "a sibling whose name starts like it (c-site) is fine" "$ACCORD" build -C c -o c-site
check "and is written" test -s c-site/private/index.html

# --- 7. killed builds and concurrent builds --------------------------------
mkdir -p site/.build-abc123/private
echo "answers of a build that was killed" >site/.build-abc123/private/secret.html
expect_exit 0 "a build over a site a killed build left a folder in" "$ACCORD" build -C c -o site
check "the killed build's folder is gone" test ! -e site/.build-abc123
site_kept "after cleaning up"

# flock(1) holds the lock while its command runs; the command writes its pid
# (sleep's, after exec) once the lock is held, and ending it releases the lock.
flock site sh -c 'echo $$ >locked.tmp && mv locked.tmp locked && exec sleep 30' &
holder=$!
for _ in $(seq 100); do [ -s locked ] && break; sleep 0.1; done
check "a process holds the lock on the site root" test -s locked
expect_exit 1 "a second build while one holds the site" timeout 10 "$ACCORD" build -C c -o site
expect_stderr "^accord: site: another accord build is writing this site" "says another build is writing the site"
site_kept "while locked"
[ -s locked ] && kill "$(cat locked)" 2>/dev/null
wait "$holder" 2>/dev/null
expect_exit 0 "once the lock is released the build runs" "$ACCORD" build -C c -o site

# --- 8. one prefix shape for every line ------------------------------------
echo x >c/keys/aaa.pub
mkfifo c/bundles/fifo.accord
head -c 1000 c/bundles/dara-emil-r1-mentee.accord >c/bundles/zz-truncated.accord
cp c/keys/amira.pub c/keys/ben.2.pub
mkdir foreign && echo hi >foreign/notes.txt && mkdir foreign/other
# all_prefixed WHAT MIN: the last run wrote at least MIN lines to stderr, each starting "accord: ".
all_prefixed() {
    local n bad
    n=$(wc -l <"$T/stderr")
    bad=$(grep -vc '^accord: ' "$T/stderr")
    if [ "$n" -ge "$2" ] && [ "$bad" -eq 0 ]; then ok "$1: all $n stderr lines start 'accord: '"; else
        not_ok "$1: $n lines (wanted >= $2), $bad without the prefix"
        grep -v '^accord: ' "$T/stderr" | sed 's/^/# /' | head -5
    fi
}
expect_exit 1 "a build with several problems" timeout 10 "$ACCORD" build -C c -o site
all_prefixed "several problems" 5
expect_exit 1 "--skip-unreadable into a folder of others' files" timeout 10 "$ACCORD" build -C c -o foreign --skip-unreadable
all_prefixed "several warnings and a refused output" 8
expect_exit 1 "check with several problems" timeout 10 "$ACCORD" check -C c
all_prefixed "check, several problems" 5
rm -rf c/keys/aaa.pub c/bundles/fifo.accord c/bundles/zz-truncated.accord c/keys/ben.2.pub
sed -i 's/mentor="ben"/mentor="nobody"/' c/people.xml
printf '<questionnaire id="x" version="1">\n<unclosed>' >c/questionnaires/broken.xml
echo "# bad name" >c/guide/Bad_Name.md
expect_exit 1 "a build with several content problems" "$ACCORD" build -C c -o site
all_prefixed "several content problems" 4
