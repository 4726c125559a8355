/**
 * kafkajs' own `Cluster` object (the layer under its producer, consumer and admin) for the console
 * clients and the group and offset tools. Java's producer blocks in `send()` until the topic's metadata is known (`max.block.ms`),
 * then batches records itself; Java's consumer can `assign()` one partition and `seek()` without
 * joining a group. kafkajs' public API does neither, but its cluster has what they need: metadata
 * requests that may auto-create a topic, and brokers that send Produce, Fetch and ListOffsets (the
 * partition leaders come from the wire, see `ConsoleClient#partitions`). kafkajs keeps the factory
 * behind a symbol on the client; the pinned kafkajs 2.2.4 is what these types describe.
 *
 * Java's admin client sends FindCoordinator, and an OffsetCommit with generation -1 and no member id;
 * kafkajs' admin hides the coordinator and commits offsets only by joining the group with a throw-away
 * consumer (a rebalance the real `--reset-offsets --execute` never causes). Its cluster has both:
 * `findGroupCoordinatorMetadata`, and brokers that send any request.
 */
import type { Kafka } from 'kafkajs';

export interface KafkajsNode {
  nodeId: number;
  host: string;
  port: number;
}

export interface KafkajsPartitionMetadata {
  partitionErrorCode: number;
  partitionId: number;
  /** -1 without a live leader. */
  leader: number;
  replicas: number[];
  isr: number[];
}

export interface KafkajsTopicMetadata {
  topicErrorCode: number;
  topic: string;
  isInternal?: boolean;
  partitionMetadata: KafkajsPartitionMetadata[];
}

export interface KafkajsMetadata {
  brokers: KafkajsNode[];
  topicMetadata: KafkajsTopicMetadata[];
}

export interface KafkajsGroupMember {
  memberId: string;
  clientId: string;
  clientHost: string;
  memberMetadata: Buffer;
  memberAssignment: Buffer;
}

export interface KafkajsDescribedGroup {
  errorCode: number;
  groupId: string;
  state: string;
  protocolType: string;
  protocol: string;
  members: KafkajsGroupMember[];
}

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
  /** Api key -> the broker's supported version range, known once connected. */
  versions?: Record<number, { minVersion: number; maxVersion: number }>;
  /** Closes its connections; the cluster connects it again when it is next found. */
  disconnect(): Promise<void>;
  /** One Metadata request for `topics` (it may create them); kafkajs rejects an answer with any error. */
  metadata(topics: string[]): Promise<unknown>;
  produce(request: {
    acks: number;
    timeout: number;
    compression: number;
    /** An idempotent producer's id and epoch (from `initProducerId`), written into each batch; -1 / 0 otherwise. */
    producerId?: string;
    producerEpoch?: number;
    topicData: Array<{ topic: string; partitions: Array<{ partition: number; firstSequence?: number; messages: KafkajsProducedRecord[] }> }>;
  }): Promise<unknown>;
  /** InitProducerId: a new producer id (and its epoch) for an idempotent producer (`transactionalId` null). */
  initProducerId(request: { transactionalId: string | null; transactionTimeout: number }): Promise<{ producerId: string; producerEpoch: number }>;
  listOffsets(request: {
    isolationLevel: number;
    topics: Array<{ topic: string; partitions: Array<{ partition: number; timestamp: number }> }>;
  }): Promise<{ responses: Array<{ topic: string; partitions: Array<{ partition: number; errorCode: number; offset: string; timestamp?: string }> }> }>;
  fetch(request: {
    replicaId?: number;
    isolationLevel: number;
    maxWaitTime: number;
    minBytes: number;
    maxBytes: number;
    topics: Array<{ topic: string; partitions: Array<{ partition: number; fetchOffset: string; maxBytes: number }> }>;
  }): Promise<{ responses: Array<{ topicName: string; partitions: KafkajsFetchPartition[] }> }>;
  listGroups(): Promise<{ errorCode: number; groups: Array<{ groupId: string; protocolType: string }> }>;
  describeGroups(request: { groupIds: string[] }): Promise<{ groups: KafkajsDescribedGroup[] }>;
  deleteGroups(groupIds: string[]): Promise<{ results: Array<{ groupId: string; errorCode: number }> }>;
  offsetFetch(request: { groupId: string; topics: unknown[] }): Promise<{
    responses: Array<{ topic: string; partitions: Array<{ partition: number; offset: string; metadata: string | null; errorCode?: number }> }>;
  }>;
  offsetCommit(request: {
    groupId: string;
    groupGenerationId: number;
    memberId: string;
    retentionTime: number;
    topics: Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>;
  }): Promise<unknown>;
}

export interface KafkajsCluster {
  isConnected(): boolean;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  /** Adds `topic` to the topics whose metadata the cluster keeps, refreshing when it is new. */
  addTargetTopic(topic: string): Promise<void>;
  /** Metadata of `topics`, or of every topic when empty (not kept; rejects on any topic or partition error). */
  metadata(request?: { topics: string[] }): Promise<KafkajsMetadata>;
  findBroker(request: { nodeId: number | string }): Promise<KafkajsBroker>;
  findGroupCoordinatorMetadata(request: { groupId: string; coordinatorType: number }): Promise<{ coordinator: KafkajsNode }>;
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
