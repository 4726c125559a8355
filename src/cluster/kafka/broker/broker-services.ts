/**
 * What an API handler can reach on its broker (`ctx.services`). This is the contract between the broker
 * core and the handlers, including the group coordinator's (`src/cluster/kafka/group/`): keep it stable.
 */
import type { Logger } from '../../logger.ts';
import type { BrokerConfig } from '../broker-config.ts';
import type { ApiRegistry } from './api-handler.ts';
import type { BrokerInternals } from './broker-internals.ts';
import type { FaultInjector } from './fault-injector.ts';

/** One advertised listener address. */
export interface ListenerAddress {
  readonly host: string;
  readonly port: number;
}

/**
 * A live broker as its registration describes it. `host`/`port` are the registration's top-level ones (its
 * first PLAINTEXT listener); a client is answered the address of the listener it connected through
 * (`endpointOn(broker, ctx.listenerName)`), and brokers dial each other on the inter-broker listener.
 */
export interface BrokerEndpoint {
  readonly id: number;
  readonly host: string;
  readonly port: number;
  readonly rack: string | null;
  /** Advertised address per listener name, in registration order (`INTERNAL` -> kafka-1:9092). */
  readonly listeners: ReadonlyMap<string, ListenerAddress>;
}

/** One partition as the metadata cache knows it (from `/brokers/topics/<t>/partitions/<p>/state`). */
export interface PartitionMetadata {
  readonly topic: string;
  readonly partition: number;
  /** Broker id of the leader, -1 when the partition has none (offline). */
  readonly leader: number;
  readonly leaderEpoch: number;
  /** Assigned replicas in preference order (the first is the preferred leader). */
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
}

export interface TopicMetadata {
  readonly name: string;
  /** The base64url topic id from `/brokers/topics/<t>`. */
  readonly topicId: string;
  /** `true` for `__consumer_offsets`. */
  readonly internal: boolean;
  /** Ordered by partition index. A partition whose state znode is not written yet is missing. */
  readonly partitions: readonly PartitionMetadata[];
  /** Number of partitions in the assignment (may exceed `partitions.length` right after creation). */
  readonly partitionCount: number;
}

/** The broker's view of the cluster, kept current from ZooKeeper watches and the controller's UpdateMetadata. */
export interface MetadataView {
  /** `/cluster/id`. */
  clusterId(): string;
  /** The broker in `/controller`, or `null` while there is none. */
  controllerId(): number | null;
  /** Brokers registered under `/brokers/ids`, by id. */
  liveBrokers(): readonly BrokerEndpoint[];
  broker(id: number): BrokerEndpoint | undefined;
  topic(name: string): TopicMetadata | undefined;
  topics(): readonly TopicMetadata[];
}

/** One committed record of `__consumer_offsets`. */
export interface OffsetsTopicRecord {
  readonly offset: bigint;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
}

/**
 * `__consumer_offsets` as the group coordinator uses it: a real replicated topic (RF
 * `offsets.topic.replication.factor`, `offsets.topic.num.partitions` partitions), so committed offsets
 * survive a stopped broker. This broker coordinates the groups whose partition it leads.
 */
export interface OffsetsTopic {
  /** `offsets.topic.num.partitions` (or the real count once the topic exists). */
  readonly partitionCount: number;
  /** Kafka's choice of partition for a group: `abs(javaStringHashCode(groupId)) % partitionCount`. */
  partitionFor(groupId: string): number;
  /**
   * Creates the topic if it does not exist yet (Kafka does this on the first FindCoordinator, with
   * `offsets.topic.num.partitions` and `offsets.topic.replication.factor`) and resolves `true` once it
   * exists; `false` when it did not (answer COORDINATOR_NOT_AVAILABLE then). As in Kafka's
   * `KafkaApis.getCoordinator`, only the group's own partition needs a leader, so an offline partition
   * leaves the groups that hash elsewhere working.
   */
  ensureCreated(): Promise<boolean>;
  /** `true` while this broker leads `partition` (and so coordinates its groups). */
  isLocalLeader(partition: number): boolean;
  /**
   * Appends records as one batch with acks=all semantics: resolves once the whole ISR has them (the high
   * watermark passed them), honouring `min.insync.replicas`. Rejects with a `KafkaProtocolError`
   * (NOT_LEADER_OR_FOLLOWER, NOT_ENOUGH_REPLICAS, NOT_ENOUGH_REPLICAS_AFTER_APPEND, REQUEST_TIMED_OUT).
   */
  append(partition: number, records: Array<{ key: Uint8Array | null; value: Uint8Array | null }>): Promise<void>;
  /** Every record of the local replica in offset order (up to the log end: call it as the leader). */
  readAll(partition: number): Promise<OffsetsTopicRecord[]>;
  /**
   * Called when this broker becomes (`true`) or stops being (`false`) the leader of a partition, e.g. to
   * load or unload its groups. Returns a function that removes the listener.
   */
  onLeadershipChange(listener: (partition: number, isLeader: boolean) => void): () => void;
}

/** The slot the group coordinator fills (`src/cluster/kafka/group/group-coordinator.ts`). */
export interface GroupCoordinatorService {
  /** Called once the broker serves requests. */
  start?(): void | Promise<void>;
  /** Called on stop/kill: cancel timers, answer parked requests. */
  stop?(): void | Promise<void>;
}

export interface BrokerServices {
  readonly brokerId: number;
  readonly config: Readonly<BrokerConfig>;
  readonly logger: Logger;
  /** The API table (ApiVersions lists it). */
  readonly apis: ApiRegistry;
  /** Per-API fault hooks (labs and tests). */
  readonly faults: FaultInjector;
  readonly metadata: MetadataView;
  /**
   * The live leader of a partition with its address on `listenerName` (the requester's listener), or `null`
   * (unknown partition, no leader, leader down, or the leader has no such listener).
   */
  partitionLeaderFor(topic: string, partition: number, listenerName: string): BrokerEndpoint | null;
  readonly offsetsTopic: OffsetsTopic;
  /** Set by the broker when `group/group-coordinator.ts` exists; handlers cast it to `GroupCoordinator`. */
  groupCoordinator: GroupCoordinatorService | null;
  /** Broker-core internals (replica manager, controller, ZooKeeper): for the core handlers only. */
  readonly internals: BrokerInternals;
}
