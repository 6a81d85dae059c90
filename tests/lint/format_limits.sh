# tests/lint/format_limits.sh - the bundle format's limits that the page
# scripts write as constants (themes/default/bundle.js, minisign.js) are
# the verifier's (verifier/verify/accord_verify.h, verify.h): a page must
# refuse exactly what accord-verify refuses. Likewise the sealed pages'
# sizes in sealed.js are generator/seal/seal.h's.
. "$(dirname "$0")/../lib.sh"
H="$ROOT/verifier/verify/accord_verify.h $ROOT/verifier/verify/verify.h $ROOT/generator/seal/seal.h"

# c_value NAME: the value of "NAME = EXPR" in the C headers, evaluated.
c_value() {
    local e
    e=$(grep -ho "\b$1 = [0-9 *]*" $H | head -1 | sed 's/.*= //')
    [ -n "$e" ] && echo $((e))
}

# js_value FILE NAME: the value of "NAME = EXPR" in a page script, evaluated.
js_value() {
    local e
    e=$(grep -o "\b$2 = [0-9 *]*" "$ROOT/themes/default/$1" | head -1 | sed 's/.*= //')
    [ -n "$e" ] && echo $((e))
}

same() { # FILE JSNAME CNAME
    local js c
    js=$(js_value "$1" "$2")
    c=$(c_value "$3")
    if [ -n "$js" ] && [ "$js" = "$c" ]; then
        ok "$1 $2 is C's $3 ($c)"
    else
        not_ok "$1 $2 is C's $3: page ${js:-missing}, C ${c:-missing}"
    fi
}

same bundle.js META_MAX META_MAX
same bundle.js META_VALUE_MAX META_VALUE_MAX
same bundle.js MANIFEST_MAX MANIFEST_MAX
same minisign.js KEY_FILE_MAX MS_KEY_FILE_MAX
same minisign.js COMMENT_MAX MS_COMMENT_MAX
same sealed.js KEY_BYTES LINK_KEY_BYTES
same sealed.js NONCE_BYTES SEAL_NONCE_BYTES
same sealed.js TAG_BYTES SEAL_TAG_BYTES
same sealed.js BUCKET_MIN SEAL_BUCKET_MIN
same sealed.js NAME_MAX SEAL_NAME_MAX
