// The libraries the page scripts use for signing, in one object: scrypt
// (minisign's key encryption), BLAKE2b (minisign's prehash and key
// checksum), SHA-256 (MANIFEST digests), SHA-512 and Ed25519.
import { scrypt } from '@noble/hashes/scrypt.js';
import { blake2b } from '@noble/hashes/blake2.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import * as ed from '@noble/ed25519';

ed.hashes.sha512 = sha512;
export { scrypt, blake2b, sha256, sha512, ed };
