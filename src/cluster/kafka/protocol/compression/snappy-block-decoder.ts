/**
 * A bounds-checked decoder for one raw snappy block (format_description.txt of google/snappy): a
 * varint with the uncompressed length, then literals and copies. Stricter than snappyjs, as the C++
 * `SnappyDecompressor` is: the declared length is checked against what the input could possibly
 * produce (at most 32× + 64, snappy's worst case is ~21×) and the cap before anything is allocated,
 * every literal and copy must fit the declared length and the input, a copy's offset must point into
 * what was already written, and the output must fill exactly the declared length.
 */
import { corruptData, inflatesBeyond } from './compression-codec.ts';

/** Declared lengths beyond this multiple of the block (plus a little) cannot be genuine. */
const MAX_EXPANSION = 32;
const EXPANSION_SLACK = 64;

export function decodeSnappyBlock(input: Uint8Array, maxBytes: number): Uint8Array {
  let at = 0;
  let declared = 0;
  for (let shift = 0; ; shift += 7) {
    if (shift > 28) throw corruptData('snappy', 'uncompressed length varint longer than 5 bytes');
    if (at >= input.length) throw corruptData('snappy', 'block ends inside its uncompressed length');
    const byte = input[at++];
    declared += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) break;
  }
  if (declared > maxBytes) throw inflatesBeyond('snappy', maxBytes);
  if (declared > MAX_EXPANSION * input.length + EXPANSION_SLACK) {
    throw corruptData('snappy', `block of ${input.length} bytes declares ${declared} uncompressed bytes`);
  }
  const out = new Uint8Array(declared);
  let written = 0;
  while (at < input.length) {
    const tag = input[at++];
    const kind = tag & 0x03;
    if (kind === 0) {
      let length = (tag >> 2) + 1;
      if (length > 60) {
        const bytes = length - 60;
        if (at + bytes > input.length) throw corruptData('snappy', `literal length runs past the block at byte ${at}`);
        length = 0;
        for (let i = 0; i < bytes; i++) length += input[at + i] * 2 ** (8 * i);
        length += 1;
        at += bytes;
      }
      if (length > input.length - at) throw corruptData('snappy', `literal of ${length} bytes at byte ${at} but ${input.length - at} remain`);
      if (length > declared - written) throw corruptData('snappy', `literal of ${length} bytes overruns the declared ${declared} bytes`);
      out.set(input.subarray(at, at + length), written);
      at += length;
      written += length;
      continue;
    }
    let length: number;
    let offset: number;
    if (kind === 1) {
      if (at + 1 > input.length) throw corruptData('snappy', `copy at byte ${at - 1} is cut off`);
      length = ((tag >> 2) & 0x07) + 4;
      offset = ((tag >> 5) << 8) | input[at];
      at += 1;
    } else if (kind === 2) {
      if (at + 2 > input.length) throw corruptData('snappy', `copy at byte ${at - 1} is cut off`);
      length = (tag >> 2) + 1;
      offset = input[at] | (input[at + 1] << 8);
      at += 2;
    } else {
      if (at + 4 > input.length) throw corruptData('snappy', `copy at byte ${at - 1} is cut off`);
      length = (tag >> 2) + 1;
      offset = (input[at] | (input[at + 1] << 8) | (input[at + 2] << 16)) + input[at + 3] * 2 ** 24;
      at += 4;
    }
    if (offset === 0 || offset > written) throw corruptData('snappy', `copy offset ${offset} with ${written} bytes written`);
    if (length > declared - written) throw corruptData('snappy', `copy of ${length} bytes overruns the declared ${declared} bytes`);
    // Byte by byte: a copy may overlap what it writes (offset < length repeats a pattern).
    for (let i = 0; i < length; i++, written++) out[written] = out[written - offset];
  }
  if (written !== declared) throw corruptData('snappy', `block declares ${declared} bytes but decodes to ${written}`);
  return out;
}
