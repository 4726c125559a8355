/**
 * The LZ4 block format (lz4_Block_format.md): sequences of [token][literal length…][literals]
 * [offset uint16 LE][match length…]. The compressor is a greedy single-probe hash matcher that keeps
 * the format's end-of-block rules (the last match starts at least 12 bytes before the end, the last
 * 5 bytes are literals), which stricter decoders such as lz4-java enforce. The decoder checks every
 * length and offset against its input and output, so corrupt input throws instead of reading or
 * writing out of bounds.
 */
const MIN_MATCH = 4;
const LAST_LITERALS = 5;
const MF_LIMIT = 12;
const MAX_DISTANCE = 65_535;
const HASH_LOG = 16;

/** Why a block cannot be decoded. */
export class Lz4BlockError extends Error {}

/** The output would pass `outEnd`: the caller decides whether that is corruption or the cap. */
export class Lz4OutputFullError extends Error {}

/** Bytes an LZ4 block of `n` input bytes may take at worst. */
export function lz4BlockBound(n: number): number {
  return n + Math.floor(n / 255) + 16;
}

const read32 = (data: Uint8Array, at: number) => data[at] | (data[at + 1] << 8) | (data[at + 2] << 16) | (data[at + 3] << 24);

/**
 * Compresses `src` into `dst` (at least `lz4BlockBound(src.length)` bytes) as one independent block;
 * returns the bytes written. `table` is scratch space of 2^16 entries.
 */
export function compressLz4Block(src: Uint8Array, dst: Uint8Array, table: Int32Array): number {
  const n = src.length;
  let op = 0;
  let anchor = 0;
  if (n >= MF_LIMIT + 1) {
    table.fill(-1);
    const matchLimit = n - LAST_LITERALS;
    const lastMatchStart = n - MF_LIMIT;
    let ip = 0;
    let misses = 0;
    while (ip <= lastMatchStart) {
      const sequence = read32(src, ip);
      const hash = Math.imul(sequence, 0x9e3779b1) >>> (32 - HASH_LOG);
      const candidate = table[hash];
      table[hash] = ip;
      if (candidate < 0 || ip - candidate > MAX_DISTANCE || read32(src, candidate) !== sequence) {
        ip += 1 + (misses++ >> 6);
        continue;
      }
      misses = 0;
      let length = MIN_MATCH;
      while (ip + length < matchLimit && src[candidate + length] === src[ip + length]) length++;
      op = writeSequence(src, dst, op, anchor, ip - anchor, ip - candidate, length);
      ip += length;
      anchor = ip;
    }
  }
  return writeLastLiterals(src, dst, op, anchor, n - anchor);
}

function writeLength(dst: Uint8Array, op: number, rest: number): number {
  for (; rest >= 255; rest -= 255) dst[op++] = 255;
  dst[op++] = rest;
  return op;
}

function writeSequence(src: Uint8Array, dst: Uint8Array, op: number, anchor: number, literals: number, offset: number, matchLength: number): number {
  const matchCode = matchLength - MIN_MATCH;
  dst[op++] = (Math.min(literals, 15) << 4) | Math.min(matchCode, 15);
  if (literals >= 15) op = writeLength(dst, op, literals - 15);
  dst.set(src.subarray(anchor, anchor + literals), op);
  op += literals;
  dst[op++] = offset & 0xff;
  dst[op++] = offset >>> 8;
  if (matchCode >= 15) op = writeLength(dst, op, matchCode - 15);
  return op;
}

function writeLastLiterals(src: Uint8Array, dst: Uint8Array, op: number, anchor: number, literals: number): number {
  dst[op++] = Math.min(literals, 15) << 4;
  if (literals >= 15) op = writeLength(dst, op, literals - 15);
  dst.set(src.subarray(anchor, anchor + literals), op);
  return op + literals;
}

/**
 * Decodes the block `src[start, end)` into `out` from `outStart`, never past `outEnd`, with matches
 * reaching back no further than `outStart` (an independent block). Returns the end of the output.
 */
export function decompressLz4Block(src: Uint8Array, start: number, end: number, out: Uint8Array, outStart: number, outEnd: number): number {
  let ip = start;
  let op = outStart;
  for (;;) {
    if (ip >= end) throw new Lz4BlockError('block ends inside a sequence');
    const token = src[ip++];
    let literals = token >>> 4;
    if (literals === 15) {
      let byte: number;
      do {
        if (ip >= end) throw new Lz4BlockError('block ends inside a literal length');
        byte = src[ip++];
        literals += byte;
      } while (byte === 255);
    }
    if (literals > end - ip) throw new Lz4BlockError(`${literals} literals but ${end - ip} bytes remain in the block`);
    if (literals > outEnd - op) throw new Lz4OutputFullError();
    out.set(src.subarray(ip, ip + literals), op);
    ip += literals;
    op += literals;
    if (ip === end) return op;
    if (end - ip < 2) throw new Lz4BlockError('block ends inside a match offset');
    const offset = src[ip] | (src[ip + 1] << 8);
    ip += 2;
    if (offset === 0 || offset > op - outStart) throw new Lz4BlockError(`match offset ${offset} reaches before the block's output`);
    let length = token & 15;
    if (length === 15) {
      let byte: number;
      do {
        if (ip >= end) throw new Lz4BlockError('block ends inside a match length');
        byte = src[ip++];
        length += byte;
      } while (byte === 255);
    }
    length += MIN_MATCH;
    if (length > outEnd - op) throw new Lz4OutputFullError();
    if (offset >= length) {
      out.copyWithin(op, op - offset, op - offset + length);
      op += length;
    } else {
      for (const stop = op + length; op < stop; op++) out[op] = out[op - offset];
    }
  }
}
