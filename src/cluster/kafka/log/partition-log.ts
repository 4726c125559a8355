/**
 * One replica's log (Kafka's `UnifiedLog` / `LocalLog`): RecordBatch v2 bytes kept as received (validated by the
 * caller), offsets assigned by rewriting `baseOffset` in place, held in segments (`log-segment.ts`) that roll by
 * `segment.bytes` / `segment.ms` and that retention deletes whole, plus the leader-epoch cache Kafka keeps
 * beside it (`leader-epoch-checkpoint`) so a returning replica can truncate exactly its divergent tail.
 *
 * The log start offset may lie inside the first segment (DeleteRecords): the segment stays, reads below the
 * start are refused by the fetch handler, and the segment goes once a later segment starts at or below it.
 * Every change is told to a `LogChangeListener` (the broker's storage).
 */
import { decodeRecordBatch } from '../protocol/record-batch.ts';
import type { EpochEntry } from './leader-epochs.ts';
import type { LogChangeListener } from './log-change-listener.ts';
import { defaultLogConfig } from './log-config.ts';
import type { LogConfig } from './log-config.ts';
import { LogSegment } from './log-segment.ts';
import { BASE_OFFSET, PARTITION_LEADER_EPOCH, batchView, describeBatch } from './stored-batch.ts';
import type { StoredBatch } from './stored-batch.ts';

export { BATCH_HEADER_BYTES, describeBatch, splitBatches } from './stored-batch.ts';
export type { StoredBatch } from './stored-batch.ts';
export type { EpochEntry } from './leader-epochs.ts';

export interface LogReadResult {
  /** Whole batches, concatenated in offset order (the first may start before the fetch offset). */
  readonly chunks: Uint8Array[];
  readonly bytes: number;
}

export interface PartitionLogOptions {
  /** The effective settings, asked on every append and retention check (topic configs may change). */
  config?: () => LogConfig;
  /** Wall clock in ms (tests inject one). */
  now?: () => number;
  /** Told of every change (the broker's storage). */
  listener?: LogChangeListener;
}

/** A segment as storage hands it back at startup. */
export interface RestoredSegment {
  readonly baseOffset: bigint;
  readonly batches: readonly Uint8Array[];
}

/** Why segments were deleted (Kafka's `SegmentDeletionReason`), for the log line. */
export type SegmentDeletionReason = 'retention.ms' | 'retention.bytes' | 'log start offset';

export class PartitionLog {
  #segments: LogSegment[];
  #logStartOffset = 0n;
  #logEndOffset = 0n;
  #epochs: EpochEntry[] = [];
  #sizeBytes = 0;
  #batchCount = 0;
  readonly #config: () => LogConfig;
  readonly #now: () => number;
  #listener: LogChangeListener | undefined;

  constructor(options: PartitionLogOptions = {}) {
    this.#config = options.config ?? (() => defaultLogConfig);
    this.#now = options.now ?? Date.now;
    this.#listener = options.listener;
    this.#segments = [new LogSegment(0n, this.#now())];
  }

  /** Starts telling `listener` of every change (storage attached after a restore). */
  attach(listener: LogChangeListener | undefined): void {
    this.#listener = listener;
  }

  get config(): LogConfig {
    return this.#config();
  }

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
    return this.#batchCount;
  }

  /** The latest leader epoch in the log, -1 when empty. */
  get latestEpoch(): number {
    return this.#epochs.length === 0 ? -1 : this.#epochs[this.#epochs.length - 1].epoch;
  }

  get epochEntries(): readonly EpochEntry[] {
    return this.#epochs;
  }

  /** Every segment in offset order; the last is the active one (never empty list). */
  segments(): readonly LogSegment[] {
    return this.#segments;
  }

  get activeSegment(): LogSegment {
    return this.#segments[this.#segments.length - 1];
  }

  /** The segments that no longer take appends (all but the active one): what the cleaner may rewrite. */
  closedSegments(): readonly LogSegment[] {
    return this.#segments.slice(0, -1);
  }

  /**
   * Leader append: gives each batch the next offsets and stamps `leaderEpoch` into it (both in place).
   * Returns the first and last offsets assigned.
   */
  appendAsLeader(batches: readonly Uint8Array[], leaderEpoch: number): { baseOffset: bigint; lastOffset: bigint } {
    const baseOffset = this.#logEndOffset;
    for (const bytes of batches) {
      const v = batchView(bytes);
      v.setBigInt64(BASE_OFFSET, this.#logEndOffset);
      v.setInt32(PARTITION_LEADER_EPOCH, leaderEpoch);
      this.#append(describeBatch(bytes));
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
    this.#listener?.epochsChanged(this.#epochs);
  }

  /**
   * Follower append of batches fetched from the leader (offsets and epochs already set). Batches that end
   * before the log end are skipped; a batch may start above the log end (a compacted leader log has offset
   * gaps, Kafka followers accept any offset >= their LEO), never inside what the log has. The log keeps the
   * buffers given (the caller copies them out of a response frame first, once for all).
   * Returns the number of batches appended.
   */
  appendAsFollower(batches: readonly Uint8Array[]): number {
    let appended = 0;
    for (const bytes of batches) {
      const batch = describeBatch(bytes);
      if (batch.lastOffset < this.#logEndOffset) continue;
      if (batch.baseOffset < this.#logEndOffset) {
        throw new RangeError(`follower append at ${batch.baseOffset} but the log ends at ${this.#logEndOffset}`);
      }
      this.#append(batch);
      appended += 1;
    }
    return appended;
  }

  /**
   * Restores what storage kept (at startup, before a listener is attached): the segments in offset order, the
   * checkpointed log start offset and leader epochs (rebuilt from the batches when not checkpointed).
   */
  restore(segments: readonly RestoredSegment[], logStartOffset?: bigint, epochs?: readonly EpochEntry[]): void {
    const now = this.#now();
    const restored: LogSegment[] = [];
    let end = 0n;
    const rebuilt: EpochEntry[] = [];
    for (const stored of segments) {
      if (stored.baseOffset < end) continue;
      const segment = new LogSegment(stored.baseOffset, now);
      for (const bytes of stored.batches) {
        const batch = describeBatch(bytes);
        if (batch.baseOffset < end || batch.baseOffset < stored.baseOffset) continue;
        segment.append(batch, now);
        end = batch.lastOffset + 1n;
        if (batch.leaderEpoch >= 0 && batch.leaderEpoch > (rebuilt[rebuilt.length - 1]?.epoch ?? -1)) {
          rebuilt.push({ epoch: batch.leaderEpoch, startOffset: batch.baseOffset });
        }
      }
      if (segment.nextOffset > end) end = segment.nextOffset;
      restored.push(segment);
    }
    if (restored.length === 0) return;
    this.#segments = restored;
    this.#logEndOffset = end;
    this.#sizeBytes = restored.reduce((n, s) => n + s.sizeBytes, 0);
    this.#batchCount = restored.reduce((n, s) => n + s.batches.length, 0);
    const first = restored[0].baseOffset;
    this.#logStartOffset = logStartOffset !== undefined && logStartOffset > first && logStartOffset <= end ? logStartOffset : first;
    this.#epochs = epochs && epochs.length > 0 ? epochs.filter((e) => e.startOffset <= end) : rebuilt;
  }

  /**
   * Whole batches holding offsets in `[fromOffset, upTo)`, at most `maxBytes` unless `minOneBatch` (then the
   * first batch is returned even when larger, as Kafka does).
   */
  read(fromOffset: bigint, upTo: bigint, maxBytes: number, minOneBatch: boolean): LogReadResult {
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    if (fromOffset >= upTo) return { chunks, bytes };
    for (let s = this.#segmentIndexFor(fromOffset); s < this.#segments.length; s++) {
      const segment = this.#segments[s];
      const batches = segment.batches;
      for (let i = segment.indexFor(fromOffset); i < batches.length; i++) {
        const batch = batches[i];
        // A batch straddling the high watermark is withheld (its tail is not committed yet).
        if (batch.baseOffset >= upTo || batch.lastOffset >= upTo) return { chunks, bytes };
        const size = batch.bytes.length;
        if (bytes + size > maxBytes && !(minOneBatch && chunks.length === 0)) return { chunks, bytes };
        chunks.push(batch.bytes);
        bytes += size;
      }
    }
    return { chunks, bytes };
  }

  /**
   * Removes everything at and after `offset` (a follower's divergent tail). Below the first segment it starts
   * over empty at `offset`; the log start comes down with the end (Kafka's `UnifiedLog.truncateTo`:
   * `truncateFullyAndStartAt`, `logStartOffset = min(targetOffset, logStartOffset)`), never LEO < log start.
   */
  truncateTo(offset: bigint): void {
    if (offset >= this.#logEndOffset) return;
    if (offset < this.#segments[0].baseOffset) {
      this.reset(offset);
      return;
    }
    const deleted: bigint[] = [];
    while (this.#segments.length > 1 && this.activeSegment.baseOffset >= offset) {
      const segment = this.#segments.pop()!;
      this.#forget(segment);
      deleted.push(segment.baseOffset);
    }
    let end = offset;
    const last = this.activeSegment;
    if (last.baseOffset >= offset) {
      // Even the first segment starts at or after `offset`: start over empty there.
      this.#forget(last);
      deleted.push(last.baseOffset);
      this.#segments = [new LogSegment(offset, this.#now())];
    } else {
      const before = last.sizeBytes;
      const beforeCount = last.batches.length;
      end = last.truncateTo(offset) ?? offset;
      this.#sizeBytes -= before - last.sizeBytes;
      this.#batchCount -= beforeCount - last.batches.length;
    }
    this.#logEndOffset = end;
    const startBefore = this.#logStartOffset;
    if (this.#logStartOffset > end) this.#logStartOffset = end;
    if (this.#batchCount === 0 && this.#logEndOffset > this.#logStartOffset) this.#logStartOffset = this.#logEndOffset;
    this.#epochs = this.#epochs.filter((entry) => entry.startOffset < this.#logEndOffset);
    if (deleted.length > 0) this.#listener?.segmentsDeleted(deleted);
    if (this.#logStartOffset !== startBefore) this.#listener?.logStartOffsetChanged(this.#logStartOffset);
    this.#listener?.segmentsWritten([this.activeSegment]);
    this.#listener?.epochsChanged(this.#epochs);
  }

  /** Drops everything and starts over at `offset` (a replica too far behind the leader's log start). */
  reset(offset: bigint): void {
    const deleted = this.#segments.map((s) => s.baseOffset);
    this.#segments = [new LogSegment(offset, this.#now())];
    this.#epochs = [];
    this.#sizeBytes = 0;
    this.#batchCount = 0;
    this.#logStartOffset = offset;
    this.#logEndOffset = offset;
    this.#listener?.segmentsDeleted(deleted);
    this.#listener?.segmentsWritten(this.#segments);
    this.#listener?.logStartOffsetChanged(offset);
    this.#listener?.epochsChanged(this.#epochs);
  }

  /**
   * Moves the log start offset forward to `offset` (DeleteRecords on the leader, the leader's start learnt by a
   * follower), never past `highWatermark` (Kafka's `maybeIncrementLogStartOffset`). Segments wholly below it go
   * at the next retention check. Returns whether it moved.
   */
  maybeIncrementLogStartOffset(offset: bigint, highWatermark: bigint): boolean {
    const target = offset > highWatermark ? highWatermark : offset;
    if (target <= this.#logStartOffset) return false;
    this.#logStartOffset = target;
    this.#truncateEpochsFromStart(target);
    this.#listener?.logStartOffsetChanged(target);
    return true;
  }

  /**
   * Kafka's `deleteOldSegments`: with `delete` in `cleanup.policy`, segments past `retention.bytes` (oldest first)
   * and segments whose newest record is older than `retention.ms`; in any case segments wholly below the log start
   * offset. Only segments below the high watermark go, the active one included (a new empty one is rolled
   * first). The log start offset moves to the first remaining segment. Returns the deleted segments by reason.
   */
  deleteOldSegments(highWatermark: bigint): Array<{ reason: SegmentDeletionReason; segments: LogSegment[] }> {
    const config = this.#config();
    const now = this.#now();
    const out: Array<{ reason: SegmentDeletionReason; segments: LogSegment[] }> = [];
    const run = (reason: SegmentDeletionReason, predicate: (segment: LogSegment, next: LogSegment | undefined) => boolean) => {
      const deleted = this.#deleteSegments(this.#deletableSegments(highWatermark, predicate));
      if (deleted.length > 0) out.push({ reason, segments: deleted });
    };
    run('log start offset', (_segment, next) => next !== undefined && next.baseOffset <= this.#logStartOffset);
    if (!config.deleteEnabled) return out;
    if (config.retentionBytes >= 0 && this.#sizeBytes >= config.retentionBytes) {
      let excess = this.#sizeBytes - config.retentionBytes;
      run('retention.bytes', (segment) => {
        if (excess - segment.sizeBytes < 0) return false;
        excess -= segment.sizeBytes;
        return true;
      });
    }
    if (config.retentionMs >= 0) run('retention.ms', (segment) => now - segment.largestTimestampMs > config.retentionMs);
    return out;
  }

  /**
   * Swaps contiguous closed segments `old` for `replacement` covering the same offsets (the cleaner's output,
   * Kafka's `replaceSegments`): the replacement must not reach into the active segment.
   */
  replaceSegments(old: readonly LogSegment[], replacement: readonly LogSegment[]): void {
    if (old.length === 0) return;
    const first = this.#segments.indexOf(old[0]);
    if (first < 0 || first + old.length >= this.#segments.length || old.some((s, i) => this.#segments[first + i] !== s)) {
      throw new RangeError('replaceSegments: the old segments are not contiguous closed segments of this log');
    }
    const limit = this.#segments[first + old.length].baseOffset;
    if (replacement.some((s) => s.baseOffset < old[0].baseOffset || s.nextOffset > limit)) {
      throw new RangeError(`replaceSegments: the replacement must stay within [${old[0].baseOffset}, ${limit})`);
    }
    for (const segment of old) this.#forget(segment);
    for (const segment of replacement) {
      this.#sizeBytes += segment.sizeBytes;
      this.#batchCount += segment.batches.length;
    }
    this.#segments.splice(first, old.length, ...replacement);
    const kept = new Set(replacement.map((s) => s.baseOffset));
    const gone = old.map((s) => s.baseOffset).filter((b) => !kept.has(b));
    this.#listener?.segmentsWritten(replacement);
    if (gone.length > 0) this.#listener?.segmentsDeleted(gone);
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
   * ListOffsets by time (Kafka's `fetchOffsetByTimestamp`): the first record at or after the log start whose
   * timestamp is >= `timestamp`, with that record's timestamp, or null. Segments and batches are skipped by their
   * largest timestamp; the batch that may hold it is decoded to find the record (a codec this broker cannot
   * decompress answers the batch start).
   */
  async offsetForTimestamp(timestamp: bigint): Promise<{ offset: bigint; timestamp: bigint } | null> {
    const start = this.#logStartOffset;
    for (const segment of this.#segments) {
      if (segment.isEmpty || BigInt(segment.largestTimestampMs) < timestamp) continue;
      for (const batch of segment.batches) {
        if (batch.maxTimestamp < timestamp || batch.lastOffset < start) continue;
        try {
          const decoded = await decodeRecordBatch(batch.bytes);
          const record = decoded.records.find((r) => r.timestamp >= timestamp && r.offset >= start);
          if (record) return { offset: record.offset, timestamp: record.timestamp };
        } catch {
          return { offset: batch.baseOffset < start ? start : batch.baseOffset, timestamp: batch.maxTimestamp };
        }
      }
    }
    return null;
  }

  /** Every batch in offset order, below the log start included (producer state, reading `__consumer_offsets`). */
  batches(): readonly StoredBatch[] {
    if (this.#segments.length === 1) return this.#segments[0].batches;
    return this.#segments.flatMap((s) => s.batches);
  }

  #append(batch: StoredBatch): void {
    const now = this.#now();
    let segment = this.activeSegment;
    if (segment.shouldRoll(batch.bytes.length, batch.maxTimestamp, batch.lastOffset, now, this.#config())) {
      segment = new LogSegment(batch.baseOffset, now);
      this.#segments.push(segment);
    }
    const kept = segment.append(batch, now);
    this.#sizeBytes += kept.bytes.length;
    this.#batchCount += 1;
    this.#logEndOffset = kept.lastOffset + 1n;
    this.#listener?.appended(segment, [kept]);
    if (batch.leaderEpoch >= 0 && batch.leaderEpoch > this.latestEpoch) {
      this.#epochs.push({ epoch: batch.leaderEpoch, startOffset: batch.baseOffset });
      this.#listener?.epochsChanged(this.#epochs);
    }
  }

  /** Kafka's `deletableSegments`: the longest run of oldest segments that are below the HW and match. */
  #deletableSegments(highWatermark: bigint, predicate: (segment: LogSegment, next: LogSegment | undefined) => boolean): LogSegment[] {
    const deletable: LogSegment[] = [];
    for (let i = 0; i < this.#segments.length; i++) {
      const segment = this.#segments[i];
      const next = this.#segments[i + 1];
      const upperBound = next ? next.baseOffset : this.#logEndOffset;
      const lastAndEmpty = !next && segment.isEmpty;
      if (highWatermark < upperBound || lastAndEmpty || !predicate(segment, next)) break;
      deletable.push(segment);
    }
    return deletable;
  }

  /** Kafka's `deleteSegments`: a log always keeps one segment, so deleting them all rolls an empty one first. */
  #deleteSegments(deletable: LogSegment[]): LogSegment[] {
    if (deletable.length === 0) return deletable;
    if (deletable.length === this.#segments.length) {
      const fresh = new LogSegment(this.#logEndOffset, this.#now());
      this.#segments.push(fresh);
      this.#listener?.segmentsWritten([fresh]);
    }
    this.#segments.splice(0, deletable.length);
    for (const segment of deletable) this.#forget(segment);
    const start = this.#segments[0].baseOffset;
    if (start > this.#logStartOffset) {
      this.#logStartOffset = start;
      this.#truncateEpochsFromStart(start);
      this.#listener?.logStartOffsetChanged(start);
    }
    this.#listener?.segmentsDeleted(deletable.map((s) => s.baseOffset));
    return deletable;
  }

  #forget(segment: LogSegment): void {
    this.#sizeBytes -= segment.sizeBytes;
    this.#batchCount -= segment.batches.length;
  }

  /** Kafka's `LeaderEpochFileCache.truncateFromStart`: entries before the log start go, the last of them moved to it. */
  #truncateEpochsFromStart(start: bigint): void {
    let firstKept = 0;
    while (firstKept + 1 < this.#epochs.length && this.#epochs[firstKept + 1].startOffset <= start) firstKept += 1;
    const kept = this.#epochs.slice(firstKept);
    if (kept.length > 0 && kept[0].startOffset < start) kept[0] = { epoch: kept[0].epoch, startOffset: start };
    this.#epochs = kept;
    this.#listener?.epochsChanged(this.#epochs);
  }

  /** Index of the segment that holds `offset`: the last one starting at or before it (the first when none). */
  #segmentIndexFor(offset: bigint): number {
    let low = 0;
    let high = this.#segments.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (this.#segments[mid].baseOffset <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}
