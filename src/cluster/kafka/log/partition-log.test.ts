import { describe, expect, it } from 'vitest';
import { encodeRecordBatch } from '../protocol/record-batch.ts';
import { defaultLogConfig } from './log-config.ts';
import type { LogConfig } from './log-config.ts';
import { LogSegment } from './log-segment.ts';
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

  it('truncated below its log start, lowers the log start with the end (never LEO < log start), as UnifiedLog.truncateTo', () => {
    const starts: bigint[] = [];
    const log = new PartitionLog({
      config: () => ({ ...defaultLogConfig, segmentBytes: 1 }),
      listener: { appended() {}, segmentsWritten() {}, segmentsDeleted() {}, epochsChanged() {}, logStartOffsetChanged: (offset) => void starts.push(offset) },
    });
    log.appendAsLeader([batch(10)], 0); // 0..9
    log.appendAsLeader([batch(10)], 1); // 10..19, its own segment
    expect(log.maybeIncrementLogStartOffset(15n, 20n)).toBe(true);
    log.truncateTo(12n); // the batch 10..19 goes whole: the end is 10
    expect(log.logEndOffset).toBe(10n);
    expect(log.logStartOffset).toBe(10n);
    expect(starts).toEqual([15n, 10n]);
    expect(log.epochEntries.every((entry) => entry.startOffset < log.logEndOffset)).toBe(true);

    // Below the first segment: start over empty at the target (truncateFullyAndStartAt).
    const retained = new PartitionLog();
    retained.reset(10n);
    retained.appendAsLeader([batch(5)], 1); // 10..14
    retained.truncateTo(4n);
    expect([retained.logStartOffset, retained.logEndOffset]).toEqual([4n, 4n]);
    expect(retained.segments().map((s) => s.baseOffset)).toEqual([4n]);
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

  it('appends a follower batch above its log end (a compacted leader log has gaps), never one inside it', () => {
    const leader = new PartitionLog();
    leader.appendAsLeader([batch(2), batch(2), batch(2)], 0);
    const [first, , third] = leader.batches().map((b) => b.bytes);
    const follower = new PartitionLog();
    follower.appendAsFollower([first]);
    expect(follower.appendAsFollower([third])).toBe(1);
    expect(follower.logEndOffset).toBe(6n);
    expect(follower.read(2n, 6n, 10_000, false).chunks.map((c) => describeBatch(c).baseOffset)).toEqual([4n]);
    const straddling = new PartitionLog();
    straddling.appendAsLeader([batch(3)], 0);
    expect(() => straddling.appendAsFollower([leader.batches()[1].bytes])).toThrow(RangeError);
  });
});

/** A log with `settings` over Kafka's defaults and a clock the test moves. */
function logWith(settings: Partial<LogConfig>, clock = { now: 1_000_000 }): PartitionLog {
  const config = { ...defaultLogConfig, ...settings };
  return new PartitionLog({ config: () => config, now: () => clock.now });
}

describe('PartitionLog segments', () => {
  it('rolls the active segment before it would pass segment.bytes, keeping batches() whole and in order', () => {
    const log = logWith({ segmentBytes: 200 });
    for (let i = 0; i < 5; i++) log.appendAsLeader([batch(2, 1000n, 100 - BATCH_HEADER_BYTES)], 0);
    expect(log.segments().map((s) => [s.baseOffset, s.sizeBytes])).toEqual([
      [0n, 200],
      [4n, 200],
      [8n, 100],
    ]);
    expect(log.closedSegments()).toHaveLength(2);
    expect(log.batches().map((b) => b.baseOffset)).toEqual([0n, 2n, 4n, 6n, 8n]);
    expect(log.read(3n, 10n, 10_000, false).chunks.map((c) => describeBatch(c).baseOffset)).toEqual([2n, 4n, 6n, 8n]);
    expect(log.sizeBytes).toBe(500);
    expect(log.batchCount).toBe(5);
  });

  it('rolls once segment.ms passed between the first batch timestamp and the new one (its creation while empty)', () => {
    const log = logWith({ segmentMs: 1000 });
    log.appendAsLeader([batch(1, 10_000n)], 0);
    log.appendAsLeader([batch(1, 10_900n)], 0);
    expect(log.segments()).toHaveLength(1);
    log.appendAsLeader([batch(1, 11_001n)], 0);
    expect(log.segments().map((s) => s.baseOffset)).toEqual([0n, 2n]);
  });

  it('deletes segments past retention.bytes, oldest first, and moves the log start', () => {
    const log = logWith({ segmentBytes: 200, retentionBytes: 250 });
    for (let i = 0; i < 5; i++) log.appendAsLeader([batch(2, 1000n, 100 - BATCH_HEADER_BYTES)], 0);
    // Nothing beyond the high watermark goes.
    expect(log.deleteOldSegments(3n)).toEqual([]);
    const deleted = log.deleteOldSegments(10n);
    expect(deleted.map((d) => [d.reason, d.segments.map((s) => s.baseOffset)])).toEqual([['retention.bytes', [0n]]]);
    expect(log.logStartOffset).toBe(4n);
    expect(log.sizeBytes).toBe(300);
    expect(log.batches()[0].baseOffset).toBe(4n);
  });

  it('deletes segments whose newest record is older than retention.ms, the active one too once committed', () => {
    const clock = { now: 100_000 };
    const log = logWith({ segmentMs: 1000, retentionMs: 5000 }, clock);
    log.appendAsLeader([batch(2, 90_000n)], 0);
    log.appendAsLeader([batch(2, 99_000n)], 0);
    expect(log.segments()).toHaveLength(2);
    expect(log.deleteOldSegments(4n).flatMap((d) => d.segments.map((s) => s.baseOffset))).toEqual([0n]);
    expect(log.logStartOffset).toBe(2n);
    clock.now = 200_000;
    // Below the high watermark only: the active segment stays while uncommitted.
    expect(log.deleteOldSegments(3n)).toEqual([]);
    expect(log.deleteOldSegments(4n).flatMap((d) => d.segments.map((s) => s.baseOffset))).toEqual([2n]);
    expect(log.segments().map((s) => [s.baseOffset, s.sizeBytes])).toEqual([[4n, 0]]);
    expect(log.logStartOffset).toBe(4n);
    expect(log.logEndOffset).toBe(4n);
    log.appendAsLeader([batch(1, 200_000n)], 0);
    expect(log.read(4n, 5n, 1000, true).chunks).toHaveLength(1);
  });

  it('keeps everything with cleanup.policy=compact (only segments below the log start go)', () => {
    const log = logWith({ segmentBytes: 100, retentionBytes: 0, retentionMs: 0, deleteEnabled: false, compactEnabled: true });
    for (let i = 0; i < 3; i++) log.appendAsLeader([batch(1, 1000n, 100 - BATCH_HEADER_BYTES)], 0);
    expect(log.deleteOldSegments(3n)).toEqual([]);
    expect(log.maybeIncrementLogStartOffset(2n, 3n)).toBe(true);
    expect(log.deleteOldSegments(3n).map((d) => [d.reason, d.segments.map((s) => s.baseOffset)])).toEqual([['log start offset', [0n, 1n]]]);
  });

  it('moves the log start inside a segment without deleting it, never past the high watermark', () => {
    const log = logWith({});
    log.appendAsLeader([batch(3), batch(3)], 0);
    expect(log.maybeIncrementLogStartOffset(10n, 4n)).toBe(true);
    expect(log.logStartOffset).toBe(4n);
    expect(log.maybeIncrementLogStartOffset(2n, 4n)).toBe(false);
    expect(log.segments()).toHaveLength(1);
    expect(log.batches()).toHaveLength(2);
    expect(log.deleteOldSegments(6n)).toEqual([]);
  });

  it('lets the cleaner swap closed segments for rewritten ones', () => {
    const log = logWith({ segmentBytes: 100 });
    for (let i = 0; i < 3; i++) log.appendAsLeader([batch(1, 1000n, 100 - BATCH_HEADER_BYTES)], 0);
    const [a, b] = log.closedSegments();
    const merged = new LogSegment(0n, 0, [describeBatch(b.batches[0].bytes)]);
    log.replaceSegments([a, b], [merged]);
    expect(log.segments().map((s) => s.baseOffset)).toEqual([0n, 2n]);
    expect(log.batches().map((x) => x.baseOffset)).toEqual([1n, 2n]);
    expect(log.sizeBytes).toBe(200);
    expect(() => log.replaceSegments([log.activeSegment], [])).toThrow(RangeError);
  });

  it('restores segments, the log start and epochs from storage', () => {
    const source = logWith({ segmentBytes: 100 });
    for (let i = 0; i < 3; i++) source.appendAsLeader([batch(1, 1000n, 100 - BATCH_HEADER_BYTES)], i);
    const restored = new PartitionLog();
    restored.restore(source.segments().map((s) => ({ baseOffset: s.baseOffset, batches: s.batches.map((b) => b.bytes) })), 1n);
    expect(restored.segments().map((s) => s.baseOffset)).toEqual([0n, 1n, 2n]);
    expect(restored.logStartOffset).toBe(1n);
    expect(restored.logEndOffset).toBe(3n);
    expect(restored.epochEntries).toEqual(source.epochEntries);
  });
});

describe('PartitionLog memory', () => {
  it('keeps small batches in shared slabs, large ones in their own buffer, with the same bytes', () => {
    const log = logWith({});
    const small = [batch(1, 1000n, 100), batch(1, 1000n, 100)];
    const large = batch(1, 1000n, 20_000);
    log.appendAsLeader([...small, large], 0);
    const kept = log.batches().map((b) => b.bytes);
    expect(kept[0].buffer).toBe(kept[1].buffer);
    expect(kept[0].buffer).not.toBe(small[0].buffer);
    expect([...kept[1]]).toEqual([...small[1]]);
    expect(kept[2]).toBe(large);
    expect(log.read(0n, 3n, 100_000, false).chunks).toEqual(kept);
  });
});
