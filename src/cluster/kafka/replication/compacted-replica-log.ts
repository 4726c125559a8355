/**
 * A replica's log as the log cleaner sees it (`log/cleaner/log-cleaner-service.ts`): a snapshot of its segments
 * for a round, and the swap of a cleaned group into the live log (Kafka's `UnifiedLog.replaceSegments`), which
 * storage mirrors (the cleaned segment's files rewritten, the replaced ones deleted). A swap is refused when the
 * replaced segments are no longer what the round read: truncated, deleted by retention, or grown back after a
 * truncation. Where the clean part ends is kept by storage too (`cleaner-offset-checkpoint`).
 */
import type { BrokerStorage } from '../log/broker-storage.ts';
import type { CleanableLog, CleanerSegment } from '../log/cleaner/cleanable-log.ts';
import type { CompactionConfig } from '../log/cleaner/compaction-config.ts';
import type { CompactedLog } from '../log/cleaner/log-cleaner-service.ts';
import type { CleanedSegment } from '../log/cleaner/log-cleaner.ts';
import { LogSegment } from '../log/log-segment.ts';
import type { StoredBatch } from '../log/stored-batch.ts';
import { describeBatch } from '../log/stored-batch.ts';
import type { Partition } from './partition.ts';

/** What a round read of one live segment. */
interface SegmentSnapshot extends CleanerSegment {
  readonly live: LogSegment;
  readonly batches: readonly StoredBatch[];
}

export function compactedReplicaLog(partition: Partition, compaction: () => CompactionConfig, storage?: BrokerStorage): CompactedLog {
  const snapshots = new WeakMap<CleanerSegment, SegmentSnapshot>();
  return {
    name: partition.name,
    compaction,
    view(): CleanableLog {
      const { log } = partition;
      const segments = log.segments().map((live) => {
        const snapshot: SegmentSnapshot = { live, baseOffset: live.baseOffset, sizeBytes: live.sizeBytes, batches: [...live.batches] };
        snapshots.set(snapshot, snapshot);
        return snapshot;
      });
      return { segments, logStartOffset: log.logStartOffset, logEndOffset: log.logEndOffset, highWatermark: partition.highWatermark };
    },
    summary(): CleanableLog {
      const { log } = partition;
      return { segments: log.segments(), logStartOffset: log.logStartOffset, logEndOffset: log.logEndOffset, highWatermark: partition.highWatermark };
    },
    lastOffsetsOfProducers: () => partition.producers.lastDataOffsets(),
    checkpointed(offset: bigint): void {
      storage?.checkpointCleanerOffset?.(partition.topic, partition.partition, offset);
    },
    swapIn(cleaned: CleanedSegment, replaced: readonly CleanerSegment[]): boolean {
      const read = replaced.map((segment) => snapshots.get(segment));
      if (read.some((snapshot) => snapshot === undefined || !isUnchanged(snapshot))) return false;
      const live = read.map((snapshot) => snapshot!.live);
      const segment = new LogSegment(cleaned.baseOffset, live[0].createdMs, cleaned.batches.map(describeBatch));
      try {
        partition.log.replaceSegments(live, [segment]);
      } catch (error) {
        if (error instanceof RangeError) return false;
        throw error;
      }
      return true;
    },
  };
}

/** The live segment still holds exactly the batches the round read. */
function isUnchanged(snapshot: SegmentSnapshot): boolean {
  const batches = snapshot.live.batches;
  return batches.length === snapshot.batches.length && batches[0] === snapshot.batches[0] && batches[batches.length - 1] === snapshot.batches[snapshot.batches.length - 1];
}
