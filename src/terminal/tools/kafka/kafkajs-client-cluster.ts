/**
 * kafkajs' own `Cluster` object (the layer under its producer, consumer and admin) for the console
 * clients. Java's producer blocks in `send()` until the topic's metadata is known (`max.block.ms`),
 * then batches records itself; Java's consumer can `assign()` one partition and `seek()` without
 * joining a group. kafkajs' public API does neither, but its cluster has what they need: metadata
 * requests that may auto-create a topic, and brokers that send Produce, Fetch and ListOffsets (the
 * partition leaders come from the wire, see `ConsoleClient#partitions`). kafkajs keeps the factory
 * behind a symbol on the client; the pinned kafkajs 2.2.4 is what these types describe.
 */
import type { Kafka } from 'kafkajs';

/** A record as kafkajs decodes it from a Fetch answer. */
export interface KafkajsFetchedRecord {
  magicByte: number;
  /** Milliseconds since the epoch, as a decimal string. */
  timestamp: string;
  /** A decimal string. */
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | Buffer[] | null | undefined>;
  isControlRecord: boolean;
  batchContext: { timestampType?: number };
}

export interface KafkajsFetchPartition {
  partition: number;
  errorCode: number;
  highWatermark: string;
  messages: KafkajsFetchedRecord[];
}

/** A record for `Broker#produce` (kafkajs encodes the batch, compressing it with `compression`). */
export interface KafkajsProducedRecord {
  key: Buffer | null;
  value: Buffer | null;
  timestamp: number;
  headers?: Record<string, Buffer | Buffer[]>;
}

export interface KafkajsBroker {
  nodeId: number;
  /** Closes its connections; the cluster connects it again when it is next found. */
  disconnect(): Promise<void>;
  /** One Metadata request for `topics` (it may create them); kafkajs rejects an answer with any error. */
  metadata(topics: string[]): Promise<unknown>;
  produce(request: {
    acks: number;
    timeout: number;
    compression: number;
    topicData: Array<{ topic: string; partitions: Array<{ partition: number; messages: KafkajsProducedRecord[] }> }>;
  }): Promise<unknown>;
  listOffsets(request: {
    isolationLevel: number;
    topics: Array<{ topic: string; partitions: Array<{ partition: number; timestamp: number }> }>;
  }): Promise<{ responses: Array<{ topic: string; partitions: Array<{ partition: number; errorCode: number; offset: string }> }> }>;
  fetch(request: {
    replicaId?: number;
    isolationLevel: number;
    maxWaitTime: number;
    minBytes: number;
    maxBytes: number;
    topics: Array<{ topic: string; partitions: Array<{ partition: number; fetchOffset: string; maxBytes: number }> }>;
  }): Promise<{ responses: Array<{ topicName: string; partitions: KafkajsFetchPartition[] }> }>;
}

export interface KafkajsCluster {
  isConnected(): boolean;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  /** Adds `topic` to the topics whose metadata the cluster keeps, refreshing when it is new. */
  addTargetTopic(topic: string): Promise<void>;
  /** Metadata of `topics`, or of every topic when empty (not kept; rejects on any topic or partition error). */
  metadata(request?: { topics: string[] }): Promise<unknown>;
  findBroker(request: { nodeId: number | string }): Promise<KafkajsBroker>;
}

export interface KafkajsClusterOptions {
  /** Metadata requests may create a missing topic (Java clients' `allow.auto.create.topics`, default true). */
  allowAutoTopicCreation: boolean;
  /** `metadata.max.age.ms`. */
  metadataMaxAge: number;
  /** 0 read_uncommitted, 1 read_committed (ListOffsets' latest offset). */
  isolationLevel?: number;
}

const CREATE_CLUSTER = 'private:Kafka:createCluster';

/** A new kafkajs cluster on `kafka`'s configuration (brokers, transport, retry, logging). */
export function kafkajsClientCluster(kafka: Kafka, options: KafkajsClusterOptions): KafkajsCluster {
  const symbol = Object.getOwnPropertySymbols(kafka).find((candidate) => candidate.description === CREATE_CLUSTER);
  const create = symbol ? (kafka as unknown as Record<symbol, unknown>)[symbol] : undefined;
  if (typeof create !== 'function') throw new Error('kafkajs has no cluster factory (not kafkajs 2.2?)');
  return create(options) as KafkajsCluster;
}
