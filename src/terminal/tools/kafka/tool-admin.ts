/**
 * The admin calls kafka-consumer-groups and kafka-get-offsets make, as Java's `Admin` makes them: each call
 * has a deadline (`--timeout`, or `default.api.timeout.ms`), retries what Java retries until then, and fails
 * with the Java exception the tool prints (`TimeoutException: Timed out waiting for a node assignment.
 * Call: describeConsumerGroups(api=FIND_COORDINATOR)` when no broker answers). Results are per key where
 * Java's are (`describedGroups()`, `partitionResult(tp)`), so each tool decides what fails the command.
 *
 * Under it is kafkajs' cluster (see `kafkajs-client-cluster.ts`): FindCoordinator, DescribeGroups, OffsetFetch,
 * OffsetCommit (generation -1, no member), ListOffsets, DeleteGroups and Metadata, sent to the right broker.
 */
import kafkajs from 'kafkajs';
import { KAFKA_ERRORS } from '../../../cluster/kafka/protocol/index.ts';
import type { CommandContext } from '../../command.ts';
import { InterruptedError } from '../interruption.ts';
import { pause, untilDeadline } from './deadline.ts';
import { JavaException, kafkaException, nodeAssignmentTimeout } from './java-exception.ts';
import { closeThenKill } from './client-shutdown.ts';
import { createToolKafka } from './tool-kafka-client.ts';
import type { NetworkClientWarnings } from './network-client-warnings.ts';
import { isRetriableKafkaError, kafkaErrorException, kafkajsErrorCode } from './kafka-error-exceptions.ts';
import { topicPartitionKey as key, type TopicPartition } from './topic-partition.ts';
import { kafkajsClientCluster } from './kafkajs-client-cluster.ts';
import type { KafkajsCluster, KafkajsNode, KafkajsTopicMetadata } from './kafkajs-client-cluster.ts';
import { leaderlessMetadataTransport } from './leaderless-metadata-transport.ts';

const { AssignerProtocol } = kafkajs;

const LIST_OFFSETS_API_KEY = 2;
/** Kafka 3.9's newest ListOffsets version. */
const LIST_OFFSETS_LATEST_VERSION = 9;
/** The oldest ListOffsets version that knows a special timestamp (`ListOffsetsRequest.Builder.forConsumer`). */
const LIST_OFFSETS_MIN_VERSION = new Map([
  [-3, 7],
  [-4, 8],
  [-5, 9],
]);

/** Java's `retry.backoff.ms` default. */
const RETRY_BACKOFF_MS = 100;
/** The consumer protocol's type; groups with another (Connect's `connect`) are no consumer groups. */
const CONSUMER_PROTOCOL_TYPE = 'consumer';
/** FindCoordinator's key type for a group (1 is a transaction). */
const GROUP_COORDINATOR = 0;

export interface ToolAdminSettings {
  bootstrapServers: readonly string[];
  /** `client.id` (`adminclient-1` unless the tool or `--command-config` says otherwise). */
  clientId: string;
  /** `request.timeout.ms`. */
  requestTimeoutMs?: number;
}

export interface ConsumerGroupListing {
  groupId: string;
  /** `consumer`, or `''` for a group that only holds committed offsets. */
  protocolType: string;
}

export interface MemberDescription {
  consumerId: string;
  clientId: string;
  host: string;
  groupInstanceId: string;
  /** The member's partitions in the order the assignment lists them. */
  assignment: TopicPartition[];
}

export interface ConsumerGroupDescription {
  groupId: string;
  /** `Stable`, `Empty`, `PreparingRebalance`, `CompletingRebalance`, `Dead`. */
  state: string;
  /** The chosen assignor (`range`, `RoundRobinAssigner`), `''` without members. */
  partitionAssignor: string;
  coordinator: KafkajsNode;
  members: MemberDescription[];
}

export type OffsetQuery = 'latest' | 'earliest' | { timestamp: number };

export interface ListedOffset {
  /** -1 when the broker knows no such offset (a timestamp after the last record). */
  offset: number;
}

export interface TopicDescription {
  name: string;
  isInternal: boolean;
  partitions: number[];
}

export type Outcome<T> = T | JavaException;


export class ToolAdmin {
  readonly #cluster: KafkajsCluster;
  readonly #warnings: NetworkClientWarnings;
  readonly #signal: AbortSignal;
  readonly #silence: () => void;
  readonly #kill: () => void;
  #brokersLearned = false;

  constructor(context: CommandContext, settings: ToolAdminSettings) {
    this.#signal = context.signal;
    const { kafka, warnings, silence, kill } = createToolKafka(context, {
      bootstrapServers: settings.bootstrapServers,
      clientId: settings.clientId,
      logContext: `[AdminClient clientId=${settings.clientId}] `,
      requestTimeoutMs: settings.requestTimeoutMs,
      // Java's client reads a Metadata answer with a leaderless partition; kafkajs needs the help.
      wrapTransport: leaderlessMetadataTransport,
    });
    this.#warnings = warnings;
    this.#silence = silence;
    this.#kill = kill;
    // The admin client's settings in Java: no topic creation by metadata requests.
    this.#cluster = kafkajsClientCluster(kafka, { allowAutoTopicCreation: false, metadataMaxAge: 300_000 });
  }

  /**
   * Java's client logs nothing once closed. kafkajs may still retry a call the tool gave up on (its
   * deadline, Ctrl-C): the client is killed after its disconnect, or when that takes too long.
   */
  async close(): Promise<void> {
    this.#silence();
    await closeThenKill(this.#cluster.disconnect(), { kill: this.#kill });
  }

  /** `listConsumerGroups()`: every broker's groups with the consumer protocol (or none). */
  async listConsumerGroups(timeoutMs: number): Promise<ConsumerGroupListing[]> {
    const deadline = Date.now() + timeoutMs;
    const nodes = await this.#call('findAllBrokers', deadline, async () => (await this.#metadata([])).brokers);
    const listings: ConsumerGroupListing[] = [];
    for (const node of [...nodes].sort((a, b) => a.nodeId - b.nodeId)) {
      const answer = await this.#call('listConsumerGroups', deadline, async () => {
        const response = await (await this.#cluster.findBroker({ nodeId: String(node.nodeId) })).listGroups();
        return response.groups;
      });
      for (const group of answer) {
        if (group.protocolType === CONSUMER_PROTOCOL_TYPE || group.protocolType === '') listings.push({ groupId: group.groupId, protocolType: group.protocolType });
      }
    }
    return listings;
  }

  /** `describeConsumerGroups(ids)`: per group, its description or why it failed. */
  async describeConsumerGroups(groupIds: readonly string[], timeoutMs: number): Promise<Map<string, Outcome<ConsumerGroupDescription>>> {
    const deadline = Date.now() + timeoutMs;
    const results = await Promise.all(
      unique(groupIds).map(async (groupId) => [groupId, await this.#outcome(() => this.#describeGroup(groupId, deadline))] as const),
    );
    return new Map(results);
  }

  /** `listConsumerGroupOffsets(group)`: the committed offsets (partitions with none are left out). */
  async listConsumerGroupOffsets(groupId: string, timeoutMs: number): Promise<Map<string, { tp: TopicPartition; offset: number }>> {
    const deadline = Date.now() + timeoutMs;
    const coordinator = await this.#coordinator('offsetFetch', groupId, deadline);
    const responses = await this.#call('offsetFetch(api=OFFSET_FETCH)', deadline, async () => {
      const broker = await this.#cluster.findBroker({ nodeId: String(coordinator.nodeId) });
      return (await broker.offsetFetch({ groupId, topics: [] })).responses;
    });
    const offsets = new Map<string, { tp: TopicPartition; offset: number }>();
    for (const topic of responses) {
      for (const partition of topic.partitions) {
        const offset = Number(partition.offset);
        if (offset < 0) continue;
        const tp = { topic: topic.topic, partition: partition.partition };
        offsets.set(key(tp), { tp, offset });
      }
    }
    return offsets;
  }

  /**
   * `listOffsets(...)`: per partition, the offset the leader answers for `query`, or why it failed. The
   * special timestamps -3 (max-timestamp), -4 (earliest-local) and -5 (latest-tiered) need ListOffsets v7,
   * v8, v9; a broker with less fails those partitions as Java's client does (`onUnsupported(brokerId)` is
   * where it logs its WARN).
   */
  async listOffsets(
    partitions: readonly TopicPartition[],
    query: OffsetQuery,
    timeoutMs: number,
    onUnsupported?: (brokerId: number) => Promise<void>,
  ): Promise<Map<string, Outcome<ListedOffset>>> {
    const deadline = Date.now() + timeoutMs;
    const results = new Map<string, Outcome<ListedOffset>>();
    const topics = unique(partitions.map((tp) => tp.topic));
    const describe = () => this.#outcome(() => this.#call('listOffsets(api=METADATA)', deadline, () => this.#describeTopicsOnce(topics)));
    let described = await describe();
    // A partition without a leader waits for an election until the deadline, as Java's lookup retries LEADER_NOT_AVAILABLE.
    while (!(described instanceof JavaException) && hasLeaderless(described, partitions) && Date.now() < deadline) {
      await pause(Math.min(RETRY_BACKOFF_MS, Math.max(0, deadline - Date.now())), this.#signal);
      if (this.#signal.aborted) throw new InterruptedError();
      described = await describe();
    }
    const byLeader = new Map<number, TopicPartition[]>();
    for (const tp of partitions) {
      const topic = described instanceof JavaException ? described : described.get(tp.topic);
      if (topic instanceof JavaException) {
        results.set(key(tp), topic);
        continue;
      }
      const partition = topic?.partitionMetadata.find((p) => p.partitionId === tp.partition);
      if (!partition) {
        results.set(key(tp), kafkaErrorException(KAFKA_ERRORS.UNKNOWN_TOPIC_OR_PARTITION.code));
        continue;
      }
      if (partition.leader < 0) {
        results.set(key(tp), nodeAssignmentTimeout('listOffsets(api=METADATA)'));
        continue;
      }
      byLeader.set(partition.leader, [...(byLeader.get(partition.leader) ?? []), tp]);
    }
    const timestamp = query === 'latest' ? -1 : query === 'earliest' ? -2 : query.timestamp;
    const requiredVersion = LIST_OFFSETS_MIN_VERSION.get(timestamp) ?? 0;
    await Promise.all(
      [...byLeader].map(async ([leader, leaderPartitions]) => {
        const answer = await this.#outcome(() =>
          this.#call('listOffsets(api=LIST_OFFSETS)', deadline, async () => {
            const broker = await this.#cluster.findBroker({ nodeId: String(leader) });
            const supported = broker.versions?.[LIST_OFFSETS_API_KEY];
            if (supported && supported.maxVersion < requiredVersion) {
              await onUnsupported?.(leader);
              throw kafkaException(
                'UnsupportedVersionException',
                `The node does not support LIST_OFFSETS with version in range [${requiredVersion},${LIST_OFFSETS_LATEST_VERSION}]. ` +
                  `The supported range is [${supported.minVersion},${supported.maxVersion}].`,
              );
            }
            const request = unique(leaderPartitions.map((tp) => tp.topic)).map((topic) => ({
              topic,
              partitions: leaderPartitions.filter((tp) => tp.topic === topic).map((tp) => ({ partition: tp.partition, timestamp })),
            }));
            return (await broker.listOffsets({ isolationLevel: 0, topics: request })).responses;
          }),
        );
        for (const tp of leaderPartitions) {
          if (answer instanceof JavaException) {
            results.set(key(tp), answer);
            continue;
          }
          const found = answer.find((t) => t.topic === tp.topic)?.partitions.find((p) => p.partition === tp.partition);
          results.set(key(tp), found ? { offset: Number(found.offset) } : kafkaErrorException(KAFKA_ERRORS.UNKNOWN_TOPIC_OR_PARTITION.code));
        }
      }),
    );
    return results;
  }

  /** `alterConsumerGroupOffsets(group, offsets)`: an OffsetCommit outside any generation, as the admin client sends it. */
  async alterConsumerGroupOffsets(groupId: string, offsets: ReadonlyArray<{ tp: TopicPartition; offset: number }>, timeoutMs: number): Promise<void> {
    if (offsets.length === 0) return;
    const deadline = Date.now() + timeoutMs;
    const coordinator = await this.#coordinator('offsetCommit', groupId, deadline);
    await this.#call('offsetCommit(api=OFFSET_COMMIT)', deadline, async () => {
      const broker = await this.#cluster.findBroker({ nodeId: String(coordinator.nodeId) });
      const topics = unique(offsets.map((o) => o.tp.topic)).map((topic) => ({
        topic,
        partitions: offsets.filter((o) => o.tp.topic === topic).map((o) => ({ partition: o.tp.partition, offset: String(o.offset) })),
      }));
      await broker.offsetCommit({ groupId, groupGenerationId: -1, memberId: '', retentionTime: -1, topics });
    });
  }

  /** `deleteConsumerGroups(ids)`: per group, `null` when deleted, else why not. */
  async deleteConsumerGroups(groupIds: readonly string[], timeoutMs: number): Promise<Map<string, JavaException | null>> {
    const deadline = Date.now() + timeoutMs;
    const results = await Promise.all(
      unique(groupIds).map(async (groupId) => {
        const outcome = await this.#outcome(async () => {
          const coordinator = await this.#coordinator('deleteConsumerGroups', groupId, deadline);
          const error = await this.#call('deleteConsumerGroups(api=DELETE_GROUPS)', deadline, async () => {
            const broker = await this.#cluster.findBroker({ nodeId: String(coordinator.nodeId) });
            const result = (await broker.deleteGroups([groupId])).results.find((r) => r.groupId === groupId);
            const failure = (result as { error?: unknown } | undefined)?.error;
            const code = kafkajsErrorCode(failure);
            // Retriable answers (coordinator moved or loading) go round again; the others are the group's result.
            if (code !== undefined && isRetriableKafkaError(code)) throw failure;
            return failure;
          });
          return error ? asJavaException(error) : null;
        });
        return [groupId, outcome] as const;
      }),
    );
    return new Map(results);
  }

  /** `describeTopics(names)`: per topic, its partitions, or `UnknownTopicOrPartitionException`. */
  async describeTopics(names: readonly string[], timeoutMs: number): Promise<Map<string, Outcome<TopicDescription>>> {
    const deadline = Date.now() + timeoutMs;
    const described = await this.#call('describeTopics', deadline, () => this.#describeTopicsOnce(unique(names)));
    return new Map(
      unique(names).map((name): [string, Outcome<TopicDescription>] => {
        const topic = described.get(name);
        if (!topic) return [name, kafkaErrorException(KAFKA_ERRORS.UNKNOWN_TOPIC_OR_PARTITION.code)];
        return [name, { name, isInternal: topic.isInternal ?? false, partitions: topic.partitionMetadata.map((p) => p.partitionId).sort((a, b) => a - b) }];
      }),
    );
  }

  /** `listTopics()`: every topic's name and whether it is internal. */
  async listTopics(timeoutMs: number): Promise<Array<{ name: string; isInternal: boolean }>> {
    const deadline = Date.now() + timeoutMs;
    const metadata = await this.#call('listTopics', deadline, () => this.#metadata([]));
    return metadata.topicMetadata.map((topic) => ({ name: topic.topic, isInternal: topic.isInternal ?? false }));
  }

  async #describeGroup(groupId: string, deadline: number): Promise<ConsumerGroupDescription> {
    const coordinator = await this.#coordinator('describeConsumerGroups', groupId, deadline);
    const group = await this.#call('describeConsumerGroups(api=DESCRIBE_GROUPS)', deadline, async () => {
      const broker = await this.#cluster.findBroker({ nodeId: String(coordinator.nodeId) });
      const described = (await broker.describeGroups({ groupIds: [groupId] })).groups.find((g) => g.groupId === groupId);
      if (!described) throw kafkaErrorException(KAFKA_ERRORS.UNKNOWN_SERVER_ERROR.code);
      return described;
    });
    if (group.protocolType !== CONSUMER_PROTOCOL_TYPE && group.protocolType !== '') {
      throw new JavaException('java.lang.IllegalArgumentException', `GroupId ${groupId} is not a consumer group (${group.protocolType}).`);
    }
    return {
      groupId,
      state: group.state,
      partitionAssignor: group.protocol,
      coordinator,
      members: group.members.map((member) => ({
        consumerId: member.memberId,
        clientId: member.clientId,
        host: member.clientHost,
        groupInstanceId: '',
        assignment: decodeAssignment(member.memberAssignment),
      })),
    };
  }

  /** FindCoordinator alone, for a group call whose next step the brokers cannot take (OffsetDelete). */
  findCoordinator(call: string, groupId: string, timeoutMs: number): Promise<KafkajsNode> {
    return this.#coordinator(call, groupId, Date.now() + timeoutMs);
  }

  /** FindCoordinator for `groupId`, the first step of every group call (`<call>(api=FIND_COORDINATOR)`). */
  #coordinator(call: string, groupId: string, deadline: number): Promise<KafkajsNode> {
    return this.#call(`${call}(api=FIND_COORDINATOR)`, deadline, async () => (await this.#cluster.findGroupCoordinatorMetadata({ groupId, coordinatorType: GROUP_COORDINATOR })).coordinator);
  }

  async #metadata(topics: string[]) {
    const metadata = await this.#cluster.metadata({ topics });
    if (!this.#brokersLearned) {
      this.#warnings.learnBrokers(metadata.brokers);
      this.#brokersLearned = true;
    }
    return metadata;
  }

  /** Metadata of the topics that exist among `names` (every topic's metadata, so a missing one is no error). */
  async #describeTopicsOnce(names: readonly string[]): Promise<Map<string, KafkajsTopicMetadata>> {
    const metadata = await this.#metadata([]);
    const wanted = new Set(names);
    return new Map(metadata.topicMetadata.filter((topic) => wanted.has(topic.topic)).map((topic) => [topic.topic, topic]));
  }

  /** Runs `work` until it succeeds, fails for good, or `deadline` passes (then Java's node-assignment timeout). */
  async #call<T>(name: string, deadline: number, work: () => Promise<T>): Promise<T> {
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw nodeAssignmentTimeout(name);
      try {
        return await untilDeadline(
          (async () => {
            await this.#cluster.connect();
            // kafkajs knows only the bootstrap broker until a metadata answer names the others.
            if (!this.#brokersLearned) await this.#metadata([]);
            return work();
          })(),
          { timeoutMs: remaining, signal: this.#signal, onTimeout: () => nodeAssignmentTimeout(name) },
        );
      } catch (error) {
        if (error instanceof JavaException || error instanceof InterruptedError) throw error;
        if (!isRetriable(error)) throw asJavaException(error);
        await pause(Math.min(RETRY_BACKOFF_MS, Math.max(0, deadline - Date.now())), this.#signal);
        if (this.#signal.aborted) throw new InterruptedError();
      }
    }
  }

  /** Java's per-key futures: a `JavaException` becomes the key's result; Ctrl-C still ends everything. */
  async #outcome<T>(work: () => Promise<T>): Promise<Outcome<T>> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof JavaException) return error;
      throw error;
    }
  }
}

function isRetriable(error: unknown): boolean {
  const code = kafkajsErrorCode(error);
  if (code !== undefined) return isRetriableKafkaError(code);
  const name = (error as { name?: string } | null)?.name ?? '';
  // Connection trouble, stale metadata and kafkajs giving up on those: Java keeps trying until the deadline.
  if (name === 'KafkaJSNumberOfRetriesExceeded' || name === 'KafkaJSNonRetriableError') {
    const cause = (error as { cause?: unknown; originalError?: unknown }).cause ?? (error as { originalError?: unknown }).originalError;
    return cause ? isRetriable(cause) : true;
  }
  return [
    'KafkaJSConnectionError',
    'KafkaJSConnectionClosedError',
    'KafkaJSRequestTimeoutError',
    'KafkaJSBrokerNotFound',
    'KafkaJSGroupCoordinatorNotFound',
    'KafkaJSMetadataNotLoaded',
    'KafkaJSTopicMetadataNotLoaded',
    'KafkaJSStaleTopicMetadataAssignment',
    'KafkaJSLockTimeout',
    'KafkaJSNoBrokerAvailableError',
  ].includes(name);
}

function asJavaException(error: unknown): JavaException {
  const code = kafkajsErrorCode(error);
  if (code !== undefined) return kafkaErrorException(code);
  return kafkaException('KafkaException', error instanceof Error ? error.message : String(error));
}

function decodeAssignment(bytes: Buffer): TopicPartition[] {
  if (!bytes || bytes.length === 0) return [];
  const decoded = AssignerProtocol.MemberAssignment.decode(bytes);
  if (!decoded) return [];
  return Object.entries(decoded.assignment).flatMap(([topic, partitions]) => partitions.map((partition) => ({ topic, partition })));
}

function hasLeaderless(described: ReadonlyMap<string, KafkajsTopicMetadata>, partitions: readonly TopicPartition[]): boolean {
  return partitions.some((tp) => (described.get(tp.topic)?.partitionMetadata.find((p) => p.partitionId === tp.partition)?.leader ?? 0) < 0);
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

