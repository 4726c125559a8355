/**
 * One replica's log: RecordBatch v2 bytes kept as received (validated by the caller), offsets assigned by
 * rewriting `baseOffset` in place, plus the leader-epoch cache Kafka keeps beside it
 * (`leader-epoch-checkpoint`) so a returning replica can truncate exactly its divergent tail.
 */
import { decodeRecordBatch } from '../protocol/record-batch.ts';
import { retainedBytes } from './retained-bytes.ts';

/** Byte positions in a RecordBatch v2 header (`DefaultRecordBatch.java`). */
const BASE_OFFSET = 0;
const BATCH_LENGTH = 8;
const PARTITION_LEADER_EPOCH = 12;
const MAGIC = 16;
const LAST_OFFSET_DELTA = 23;
const MAX_TIMESTAMP = 35;
/** Smallest valid batch: the 61-byte header. */
export const BATCH_HEADER_BYTES = 61;

export interface StoredBatch {
  readonly baseOffset: bigint;
  readonly lastOffset: bigint;
  readonly leaderEpoch: number;
  readonly maxTimestamp: bigint;
  readonly bytes: Uint8Array;
}

export interface LogReadResult {
  /** Whole batches, concatenated in offset order (the first may start before the fetch offset). */
  readonly chunks: Uint8Array[];
  readonly bytes: number;
}

/** Where an epoch began, as in Kafka's `LeaderEpochFileCache`. */
export interface EpochEntry {
  readonly epoch: number;
  readonly startOffset: bigint;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Reads the header fields the log needs. The caller has validated the batch (size, magic, CRC). */
export function describeBatch(bytes: Uint8Array): StoredBatch {
  const v = view(bytes);
  const baseOffset = v.getBigInt64(BASE_OFFSET);
  return {
    baseOffset,
    lastOffset: baseOffset + BigInt(v.getInt32(LAST_OFFSET_DELTA)),
    leaderEpoch: v.getInt32(PARTITION_LEADER_EPOCH),
    maxTimestamp: v.getBigInt64(MAX_TIMESTAMP),
    bytes,
  };
}

/**
 * Splits concatenated batches (a Fetch response's records, a segment file) into whole batches, stopping
 * at a truncated or torn tail, as a follower, a consumer or log recovery after a crash must. (The codec's
 * `splitRecordBatches` throws on a torn tail; here the whole batches before it are kept.)
 */
export function splitBatches(records: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  const view = new DataView(records.buffer, records.byteOffset, records.byteLength);
  let position = 0;
  while (records.length - position >= BATCH_HEADER_BYTES) {
    const size = view.getInt32(position + BATCH_LENGTH) + 12;
    if (size < BATCH_HEADER_BYTES || position + size > records.length || records[position + MAGIC] !== 2) break;
    out.push(records.subarray(position, position + size));
    position += size;
  }
  return out;
}

export class PartitionLog {
  #batches: StoredBatch[] = [];
  #logStartOffset = 0n;
  #logEndOffset = 0n;
  #epochs: EpochEntry[] = [];
  #sizeBytes = 0;

  /** First offset still in the log. */
  get logStartOffset(): bigint {
    return this.#logStartOffset;
  }

  /** The offset the next record gets (LEO). */
  get logEndOffset(): bigint {
    return this.#logEndOffset;
  }

  get sizeBytes(): number {
    return this.#sizeBytes;
  }

  get batchCount(): number {
    return this.#batches.length;
  }

  /** The latest leader epoch in the log, -1 when empty. */
  get latestEpoch(): number {
    return this.#epochs.length === 0 ? -1 : this.#epochs[this.#epochs.length - 1].epoch;
  }

  get epochEntries(): readonly EpochEntry[] {
    return this.#epochs;
  }

  /**
   * Leader append: gives each batch the next offsets and stamps `leaderEpoch` into it (both in place).
   * Returns the first and last offsets assigned.
   */
  appendAsLeader(batches: readonly Uint8Array[], leaderEpoch: number): { baseOffset: bigint; lastOffset: bigint } {
    const baseOffset = this.#logEndOffset;
    for (const bytes of batches) {
      const v = view(bytes);
      v.setBigInt64(BASE_OFFSET, this.#logEndOffset);
      v.setInt32(PARTITION_LEADER_EPOCH, leaderEpoch);
      this.#push(describeBatch(bytes));
    }
    return { baseOffset, lastOffset: this.#logEndOffset - 1n };
  }

  /**
   * Records that `epoch` starts at the current log end (a new leader does this at once, before any batch
   * of its epoch arrives, so `endOffsetForEpoch` answers followers of older epochs exactly).
   */
  assignEpoch(epoch: number): void {
    if (epoch <= this.latestEpoch) return;
    const last = this.#epochs[this.#epochs.length - 1];
    if (last && last.startOffset === this.#logEndOffset) this.#epochs.pop();
    this.#epochs.push({ epoch, startOffset: this.#logEndOffset });
  }

  /**
   * Follower append of batches fetched from the leader (offsets and epochs already set). Batches that end
   * before the log end are skipped; a gap is an error (the follower must truncate/refetch).
   * Returns the number of batches appended.
   */
  appendAsFollower(batches: readonly Uint8Array[]): number {
    let appended = 0;
    for (const bytes of batches) {
      const batch = describeBatch(retainedBytes(bytes));
      if (batch.lastOffset < this.#logEndOffset) continue;
      if (batch.baseOffset !== this.#logEndOffset) {
        throw new RangeError(`follower append at ${batch.baseOffset} but the log ends at ${this.#logEndOffset}`);
      }
      this.#push(batch);
      appended += 1;
    }
    return appended;
  }

  /** Restores a batch read back from storage (offsets as stored). */
  restore(bytes: Uint8Array): void {
    const batch = describeBatch(bytes);
    if (this.#batches.length === 0 && this.#logEndOffset === 0n) {
      this.#logStartOffset = batch.baseOffset;
      this.#logEndOffset = batch.baseOffset;
    }
    if (batch.baseOffset !== this.#logEndOffset) return;
    this.#push(batch);
  }

  /**
   * Whole batches holding offsets in `[fromOffset, upTo)`, at most `maxBytes` unless `minOneBatch` (then the
   * first batch is returned even when larger, as Kafka does).
   */
  read(fromOffset: bigint, upTo: bigint, maxBytes: number, minOneBatch: boolean): LogReadResult {
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    if (fromOffset >= upTo) return { chunks, bytes };
    for (let i = this.#indexFor(fromOffset); i < this.#batches.length; i++) {
      const batch = this.#batches[i];
      if (batch.baseOffset >= upTo) break;
      // A batch straddling the high watermark is withheld (its tail is not committed yet).
      if (batch.lastOffset >= upTo) break;
      const size = batch.bytes.length;
      if (bytes + size > maxBytes && !(minOneBatch && chunks.length === 0)) break;
      chunks.push(batch.bytes);
      bytes += size;
    }
    return { chunks, bytes };
  }

  /** Removes everything at and after `offset` (a follower's divergent tail). */
  truncateTo(offset: bigint): void {
    if (offset >= this.#logEndOffset) return;
    if (offset < this.#logStartOffset) offset = this.#logStartOffset;
    let index = this.#batches.length;
    while (index > 0 && this.#batches[index - 1].baseOffset >= offset) index -= 1;
    // Batches are kept whole: a batch straddling `offset` goes too (Kafka truncates at batch boundaries).
    if (index > 0 && this.#batches[index - 1].lastOffset >= offset) index -= 1;
    for (const batch of this.#batches.splice(index)) this.#sizeBytes -= batch.bytes.length;
    this.#logEndOffset = this.#batches.length === 0 ? offset : this.#batches[this.#batches.length - 1].lastOffset + 1n;
    if (this.#batches.length === 0 && this.#logEndOffset > this.#logStartOffset) this.#logStartOffset = this.#logEndOffset;
    this.#epochs = this.#epochs.filter((entry) => entry.startOffset < this.#logEndOffset);
  }

  /** Drops everything and starts over at `offset` (a replica too far behind the leader's log start). */
  reset(offset: bigint): void {
    this.#batches = [];
    this.#epochs = [];
    this.#sizeBytes = 0;
    this.#logStartOffset = offset;
    this.#logEndOffset = offset;
  }

  /**
   * Kafka's `OffsetsForLeaderEpoch` answer: for `epoch`, the largest epoch <= it in this log and the offset
   * where the next epoch starts (the log end for the latest epoch). `{ epoch: -1, endOffset: -1n }` when
   * this log has no epoch that old.
   */
  endOffsetForEpoch(epoch: number): { epoch: number; endOffset: bigint } {
    if (this.#epochs.length === 0) return { epoch: -1, endOffset: -1n };
    const latest = this.#epochs[this.#epochs.length - 1];
    if (epoch >= latest.epoch) return { epoch: latest.epoch, endOffset: this.#logEndOffset };
    let index = -1;
    for (let i = 0; i < this.#epochs.length; i++) if (this.#epochs[i].epoch <= epoch) index = i;
    if (index < 0) return { epoch: -1, endOffset: -1n };
    return { epoch: this.#epochs[index].epoch, endOffset: this.#epochs[index + 1].startOffset };
  }

  /**
   * ListOffsets by time (Kafka's `fetchOffsetByTimestamp`): the first record whose timestamp is >= `timestamp`,
   * with that record's timestamp, or null. Batches are skipped by their max timestamp; the one that may hold
   * it is decoded to find the record (a codec this broker cannot decompress answers the batch start).
   */
  async offsetForTimestamp(timestamp: bigint): Promise<{ offset: bigint; timestamp: bigint } | null> {
    for (const batch of this.#batches) {
      if (batch.maxTimestamp < timestamp) continue;
      try {
        const decoded = await decodeRecordBatch(batch.bytes);
        const record = decoded.records.find((r) => r.timestamp >= timestamp);
        if (record) return { offset: record.offset, timestamp: record.timestamp };
      } catch {
        return { offset: batch.baseOffset, timestamp: batch.maxTimestamp };
      }
    }
    return null;
  }

  /** Every batch in offset order (for storage and for reading `__consumer_offsets`). */
  batches(): readonly StoredBatch[] {
    return this.#batches;
  }

  #push(batch: StoredBatch): void {
    this.#batches.push(batch);
    this.#sizeBytes += batch.bytes.length;
    this.#logEndOffset = batch.lastOffset + 1n;
    if (batch.leaderEpoch >= 0 && batch.leaderEpoch > this.latestEpoch) {
      this.#epochs.push({ epoch: batch.leaderEpoch, startOffset: batch.baseOffset });
    }
  }

  /** Index of the batch holding `offset` (or the first after it). */
  #indexFor(offset: bigint): number {
    let low = 0;
    let high = this.#batches.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#batches[mid].lastOffset < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
