# tests/lint/layout.sh - the include rules of the README's "The code": each
# folder includes only the headers of the folders beneath it in the
# pipeline, so data flows cmd -> content -> bundles -> render and nothing
# circles back. A folder's own impl.h is always allowed. Within a folder,
# files call only downwards.
cd "$ROOT" || exit 2

# allowed FOLDER: the project headers FOLDER's files may include.
allowed() {
    case $1 in
    generator/base) echo "base.h accord_verify.h" ;;
    generator/seal) echo "seal.h" ;;
    generator/content) echo "content.h schemas.h base.h" ;;
    generator/keys) echo "keys.h base.h accord_sign.h" ;;
    generator/bundles) echo "bundles.h content.h keys.h base.h accord_verify.h accord_sign.h" ;;
    generator/render) echo "render.h content.h base.h seal.h" ;;
    generator/cmd) echo "cmd.h render.h bundles.h content.h keys.h base.h seal.h accord_verify.h accord_sign.h" ;;
    generator) echo "cmd.h base.h" ;;
    verifier/verify) echo "verify.h accord_verify.h" ;;
    verifier/sign) echo "accord_sign.h verify.h accord_verify.h" ;;
    *) echo "?" ;;
    esac
}

n=0
for f in generator/main.c generator/*/*.[ch] verifier/*/*.[ch]; do
    dir=$(dirname "$f")
    ok_list=" $(allowed "$dir") "
    if [ "$ok_list" = " ? " ]; then
        echo "not ok - $f is in a folder the layout does not know"
        continue
    fi
    while IFS= read -r h; do
        n=$((n + 1))
        if [ "$h" = impl.h ] && [ -f "$dir/impl.h" ]; then continue; fi
        case $ok_list in
        *" $h "*) ;;
        *) echo "not ok - $f includes \"$h\", which $dir/ may not" ;;
        esac
    done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f")
done
[ "$n" -gt 50 ] && echo "ok - $n includes follow the layout's rules" || echo "not ok - only $n includes found"

# Each folder's public header is included by none of the folders above it.
for pair in "render.h:generator/bundles generator/content generator/keys generator/base" \
    "bundles.h:generator/render generator/content generator/keys generator/base" \
    "cmd.h:generator/render generator/bundles generator/content generator/keys generator/base"; do
    h=${pair%%:*}
    # shellcheck disable=SC2086
    if grep -l "#include \"$h\"" $(for d in ${pair#*:}; do echo "$d"/*.[ch]; done) 2>/dev/null | grep -q .; then
        echo "not ok - $h is included below its folder"
    else
        echo "ok - $h is included only from above"
    fi
done
# Within each folder, files call only downwards: no circle of calls between
# a folder's files. Read from the built objects: each file's undefined
# symbols defined by another file of its folder are its calls (nm), and
# tsort finds any circle among them.
obj="$ROOT/${BIN:-bin}/obj"
folders=0
for d in "$obj"/generator/*/ "$obj"/verifier/*/; do
    [ -d "$d" ] || continue
    folders=$((folders + 1))
    defined=$(nm -A --defined-only --extern-only "$d"*.o | awk '{sub(/:.*/, "", $1); print $NF, $1}' | sort)
    used=$(nm -A --undefined-only "$d"*.o | awk '{sub(/:.*/, "", $1); print $NF, $1}' | sort)
    calls=$(join <(echo "$used") <(echo "$defined") | awk '$2 != $3 { print $2, $3 }' | sort -u)
    if circle=$(echo "$calls" | tsort 2>&1 >/dev/null) && [ -z "$circle" ]; then
        echo "ok - ${d#"$obj"/} calls only downwards ($(echo "$calls" | grep -c .) calls between its files)"
    else
        echo "not ok - ${d#"$obj"/} has a circle of calls between its files:"
        echo "$circle" | sed 's/^/# /'
    fi
done
[ "$folders" -ge 9 ] && echo "ok - $folders folders' objects read" ||
    echo "not ok - only $folders folders of objects under $obj (build first)"

# accord-verify links the verify core only: no signing, secret-key or
# key-derivation symbol, defined or taken from libsodium.
if ! syms=$(nm "$ROOT/${BIN:-bin}/accord-verify"); then
    echo "not ok - nm cannot read accord-verify"
elif grep -Eq ' T (ms_sign|ms_seckey|bundle_answers_write|agreement_build)|crypto_pwhash|crypto_sign_detached|crypto_sign_keypair' <<<"$syms"; then
    echo "not ok - accord-verify links signing or key-derivation code"
else
    echo "ok - accord-verify links no signing or key-derivation code"
fi
# Sizes: the verify core auditable in one sitting (the design sets at most
# 2,000 lines, plus 500 for the roster and the index: 2,500), and no source
# file of the generator or the verifier past 800 lines.
core=$(cat verifier/verify/*.[ch] | wc -l)
if [ "$core" -le 2500 ]; then
    echo "ok - the verify core is $core lines (at most 2,500)"
else
    echo "not ok - the verify core is $core lines, more than 2,500"
fi
long=$(wc -l generator/main.c generator/*/*.[ch] verifier/*/*.[ch] | awk '$2 != "total" && $1 > 800')
if [ -z "$long" ]; then
    echo "ok - no generator or verifier file is longer than 800 lines"
else
    echo "not ok - longer than 800 lines: $long"
fi
