// The libraries the page scripts use, in one object: scrypt (minisign's
// key encryption), BLAKE2b (minisign's prehash and key checksum), SHA-256
// (MANIFEST digests), SHA-512 and Ed25519 for signing; XChaCha20-Poly1305
// for opening sealed personal pages.
import { scrypt } from '@noble/hashes/scrypt.js';
import { blake2b } from '@noble/hashes/blake2.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import * as ed from '@noble/ed25519';

ed.hashes.sha512 = sha512;
export { scrypt, blake2b, sha256, sha512, ed, xchacha20poly1305 };
