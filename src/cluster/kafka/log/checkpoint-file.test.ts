import { describe, expect, it } from 'vitest';
import { decodeEpochCheckpoint, decodeOffsetCheckpoint, encodeEpochCheckpoint, encodeOffsetCheckpoint } from './checkpoint-file.ts';

describe('checkpoint files', () => {
  it('round-trip in Kafka\'s text format', () => {
    const offsets = [{ topic: 't', partition: 0, offset: 5n }, { topic: 'u', partition: 3, offset: -1n }];
    expect(encodeOffsetCheckpoint(offsets)).toBe('0\n2\nt 0 5\nu 3 -1\n');
    expect(decodeOffsetCheckpoint(encodeOffsetCheckpoint(offsets))).toEqual(offsets);
    expect(decodeEpochCheckpoint(encodeEpochCheckpoint([{ epoch: 0, startOffset: 0n }, { epoch: 2, startOffset: 100n }]))).toEqual([
      { epoch: 0, startOffset: 0n },
      { epoch: 2, startOffset: 100n },
    ]);
  });

  it('reads a torn file (entry count differs, malformed entry) as missing, as Kafka\'s reader refuses it', () => {
    expect(decodeEpochCheckpoint('0\n3\n0 0\n1 100\n')).toEqual([]);
    expect(decodeOffsetCheckpoint('0\n3\nt 0 5\nt 1 ')).toEqual([]);
    expect(decodeOffsetCheckpoint('0\n2\nt 0 5\nt 1 x\n')).toEqual([]);
    expect(decodeOffsetCheckpoint('0\n')).toEqual([]);
    expect(decodeOffsetCheckpoint('1\n1\nt 0 5\n')).toEqual([]);
    expect(decodeOffsetCheckpoint('0\n0\n')).toEqual([]);
  });
});
