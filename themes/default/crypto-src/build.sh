#!/bin/sh
# build.sh OUT.js LICENSES.txt - bundles entry.mjs with esbuild into one
# classic script defining a single global function, accordCrypto(), that
# returns the libraries. A function (not a value) so that a worker can be
# made from its source as a blob: from file:// no other worker is allowed.
# The licences of what it bundles go into LICENSES.txt beside it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$1 licenses=$2
version() { node -p "require('$here/node_modules/@noble/$1/package.json').version"; }
"$here/node_modules/.bin/esbuild" "$here/entry.mjs" --bundle --minify --format=iife \
    --global-name=__accordCrypto --target=es2020 --legal-comments=none --log-level=warning \
    --outfile="$out.tmp"
{
    printf '/*! accord page crypto: @noble/hashes %s, @noble/ed25519 %s and @noble/ciphers %s,\n' \
        "$(version hashes)" "$(version ed25519)" "$(version ciphers)"
    printf ' * MIT License, (c) Paul Miller (paulmillr.com); see crypto-licenses.txt. Generated: do not edit. */\n'
    printf 'function accordCrypto() {\n'
    cat "$out.tmp"
    printf 'return __accordCrypto;\n}\n'
} >"$out.new"
rm -f "$out.tmp"
mv "$out.new" "$out"
for p in hashes ed25519 ciphers; do
    printf '@noble/%s\n\n' "$p"
    cat "$here/node_modules/@noble/$p/LICENSE"
    printf '\n'
done >"$licenses.new"
mv "$licenses.new" "$licenses"
