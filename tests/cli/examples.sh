# examples.sh - content/examples/ stays current: accord accepts every example
# answers file, each names its role at the root within the first 4 KB, no
# other XML file under content/ has an <answers> root, and the demo keys sign
# them into bundles that accord-verify accepts.
. "$ROOT/tests/lib.sh"
C="$ROOT/content"

n=0
for f in "$C"/examples/*.xml; do
    n=$((n + 1))
    name=${f#"$ROOT"/}
    expect_exit 0 "accord check accepts $name" "$ACCORD" check -C "$C" "$f"
    if head -c 4096 "$f" | grep -Eq '<answers[^>]* role="(mentee|mentor)"'; then
        ok "$name: <answers> root with a role within the first 4 KB"
    else
        not_ok "$name: no <answers role=…> within the first 4 KB"
    fi
done
if [ "$n" -ge 2 ]; then ok "content/examples holds $n answers files"; else not_ok "content/examples holds only $n answers files"; fi

roles=$(cat "$C"/examples/*.xml | grep -Eo '<answers[^>]* agreement="[a-z0-9-]+"[^>]* role="[a-z]+"' |
    sed -E 's/.* agreement="([^"]+)".* role="([^"]+)"/\1 \2/' | sort -u)
if printf '%s\n' "$roles" | awk '{r[$1]=r[$1] " " $2} END {for (a in r) if (r[a] ~ /mentee/ && r[a] ~ /mentor/) found=1; exit !found}'; then
    ok "examples include a mentee's and a mentor's answers for the same agreement"
else
    not_ok "examples lack a mentee/mentor pair for one agreement"
fi

stray=$(find "$C" -name '*.xml' ! -path "$C/examples/*" -exec grep -l '<answers[ >]' {} + 2>/dev/null)
if [ -z "$stray" ]; then ok "no XML file outside content/examples has an <answers> root"; else
    not_ok "answers roots outside examples: $stray"
fi

# The demo keys sign the examples; accord-verify accepts the bundles.
for f in "$C"/examples/*.xml; do
    party=$(grep -Eo ' party="[a-z0-9-]+"' "$f" | head -1 | cut -d'"' -f2)
    b="$T/$(basename "$f" .xml).accord"
    expect_exit 0 "demo key of $party signs $(basename "$f")" \
        "$ACCORD" sign -C "$C" -s "$C/keys/demo-secret/$party.key" "$f" -o "$b"
    expect_exit 0 "accord-verify accepts the bundle of $(basename "$f")" \
        "$ACCORD_VERIFY" -r "$C/keys" "$b"
done
