/**
 * Where a broker keeps its replicas between restarts. The default is none (in memory only: a restarted
 * broker comes back empty and re-replicates from the leaders, as a Kafka broker with a wiped log dir
 * would). `fs-broker-storage.ts` is the Node implementation (one log dir per broker, Kafka's layout);
 * `memory-broker-storage.ts` keeps the logs' own buffers for a broker restarted in the same process.
 *
 * Storage mirrors each log segment by segment: a `PartitionLog` tells it every change through a
 * `LogChangeListener` bound to the replica (`partitionLogListener`).
 */
import type { EpochEntry } from './leader-epochs.ts';
import type { LogChangeListener } from './log-change-listener.ts';
import type { LogConfig } from './log-config.ts';
import type { LogSegment } from './log-segment.ts';
import type { StoredBatch } from './stored-batch.ts';

/** A segment as stored: its base offset and whole RecordBatch v2 buffers in offset order. */
export interface StoredSegment {
  baseOffset: bigint;
  batches: Uint8Array[];
}

export interface StoredPartition {
  topic: string;
  partition: number;
  /** The segments in offset order. */
  segments: StoredSegment[];
  /** The checkpointed log start offset (`log-start-offset-checkpoint`), when recorded. */
  logStartOffset?: bigint;
  /** The leader-epoch cache (`leader-epoch-checkpoint`), when recorded. */
  epochs?: EpochEntry[];
  /** The last checkpointed high watermark (`replication-offset-checkpoint`). */
  highWatermark: bigint;
  /** Where the log cleaner's clean part ends (`cleaner-offset-checkpoint`), when it was ever cleaned. */
  cleanerOffset?: bigint;
  /** The id of the topic this replica belongs to (Kafka's `partition.metadata`), when recorded. */
  topicId?: string;
}

export interface BrokerStorage {
  /** Every stored replica, read once at startup. */
  loadPartitions(): Promise<StoredPartition[]>;
  /**
   * Batches appended to a replica's segment (a base offset not seen before is a new segment), offsets assigned;
   * `indexIntervalBytes` is the topic's `index.interval.bytes` (storage with indexes uses it for a new segment).
   */
  appendBatches(topic: string, partition: number, segmentBaseOffset: bigint, batches: readonly StoredBatch[], indexIntervalBytes?: number): void;
  /** These segments are written whole (the cut last segment after a truncation, a cleaner's output, a new empty one). */
  writeSegments(topic: string, partition: number, segments: readonly LogSegment[], indexIntervalBytes?: number): void;
  /** These segments are gone (retention, truncation, replaced). Kafka renames them `.deleted` and removes them later. */
  deleteSegments(topic: string, partition: number, baseOffsets: readonly bigint[]): void;
  checkpointLogStartOffset(topic: string, partition: number, logStartOffset: bigint): void;
  checkpointLeaderEpochs(topic: string, partition: number, entries: readonly EpochEntry[]): void;
  checkpointHighWatermark(topic: string, partition: number, highWatermark: bigint): void;
  /** The log cleaner cleaned the replica up to `offset` (Kafka's `cleaner-offset-checkpoint`). */
  checkpointCleanerOffset?(topic: string, partition: number, offset: bigint): void;
  /**
   * Which topic (by id) the replica belongs to, as Kafka's `partition.metadata`: a replica of a topic that
   * was deleted and re-created under the same name while this broker was away is told apart by it.
   */
  recordTopicId(topic: string, partition: number, topicId: string): void;
  /**
   * The replica is gone (topic deleted or moved away). Writes for it are refused from now on (a late cleaner
   * swap or checkpoint must not bring its files back) until `createPartition` makes it again.
   */
  deletePartition(topic: string, partition: number): void;
  /** A new replica of `topic`-`partition` (again after a delete): writes for it are accepted. */
  createPartition(topic: string, partition: number): void;
  /** Flushes pending writes. */
  close(): Promise<void>;
}

/** The listener that mirrors one replica's log into `storage`; `config` is the log's (for `index.interval.bytes`). */
export function partitionLogListener(storage: BrokerStorage, topic: string, partition: number, config?: () => LogConfig): LogChangeListener {
  return {
    appended: (segment, batches) => storage.appendBatches(topic, partition, segment.baseOffset, batches, config?.().indexIntervalBytes),
    segmentsWritten: (segments) => storage.writeSegments(topic, partition, segments, config?.().indexIntervalBytes),
    segmentsDeleted: (baseOffsets) => storage.deleteSegments(topic, partition, baseOffsets),
    logStartOffsetChanged: (offset) => storage.checkpointLogStartOffset(topic, partition, offset),
    epochsChanged: (entries) => storage.checkpointLeaderEpochs(topic, partition, entries),
  };
}
