/**
 * One cleaning round of a compacted log (Kafka 3.9 `LogCleaner.Cleaner.doClean`): build the offset map over
 * the cleanable dirty range, then recopy every segment from the log start up to the end of what was mapped,
 * in groups that together fit in `segment.bytes`, each group becoming one cleaned segment that starts at the
 * group's first base offset. Pure: it reads the segments it is given and returns the replacements; swapping
 * them in (and telling storage) is the caller's part, which must check the replaced segments are still there.
 */
import { decodeRecordBatch } from '../../protocol/index.ts';
import { describeBatch } from '../partition-log.ts';
import { cleanBatch } from './clean-batch.ts';
import { eventLoopYielder } from './event-loop-yield.ts';
import type { CleanableLog, CleanerSegment } from './cleanable-log.ts';
import { segmentsIn } from './cleanable-log.ts';
import type { LogToClean } from './cleanable-range.ts';
import type { OffsetMap } from './offset-map.ts';

export interface CleaningSettings {
  /** `segment.bytes`: cleaned groups stay within it. */
  readonly segmentBytes: number;
  /** `delete.retention.ms`. */
  readonly deleteRetentionMs: number;
  /** Wall-clock ms of this round. */
  readonly now: number;
  /** Last data offset of each active idempotent producer. */
  readonly lastOffsetOfProducers: ReadonlyMap<bigint, bigint>;
  /**
   * Swaps a cleaned group in as soon as it is ready (as Kafka does, group by group). Returning false aborts
   * the round (the log changed under it: truncated, or its segments deleted) with `CleaningAbortedError`.
   */
  readonly swapIn?: (cleaned: CleanedSegment, replaced: readonly CleanerSegment[]) => boolean;
}

/** The log changed while it was being cleaned (Kafka's `LogCleaningAbortedException`): nothing was swapped for the rest. */
export class CleaningAbortedError extends Error {
  constructor(detail: string) {
    super(`log cleaning aborted: ${detail}`);
    this.name = 'CleaningAbortedError';
  }
}

/** A cleaned segment and the segments it replaces (by base offset; the first is its own base offset). */
export interface CleanedSegment {
  readonly baseOffset: bigint;
  readonly replaces: readonly bigint[];
  readonly batches: readonly Uint8Array[];
  readonly sizeBytes: number;
}

export interface CleanerStats {
  readonly recordsRead: number;
  readonly recordsRetained: number;
  readonly bytesRead: number;
  readonly bytesWritten: number;
  /** Keys mapped / map capacity. */
  readonly bufferUtilization: number;
}

export interface CleaningRound {
  /** The new checkpoint: everything before it is clean. */
  readonly endOffset: bigint;
  readonly cleaned: readonly CleanedSegment[];
  readonly stats: CleanerStats;
}

export async function cleanLog(log: CleanableLog, toClean: LogToClean, map: OffsetMap, settings: CleaningSettings): Promise<CleaningRound> {
  const upperBound = toClean.firstUncleanableOffset;
  const yieldNow = eventLoopYielder();
  await buildOffsetMap(log.segments, toClean.firstDirtyOffset, upperBound, map, yieldNow);
  const endOffset = map.latestOffset + 1n;
  const context = { map, now: settings.now, deleteRetentionMs: settings.deleteRetentionMs, lastOffsetOfProducers: settings.lastOffsetOfProducers, upperBoundOffset: upperBound };
  let recordsRead = 0;
  let recordsRetained = 0;
  let bytesRead = 0;
  let bytesWritten = 0;
  const cleaned: CleanedSegment[] = [];
  for (const group of groupSegmentsBySize(log.segments.filter((s) => s.baseOffset < endOffset), settings.segmentBytes, upperBound)) {
    const batches: Uint8Array[] = [];
    for (const segment of group) {
      for (const { bytes } of segment.batches) {
        await yieldNow();
        const result = await cleanBatch(bytes, context);
        recordsRead += result.recordsRead;
        recordsRetained += result.recordsRetained;
        bytesRead += bytes.length;
        if (result.bytes !== null) {
          batches.push(result.bytes);
          bytesWritten += result.bytes.length;
        }
      }
    }
    const sizeBytes = batches.reduce((total, b) => total + b.length, 0);
    const segment = { baseOffset: group[0].baseOffset, replaces: group.map((s) => s.baseOffset), batches, sizeBytes };
    if (settings.swapIn && !settings.swapIn(segment, group)) {
      throw new CleaningAbortedError(`the segments from offset ${segment.baseOffset} changed while they were cleaned`);
    }
    cleaned.push(segment);
  }
  return { endOffset, cleaned, stats: { recordsRead, recordsRetained, bytesRead, bytesWritten, bufferUtilization: map.utilization } };
}

/**
 * Kafka's `buildOffsetMap`: latest offset per key over `[start, end)`, segment by segment. Stops early when
 * the map is full (the round then cleans only up to what was mapped); offsets without keys, and the gap up
 * to each next segment, still move the map's latest offset.
 */
export async function buildOffsetMap(
  segments: readonly CleanerSegment[],
  start: bigint,
  end: bigint,
  map: OffsetMap,
  yieldNow: () => Promise<void> = eventLoopYielder(),
): Promise<void> {
  const dirty = segmentsIn(segments, start, end);
  for (let i = 0; i < dirty.length; i++) {
    const nextSegmentStart = i + 1 < dirty.length ? dirty[i + 1].baseOffset : end;
    for (const { bytes } of dirty[i].batches) {
      const { baseOffset, lastOffset } = describeBatch(bytes);
      if (lastOffset < start) continue;
      if (baseOffset >= end) break;
      await yieldNow();
      const batch = await decodeRecordBatch(bytes);
      if (!batch.isControl) {
        for (const record of batch.records) {
          if (record.key === null || record.offset < start || record.offset >= end) continue;
          if (!map.put(record.key, record.offset)) return;
        }
      }
      map.updateLatestOffset(lastOffset < end ? lastOffset : end - 1n);
    }
    map.updateLatestOffset(nextSegmentStart - 1n);
  }
}

/**
 * Kafka's `groupSegmentsBySize`: consecutive segments whose bytes together fit in `maxBytes` are cleaned
 * into one, so repeated cleanings do not leave ever smaller segments. (Kafka also bounds the groups' index
 * sizes; with `segment.index.bytes` at its default that never binds before `segment.bytes`.)
 */
export function groupSegmentsBySize(segments: readonly CleanerSegment[], maxBytes: number, firstUncleanableOffset: bigint): CleanerSegment[][] {
  const groups: CleanerSegment[][] = [];
  let i = 0;
  while (i < segments.length) {
    const group = [segments[i]];
    let size = segments[i].sizeBytes;
    i += 1;
    while (i < segments.length && size + segments[i].sizeBytes <= maxBytes) {
      const lastOffsetOfNext = i + 1 < segments.length ? segments[i + 1].baseOffset - 1n : firstUncleanableOffset - 1n;
      if (segments[i].sizeBytes !== 0 && lastOffsetOfNext - group[group.length - 1].baseOffset > 2_147_483_647n) break;
      group.push(segments[i]);
      size += segments[i].sizeBytes;
      i += 1;
    }
    groups.push(group);
  }
  return groups;
}
