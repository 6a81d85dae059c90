#!/usr/bin/env bash
# bundle_changed.sh - accord build and check unpack each bundle twice: once
# to verify it, and again, from its file, when its agreement is placed, so
# that not every bundle's contents are held at once. A file that changes or
# goes between the two stops the build, naming it, and nothing is written:
# what was verified is never mixed with what was not. open_twice.c makes
# the change happen at that moment.
. "$(dirname "$0")/../lib.sh"
SHIM="$T/open_twice.so"
# shellcheck disable=SC2086
if ! ${CC:-cc} -std=c11 -Wall -Wextra -Werror -shared -fPIC -o "$SHIM" \
    "$ROOT/tests/cli/open_twice.c" -ldl 2>"$T/shim.log"; then
    not_ok "open_twice.c compiles"
    sed 's/^/# /' "$T/shim.log" | head
    exit 1
fi
# the sanitizers' runtime must come first among the libraries; the shim
# comes before it here, which changes nothing they check in accord
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

cp -R "$ROOT/tests/fixtures/content/valid" c
mkdir c/keys c/bundles
for p in ada grace; do "$ACCORD" keygen -W -p c/keys/$p.pub -s $p.key >/dev/null || not_ok "keygen $p"; done
"$ACCORD" sign -s ada.key -C c c/examples/ada-grace-mentee.xml -o c/bundles/m.accord >/dev/null 2>&1 ||
    not_ok "sign the mentee's answers"
# the same answers with another saved time: another bundle of the same revision
sed 's/saved="\([0-9-]*\)T/saved="2099-01-01T/' c/examples/ada-grace-mentee.xml >later.xml
"$ACCORD" sign -s ada.key -C c later.xml -o other.accord >/dev/null 2>&1 || not_ok "sign them again"
check "the two bundles differ" bash -c "! cmp -s other.accord c/bundles/m.accord"
M=c/bundles/m.accord # as accord opens it
cp "$M" first.accord
run "$ACCORD" build -C c -o site
check "the first build writes the site" test -s site/private/index.html
cp -R site before

changed() { # changed WITH CMD...: runs CMD with m.accord replaced by WITH at its second opening
    cp other.accord swap.accord
    run env LD_PRELOAD="$SHIM" OPEN_TWICE_PATH="$M" OPEN_TWICE_WITH="$1" "${@:2}"
}
changed "$PWD/swap.accord" "$ACCORD" build -C c -o site
check "a bundle replaced after it was verified: the build stops" test "$rc" -ne 0
expect_stderr "^accord: $M: it changed while accord read it: run accord again" \
    "the file is named, and what to do"
expect_stderr "nothing was written" "the admin is told nothing was written"
check "the site is left as it was" same_site before site
check "the replacement did happen" cmp other.accord c/bundles/m.accord

cp first.accord "$M"
changed "" "$ACCORD" build -C c -o site
check "a bundle removed after it was verified: the build stops" test "$rc" -ne 0
expect_stderr "^accord: $M: cannot read it again: (No such file|the file does not exist)" \
    "the file is named, and why it cannot be read"
check "the site is still as it was" same_site before site

cp first.accord "$M"
changed "$PWD/swap.accord" "$ACCORD" check -C c
check "accord check reads them the same way, and stops too" test "$rc" -ne 0
expect_stderr "^accord: $M: it changed while accord read it" "check names the file"

cp first.accord "$M"
run env LD_PRELOAD="$SHIM" OPEN_TWICE_PATH="$M" "$ACCORD" build -C c -o site2
check "unchanged, the shim in place: the same site as without it" same_site before site2
