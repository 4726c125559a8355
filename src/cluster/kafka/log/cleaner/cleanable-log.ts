/**
 * What the log cleaner needs to see of a replica's log: its segments in offset order (the last one is the
 * active segment, never cleaned), the log start and end offsets and the high watermark (Kafka's last stable
 * offset without transactions: the cleaner never looks past it). Whatever log model holds the segments
 * adapts itself to this view.
 */
import { describeBatch } from '../partition-log.ts';

export interface CleanerSegment {
  readonly baseOffset: bigint;
  /** Bytes of its batches (Kafka's `segment.size`). */
  readonly sizeBytes: number;
  /**
   * Whole RecordBatch v2 buffers in offset order (a log segment's stored batches fit as they are; their
   * `maxTimestamp`, when given, saves reading it from the header).
   */
  readonly batches: readonly { readonly bytes: Uint8Array; readonly maxTimestamp?: bigint }[];
}

export interface CleanableLog {
  /** In offset order; the last one is the active segment. */
  readonly segments: readonly CleanerSegment[];
  readonly logStartOffset: bigint;
  readonly logEndOffset: bigint;
  readonly highWatermark: bigint;
}

/**
 * Kafka's `LocalLog.logSegments(from, to)`: the segments holding offsets in `[from, to)`, i.e. from the one
 * containing `from` (its floor) up to the last one starting before `to`.
 */
export function segmentsIn(segments: readonly CleanerSegment[], from: bigint, to: bigint): CleanerSegment[] {
  if (from >= to) return [];
  return segments.filter((segment, i) => segment.baseOffset < to && (i === segments.length - 1 || segments[i + 1].baseOffset > from));
}

/** The segments before the active one that hold offsets at or after `from` (`nonActiveLogSegmentsFrom`). */
export function nonActiveSegmentsFrom(segments: readonly CleanerSegment[], from: bigint): CleanerSegment[] {
  const active = segments[segments.length - 1];
  if (active === undefined || from > active.baseOffset) return [];
  return segmentsIn(segments, from, active.baseOffset);
}

/** The largest batch max timestamp of a segment (Kafka's `segment.largestTimestamp`), -1 when empty. */
export function largestTimestamp(segment: CleanerSegment): bigint {
  let largest = -1n;
  for (const batch of segment.batches) {
    const maxTimestamp = batch.maxTimestamp ?? describeBatch(batch.bytes).maxTimestamp;
    if (maxTimestamp > largest) largest = maxTimestamp;
  }
  return largest;
}

/** The first batch's max timestamp (Kafka's `segment.getFirstBatchTimestamp`), or null for an empty segment. */
export function firstBatchTimestamp(segment: CleanerSegment): bigint | null {
  const first = segment.batches[0];
  return first === undefined ? null : describeBatch(first.bytes).maxTimestamp;
}
