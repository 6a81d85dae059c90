# tests/cli/install.sh - make install and make uninstall: an installed
# accord finds its data with no environment variable (beside itself, or in
# the data directory compiled in), builds and checks the demo, and
# uninstall leaves no file behind. Builds into its own folder (never bin/).
. "$ROOT/tests/lib.sh"
unset ACCORD_DATADIR
build="$T/build"
mk() { make -s -C "$ROOT" BIN="$build" SANITIZE="${SANITIZE:-}" "$@" >"$T/make.log" 2>&1; }

# 1. Into a staging tree: DESTDIR + PREFIX=/usr, as a package would.
dest="$T/dest"
if mk install DESTDIR="$dest" PREFIX=/usr; then ok "make install DESTDIR=… PREFIX=/usr"; else
    not_ok "make install failed"; sed 's/^/# /' "$T/make.log" | tail -20; exit 1
fi
for f in usr/bin/accord usr/bin/accord-verify usr/share/man/man1/accord.1 \
    usr/share/man/man1/accord-verify.1 usr/share/man/man5/accord-bundle.5 \
    usr/share/accord/themes/default/page.html usr/share/accord/themes/minimal/page.html \
    usr/share/accord/starter/questionnaires/agreement.xml usr/share/accord/starter/guide/index.md; do
    check "installed: $f" test -f "$dest/$f"
done
# every theme file but the crypto script's sources (its bundle is installed)
n_themes=$(cd "$ROOT" && find themes -type f -not -path '*/crypto-src/*' | wc -l)
check "every theme file is installed" test "$(find "$dest/usr/share/accord/themes" -type f | wc -l)" -eq "$n_themes"
check "the bundled crypto script is installed" test -s "$dest/usr/share/accord/themes/default/crypto.js"
check "no node_modules is installed" test -z "$(find "$dest" -name node_modules)"
for q in "$ROOT"/content/questionnaires/*.xml; do
    check "the starter has $(basename "$q") unchanged" cmp -s "$q" "$dest/usr/share/accord/starter/questionnaires/$(basename "$q")"
done
check "the programs are executable" test -x "$dest/usr/bin/accord" -a -x "$dest/usr/bin/accord-verify"
check "man finds the page it installs" man -l "$dest/usr/share/man/man5/accord-bundle.5"

# The installed accord, run from elsewhere with no environment variable,
# checks and builds the demo; its site equals the one the tree's accord makes.
cd "$T" || exit 2
expect_exit 0 "the installed accord checks the demo" env -u ACCORD_DATADIR "$dest/usr/bin/accord" check -C "$ROOT/content"
expect_exit 0 "the installed accord builds the demo" env -u ACCORD_DATADIR "$dest/usr/bin/accord" build -C "$ROOT/content" -o "$T/site-installed"
expect_exit 0 "the installed accord makes a content directory from its starter" \
    env -u ACCORD_DATADIR "$dest/usr/bin/accord" init "$T/new-program"
expect_exit 0 "which it checks clean" env -u ACCORD_DATADIR "$dest/usr/bin/accord" check -C "$T/new-program"
expect_exit 0 "the tree's accord builds the demo" "$ACCORD" build -C "$ROOT/content" -o "$T/site-tree"
check "both sites are the same, byte for byte" same_site "$T/site-installed" "$T/site-tree"
expect_exit 0 "the installed accord-verify verifies a demo agreement" \
    "$dest/usr/bin/accord-verify" -r "$ROOT/content/keys" "$ROOT/content/bundles/amira-ben-r1.accord"

# A copy moved away from its data finds nothing of it, says so and writes
# nothing, unless ACCORD_DATADIR names the data.
mkdir -p "$T/elsewhere" && cp "$dest/usr/bin/accord" "$T/elsewhere/accord"
if [ -d /usr/share/accord/themes ]; then
    ok "(skipped: this machine has accord's data in /usr/share/accord)"
else
    expect_exit 2 "a relocated accord without its data" "$T/elsewhere/accord" build -C "$ROOT/content" -o "$T/site-relocated"
    expect_stderr "ACCORD_DATADIR" "the message says how to point at the data"
    check "nothing was written" test ! -e "$T/site-relocated/public"
fi
expect_exit 0 "ACCORD_DATADIR points a relocated accord at its data" \
    env ACCORD_DATADIR="$dest/usr/share/accord" "$T/elsewhere/accord" build -C "$ROOT/content" -o "$T/site-relocated"

if mk uninstall DESTDIR="$dest" PREFIX=/usr; then ok "make uninstall"; else not_ok "make uninstall failed"; fi
left=$(find "$dest" -type f | head -5)
[ -z "$left" ] && ok "uninstall leaves no file behind" || not_ok "uninstall left: $left"
check "uninstall leaves no accord folder behind" test ! -e "$dest/usr/share/accord"
touch "$dest/usr/bin/other-program"
mk uninstall DESTDIR="$dest" PREFIX=/usr
check "uninstall removes only what it installed" test -f "$dest/usr/bin/other-program"

# 2. Into a prefix of its own, no DESTDIR: a copy of the program moved
# anywhere finds its data in the data directory compiled in.
prefix="$T/prefix"
if mk install PREFIX="$prefix"; then ok "make install PREFIX=…"; else
    not_ok "make install PREFIX failed"; sed 's/^/# /' "$T/make.log" | tail -20
fi
mkdir -p "$T/moved" && cp "$prefix/bin/accord" "$T/moved/accord"
expect_exit 0 "a moved accord finds PREFIX/share/accord with no variable" \
    env -u ACCORD_DATADIR "$T/moved/accord" build -C "$ROOT/content" -o "$T/site-moved"
mk uninstall PREFIX="$prefix"
left=$(find "$prefix" -type f | head -5)
[ -z "$left" ] && ok "uninstall from PREFIX leaves no file behind" || not_ok "left: $left"
