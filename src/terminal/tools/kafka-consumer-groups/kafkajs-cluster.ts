/**
 * The group and admin requests of kafkajs' own `Cluster` (see `../kafka/kafkajs-client-cluster.ts`).
 * Java's admin client sends FindCoordinator and an OffsetCommit with generation -1 and no member id;
 * kafkajs' admin hides the coordinator and commits offsets only by joining the group with a throw-away
 * consumer (a rebalance the real `--reset-offsets --execute` never causes). Its cluster has both:
 * `findGroupCoordinatorMetadata` and brokers that send any request. These types describe kafkajs 2.2.4.
 */
import type { Kafka } from 'kafkajs';
import { kafkajsClientCluster } from '../kafka/kafkajs-client-cluster.ts';

export interface KafkajsNode {
  nodeId: number;
  host: string;
  port: number;
}

export interface KafkajsPartitionMetadata {
  partitionErrorCode: number;
  partitionId: number;
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

export interface KafkajsOffsetFetchTopic {
  topic: string;
  partitions: Array<{ partition: number; offset: string; metadata: string | null; errorCode?: number }>;
}

export interface KafkajsOffsetCommitTopic {
  topic: string;
  partitions: Array<{ partition: number; offset: string }>;
}

export interface KafkajsListOffsetsTopic {
  topic: string;
  partitions: Array<{ partition: number; timestamp: number | string }>;
}

export interface KafkajsBroker {
  nodeId: number;
  /** Api key -> the broker's supported version range, known once connected. */
  versions?: Record<number, { minVersion: number; maxVersion: number }>;
  listGroups(): Promise<{ errorCode: number; groups: Array<{ groupId: string; protocolType: string }> }>;
  describeGroups(request: { groupIds: string[] }): Promise<{ groups: KafkajsDescribedGroup[] }>;
  deleteGroups(groupIds: string[]): Promise<{ results: Array<{ groupId: string; errorCode: number }> }>;
  offsetFetch(request: { groupId: string; topics: unknown[] }): Promise<{ responses: KafkajsOffsetFetchTopic[] }>;
  offsetCommit(request: { groupId: string; groupGenerationId: number; memberId: string; retentionTime: number; topics: KafkajsOffsetCommitTopic[] }): Promise<unknown>;
  listOffsets(request: { isolationLevel?: number; topics: KafkajsListOffsetsTopic[] }): Promise<{
    responses: Array<{ topic: string; partitions: Array<{ partition: number; errorCode: number; offset: string; timestamp?: string }> }>;
  }>;
}

export interface KafkajsCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  /** Metadata of `topics`, or of every topic when empty. */
  metadata(request: { topics: string[] }): Promise<KafkajsMetadata>;
  findBroker(request: { nodeId: string | number }): Promise<KafkajsBroker>;
  findGroupCoordinator(request: { groupId: string }): Promise<KafkajsBroker>;
  findGroupCoordinatorMetadata(request: { groupId: string; coordinatorType: number }): Promise<{ coordinator: KafkajsNode }>;
  brokerPool: { brokers: Record<string, unknown> };
}

/** A new kafkajs cluster on `kafka`'s configuration, with the group and admin requests typed. */
export function kafkajsCluster(kafka: Kafka): KafkajsCluster {
  // The admin client's settings in Java: no topic creation by metadata requests.
  const cluster: unknown = kafkajsClientCluster(kafka, { allowAutoTopicCreation: false, metadataMaxAge: 300_000 });
  return cluster as KafkajsCluster;
}
