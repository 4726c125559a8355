/**
 * The two index files Kafka keeps beside each segment (`OffsetIndex.java`, `TimeIndex.java`), built as
 * `LogSegment.append` builds them: once more than `index.interval.bytes` of batches were appended since the
 * last entry, the next batch gets an offset-index entry (relative offset int32 of its last offset, file position
 * int32) and a time-index entry (largest timestamp so far int64, relative offset int32) when that timestamp grew.
 * Browser-safe: it only computes the bytes; the fs storage writes them.
 */
import type { StoredBatch } from './stored-batch.ts';

export const OFFSET_INDEX_ENTRY_BYTES = 8;
export const TIME_INDEX_ENTRY_BYTES = 12;

export interface IndexEntries {
  /** `.index` bytes to append (empty when none). */
  readonly offsetIndex: Uint8Array;
  /** `.timeindex` bytes to append (empty when none). */
  readonly timeIndex: Uint8Array;
}

const NONE = new Uint8Array(0);

export class SegmentIndexBuilder {
  readonly baseOffset: bigint;
  readonly indexIntervalBytes: number;
  /** The `.log` file's size: where the next batch goes. */
  position = 0;
  #bytesSinceLastEntry = 0;
  #maxTimestamp = -1n;
  #offsetOfMaxTimestamp = -1n;
  #lastTimeEntry = -1n;

  constructor(baseOffset: bigint, indexIntervalBytes: number) {
    this.baseOffset = baseOffset;
    this.indexIntervalBytes = indexIntervalBytes;
  }

  /** Accounts for `batch` appended at `position`; returns the index bytes it adds. */
  add(batch: StoredBatch): IndexEntries {
    if (batch.maxTimestamp > this.#maxTimestamp) {
      this.#maxTimestamp = batch.maxTimestamp;
      this.#offsetOfMaxTimestamp = batch.lastOffset;
    }
    let offsetIndex = NONE;
    let timeIndex = NONE;
    if (this.#bytesSinceLastEntry > this.indexIntervalBytes) {
      offsetIndex = new Uint8Array(OFFSET_INDEX_ENTRY_BYTES);
      const o = new DataView(offsetIndex.buffer);
      o.setInt32(0, Number(batch.lastOffset - this.baseOffset));
      o.setInt32(4, this.position);
      if (this.#maxTimestamp > this.#lastTimeEntry) {
        timeIndex = new Uint8Array(TIME_INDEX_ENTRY_BYTES);
        const t = new DataView(timeIndex.buffer);
        t.setBigInt64(0, this.#maxTimestamp);
        t.setInt32(8, Number(this.#offsetOfMaxTimestamp - this.baseOffset));
        this.#lastTimeEntry = this.#maxTimestamp;
      }
      this.#bytesSinceLastEntry = 0;
    }
    this.#bytesSinceLastEntry += batch.bytes.length;
    this.position += batch.bytes.length;
    return { offsetIndex, timeIndex };
  }
}

/** The whole `.index` and `.timeindex` of a segment holding `batches`. */
export function buildSegmentIndexes(baseOffset: bigint, batches: readonly StoredBatch[], indexIntervalBytes: number): IndexEntries & { builder: SegmentIndexBuilder } {
  const builder = new SegmentIndexBuilder(baseOffset, indexIntervalBytes);
  const offsets: Uint8Array[] = [];
  const times: Uint8Array[] = [];
  for (const batch of batches) {
    const entries = builder.add(batch);
    if (entries.offsetIndex.length > 0) offsets.push(entries.offsetIndex);
    if (entries.timeIndex.length > 0) times.push(entries.timeIndex);
  }
  return { offsetIndex: concatBytes(offsets), timeIndex: concatBytes(times), builder };
}

export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** Reads `.index` bytes back into (relative offset, position) pairs. */
export function readOffsetIndex(bytes: Uint8Array): Array<{ relativeOffset: number; position: number }> {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = [];
  for (let at = 0; at + OFFSET_INDEX_ENTRY_BYTES <= bytes.length; at += OFFSET_INDEX_ENTRY_BYTES) {
    out.push({ relativeOffset: v.getInt32(at), position: v.getInt32(at + 4) });
  }
  return out;
}

/** Reads `.timeindex` bytes back into (timestamp, relative offset) pairs. */
export function readTimeIndex(bytes: Uint8Array): Array<{ timestamp: bigint; relativeOffset: number }> {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = [];
  for (let at = 0; at + TIME_INDEX_ENTRY_BYTES <= bytes.length; at += TIME_INDEX_ENTRY_BYTES) {
    out.push({ timestamp: v.getBigInt64(at), relativeOffset: v.getInt32(at + 8) });
  }
  return out;
}
