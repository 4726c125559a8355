/**
 * XXH32 (xxHash, 32-bit), which the LZ4 frame format uses for its descriptor, block and content
 * checksums. Reference: xxhash.h `XXH32`.
 */
const PRIME1 = 0x9e3779b1;
const PRIME2 = 0x85ebca77;
const PRIME3 = 0xc2b2ae3d;
const PRIME4 = 0x27d4eb2f;
const PRIME5 = 0x165667b1;

const rotl = (value: number, bits: number) => (value << bits) | (value >>> (32 - bits));
const read32 = (data: Uint8Array, at: number) => (data[at] | (data[at + 1] << 8) | (data[at + 2] << 16) | (data[at + 3] << 24)) >>> 0;
const round = (acc: number, input: number) => Math.imul(rotl((acc + Math.imul(input, PRIME2)) | 0, 13), PRIME1);

/** XXH32 of `data` with `seed` (LZ4 uses 0), as an unsigned 32-bit number. */
export function xxhash32(data: Uint8Array, seed = 0): number {
  const length = data.length;
  let at = 0;
  let hash: number;
  if (length >= 16) {
    let v1 = (seed + PRIME1 + PRIME2) | 0;
    let v2 = (seed + PRIME2) | 0;
    let v3 = seed | 0;
    let v4 = (seed - PRIME1) | 0;
    for (const limit = length - 16; at <= limit; at += 16) {
      v1 = round(v1, read32(data, at));
      v2 = round(v2, read32(data, at + 4));
      v3 = round(v3, read32(data, at + 8));
      v4 = round(v4, read32(data, at + 12));
    }
    hash = (rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18)) | 0;
  } else {
    hash = (seed + PRIME5) | 0;
  }
  hash = (hash + length) | 0;
  for (; at + 4 <= length; at += 4) hash = Math.imul(rotl((hash + Math.imul(read32(data, at), PRIME3)) | 0, 17), PRIME4);
  for (; at < length; at++) hash = Math.imul(rotl((hash + Math.imul(data[at], PRIME5)) | 0, 11), PRIME1);
  hash ^= hash >>> 15;
  hash = Math.imul(hash, PRIME2);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, PRIME3);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
