import { describe, expect, it } from 'vitest';
import { FrameReader, FrameTooLargeError, frame } from './frame-reader.ts';

const MiB = 1024 * 1024;

/** Splits `bytes` into views of `size` bytes (the last may be shorter). */
function chunks(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

/** A payload of position-dependent bytes (a big-endian uint32 counter from `seed`), so a misplaced chunk shows. */
function pattern(length: number, seed = 0): Uint8Array {
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  let i = 0;
  for (; i + 4 <= length; i += 4) view.setUint32(i, seed + i / 4);
  for (; i < length; i++) out[i] = (seed + i) & 0xff;
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

describe('FrameReader', () => {
  it('reassembles frames split across chunks and several frames in one chunk', () => {
    const reader = new FrameReader(1024);
    const bytes = new Uint8Array([...frame(new Uint8Array([1, 2, 3])), ...frame(new Uint8Array([4])), ...frame(new Uint8Array([]))]);
    const frames = [...reader.push(bytes.subarray(0, 2)), ...reader.push(bytes.subarray(2, 9)), ...reader.push(bytes.subarray(9))];
    expect(frames.map((f) => [...f])).toEqual([[1, 2, 3], [4], []]);
    expect(reader.buffered).toBe(0);
  });

  it('reassembles a 60 MiB frame delivered in 64 KiB chunks, byte for byte', () => {
    const payload = pattern(60 * MiB);
    const reader = new FrameReader(100 * MiB);
    const frames: Uint8Array[] = [];
    const parts = chunks(frame(payload), 64 * 1024);
    for (const [i, part] of parts.entries()) {
      frames.push(...reader.push(part));
      if (i < parts.length - 1) expect(frames).toHaveLength(0);
    }
    expect(frames).toHaveLength(1);
    expect(frames[0].length).toBe(payload.length);
    expect(Buffer.from(frames[0].buffer, frames[0].byteOffset, frames[0].length).equals(Buffer.from(payload.buffer))).toBe(true);
    expect(reader.buffered).toBe(0);
  });

  it('reads a length prefix split across chunks at every possible point, including one byte at a time', () => {
    const payload = pattern(10, 3);
    const bytes = frame(payload);
    for (let cut = 1; cut < 4; cut++) {
      const reader = new FrameReader(1024);
      expect(reader.push(bytes.subarray(0, cut))).toEqual([]);
      expect(reader.buffered).toBe(cut);
      expect(reader.push(bytes.subarray(cut)).map((f) => [...f])).toEqual([[...payload]]);
    }
    const reader = new FrameReader(1024);
    const frames = [...bytes].flatMap((byte) => reader.push(new Uint8Array([byte])));
    expect(frames.map((f) => [...f])).toEqual([[...payload]]);
    expect(reader.buffered).toBe(0);
  });

  it('handles frames straddling chunk boundaries, with the next frame starting in the same chunk', () => {
    const payloads = [pattern(5000, 1), pattern(1, 2), pattern(0), pattern(70_000, 3), pattern(3, 4), pattern(65_536, 5)];
    const stream = concat(payloads.map(frame));
    // Chunk sizes chosen so that boundaries fall inside prefixes, inside payloads and between frames.
    for (const size of [1, 3, 4, 7, 4096, 4999, 65_536, stream.length]) {
      const reader = new FrameReader(1 << 20);
      const frames = chunks(stream, size).flatMap((part) => reader.push(part));
      expect(frames.map((f) => f.length)).toEqual(payloads.map((p) => p.length));
      frames.forEach((f, i) => expect(Buffer.from(f).equals(Buffer.from(payloads[i]))).toBe(true));
      expect(reader.buffered).toBe(0);
    }
  });

  it('returns many small frames of one chunk as views of it, keeping a trailing partial frame', () => {
    const payloads = Array.from({ length: 1000 }, (_, i) => pattern(i % 17, i));
    const stream = concat(payloads.map(frame));
    const partial = frame(pattern(100));
    const chunk = concat([stream, partial.subarray(0, 50)]);
    const reader = new FrameReader(1024);
    const frames = reader.push(chunk);
    expect(frames.map((f) => [...f])).toEqual(payloads.map((p) => [...p]));
    expect(frames.filter((f) => f.length > 0).every((f) => f.buffer === chunk.buffer)).toBe(true);
    expect(reader.buffered).toBe(50);
    const rest = reader.push(partial.subarray(50));
    expect(rest.map((f) => [...f])).toEqual([[...pattern(100)]]);
    expect(reader.buffered).toBe(0);
  });

  it('accepts a frame of exactly the limit and rejects oversized and negative lengths, even before the payload', () => {
    expect(new FrameReader(10).push(frame(new Uint8Array(10)))).toHaveLength(1);
    expect(() => new FrameReader(10).push(frame(new Uint8Array(11)))).toThrow(FrameTooLargeError);
    expect(() => new FrameReader(10).push(new Uint8Array([0xff, 0xff, 0xff, 0xfe]))).toThrow(/negative frame length -2/);
    // 100 MiB + 1 announced by the prefix alone (split over two chunks): rejected without waiting for the bytes.
    const reader = new FrameReader(100 * MiB);
    const prefix = new Uint8Array(4);
    new DataView(prefix.buffer).setInt32(0, 100 * MiB + 1);
    expect(reader.push(prefix.subarray(0, 2))).toEqual([]);
    let error: unknown;
    try {
      reader.push(prefix.subarray(2));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FrameTooLargeError);
    expect((error as FrameTooLargeError).size).toBe(100 * MiB + 1);
    expect((error as Error).message).toBe(`frame of ${100 * MiB + 1} bytes exceeds the limit of ${100 * MiB}`);
    // A bad frame after good ones in the same chunk: the good ones were complete, the chunk is still rejected.
    const mixed = concat([frame(new Uint8Array([1])), new Uint8Array([0x80, 0, 0, 0])]);
    expect(() => new FrameReader(10).push(mixed)).toThrow(/negative frame length -2147483648/);
  });
});
