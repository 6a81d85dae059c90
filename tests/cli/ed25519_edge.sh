#!/usr/bin/env bash
# ed25519_edge.sh - the Ed25519 edge vectors (tests/fixtures/ed25519-edge.json:
# non-canonical S, R and A; small-order and mixed-order points; x = 0 with
# the sign bit set) give libsodium's crypto_sign_verify_detached, the check
# accord-verify makes, the verdict the file records, one line a vector. The
# pages' verifier runs the same file (tests/browser/parity.test.mjs), so the
# browser and accord-verify agree on every one.
. "$(dirname "$0")/../lib.sh"
EDGE="$T/ed25519_edge"

# shellcheck disable=SC2046
if ! ${CC:-cc} -std=c11 -Wall -Wextra -Werror ${SANITIZE:+-fsanitize=$SANITIZE} $(pkg-config --cflags libsodium) \
    -o "$EDGE" "$ROOT/tests/cli/ed25519_edge.c" $(pkg-config --libs libsodium) 2>"$T/edge.log"; then
    not_ok "ed25519_edge.c compiles"
    sed 's/^/# /' "$T/edge.log" | head
    exit 1
fi
"$EDGE" "$ROOT/tests/fixtures/ed25519-edge.json"
