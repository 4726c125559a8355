import { describe, expect, it } from 'vitest';
import { retainedBytes } from './retained-bytes.ts';

describe('retainedBytes', () => {
  it('keeps a batch that fills its own buffer (a joined large frame) without copying it', () => {
    const frame = new Uint8Array(100_000);
    const batch = frame.subarray(40);
    expect(retainedBytes(batch)).toBe(batch);
  });

  it('copies a batch that is a small part of a larger buffer, so the log does not keep the rest alive', () => {
    const chunk = Uint8Array.from({ length: 65_536 }, (_, i) => i & 0xff);
    const batch = chunk.subarray(1000, 2000);
    const kept = retainedBytes(batch);
    expect(kept).not.toBe(batch);
    expect(kept.buffer.byteLength).toBe(1000);
    expect(kept).toEqual(batch);
    chunk.fill(0);
    expect(kept[0]).toBe(1000 & 0xff);
  });
});
