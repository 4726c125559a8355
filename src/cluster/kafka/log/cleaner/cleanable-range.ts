/**
 * Which part of a compacted log a cleaning round may touch and how dirty the log is (Kafka 3.9
 * `LogCleanerManager.cleanableOffsets`, `calculateCleanableBytes`, `maxCompactionDelay` and `LogToClean`):
 * - the clean part ends at the first dirty offset (the cleaner's checkpoint; the log start when unknown or
 *   out of range);
 * - the cleanable part ends before the first uncleanable segment: the active segment, the segment holding
 *   the high watermark, and, with `min.compaction.lag.ms` > 0, the first dirty segment holding a record newer
 *   than `now - min.compaction.lag.ms`;
 * - a log is cleaned when its dirty ratio (cleanable bytes / clean + cleanable bytes) exceeds
 *   `min.cleanable.dirty.ratio`, or when `max.compaction.lag.ms` has passed for its oldest dirty segment.
 */
import type { CleanableLog } from './cleanable-log.ts';
import { firstBatchTimestamp, largestTimestamp, nonActiveSegmentsFrom, segmentsIn } from './cleanable-log.ts';

export interface CompactionLag {
  /** `min.compaction.lag.ms`. */
  readonly minCompactionLagMs: number;
  /** `max.compaction.lag.ms`. */
  readonly maxCompactionLagMs: number;
}

export interface LogToClean {
  readonly firstDirtyOffset: bigint;
  /** Base offset of the first segment the round must not touch. */
  readonly firstUncleanableOffset: bigint;
  readonly cleanBytes: number;
  readonly cleanableBytes: number;
  readonly totalBytes: number;
  /** cleanableBytes / totalBytes (0 for an empty log). */
  readonly cleanableRatio: number;
  /** `max.compaction.lag.ms` has passed for the oldest dirty segment. */
  readonly needCompactionNow: boolean;
}

/** The first dirty offset from the cleaner's checkpoint, reset to the log start when out of range. */
export function firstDirtyOffset(log: CleanableLog, checkpoint: bigint | undefined): bigint {
  const offset = checkpoint ?? log.logStartOffset;
  if (offset < log.logStartOffset || offset > log.logEndOffset) return log.logStartOffset;
  return offset;
}

/** Kafka's `cleanableOffsets(...).firstUncleanableDirtyOffset`: an offset, not yet rounded to a segment. */
export function firstUncleanableDirtyOffset(log: CleanableLog, firstDirty: bigint, now: number, lag: CompactionLag): bigint {
  const active = log.segments[log.segments.length - 1];
  let uncleanable = log.highWatermark;
  if (active !== undefined && active.baseOffset < uncleanable) uncleanable = active.baseOffset;
  const minLagMs = Math.max(lag.minCompactionLagMs, 0);
  if (minLagMs > 0) {
    const horizon = BigInt(now - minLagMs);
    const tooRecent = nonActiveSegmentsFrom(log.segments, firstDirty).find((segment) => largestTimestamp(segment) > horizon);
    if (tooRecent !== undefined && tooRecent.baseOffset < uncleanable) uncleanable = tooRecent.baseOffset;
  }
  return uncleanable > firstDirty ? uncleanable : firstDirty;
}

/** Kafka's `maxCompactionDelay`: how long past `max.compaction.lag.ms` the oldest dirty segment is (0 if not). */
export function maxCompactionDelay(log: CleanableLog, firstDirty: bigint, now: number, lag: CompactionLag): number {
  let earliest: bigint | null = null;
  for (const segment of nonActiveSegmentsFrom(log.segments, firstDirty)) {
    const timestamp = firstBatchTimestamp(segment);
    if (timestamp !== null && timestamp > 0n && (earliest === null || timestamp < earliest)) earliest = timestamp;
  }
  if (earliest === null) return 0;
  const cleanUntil = now - Math.max(lag.maxCompactionLagMs, 0);
  return earliest < BigInt(cleanUntil) ? cleanUntil - Number(earliest) : 0;
}

/** Kafka's `LogToClean` for a log, from the cleaner's checkpoint. */
export function logToClean(log: CleanableLog, checkpoint: bigint | undefined, now: number, lag: CompactionLag): LogToClean {
  const firstDirty = firstDirtyOffset(log, checkpoint);
  const uncleanable = firstUncleanableDirtyOffset(log, firstDirty, now, lag);
  const active = log.segments[log.segments.length - 1];
  const firstUncleanableSegment = nonActiveSegmentsFrom(log.segments, uncleanable)[0] ?? active;
  const firstUncleanableOffset = firstUncleanableSegment?.baseOffset ?? log.logEndOffset;
  const sum = (from: bigint, to: bigint) => segmentsIn(log.segments, from, to).reduce((total, s) => total + s.sizeBytes, 0);
  const cleanBytes = sum(-1n, firstDirty);
  const cleanableBytes = sum(firstDirty < firstUncleanableOffset ? firstDirty : firstUncleanableOffset, firstUncleanableOffset);
  const totalBytes = cleanBytes + cleanableBytes;
  return {
    firstDirtyOffset: firstDirty,
    firstUncleanableOffset,
    cleanBytes,
    cleanableBytes,
    totalBytes,
    cleanableRatio: totalBytes === 0 ? 0 : cleanableBytes / totalBytes,
    needCompactionNow: maxCompactionDelay(log, firstDirty, now, lag) > 0,
  };
}

/** Kafka's filter in `grabFilthiestCompactedLog`: worth a cleaning round now. */
export function isWorthCleaning(toClean: LogToClean, minCleanableRatio: number): boolean {
  if (toClean.totalBytes === 0) return false;
  return (toClean.needCompactionNow && toClean.cleanableBytes > 0) || toClean.cleanableRatio > minCleanableRatio;
}
