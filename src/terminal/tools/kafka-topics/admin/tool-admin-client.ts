/**
 * The Kafka tools' admin client: a small look-alike of Java's `KafkaAdminClient` over the tool
 * environment's transport, with the project's protocol codecs.
 *
 * Why not kafkajs: its admin drops the broker's error messages (`Replication factor: 3 larger than
 * available brokers: 1.` becomes a generic text), and its metadata refresh fails outright on a
 * partition without a leader, which is exactly what `kafka-topics --describe --unavailable-partitions`
 * must show. This client behaves as the Java one does where the learner can see it:
 *
 * - every call has a deadline (`default.api.timeout.ms`); a call that never gets a node fails with
 *   `Timed out waiting for a node assignment. Call: <name>`;
 * - a node that cannot be reached is retried with the reconnect backoff (50 ms doubling to 1 s) and
 *   logs NetworkClient's WARN line each time; bootstrap nodes are -1, -2, ... until the brokers are known;
 * - metadata first (brokers, controller), then calls to the least loaded node or to the controller;
 *   `NOT_CONTROLLER` and lost connections refresh the metadata and retry;
 * - broker errors become the Java exceptions with the broker's own message.
 */
import type { Transport } from '../../../../cluster/transport/transport.ts';
import { API_KEYS, ZERO_UUID_TEXT, uuidFromText, uuidToText } from '../../../../cluster/kafka/protocol/index.ts';
import type { ApiKey, MetadataResponse, MetadataResponseTopic, RequestBodies, ResponseBodies } from '../../../../cluster/kafka/protocol/index.ts';
import { InterruptedError, interruptible } from '../../interruption.ts';
import { pause } from '../../kafka/deadline.ts';
import { JavaException, kafkaException, nodeAssignmentTimeout } from '../../kafka/java-exception.ts';
import type { NetworkClientWarnings } from '../../kafka/network-client-warnings.ts';
import type { AdminClientConfig } from '../../kafka/admin-client-config.ts';
import { kafkaErrorException } from '../../kafka/kafka-error-exceptions.ts';
import { BrokerDisconnectedError, BrokerRequestTimeoutError, UnsupportedApiError, type BrokerConnection } from '../../kafka/broker-connection.ts';
import { NodeConnections } from '../../kafka/node-connections.ts';

const RESOURCE_TOPIC = 2;
const CONFIG_SOURCE_DEFAULT = 5;
const NOT_CONTROLLER = 41;

export interface BrokerNode {
  id: number;
  host: string;
  port: number;
}

export interface TopicPartitionInfo {
  partition: number;
  /** The leader's id, or null when the partition has none (printed `none`). */
  leader: number | null;
  replicas: number[];
  isr: number[];
}

export interface TopicDescription {
  name: string;
  internal: boolean;
  /** Sorted by partition. */
  partitions: TopicPartitionInfo[];
  /** Base64 topic id; the zero id (`AAAAAAAAAAAAAAAAAAAAAA`) when the broker's Metadata version has none. */
  topicId: string;
}

/** `TopicListing`: what `listTopics` knows of a topic. */
export interface TopicListing {
  name: string;
  /** Base64 topic id; the zero id below Metadata v10. */
  topicId: string;
  internal: boolean;
}

export interface ConfigEntry {
  name: string;
  value: string | null;
  /** `source == DEFAULT_CONFIG`: left out of `kafka-topics --describe`'s `Configs:`. */
  isDefault: boolean;
}

export interface NewTopic {
  name: string;
  /** -1: the broker's `num.partitions`. */
  numPartitions: number;
  /** -1: the broker's `default.replication.factor`. */
  replicationFactor: number;
  /** Partition -> broker ids (replaces the two counts). */
  assignments: ReadonlyMap<number, readonly number[]>;
  configs: ReadonlyMap<string, string>;
}

/** `PartitionReassignment`: an ongoing reassignment of one partition (ListPartitionReassignments). */
export interface PartitionReassignment {
  replicas: number[];
  addingReplicas: number[];
  removingReplicas: number[];
}

export interface NewPartitions {
  totalCount: number;
  /** Broker ids of each new partition, or null to let the controller place them. */
  newAssignments: number[][] | null;
}

/** Topic ids the Java client shows when the broker did not send one (Metadata below v10). */
export const ZERO_TOPIC_ID = ZERO_UUID_TEXT;

/** Metadata's first version that may ask for topics by id (ids come in answers from v10 on). */
const METADATA_BY_TOPIC_ID = 12;

/** A Metadata topic's id as text (`Uuid.toString`), the zero id when the answer's version has none. */
function topicIdText(topic: MetadataResponseTopic): string {
  return topic.topicId === undefined ? ZERO_TOPIC_ID : uuidToText(topic.topicId);
}

/** A topic of a Metadata answer as `TopicDescription` (a leader that is not a live broker is no leader). */
function describedTopic(name: string, topic: MetadataResponseTopic, metadata: MetadataResponse): TopicDescription {
  const live = new Set(metadata.brokers.map((broker) => broker.nodeId));
  const partitions = topic.partitions
    .map((partition) => ({
      partition: partition.partitionIndex,
      leader: partition.leaderId >= 0 && live.has(partition.leaderId) ? partition.leaderId : null,
      replicas: partition.replicaNodes,
      isr: partition.isrNodes,
    }))
    .sort((a, b) => a.partition - b.partition);
  return { name, internal: topic.isInternal ?? false, partitions, topicId: topicIdText(topic) };
}

interface Node {
  /** Negative for bootstrap addresses. */
  id: number;
  host: string;
  port: number;
  address: string;
}

type Target = 'least-loaded' | 'controller';

/** Thrown by an attempt to ask for another try (after a metadata refresh when `refresh`). */
class RetryCall extends Error {
  readonly refresh: boolean;
  readonly failure: JavaException;
  constructor(failure: JavaException, refresh: boolean) {
    super(failure.message);
    this.failure = failure;
    this.refresh = refresh;
  }
}

export interface ToolAdminClientOptions {
  transport: Transport;
  config: AdminClientConfig;
  warnings: NetworkClientWarnings;
  /** Ctrl-C: every wait ends with `InterruptedError`. */
  signal: AbortSignal;
}

export class ToolAdminClient {
  readonly #config: AdminClientConfig;
  readonly #warnings: NetworkClientWarnings;
  readonly #signal: AbortSignal;
  readonly #connections: NodeConnections;
  #nodes: Node[];
  #metadataKnown = false;
  #controllerId = -1;

  constructor(options: ToolAdminClientOptions) {
    this.#config = options.config;
    this.#warnings = options.warnings;
    this.#signal = options.signal;
    this.#connections = new NodeConnections({
      transport: options.transport,
      warnings: options.warnings,
      connection: { clientId: options.config.clientId, requestTimeoutMs: options.config.requestTimeoutMs, connectTimeoutMs: options.config.connectTimeoutMs },
      reconnectBackoffMs: options.config.reconnectBackoffMs,
      reconnectBackoffMaxMs: options.config.reconnectBackoffMaxMs,
    });
    this.#nodes = options.config.bootstrap.map(({ host, port }, index) => ({ id: -(index + 1), host, port, address: options.config.bootstrapServers[index] }));
  }

  /** `listTopics(new ListTopicsOptions().listInternal(...))`: the topic names. */
  async listTopics(listInternal: boolean): Promise<string[]> {
    return (await this.listTopicListings(listInternal)).map((topic) => topic.name);
  }

  /** `listTopics(...).listings()`: every topic with its id (ids need Metadata v10+). */
  async listTopicListings(listInternal: boolean): Promise<TopicListing[]> {
    const metadata = await this.#call('listTopics', 'least-loaded', (connection) => this.#send(connection, API_KEYS.Metadata, { topics: null, allowAutoTopicCreation: false }));
    return metadata.topics.flatMap((topic) =>
      topic.name !== null && (listInternal || !topic.isInternal) ? [{ name: topic.name, topicId: topicIdText(topic), internal: topic.isInternal ?? false }] : [],
    );
  }

  /** `describeTopics(TopicCollection.ofTopicNames(names))` (the Metadata path a ZooKeeper-mode broker gets): in the order asked. */
  async describeTopics(names: readonly string[]): Promise<TopicDescription[]> {
    if (names.length === 0) return [];
    const metadata = await this.#call('describeTopics', 'least-loaded', (connection) =>
      this.#send(connection, API_KEYS.Metadata, { topics: names.map((name) => ({ name })), allowAutoTopicCreation: false }),
    );
    const byName = new Map(metadata.topics.map((topic) => [topic.name, topic]));
    return names.map((name) => {
      const topic = byName.get(name);
      if (!topic) throw kafkaErrorException(3);
      if (topic.errorCode !== 0) throw kafkaErrorException(topic.errorCode);
      return describedTopic(name, topic, metadata);
    });
  }

  /**
   * `describeTopics(TopicCollection.ofTopicIds(ids))`: Metadata v12 with ids and null names; an id the
   * answer does not name fails as Java's `handleDescribeTopicsByIds` does.
   */
  async describeTopicsById(ids: readonly string[]): Promise<TopicDescription[]> {
    if (ids.length === 0) return [];
    const metadata = await this.#call('describeTopics', 'least-loaded', (connection) => {
      const version = connection.usableVersion(API_KEYS.Metadata);
      if (version === undefined || version < METADATA_BY_TOPIC_ID) {
        // MetadataRequest.Builder#build refuses the request before it is sent.
        throw kafkaException('UnsupportedVersionException', `MetadataRequest version ${version ?? 0} does not support null topic names.`);
      }
      return this.#send(connection, API_KEYS.Metadata, { topics: ids.map((id) => ({ topicId: uuidFromText(id), name: null })), allowAutoTopicCreation: false });
    });
    const byId = new Map(metadata.topics.map((topic) => [topicIdText(topic), topic]));
    return ids.map((id) => {
      const topic = byId.get(id);
      if (!topic || topic.name === null) throw kafkaException('InvalidTopicException', `TopicId ${id} not found.`);
      if (topic.errorCode !== 0) throw kafkaErrorException(topic.errorCode);
      return describedTopic(topic.name, topic, metadata);
    });
  }

  /** `describeConfigs` of topics: every entry of each, by topic name. */
  async describeTopicConfigs(names: readonly string[]): Promise<Map<string, ConfigEntry[]>> {
    const configs = new Map<string, ConfigEntry[]>();
    if (names.length === 0) return configs;
    const answer = await this.#call('describeConfigs', 'least-loaded', (connection) =>
      this.#send(connection, API_KEYS.DescribeConfigs, {
        resources: names.map((name) => ({ resourceType: RESOURCE_TOPIC, resourceName: name, configurationKeys: null })),
        includeSynonyms: false,
      }),
    );
    for (const result of answer.results) {
      if (result.errorCode !== 0) throw kafkaErrorException(result.errorCode, result.errorMessage);
      configs.set(
        result.resourceName,
        result.configs.map((entry) => ({ name: entry.name, value: entry.value, isDefault: entry.configSource === undefined ? (entry.isDefault ?? false) : entry.configSource === CONFIG_SOURCE_DEFAULT })),
      );
    }
    return configs;
  }

  /** `describeCluster().nodes()`: the live brokers. */
  async describeCluster(): Promise<BrokerNode[]> {
    const metadata = await this.#call('listNodes', 'least-loaded', (connection) => this.#send(connection, API_KEYS.Metadata, { topics: [], allowAutoTopicCreation: false }));
    return metadata.brokers.map((broker) => ({ id: broker.nodeId, host: broker.host, port: broker.port }));
  }

  /**
   * `listPartitionReassignments(partitions)` on the controller, keyed `topic:partition`. A broker without the
   * API answers nothing (`TopicCommand.listAllReassignments` ignores UnsupportedVersionException).
   */
  async listPartitionReassignments(partitions: ReadonlyArray<{ topic: string; partition: number }>): Promise<Map<string, PartitionReassignment>> {
    const byTopic = new Map<string, number[]>();
    for (const { topic, partition } of partitions) byTopic.set(topic, [...(byTopic.get(topic) ?? []), partition]);
    const result = new Map<string, PartitionReassignment>();
    let answer;
    try {
      answer = await this.#call('listPartitionReassignments', 'controller', (connection, remainingMs) =>
        this.#send(connection, API_KEYS.ListPartitionReassignments, {
          timeoutMs: Math.min(this.#config.requestTimeoutMs, remainingMs),
          topics: [...byTopic].map(([name, partitionIndexes]) => ({ name, partitionIndexes })),
        }).then((body) => this.#controllerErrors(body, [body])),
      );
    } catch (error) {
      if (error instanceof JavaException && error.javaClass.endsWith('UnsupportedVersionException')) return result;
      throw error;
    }
    if (answer.errorCode !== 0) throw kafkaErrorException(answer.errorCode, answer.errorMessage);
    for (const topic of answer.topics) {
      for (const p of topic.partitions) {
        result.set(`${topic.name}:${p.partitionIndex}`, { replicas: p.replicas, addingReplicas: p.addingReplicas, removingReplicas: p.removingReplicas });
      }
    }
    return result;
  }

  /** `createTopics(Collections.singleton(newTopic))`. */
  async createTopic(topic: NewTopic): Promise<void> {
    const answer = await this.#call('createTopics', 'controller', (connection, remainingMs) =>
      this.#send(connection, API_KEYS.CreateTopics, {
        topics: [
          {
            name: topic.name,
            numPartitions: topic.numPartitions,
            replicationFactor: topic.replicationFactor,
            assignments: [...topic.assignments].map(([partitionIndex, brokerIds]) => ({ partitionIndex, brokerIds: [...brokerIds] })),
            configs: [...topic.configs].map(([name, value]) => ({ name, value })),
          },
        ],
        timeoutMs: Math.min(this.#config.requestTimeoutMs, remainingMs),
        validateOnly: false,
      }).then((body) => this.#controllerErrors(body, body.topics)),
    );
    const result = answer.topics.find((t) => t.name === topic.name);
    if (result && result.errorCode !== 0) throw kafkaErrorException(result.errorCode, result.errorMessage);
  }

  /** `createPartitions(map)`: fails with the first topic's error, in the order given. */
  async createPartitions(increases: ReadonlyMap<string, NewPartitions>): Promise<void> {
    if (increases.size === 0) return;
    const answer = await this.#call('createPartitions', 'controller', (connection, remainingMs) =>
      this.#send(connection, API_KEYS.CreatePartitions, {
        topics: [...increases].map(([name, increase]) => ({
          name,
          count: increase.totalCount,
          assignments: increase.newAssignments ? increase.newAssignments.map((brokerIds) => ({ brokerIds })) : null,
        })),
        timeoutMs: Math.min(this.#config.requestTimeoutMs, remainingMs),
        validateOnly: false,
      }).then((body) => this.#controllerErrors(body, body.results)),
    );
    for (const name of increases.keys()) {
      const result = answer.results.find((r) => r.name === name);
      if (result && result.errorCode !== 0) throw kafkaErrorException(result.errorCode, result.errorMessage);
    }
  }

  /** `deleteTopics(names)`: fails with the first topic's error, in the order given. */
  async deleteTopics(names: readonly string[]): Promise<void> {
    if (names.length === 0) return;
    const answer = await this.#call('deleteTopics', 'controller', (connection, remainingMs) =>
      this.#send(connection, API_KEYS.DeleteTopics, { topicNames: [...names], timeoutMs: Math.min(this.#config.requestTimeoutMs, remainingMs) }).then((body) =>
        this.#controllerErrors(body, body.responses),
      ),
    );
    for (const name of names) {
      const result = answer.responses.find((r) => r.name === name);
      if (result && result.errorCode !== 0) throw kafkaErrorException(result.errorCode);
    }
  }

  /** Closes every connection (the tool's `adminClient.close()`). */
  close(): void {
    this.#connections.close();
  }

  /** A controller call answered NOT_CONTROLLER for some topic: find the controller again and retry. */
  #controllerErrors<T>(body: T, results: ReadonlyArray<{ errorCode: number }>): T {
    if (results.some((result) => result.errorCode === NOT_CONTROLLER)) {
      this.#controllerId = -1;
      throw new RetryCall(kafkaErrorException(NOT_CONTROLLER), true);
    }
    return body;
  }

  async #send<K extends ApiKey>(connection: BrokerConnection, apiKey: K, body: RequestBodies[K]): Promise<ResponseBodies[K]> {
    try {
      return (await connection.send(apiKey, body)).body;
    } catch (error) {
      if (error instanceof UnsupportedApiError) throw kafkaException('UnsupportedVersionException', `The node does not support ${error.apiName}`);
      if (error instanceof BrokerDisconnectedError) throw new RetryCall(kafkaException('DisconnectException', `Cancelled in-flight request: ${connection.address} disconnected`), true);
      if (error instanceof BrokerRequestTimeoutError) throw new RetryCall(kafkaException('TimeoutException', `Call timed out: no response within ${this.#config.requestTimeoutMs} ms`), true);
      throw error;
    }
  }

  /**
   * Runs one admin call until it succeeds, fails for good or reaches its deadline. `attempt` gets a
   * connection to the target and the milliseconds left; it throws `RetryCall` to try again.
   */
  async #call<T>(callName: string, target: Target, attempt: (connection: BrokerConnection, remainingMs: number) => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.#config.defaultApiTimeoutMs;
    let tries = 0;
    for (;;) {
      this.#checkInterrupted();
      const connection = await this.#nodeFor(target, deadline);
      // Java's call waits in `pendingCalls` until its deadline, then fails with this (a retried call too).
      if (!connection) throw nodeAssignmentTimeout(callName);
      tries += 1;
      try {
        return await interruptible(attempt(connection, Math.max(1, deadline - Date.now())), this.#signal);
      } catch (error) {
        if (error instanceof RetryCall) {
          if (error.refresh) this.#metadataKnown = false;
          if (Date.now() + this.#config.retryBackoffMs >= deadline) throw this.#callTimeout(callName, deadline, tries, error.failure);
          await this.#sleep(this.#config.retryBackoffMs);
          continue;
        }
        throw error;
      }
    }
  }

  /** Java's `Call(...) timed out at ... after n attempt(s)`, caused by the last retriable failure. */
  #callTimeout(callName: string, deadline: number, tries: number, cause: JavaException): JavaException {
    if (cause.simpleName === 'TimeoutException') return cause;
    const now = Date.now();
    return new JavaException(
      'org.apache.kafka.common.errors.TimeoutException',
      `Call(callName=${callName}, deadlineMs=${deadline}, tries=${tries}, nextAllowedTryMs=${now + this.#config.retryBackoffMs}) timed out at ${now} after ${tries} attempt(s)`,
      [],
      cause,
    );
  }

  /** A connection to the call's target, fetching metadata first; undefined when the deadline passes. */
  async #nodeFor(target: Target, deadline: number): Promise<BrokerConnection | undefined> {
    for (;;) {
      if (!this.#metadataKnown) {
        const ok = await this.#refreshMetadata(deadline);
        if (!ok) return undefined;
      }
      if (target === 'least-loaded') return this.#anyConnection(deadline);
      // The controller: one attempt (after its reconnect backoff); on failure ask again who it is.
      const controller = this.#nodes.find((node) => node.id === this.#controllerId);
      if (controller) {
        const connection = await this.#connectOnce(controller, deadline);
        if (connection) return connection;
      } else {
        await this.#sleep(Math.max(0, Math.min(this.#config.retryBackoffMs, deadline - Date.now())));
      }
      if (Date.now() >= deadline) return undefined;
      this.#metadataKnown = false;
    }
  }

  /** Asks any node for the brokers and the controller; false when no node answered before the deadline. */
  async #refreshMetadata(deadline: number): Promise<boolean> {
    for (;;) {
      const connection = await this.#anyConnection(deadline);
      if (!connection) return false;
      let metadata: MetadataResponse;
      try {
        metadata = await interruptible(connection.send(API_KEYS.Metadata, { topics: [], allowAutoTopicCreation: false }), this.#signal).then((answer) => answer.body);
      } catch (error) {
        if (error instanceof BrokerDisconnectedError || error instanceof BrokerRequestTimeoutError) {
          if (Date.now() >= deadline) return false;
          continue;
        }
        throw error;
      }
      const brokers = metadata.brokers.map((broker) => ({ id: broker.nodeId, host: broker.host, port: broker.port, address: `${broker.host}:${broker.port}` }));
      if (brokers.length > 0) {
        this.#nodes = brokers;
        this.#warnings.learnBrokers(brokers.map((broker) => ({ nodeId: broker.id, host: broker.host, port: broker.port })));
      }
      this.#controllerId = metadata.controllerId ?? -1;
      this.#metadataKnown = true;
      return true;
    }
  }

  /** An open connection to any node (the least loaded one: ours carry one call at a time), or a new one. */
  async #anyConnection(deadline: number): Promise<BrokerConnection | undefined> {
    for (;;) {
      this.#checkInterrupted();
      for (const node of this.#nodes) {
        const connection = this.#connections.open(node.address);
        if (connection) return connection;
      }
      const now = Date.now();
      const ready = this.#nodes.find((node) => this.#connections.nextAttemptAt(node.address) <= now);
      if (ready) {
        const connection = await this.#connect(ready);
        if (connection) return connection;
        continue;
      }
      const next = Math.min(...this.#nodes.map((node) => this.#connections.nextAttemptAt(node.address)));
      if (next >= deadline) {
        await this.#sleep(Math.max(0, deadline - Date.now()));
        return undefined;
      }
      await this.#sleep(next - now);
    }
  }

  /** A connection to one node: the open one, or one attempt once its reconnect backoff has passed. */
  async #connectOnce(node: Node, deadline: number): Promise<BrokerConnection | undefined> {
    const open = this.#connections.open(node.address);
    if (open) return open;
    const wait = this.#connections.nextAttemptAt(node.address) - Date.now();
    if (wait > 0) {
      if (Date.now() + wait >= deadline) {
        await this.#sleep(Math.max(0, deadline - Date.now()));
        return undefined;
      }
      await this.#sleep(wait);
    }
    return this.#connect(node);
  }

  /** One connection attempt (or the one under way), given up at Ctrl-C. */
  #connect(node: Node): Promise<BrokerConnection | undefined> {
    return interruptible(this.#connections.connect(node, node.address), this.#signal);
  }

  #checkInterrupted(): void {
    if (this.#signal.aborted) throw new InterruptedError();
  }

  async #sleep(ms: number): Promise<void> {
    await pause(ms, this.#signal);
    this.#checkInterrupted();
  }
}
