/**
 * One segment of a replica's log (Kafka's `LogSegment.java`): the batches from `baseOffset` on, in offset order,
 * with what rolling and retention look at: its size, when it was created, the first batch's timestamp (the
 * time-based roll counts from it) and the largest timestamp (time-based retention counts from it).
 *
 * The log, its storage and fetch responses share the batch bytes the segment keeps; small batches are kept in
 * shared slabs (`batch-slabs.ts`), copied once on append.
 */
import { BatchSlabs } from './batch-slabs.ts';
import type { StoredBatch } from './stored-batch.ts';

/** Kafka's relative offsets (`.index` entries) are int32: a segment spans at most this many offsets. */
const MAX_RELATIVE_OFFSET = 2_147_483_647n;

/** What `shouldRoll` compares (Kafka's `RollParams`). */
export interface RollSettings {
  /** `segment.bytes`. */
  readonly segmentBytes: number;
  /** `segment.ms`. */
  readonly segmentMs: number;
  /** `segment.jitter.ms` (Kafka picks a random jitter below it per segment; here it is taken whole). */
  readonly segmentJitterMs: number;
}

export class LogSegment {
  readonly baseOffset: bigint;
  /** Wall-clock time the segment was created (the time-based roll counts from it while the segment is empty). */
  readonly createdMs: number;
  #batches: StoredBatch[];
  #sizeBytes = 0;
  #maxTimestamp = -1n;
  #lastModifiedMs: number;
  readonly #slabs = new BatchSlabs();

  constructor(baseOffset: bigint, createdMs: number, batches: readonly StoredBatch[] = []) {
    this.baseOffset = baseOffset;
    this.createdMs = createdMs;
    this.#lastModifiedMs = createdMs;
    this.#batches = [];
    for (const batch of batches) this.append(batch, createdMs);
  }

  /** The batches in offset order (do not modify). */
  get batches(): readonly StoredBatch[] {
    return this.#batches;
  }

  get sizeBytes(): number {
    return this.#sizeBytes;
  }

  get isEmpty(): boolean {
    return this.#batches.length === 0;
  }

  /** The offset after the last batch (the base offset when empty). */
  get nextOffset(): bigint {
    const last = this.#batches[this.#batches.length - 1];
    return last ? last.lastOffset + 1n : this.baseOffset;
  }

  /**
   * Kafka's `largestTimestamp`: the largest batch timestamp when there is one, else the last time something was
   * appended (time-based retention compares it with `retention.ms`).
   */
  get largestTimestampMs(): number {
    return this.#maxTimestamp >= 0n ? Number(this.#maxTimestamp) : this.#lastModifiedMs;
  }

  /** The first batch's max timestamp (`rollingBasedTimestamp`), or -1 when empty. */
  get rollingBasedTimestamp(): bigint {
    return this.#batches[0]?.maxTimestamp ?? -1n;
  }

  /** Appends `batch`; returns it as kept (its bytes may be a copy in a slab). */
  append(batch: StoredBatch, nowMs: number): StoredBatch {
    const bytes = this.#slabs.keep(batch.bytes);
    if (bytes !== batch.bytes) batch = { baseOffset: batch.baseOffset, lastOffset: batch.lastOffset, leaderEpoch: batch.leaderEpoch, maxTimestamp: batch.maxTimestamp, bytes };
    this.#batches.push(batch);
    this.#sizeBytes += batch.bytes.length;
    if (batch.maxTimestamp > this.#maxTimestamp) this.#maxTimestamp = batch.maxTimestamp;
    this.#lastModifiedMs = nowMs;
    return batch;
  }

  /**
   * Whether a batch of `size` bytes with `maxTimestamp` and ending at `lastOffset` goes to a new segment
   * (`LogSegment.shouldRoll`): this one would pass `segment.bytes`, or `segment.ms` has passed since its first
   * batch's timestamp (its creation while that is unknown), or the offset no longer fits a relative offset.
   * An empty segment never rolls.
   */
  shouldRoll(size: number, maxTimestamp: bigint, lastOffset: bigint, nowMs: number, settings: RollSettings): boolean {
    if (this.isEmpty) return false;
    const first = this.rollingBasedTimestamp;
    const waited = first >= 0n ? Number(maxTimestamp - first) : nowMs - this.createdMs;
    return (
      this.#sizeBytes > settings.segmentBytes - size ||
      waited > settings.segmentMs - settings.segmentJitterMs ||
      lastOffset - this.baseOffset > MAX_RELATIVE_OFFSET
    );
  }

  /** Index of the batch holding `offset`, or of the first one after it (`batches.length` when none). */
  indexFor(offset: bigint): number {
    let low = 0;
    let high = this.#batches.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#batches[mid].lastOffset < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /**
   * Removes the batches at and after `offset` (a batch straddling it goes too: Kafka truncates at batch
   * boundaries). Returns the offset the log now ends at (the first removed batch's base when it started
   * below `offset`), or null when nothing was removed.
   */
  truncateTo(offset: bigint): bigint | null {
    const index = this.indexFor(offset);
    if (index >= this.#batches.length) return null;
    const removed = this.#batches.splice(index);
    for (const batch of removed) this.#sizeBytes -= batch.bytes.length;
    this.#maxTimestamp = -1n;
    for (const batch of this.#batches) if (batch.maxTimestamp > this.#maxTimestamp) this.#maxTimestamp = batch.maxTimestamp;
    return removed[0].baseOffset < offset ? removed[0].baseOffset : offset;
  }
}
