import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RecordAccumulator, estimateRecordSize } from './record-accumulator.ts';
import type { PendingRecord, ProducerBatch } from './record-accumulator.ts';

const record = (value: string): PendingRecord => {
  const bytes = new TextEncoder().encode(value);
  return { key: null, value: bytes, headers: [], timestamp: 0, sizeInBytes: estimateRecordSize(null, bytes, []), done: () => {} };
};
const values = (batch: ProducerBatch) => batch.records.map((r) => new TextDecoder().decode(r.value as Uint8Array));

describe('RecordAccumulator', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('holds a partition batch for linger.ms after its first record, then hands it over', () => {
    const ready: ProducerBatch[] = [];
    const accumulator = new RecordAccumulator({ batchSize: 16_384, lingerMs: 1000, now: () => Date.now(), onReady: (batch) => ready.push(batch) });
    accumulator.append('t', 0, record('a'));
    vi.advanceTimersByTime(600);
    accumulator.append('t', 0, record('b'));
    accumulator.append('t', 1, record('c'));
    vi.advanceTimersByTime(399);
    expect(ready).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(ready.map(values)).toEqual([['a', 'b']]);
    vi.advanceTimersByTime(600);
    expect(ready.map(values)).toEqual([['a', 'b'], ['c']]);
  });

  it('hands a batch over as soon as the next record would not fit in batch.size', () => {
    const ready: ProducerBatch[] = [];
    const size = record('0123456789').sizeInBytes;
    const accumulator = new RecordAccumulator({ batchSize: 61 + 2 * size, lingerMs: 1000, now: () => 0, onReady: (batch) => ready.push(batch) });
    for (const value of ['0123456789', '1123456789', '2123456789']) accumulator.append('t', 0, record(value));
    // The first two fill the batch exactly (61 header bytes + 2 records): full, sent at once.
    expect(ready.map(values)).toEqual([['0123456789', '1123456789']]);
    accumulator.flush();
    expect(ready.map(values)).toEqual([['0123456789', '1123456789'], ['2123456789']]);
  });

  it('drops open batches on discard without handing them over', () => {
    const ready: ProducerBatch[] = [];
    const accumulator = new RecordAccumulator({ batchSize: 16_384, lingerMs: 1000, now: () => 0, onReady: (batch) => ready.push(batch) });
    accumulator.append('t', 0, record('lost'));
    expect(accumulator.discard().map(values)).toEqual([['lost']]);
    vi.advanceTimersByTime(2000);
    expect(ready).toEqual([]);
  });

  it("estimates DefaultRecord's size: varint lengths, key, value, headers", () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    // length(1) attributes(1) timestampDelta(1) offsetDelta(1) key -1 (1) value len(1)+5 headers count(1)
    expect(estimateRecordSize(null, bytes('hello'), [])).toBe(1 + 1 + 1 + 1 + 1 + 1 + 5 + 1);
    expect(estimateRecordSize(bytes('k'), bytes('v'), [['h', bytes('x')]])).toBe(1 + 1 + 1 + 1 + 2 + 2 + 1 + 2 + 2);
  });
});
