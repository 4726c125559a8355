/**
 * Where a broker keeps its replicas between restarts. The default is none (in memory only: a restarted
 * broker comes back empty and re-replicates from the leaders, as a Kafka broker with a wiped log dir
 * would). `fs-broker-storage.ts` is the Node implementation (one log dir per broker).
 */
export interface StoredPartition {
  topic: string;
  partition: number;
  /** Whole RecordBatch v2 buffers in offset order. */
  batches: Uint8Array[];
  /** The last checkpointed high watermark (`replication-offset-checkpoint`). */
  highWatermark: bigint;
  /** The id of the topic this replica belongs to (Kafka's `partition.metadata`), when recorded. */
  topicId?: string;
}

export interface BrokerStorage {
  /** Every stored replica, read once at startup. */
  loadPartitions(): Promise<StoredPartition[]>;
  /** Batches appended to a replica's log (leader or follower), offsets already assigned. */
  append(topic: string, partition: number, batches: readonly Uint8Array[]): void;
  /** The replica's log was cut (a divergent tail removed, or restarted): `batches` is all that remains. */
  truncate(topic: string, partition: number, batches: readonly Uint8Array[]): void;
  checkpointHighWatermark(topic: string, partition: number, highWatermark: bigint): void;
  /**
   * Which topic (by id) the replica belongs to, as Kafka's `partition.metadata`: a replica of a topic that
   * was deleted and re-created under the same name while this broker was away is told apart by it.
   */
  recordTopicId(topic: string, partition: number, topicId: string): void;
  /** The replica is gone (topic deleted or moved away). */
  deletePartition(topic: string, partition: number): void;
  /** Flushes pending writes. */
  close(): Promise<void>;
}
