import { describe, expect, it } from 'vitest';
import { COMPRESSION_CODECS, decodeRecordBatch, encodeRecordBatch } from '../../protocol/index.ts';
import type { CompressionName, DecodedRecordBatch } from '../../protocol/index.ts';
import type { CleanableLog, CleanerSegment } from './cleanable-log.ts';
import { isWorthCleaning, logToClean } from './cleanable-range.ts';
import type { CompactionLag } from './cleanable-range.ts';
import { cleanLog, groupSegmentsBySize } from './log-cleaner.ts';
import { OffsetMap } from './offset-map.ts';
import { lastOffsetsOfActiveProducers } from './producer-last-offsets.ts';

const text = new TextEncoder();
const NOW = 1_700_000_000_000;
const DAY = 86_400_000;
const NO_LAG: CompactionLag = { minCompactionLagMs: 0, maxCompactionLagMs: Number.MAX_SAFE_INTEGER };

/** A record: [key, value] with value null for a tombstone, key null for a keyless record. */
type Rec = readonly [string | null, string | null];

interface BatchSpec {
  readonly records: readonly Rec[];
  readonly compression?: CompressionName;
  readonly timestamp?: number;
  readonly producerId?: bigint;
  readonly baseSequence?: number;
}

/** Builds a log whose segments hold the given batches, offsets consecutive from `start`; the last segment is active. */
async function buildLog(segmentSpecs: readonly (readonly BatchSpec[])[], options: { start?: bigint; highWatermark?: bigint } = {}): Promise<CleanableLog> {
  let offset = options.start ?? 0n;
  const segments: CleanerSegment[] = [];
  for (const specs of segmentSpecs) {
    const baseOffset = offset;
    const batches: Uint8Array[] = [];
    for (const spec of specs) {
      const timestamp = BigInt(spec.timestamp ?? NOW - 1000);
      batches.push(
        await encodeRecordBatch({
          baseOffset: offset,
          partitionLeaderEpoch: 3,
          compression: spec.compression ?? 'none',
          producerId: spec.producerId,
          producerEpoch: spec.producerId === undefined ? -1 : 0,
          baseSequence: spec.baseSequence,
          records: spec.records.map(([key, value], i) => ({
            key: key === null ? null : text.encode(key),
            value: value === null ? null : text.encode(value),
            timestamp: timestamp + BigInt(i),
          })),
        }),
      );
      offset += BigInt(spec.records.length);
    }
    segments.push(segmentOf(baseOffset, batches));
  }
  return { segments, logStartOffset: segments[0].baseOffset, logEndOffset: offset, highWatermark: options.highWatermark ?? offset };
}

function segmentOf(baseOffset: bigint, batches: readonly Uint8Array[]): CleanerSegment {
  return { baseOffset, batches: batches.map((bytes) => ({ bytes })), sizeBytes: batches.reduce((n, b) => n + b.length, 0) };
}

/** The log after a round: cleaned segments swapped in for the ones they replace. */
function swapIn(log: CleanableLog, cleaned: Awaited<ReturnType<typeof cleanLog>>['cleaned']): CleanableLog {
  const replaced = new Set(cleaned.flatMap((c) => c.replaces));
  const segments = [...log.segments.filter((s) => !replaced.has(s.baseOffset)), ...cleaned.map((c) => segmentOf(c.baseOffset, c.batches))];
  segments.sort((a, b) => (a.baseOffset < b.baseOffset ? -1 : 1));
  return { ...log, segments };
}

async function clean(log: CleanableLog, options: { now?: number; checkpoint?: bigint; lag?: CompactionLag; mapSize?: number; segmentBytes?: number } = {}) {
  const now = options.now ?? NOW;
  const toClean = logToClean(log, options.checkpoint, now, options.lag ?? NO_LAG);
  const round = await cleanLog(log, toClean, new OffsetMap(options.mapSize ?? 10_000), {
    segmentBytes: options.segmentBytes ?? 1_073_741_824,
    deleteRetentionMs: DAY,
    now,
    lastOffsetOfProducers: lastOffsetsOfActiveProducers(log.segments, now),
  });
  return { toClean, round, log: swapIn(log, round.cleaned) };
}

async function decodeAll(log: CleanableLog): Promise<DecodedRecordBatch[]> {
  const out: DecodedRecordBatch[] = [];
  for (const segment of log.segments) for (const { bytes } of segment.batches) out.push(await decodeRecordBatch(bytes));
  return out;
}

/** offset:key=value per record, in log order. */
async function contents(log: CleanableLog): Promise<string[]> {
  const decoder = new TextDecoder();
  return (await decodeAll(log)).flatMap((batch) =>
    batch.records.map((r) => `${r.offset}:${r.key === null ? '-' : decoder.decode(r.key)}=${r.value === null ? '∅' : decoder.decode(r.value)}`),
  );
}

describe('log cleaner', () => {
  it('keeps only the latest value per key in the closed segments, at the original offsets', async () => {
    const log = await buildLog([
      [{ records: [['a', 'a1'], ['b', 'b1']] }, { records: [['a', 'a2']] }],
      [{ records: [['c', 'c1'], ['b', 'b2']] }, { records: [['a', 'a3']] }],
      [{ records: [['a', 'a4'], ['b', 'b3']] }], // active: never cleaned, so it is not in the map either
    ]);
    const { round, log: after, toClean } = await clean(log);
    expect(toClean).toMatchObject({ firstDirtyOffset: 0n, firstUncleanableOffset: 6n });
    expect(round.endOffset).toBe(6n);
    expect(await contents(after)).toEqual(['2:a=a2', '3:c=c1', '4:b=b2', '5:a=a3', '6:a=a4', '7:b=b3'].filter((r) => r !== '2:a=a2'));
    // The batch that lost everything is gone; each surviving batch keeps base offset and last offset delta.
    const batches = await decodeAll(after);
    expect(batches.map((b) => [b.baseOffset, b.lastOffsetDelta, b.recordCount])).toEqual([
      [3n, 1, 2],
      [5n, 0, 1],
      [6n, 1, 2],
    ]);
    expect(batches[0].partitionLeaderEpoch).toBe(3);
    // Both closed segments were small enough to be cleaned into one, starting at the first base offset.
    expect(round.cleaned.map((c) => [c.baseOffset, c.replaces])).toEqual([[0n, [0n, 3n]]]);
    expect(round.stats).toMatchObject({ recordsRead: 6, recordsRetained: 3 });
  });

  it('leaves offset gaps inside a batch whose middle records went', async () => {
    const log = await buildLog([[{ records: [['a', '1'], ['b', '1'], ['a', '2'], ['c', '1']] }], [{ records: [['z', 'z']] }]]);
    const { log: after } = await clean(log);
    const [batch] = await decodeAll(after);
    expect(batch.records.map((r) => r.offset)).toEqual([1n, 2n, 3n]);
    expect(batch.records.map((r) => r.offsetDelta)).toEqual([1, 2, 3]);
    expect(batch.lastOffsetDelta).toBe(3);
    expect(batch.baseTimestamp).toBe(BigInt(NOW - 1000 + 1));
    expect(batch.maxTimestamp).toBe(BigInt(NOW - 1000 + 3));
  });

  it.each(['gzip', 'snappy', 'lz4', 'zstd'] as const)('recompresses the survivors of a %s batch with the same codec', async (codec) => {
    const log = await buildLog([
      [{ records: [['k', 'old'], ['j', 'j1'], ['k', 'new'], ['j', null]], compression: codec }],
      [{ records: [['z', 'z']] }],
    ]);
    const { log: after } = await clean(log);
    const [batch] = await decodeAll(after);
    expect(batch.compression).toBe(COMPRESSION_CODECS[codec]);
    expect(batch.hasDeleteHorizon).toBe(true);
    expect(await contents(after)).toEqual(['2:k=new', '3:j=∅', '4:z=z']);
  });

  it('keeps a batch byte for byte when all its records stay', async () => {
    const log = await buildLog([[{ records: [['a', '1']], compression: 'gzip' }, { records: [['b', '1']] }], [{ records: [['z', 'z']] }]]);
    const { log: after } = await clean(log);
    expect(after.segments[0].batches[0].bytes).toBe(log.segments[0].batches[0].bytes);
    expect(after.segments[0].batches[1].bytes).toBe(log.segments[0].batches[1].bytes);
  });

  it('drops records without a key', async () => {
    const log = await buildLog([[{ records: [[null, 'x'], ['a', '1']] }], [{ records: [['z', 'z']] }]]);
    const { log: after } = await clean(log);
    expect(await contents(after)).toEqual(['1:a=1', '2:z=z']);
  });

  it('keeps a tombstone until delete.retention.ms after the cleaning that first kept it, then removes it', async () => {
    const log = await buildLog([[{ records: [['a', '1'], ['b', '1']] }, { records: [['a', null]] }], [{ records: [['z', 'z']] }]]);
    const first = await clean(log);
    expect(await contents(first.log)).toEqual(['1:b=1', '2:a=∅', '3:z=z']);
    const tombstoneBatch = (await decodeAll(first.log))[1];
    expect(tombstoneBatch.hasDeleteHorizon).toBe(true);
    expect(tombstoneBatch.attributes & 0x40).toBe(0x40);
    expect(tombstoneBatch.baseTimestamp).toBe(BigInt(NOW + DAY));
    // The record's own timestamp survives the new base timestamp.
    expect(tombstoneBatch.records[0].timestamp).toBe(BigInt(NOW - 1000));
    expect(tombstoneBatch.maxTimestamp).toBe(BigInt(NOW - 1000));

    // A later round before the horizon keeps it (the horizon is not moved); after it, the tombstone goes.
    const before = await clean(first.log, { now: NOW + DAY - 1, checkpoint: 0n });
    expect(await contents(before.log)).toEqual(['1:b=1', '2:a=∅', '3:z=z']);
    expect((await decodeAll(before.log))[1].baseTimestamp).toBe(BigInt(NOW + DAY));
    const after = await clean(first.log, { now: NOW + DAY, checkpoint: 0n });
    expect(await contents(after.log)).toEqual(['1:b=1', '3:z=z']);
  });

  it('keeps the last batch of the round even when emptied, so the log keeps its last offset', async () => {
    const log = await buildLog([[{ records: [['a', '1']] }, { records: [['b', '1']] }, { records: [['b', null]] }], [{ records: [['z', 'z']] }]]);
    const first = await clean(log);
    const second = await clean(first.log, { now: NOW + DAY, checkpoint: 0n });
    const batches = await decodeAll(second.log);
    expect(batches.map((b) => [b.baseOffset, b.recordCount, b.lastOffsetDelta])).toEqual([
      [0n, 1, 0],
      [2n, 0, 0],
      [3n, 1, 0],
    ]);
    expect(batches[1]).toMatchObject({ baseTimestamp: -1n, compression: 0, hasDeleteHorizon: false });
  });

  it("keeps the header of an active idempotent producer's last batch when all its records go", async () => {
    const log = await buildLog([
      [
        { records: [['a', '1'], ['b', '1']], producerId: 7n, baseSequence: 0, compression: 'gzip' },
        { records: [['c', '1']], producerId: 8n, baseSequence: 0 },
        { records: [['c', '2'], ['d', '1']] },
      ],
      [{ records: [['a', '2'], ['b', '2']] }],
      [{ records: [['z', 'z']] }],
    ]);
    const { log: after } = await clean(log);
    const batches = await decodeAll(after);
    const producer7 = batches.find((b) => b.producerId === 7n)!;
    expect(producer7).toMatchObject({ baseOffset: 0n, lastOffsetDelta: 1, baseSequence: 0, producerEpoch: 0, recordCount: 0, compression: 0 });
    const producer8 = batches.find((b) => b.producerId === 8n)!;
    expect(producer8).toMatchObject({ baseOffset: 2n, recordCount: 0 });
    expect(await contents(after)).toEqual(['3:c=2', '4:d=1', '5:a=2', '6:b=2', '7:z=z']);

    // A producer silent for longer than producer.id.expiration.ms is no longer kept.
    const later = await clean(log, { now: NOW + DAY + 10_000 });
    expect((await decodeAll(later.log)).some((b) => b.producerId === 7n)).toBe(false);
  });

  it('does not compact segments holding records newer than min.compaction.lag.ms', async () => {
    const old = NOW - 60_000;
    const log = await buildLog([
      [{ records: [['a', '1'], ['a', '2']], timestamp: old }],
      [{ records: [['a', '3'], ['a', '4']], timestamp: NOW - 1000 }],
      [{ records: [['z', 'z']] }],
    ]);
    const lag = { minCompactionLagMs: 30_000, maxCompactionLagMs: Number.MAX_SAFE_INTEGER };
    const { toClean, log: after } = await clean(log, { lag });
    expect(toClean.firstUncleanableOffset).toBe(2n);
    expect(await contents(after)).toEqual(['1:a=2', '2:a=3', '3:a=4', '4:z=z']);
    // Nothing is old enough: nothing is cleanable.
    const none = logToClean(log, undefined, NOW, { ...lag, minCompactionLagMs: 120_000 });
    expect(none).toMatchObject({ firstUncleanableOffset: 0n, cleanableBytes: 0 });
    expect(isWorthCleaning(none, 0.5)).toBe(false);
  });

  it('never cleans at or past the high watermark', async () => {
    const log = await buildLog([[{ records: [['a', '1']] }], [{ records: [['a', '2']] }], [{ records: [['z', 'z']] }]], { highWatermark: 1n });
    const { toClean, log: after } = await clean(log);
    expect(toClean.firstUncleanableOffset).toBe(1n);
    expect(await contents(after)).toEqual(['0:a=1', '1:a=2', '2:z=z']);
  });

  it('is worth cleaning once the dirty ratio passes min.cleanable.dirty.ratio, or when max.compaction.lag.ms has passed', async () => {
    const log = await buildLog([[{ records: [['a', '1']] }], [{ records: [['a', '2']] }], [{ records: [['z', 'z']] }]]);
    const dirty = logToClean(log, undefined, NOW, NO_LAG);
    expect(dirty.cleanableRatio).toBe(1);
    expect(isWorthCleaning(dirty, 0.5)).toBe(true);
    // Half clean, half dirty: not above 0.5.
    const half = logToClean(log, 1n, NOW, NO_LAG);
    expect(half).toMatchObject({ firstDirtyOffset: 1n, firstUncleanableOffset: 2n });
    expect(half.cleanableRatio).toBe(0.5);
    expect(isWorthCleaning(half, 0.5)).toBe(false);
    expect(isWorthCleaning(half, 0.4)).toBe(true);
    // max.compaction.lag.ms passed for the dirty segment: cleaned whatever the ratio.
    const overdue = logToClean(log, 1n, NOW, { minCompactionLagMs: 0, maxCompactionLagMs: 500 });
    expect(overdue.needCompactionNow).toBe(true);
    expect(isWorthCleaning(overdue, 0.99)).toBe(true);
    // A checkpoint outside the log is reset to the log start.
    expect(logToClean(log, 99n, NOW, NO_LAG).firstDirtyOffset).toBe(0n);
  });

  it('cleans only as far as a full offset map reached, and the next round goes on from there', async () => {
    const log = await buildLog([
      [{ records: [['a', '1'], ['b', '1'], ['a', '2']] }],
      [{ records: [['c', '1'], ['b', '2'], ['c', '2']] }],
      [{ records: [['z', 'z']] }],
    ]);
    const first = await clean(log, { mapSize: 2 });
    // a and b fit; c does not: the round ends after the last whole batch mapped (offset 2), later records stay.
    expect(first.round.endOffset).toBe(3n);
    expect(await contents(first.log)).toEqual(['1:b=1', '2:a=2', '3:c=1', '4:b=2', '5:c=2', '6:z=z']);
    const second = await clean(first.log, { mapSize: 2, checkpoint: first.round.endOffset });
    expect(second.round.endOffset).toBe(6n);
    expect(await contents(second.log)).toEqual(['2:a=2', '4:b=2', '5:c=2', '6:z=z']);
  });

  it('groups consecutive segments up to segment.bytes', () => {
    const seg = (base: bigint, size: number): CleanerSegment => ({ baseOffset: base, sizeBytes: size, batches: [] });
    const groups = groupSegmentsBySize([seg(0n, 40), seg(10n, 50), seg(20n, 20), seg(30n, 90), seg(40n, 5)], 100, 50n);
    expect(groups.map((g) => g.map((s) => s.baseOffset))).toEqual([[0n, 10n], [20n], [30n, 40n]]);
  });
});
