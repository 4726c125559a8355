import { describe, expect, it } from 'vitest';
import type { ZkMetadataCache } from '../../metadata/zk-metadata-cache.ts';
import type { Partition } from '../../replication/partition.ts';
import { lowWatermark } from './delete-records.ts';

/** A leader at log start `start` whose followers reported the given log starts (-1: not fetched yet). */
function leader(start: bigint, followers: Record<number, bigint>): Partition {
  return {
    log: { logStartOffset: start },
    followers: new Map(Object.entries(followers).map(([id, logStartOffset]) => [Number(id), { logStartOffset }])),
  } as unknown as Partition;
}

const alive = (...ids: number[]) => ({ liveBrokerIds: () => new Set(ids) }) as unknown as ZkMetadataCache;

describe('DeleteRecords low watermark (lowWatermarkIfLeader)', () => {
  it('is the smallest log start of the leader and its alive replicas', () => {
    expect(lowWatermark(leader(10n, { 2: 10n, 3: 7n }), alive(1, 2, 3))).toBe(7n);
    // A dead replica does not hold the answer back.
    expect(lowWatermark(leader(10n, { 2: 10n, 3: 7n }), alive(1, 2))).toBe(10n);
  });

  it('is held back by an alive follower whose log start is unknown (-1) until it fetches', () => {
    expect(lowWatermark(leader(10n, { 2: 10n, 3: -1n }), alive(1, 2, 3))).toBe(-1n);
    expect(lowWatermark(leader(10n, { 2: 10n, 3: -1n }), alive(1, 2))).toBe(10n);
  });
});
