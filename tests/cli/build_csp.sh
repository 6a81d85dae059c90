#!/usr/bin/env bash
# Every page the demo build makes from its theme carries the generator's
# Content-Security-Policy, exactly once, as the first meta after the
# charset; and nothing on those pages needs more than that policy allows:
# no inline script, no style element or attribute. (The agreement pages
# are made without the theme and carry a policy of their own.)
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/fixtures/site/checks.sh"

expect_exit 0 "build the demo" "$ACCORD" build -C "$ROOT/content" -o out
pages=$(find out -name '*.html' ! -path 'out/private/agreements/*' | sort)
n=$(echo "$pages" | wc -l)
[ "$n" -ge 30 ] && ok "$n theme pages to check" || not_ok "only $n theme pages"

bad_first="" bad_count="" bad_script="" bad_style=""
for f in $pages; do
    metas=$(grep -o '<meta [^>]*>' "$f")
    first=$(sed -n 1p <<<"$metas") second=$(sed -n 2p <<<"$metas")
    [ "$first" = '<meta charset="utf-8">' ] && [ "$second" = "$SITE_CSP_META" ] ||
        bad_first="$bad_first $f"
    [ "$(grep -ci 'http-equiv="Content-Security-Policy"' "$f")" -eq 1 ] || bad_count="$bad_count $f"
    grep -oi '<script[^>]*>' "$f" | grep -vqi ' src="' && bad_script="$bad_script $f"
    grep -o '<[^>]*>' "$f" | grep -Eqi '^<style|\sstyle=' && bad_style="$bad_style $f"
done
[ -z "$bad_first" ] && ok "the policy is the first meta after the charset on every page" ||
    not_ok "policy not right after the charset:$bad_first"
[ -z "$bad_count" ] && ok "one policy a page" || not_ok "not exactly one policy:$bad_count"
[ -z "$bad_script" ] && ok "no inline <script> (every script has a src)" ||
    not_ok "inline script:$bad_script"
[ -z "$bad_style" ] && ok "no <style> element or style= attribute" || not_ok "inline style:$bad_style"

# the frozen agreement pages keep their own policy, untouched
A=$(find out/private/agreements -name '*.html' | head -1)
if [ -n "$A" ] && grep -q "style-src 'sha256-" "$A" && ! grep -qF "$SITE_CSP_META" "$A"; then
    ok "an agreement page keeps its own policy"
else
    not_ok "agreement page policy: $A"
fi

# a theme's own policy is replaced by the generator's: one policy, not two,
# right after the charset meta (here one the generator adds)
cp -R "$ROOT/tests/fixtures/site/basic" c
mkdir -p data/themes/loose
cat >data/themes/loose/page.html <<'HTML'
<html><head><title data-slot="title">x</title>
<meta http-equiv="content-security-policy" content="default-src *; script-src 'unsafe-inline'">
</head><body><main data-slot="main"></main></body></html>
HTML
sed -i 's/theme="default"/theme="loose"/' c/program.xml
expect_exit 0 "build with a theme that sets a loose policy" \
    env ACCORD_DATADIR="$T/data" "$ACCORD" build -C c -o out2
f=out2/public/index.html
metas=$(grep -o '<meta [^>]*>' "$f")
if [ "$(grep -ci 'content-security-policy' "$f")" -eq 1 ] &&
    [ "$(sed -n 2p <<<"$metas")" = "$SITE_CSP_META" ] && ! grep -q unsafe-inline "$f"; then
    ok "the theme's policy is replaced by the generator's, after the charset"
else
    not_ok "theme policy not replaced"
    sed 's/^/# /' <<<"$metas"
fi
