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
}

export interface BrokerStorage {
  /** Every stored replica, read once at startup. */
  loadPartitions(): Promise<StoredPartition[]>;
  /** Batches appended to a replica's log (leader or follower), offsets already assigned. */
  append(topic: string, partition: number, batches: readonly Uint8Array[]): void;
  /** The replica's log was cut (a divergent tail removed, or restarted): `batches` is all that remains. */
  truncate(topic: string, partition: number, batches: readonly Uint8Array[]): void;
  checkpointHighWatermark(topic: string, partition: number, highWatermark: bigint): void;
  /** The replica is gone (topic deleted or moved away). */
  deletePartition(topic: string, partition: number): void;
  /** Flushes pending writes. */
  close(): Promise<void>;
}
