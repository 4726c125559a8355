import { describe, expect, it } from 'vitest';
import { FrameReader, FrameTooLargeError, frame } from './frame-reader.ts';

describe('FrameReader', () => {
  it('reassembles frames split across chunks and several frames in one chunk', () => {
    const reader = new FrameReader(1024);
    const bytes = new Uint8Array([...frame(new Uint8Array([1, 2, 3])), ...frame(new Uint8Array([4])), ...frame(new Uint8Array([]))]);
    const frames = [...reader.push(bytes.subarray(0, 2)), ...reader.push(bytes.subarray(2, 9)), ...reader.push(bytes.subarray(9))];
    expect(frames.map((f) => [...f])).toEqual([[1, 2, 3], [4], []]);
    expect(reader.buffered).toBe(0);
  });

  it('rejects oversized and negative lengths', () => {
    expect(() => new FrameReader(10).push(frame(new Uint8Array(11)))).toThrow(FrameTooLargeError);
    expect(() => new FrameReader(10).push(new Uint8Array([0xff, 0xff, 0xff, 0xfe]))).toThrow(/negative/);
  });
});
