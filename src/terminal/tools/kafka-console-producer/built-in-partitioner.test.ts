import { describe, expect, it } from 'vitest';
import { BuiltInPartitioner } from './built-in-partitioner.ts';
import { murmur2, toPositive } from './murmur2.ts';

const partitions = (count: number, leaderless: number[] = []) =>
  Array.from({ length: count }, (_, partitionId) => ({ partitionId, leader: leaderless.includes(partitionId) ? -1 : 1 }));

describe('BuiltInPartitioner', () => {
  it('puts a keyed record where murmur2 says, over all partitions', () => {
    const partitioner = new BuiltInPartitioner(16_384);
    for (const key of ['user-1', 'user-42', 'k']) {
      const bytes = new TextEncoder().encode(key);
      expect(partitioner.partition(bytes, 20, partitions(3, [0, 1, 2]))).toBe(toPositive(murmur2(bytes)) % 3);
    }
  });

  it('sticks to one partition with a leader until batch.size bytes went to it, then picks again', () => {
    const picks = [7, 4];
    const partitioner = new BuiltInPartitioner(100, () => picks.shift() ?? 0);
    const seen = Array.from({ length: 6 }, () => partitioner.partition(null, 40, partitions(3, [0])));
    // random 7 % 2 available -> partitions[1] = 2; after 120 bytes: 4 % 2 -> partition 1.
    expect(seen).toEqual([2, 2, 2, 1, 1, 1]);
  });
});
