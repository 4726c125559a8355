import { describe, expect, it } from 'vitest';
import { encodeRecordBatch } from '../protocol/record-batch.ts';
import { BATCH_HEADER_BYTES, PartitionLog, describeBatch, splitBatches } from './partition-log.ts';

/** A header-only batch of `count` records (the log never looks past the header). */
function batch(count: number, timestamp = 1000n, extra = 0): Uint8Array {
  const bytes = new Uint8Array(BATCH_HEADER_BYTES + extra);
  const v = new DataView(bytes.buffer);
  v.setInt32(8, bytes.length - 12);
  v.setInt8(16, 2);
  v.setInt32(23, count - 1);
  v.setBigInt64(27, timestamp);
  v.setBigInt64(35, timestamp);
  v.setInt32(57, count);
  return bytes;
}

describe('PartitionLog', () => {
  it('assigns offsets and stamps the leader epoch in place', () => {
    const log = new PartitionLog();
    const a = batch(3);
    const b = batch(2);
    expect(log.appendAsLeader([a], 0)).toEqual({ baseOffset: 0n, lastOffset: 2n });
    expect(log.appendAsLeader([b], 1)).toEqual({ baseOffset: 3n, lastOffset: 4n });
    expect(describeBatch(b)).toMatchObject({ baseOffset: 3n, lastOffset: 4n, leaderEpoch: 1 });
    expect(log.logEndOffset).toBe(5n);
    expect(log.epochEntries).toEqual([
      { epoch: 0, startOffset: 0n },
      { epoch: 1, startOffset: 3n },
    ]);
  });

  it('reads whole batches below a bound, at least one batch even past maxBytes', () => {
    const log = new PartitionLog();
    log.appendAsLeader([batch(2, 1000n, 100), batch(2, 2000n, 100), batch(2, 3000n)], 0);
    expect(log.read(0n, 6n, 10, true).chunks).toHaveLength(1);
    expect(log.read(0n, 6n, 10, false).chunks).toHaveLength(0);
    expect(log.read(1n, 6n, 10_000, false).chunks).toHaveLength(3);
    expect(log.read(3n, 6n, 10_000, false).chunks[0]).toBe(log.batches()[1].bytes);
    // The high watermark inside the last batch withholds it.
    expect(log.read(0n, 5n, 10_000, false).chunks).toHaveLength(2);
    expect(log.read(6n, 6n, 10_000, true).chunks).toHaveLength(0);
  });

  it('finds the first record at or after a timestamp, inside a batch too', async () => {
    const log = new PartitionLog();
    log.appendAsLeader([batch(2, 1000n, 100), batch(2, 2000n, 100), batch(2, 3000n)], 0);
    expect(await log.offsetForTimestamp(1500n)).toEqual({ offset: 2n, timestamp: 2000n });
    expect(await log.offsetForTimestamp(9999n)).toBeNull();
    const spread = new PartitionLog();
    const encoder = new TextEncoder();
    spread.appendAsLeader([await encodeRecordBatch({ records: [10n, 20n, 30n].map((timestamp) => ({ timestamp, value: encoder.encode(String(timestamp)) })) })], 0);
    spread.appendAsLeader([await encodeRecordBatch({ compression: 'gzip', records: [40n, 50n].map((timestamp) => ({ timestamp, value: encoder.encode(String(timestamp)) })) })], 0);
    expect(await spread.offsetForTimestamp(15n)).toEqual({ offset: 1n, timestamp: 20n });
    expect(await spread.offsetForTimestamp(30n)).toEqual({ offset: 2n, timestamp: 30n });
    expect(await spread.offsetForTimestamp(45n)).toEqual({ offset: 4n, timestamp: 50n });
  });

  it('truncates a divergent tail at batch boundaries and forgets its epochs', () => {
    const log = new PartitionLog();
    log.appendAsLeader([batch(2)], 0);
    log.appendAsLeader([batch(2)], 1);
    log.truncateTo(3n);
    expect(log.logEndOffset).toBe(2n);
    expect(log.epochEntries).toEqual([{ epoch: 0, startOffset: 0n }]);
  });

  it('answers end offsets per epoch like OffsetsForLeaderEpoch', () => {
    const log = new PartitionLog();
    log.appendAsLeader([batch(2)], 0);
    log.appendAsLeader([batch(3)], 2);
    log.assignEpoch(5);
    log.appendAsLeader([batch(1)], 5);
    expect(log.endOffsetForEpoch(0)).toEqual({ epoch: 0, endOffset: 2n });
    expect(log.endOffsetForEpoch(1)).toEqual({ epoch: 0, endOffset: 2n });
    expect(log.endOffsetForEpoch(3)).toEqual({ epoch: 2, endOffset: 5n });
    expect(log.endOffsetForEpoch(5)).toEqual({ epoch: 5, endOffset: 6n });
    expect(new PartitionLog().endOffsetForEpoch(1)).toEqual({ epoch: -1, endOffset: -1n });
  });

  it('appends fetched batches as a follower, skipping what it has', () => {
    const leader = new PartitionLog();
    leader.appendAsLeader([batch(2), batch(2)], 3);
    const fetched = leader.read(0n, 4n, 10_000, true).chunks;
    const joined = new Uint8Array(fetched.reduce((n, c) => n + c.length, 0) + 10);
    let at = 0;
    for (const chunk of fetched) {
      joined.set(chunk, at);
      at += chunk.length;
    }
    const split = splitBatches(joined);
    expect(split).toHaveLength(2);
    const follower = new PartitionLog();
    expect(follower.appendAsFollower(split.slice(0, 1))).toBe(1);
    expect(follower.appendAsFollower(split)).toBe(1);
    expect(follower.logEndOffset).toBe(4n);
    expect(follower.latestEpoch).toBe(3);
  });
});
