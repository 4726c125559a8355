import { describe, expect, it } from 'vitest';
import { ManualScheduler } from '../../group/manual-scheduler.ts';
import { createLogger } from '../../../logger.ts';
import type { LogLine } from '../../../logger.ts';
import { decodeRecordBatch, encodeRecordBatch } from '../../protocol/index.ts';
import type { CleanableLog, CleanerSegment } from './cleanable-log.ts';
import type { CompactionConfig } from './compaction-config.ts';
import { LogCleanerService } from './log-cleaner-service.ts';
import type { CompactedLog } from './log-cleaner-service.ts';

const text = new TextEncoder();
const COMPACT: CompactionConfig = {
  compact: true,
  delete: false,
  deleteRetentionMs: 86_400_000,
  minCompactionLagMs: 0,
  maxCompactionLagMs: Number.MAX_SAFE_INTEGER,
  minCleanableRatio: 0.5,
  segmentBytes: 1 << 30,
};

/** An in-memory compacted log: one batch per record, one segment per `segmentSize` records. */
class MemoryLog implements CompactedLog {
  readonly name: string;
  config: CompactionConfig = COMPACT;
  segments: CleanerSegment[] = [];
  end = 0n;
  refuseSwaps = false;

  constructor(name: string) {
    this.name = name;
  }

  async append(keys: string[], segmentSize: number, now: number): Promise<void> {
    for (let i = 0; i < keys.length; i += segmentSize) {
      const batches = [];
      const baseOffset = this.end;
      for (const key of keys.slice(i, i + segmentSize)) {
        batches.push({ bytes: await encodeRecordBatch({ baseOffset: this.end, records: [{ key: text.encode(key), value: text.encode(`${key}@${this.end}`), timestamp: BigInt(now) }] }) });
        this.end += 1n;
      }
      this.segments.push({ baseOffset, batches, sizeBytes: batches.reduce((n, b) => n + b.bytes.length, 0) });
    }
  }

  compaction(): CompactionConfig {
    return this.config;
  }

  view(): CleanableLog {
    return { segments: [...this.segments], logStartOffset: this.segments[0]?.baseOffset ?? 0n, logEndOffset: this.end, highWatermark: this.end };
  }

  swapIn(cleaned: { baseOffset: bigint; batches: readonly Uint8Array[]; sizeBytes: number }, replaced: readonly CleanerSegment[]): boolean {
    if (this.refuseSwaps) return false;
    const first = this.segments.indexOf(replaced[0]);
    if (first < 0) return false;
    this.segments.splice(first, replaced.length, { baseOffset: cleaned.baseOffset, batches: cleaned.batches.map((bytes) => ({ bytes })), sizeBytes: cleaned.sizeBytes });
    return true;
  }

  async offsets(): Promise<bigint[]> {
    const out: bigint[] = [];
    for (const segment of this.segments) for (const { bytes } of segment.batches) for (const r of (await decodeRecordBatch(bytes)).records) out.push(r.offset);
    return out;
  }
}

function setup(logs: MemoryLog[], backoffMs = 1000) {
  const scheduler = new ManualScheduler();
  const lines: LogLine[] = [];
  const cleaner = new LogCleanerService({
    settings: () => ({ enable: true, backoffMs, dedupeBufferSize: 1 << 20, ioBufferLoadFactor: 0.9 }),
    scheduler,
    logger: createLogger((line) => lines.push(line), 'info'),
    logs: () => logs,
  });
  return { scheduler, lines, cleaner };
}

describe('LogCleanerService', () => {
  it('cleans the filthiest compacted log every log.cleaner.backoff.ms and remembers the clean part', async () => {
    const a = new MemoryLog('a-0');
    const b = new MemoryLog('b-0');
    const { scheduler, lines, cleaner } = setup([a, b]);
    await a.append(['k', 'k', 'k', 'k', 'x'], 2, scheduler.now()); // segments [k k] [k k] [x]
    await b.append(['k', 'j', 'k', 'z'], 2, scheduler.now()); // [k j] [k z]: only the first is cleanable
    cleaner.start();
    await scheduler.advance(999);
    expect(await a.offsets()).toEqual([0n, 1n, 2n, 3n, 4n]);
    await scheduler.advance(1);
    // a first (ratio 1, the same as b: the first found wins), then b at once after a round that cleaned.
    expect(await a.offsets()).toEqual([3n, 4n]);
    expect(cleaner.checkpoint('a-0')).toBe(4n);
    expect(await b.offsets()).toEqual([0n, 1n, 2n, 3n]);
    expect(cleaner.checkpoint('b-0')).toBe(2n);
    expect(lines.filter((l) => l.message.startsWith('cleaned log')).map((l) => l.message.split(' (')[0])).toEqual(['cleaned log a-0', 'cleaned log b-0']);

    // Nothing dirty: nothing happens until enough new data makes a log dirty again.
    await a.append(['k', 'k'], 2, scheduler.now());
    await a.append(['y'], 1, scheduler.now());
    await scheduler.advance(1000);
    expect(await a.offsets()).toEqual([4n, 6n, 7n]);
    await cleaner.stop();
    expect(scheduler.pending).toBe(0);
  });

  it('leaves logs without compact in cleanup.policy, or under min.cleanable.dirty.ratio, alone', async () => {
    const a = new MemoryLog('a-0');
    a.config = { ...COMPACT, compact: false, delete: true };
    await a.append(['k', 'k', 'x'], 2, 0);
    const b = new MemoryLog('b-0');
    b.config = { ...COMPACT, minCleanableRatio: 1 };
    await b.append(['k', 'k', 'x'], 2, 0);
    const { cleaner } = setup([a, b]);
    expect(await cleaner.cleanFilthiestLog()).toBe(false);
    b.config = { ...COMPACT, minCleanableRatio: 0.99 };
    expect(await cleaner.cleanFilthiestLog()).toBe(true);
    expect(await b.offsets()).toEqual([1n, 2n]);
    expect(await a.offsets()).toEqual([0n, 1n, 2n]);
  });

  it('aborts a round whose segments changed under it, without moving the checkpoint', async () => {
    const a = new MemoryLog('a-0');
    await a.append(['k', 'k', 'x'], 2, 0);
    const { cleaner, lines } = setup([a]);
    a.refuseSwaps = true;
    expect(await cleaner.cleanFilthiestLog()).toBe(false);
    expect(cleaner.checkpoint('a-0')).toBeUndefined();
    expect(lines.some((l) => l.message.includes('log cleaning aborted'))).toBe(true);
    a.refuseSwaps = false;
    expect(await cleaner.cleanFilthiestLog()).toBe(true);
    expect(cleaner.checkpoint('a-0')).toBe(2n);
    cleaner.truncated('a-0', 1n);
    expect(cleaner.checkpoint('a-0')).toBe(1n);
  });

  it('aborts a round whose log is forgotten (deleted) while it cleans: nothing swapped in, no checkpoint (abortCleaning)', async () => {
    const a = new MemoryLog('a-0');
    await a.append(['k', 'k', 'x'], 2, 0);
    const { cleaner, lines } = setup([a]);
    let swaps = 0;
    const swapIn = a.swapIn.bind(a);
    a.swapIn = (cleaned, replaced) => ((swaps += 1), swapIn(cleaned, replaced));
    // The round has started (the producers' last offsets are read as it begins): the replica is deleted now.
    Object.assign(a, { lastOffsetsOfProducers: () => (cleaner.forget('a-0'), new Map()) });
    expect(await cleaner.cleanFilthiestLog()).toBe(false);
    expect(swaps).toBe(0);
    expect(cleaner.checkpoint('a-0')).toBeUndefined();
    expect(await a.offsets()).toEqual([0n, 1n, 2n]);
    expect(lines.some((l) => l.message.includes('aborted') && l.message.includes('a-0'))).toBe(true);
  });

  it('chooses the filthiest log from live summaries, snapshotting only the log it cleans', async () => {
    const views: string[] = [];
    const withSummary = (log: MemoryLog) => {
      const view = log.view.bind(log);
      return Object.assign(log, { view: () => (views.push(log.name), view()), summary: view });
    };
    const a = withSummary(new MemoryLog('a-0'));
    const b = withSummary(new MemoryLog('b-0'));
    await a.append(['k', 'k', 'k', 'k', 'x'], 2, 0); // ratio 1
    await b.append(['k', 'j', 'k', 'z', 'y'], 2, 0);
    b.config = { ...COMPACT, minCleanableRatio: 0.99 };
    const { cleaner } = setup([a, b]);
    expect(await cleaner.cleanFilthiestLog()).toBe(true);
    expect(views).toEqual(['a-0']);
    expect(await a.offsets()).toEqual([3n, 4n]);
  });
});

