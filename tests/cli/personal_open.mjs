// personal_open.mjs - opens one sealed page of a personal page the way a
// browser holding the link does, for build_personal.sh:
//   node personal_open.mjs SITE LINK FILE
// LINK is a link as private/index.html lists it ("../public/p/<name>.html#k=...");
// SITE the built site; ROOT the repository. Prints the page's bytes (HTML, or a
// sealed file such as a bundle), or exits 1 when it does not
// open (wrong key or name, altered page, bad padding).
import { readFileSync } from 'node:fs';

// the page script's pinned copy of @noble/ciphers
const { xchacha20poly1305 } = await import(
    `${process.env.ROOT}/themes/default/crypto-src/node_modules/@noble/ciphers/chacha.js`
);

const [site, link, file] = process.argv.slice(2);
const m = /^\.\.\/(public\/p\/([0-9a-f]{32})\.html)#k=([A-Za-z0-9_-]{43})$/.exec(link);
if (!m) {
    console.error(`not a personal link: ${link}`);
    process.exit(1);
}
const html = readFileSync(`${site}/${m[1]}`, 'utf8');
const at = html.indexOf(`data-page="${file}" data-sealed="`);
if (at < 0) {
    console.error(`no sealed page ${file}`);
    process.exit(1);
}
const start = at + `data-page="${file}" data-sealed="`.length;
const sealed = Buffer.from(html.slice(start, html.indexOf('"', start)), 'base64');
const key = Buffer.from(m[3], 'base64url');
const enc = new TextEncoder();
const ad = Buffer.concat([enc.encode('accord-page/1'), enc.encode(`${m[2]}/${file}`)]);
let padded;
try {
    padded = xchacha20poly1305(key, sealed.subarray(0, 24), ad).decrypt(sealed.subarray(24));
} catch {
    console.error('does not open');
    process.exit(1);
}
let end = padded.length - 1;
while (end >= 0 && padded[end] === 0) end--;
if (end < 0 || padded[end] !== 0x80) {
    console.error('bad padding');
    process.exit(1);
}
process.stdout.write(Buffer.from(padded.subarray(0, end)));
