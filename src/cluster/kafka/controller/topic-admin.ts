/**
 * Topic administration in ZooKeeper mode (Kafka's `ZkAdminManager` + `AdminZkClient`): validates a request,
 * places replicas on the live brokers, and writes `/config/topics/<t>` + `/brokers/topics/<t>`; the
 * controller then gives the partitions leaders. Also auto-creation (Metadata for an unknown topic,
 * FindCoordinator before `__consumer_offsets` exists), deletion requests, added partitions and configs.
 */
import type { Logger } from '../../logger.ts';
import { ErrorCode } from '../../zookeeper/client/index.ts';
import type { BrokerConfig } from '../broker-config.ts';
import { KAFKA_ERRORS, KafkaProtocolError } from '../protocol/index.ts';
import type { KafkaErrorName } from '../protocol/index.ts';
import { OFFSETS_TOPIC } from '../metadata/zk-metadata-cache.ts';
import type { ZkMetadataCache } from '../metadata/zk-metadata-cache.ts';
import { isZkError } from '../zk/kafka-zk.ts';
import type { KafkaZk } from '../zk/kafka-zk.ts';
import { AssignmentError, assignReplicas } from './replica-assignment.ts';
import { validateTopicConfig } from './topic-configs.ts';

const LEGAL_TOPIC = /^[a-zA-Z0-9._-]+$/;
const MAX_TOPIC_NAME = 249;

export function topicError(name: KafkaErrorName, detail: string): KafkaProtocolError {
  return new KafkaProtocolError(KAFKA_ERRORS[name], detail);
}

/**
 * Kafka's `Topic.validate` (3.x, `validate(name, "Topic name", InvalidTopicException::new)`): the reason a
 * name is invalid, or null.
 */
export function invalidTopicNameReason(name: string): string | null {
  const invalid = (reason: string) => `Topic name is invalid: ${reason}`;
  if (name.length === 0) return invalid('the empty string is not allowed');
  if (name === '.' || name === '..') return invalid(`'${name}' is not allowed`);
  if (name.length > MAX_TOPIC_NAME) return invalid(`the length of '${name}' is longer than the max allowed length ${MAX_TOPIC_NAME}`);
  if (!LEGAL_TOPIC.test(name)) return invalid(`'${name}' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'`);
  return null;
}

export interface NewTopic {
  name: string;
  /** -1: `num.partitions`. */
  numPartitions: number;
  /** -1: `default.replication.factor`. */
  replicationFactor: number;
  /** Manual assignment (partition -> broker ids), instead of numPartitions/replicationFactor. */
  assignments?: Map<number, number[]>;
  configs?: Record<string, string>;
  /** Configs given without a value (refused: INVALID_CONFIG). */
  nullConfigs?: string[];
}

/** What `createTopic` placed: the counts CreateTopics v5+ answers, and the new topic's id (null when only validated). */
export interface CreatedTopic {
  numPartitions: number;
  replicationFactor: number;
  /** Base64 topic id, as `/brokers/topics/<t>` holds it. */
  topicId: string | null;
}

/** What the controller offers `waitForLeaders` (implemented by `KafkaController`). */
export interface LeaderReadiness {
  /** True when `leader` has taken up `leaderEpoch` of the partition, or this broker is not the controller. */
  leaderTookOver(topic: string, partition: number, leader: number, leaderEpoch: number): boolean;
  /** Called after every controller request answered (a leader may have taken over). */
  on(event: 'request', listener: () => void): () => void;
}

export class TopicAdmin {
  readonly #zk: KafkaZk;
  readonly #cache: ZkMetadataCache;
  readonly #config: BrokerConfig;
  readonly #log: Logger;

  /** On the controller: whether a partition's leader has taken up its leadership (see `useLeaderReadiness`). */
  #readiness: LeaderReadiness | null = null;

  constructor(zk: KafkaZk, cache: ZkMetadataCache, config: BrokerConfig, logger: Logger) {
    this.#zk = zk;
    this.#cache = cache;
    this.#config = config;
    this.#log = logger;
  }

  /**
   * Validates and writes a topic; `validateOnly` stops before writing. Throws `KafkaProtocolError`. The
   * checks come in Kafka's order (`ZkAdminManager.createTopics`, then `AdminZkClient.validateTopicCreate`):
   * existing topic, null configs, counts together with an assignment, the placement (RF above the live
   * brokers), the name, name collisions, the assignment's shape, the configs. As in ZooKeeper-mode Kafka,
   * an assignment may name brokers that are not registered (their replicas come up when they do).
   */
  async createTopic(topic: NewTopic, validateOnly = false): Promise<CreatedTopic> {
    if (this.#cache.cachedTopic(topic.name)) throw topicError('TOPIC_ALREADY_EXISTS', `Topic '${topic.name}' already exists.`);
    if (topic.nullConfigs && topic.nullConfigs.length > 0) throw topicError('INVALID_CONFIG', `Null value not supported for topic configs: ${topic.nullConfigs.join(',')}`);
    const manual = topic.assignments && topic.assignments.size > 0;
    if ((topic.numPartitions !== -1 || topic.replicationFactor !== -1) && manual) {
      throw topicError('INVALID_REQUEST', 'Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.');
    }
    let assignment: Map<number, number[]>;
    if (manual) assignment = new Map(topic.assignments);
    else {
      const partitions = topic.numPartitions === -1 ? this.#config.numPartitions : topic.numPartitions;
      const replicationFactor = topic.replicationFactor === -1 ? this.#config.defaultReplicationFactor : topic.replicationFactor;
      assignment = this.#assign({ brokers: [...this.#cache.liveBrokerIds()], partitions, replicationFactor });
    }
    const configs = topic.configs ?? {};
    this.#validateTopicCreate(topic.name, assignment, configs);
    assignment = new Map([...assignment].sort((a, b) => a[0] - b[0]));
    // `ZkAdminManager.maybePopulateMetadataAndConfigs`: the counts of the assignment, even when only validated.
    const created: CreatedTopic = { numPartitions: assignment.size, replicationFactor: assignment.get(0)?.length ?? 0, topicId: null };
    if (validateOnly) return created;
    try {
      created.topicId = await this.#zk.createTopic(topic.name, assignment, configs);
    } catch (error) {
      if (isZkError(error, ErrorCode.NODEEXISTS)) throw topicError('TOPIC_ALREADY_EXISTS', `Topic '${topic.name}' already exists.`);
      throw error;
    }
    this.#log.info('topic created', { topic: topic.name, partitions: assignment.size, replicationFactor: assignment.get(0)?.length });
    return created;
  }

  /** `AdminZkClient.validateTopicCreate`. */
  #validateTopicCreate(name: string, assignment: ReadonlyMap<number, number[]>, configs: Record<string, string>): void {
    const invalid = invalidTopicNameReason(name);
    if (invalid) throw topicError('INVALID_TOPIC_EXCEPTION', invalid);
    if (this.#cache.cachedTopic(name)) throw topicError('TOPIC_ALREADY_EXISTS', `Topic '${name}' already exists.`);
    // `Topic.hasCollision`: '.' and '_' collide in metric names.
    if (/[._]/.test(name)) {
      const unified = name.replaceAll('.', '_');
      const colliding = [...this.#cache.cachedTopics()].filter((t) => t.name !== name && t.name.replaceAll('.', '_') === unified).map((t) => t.name);
      if (colliding.length > 0) throw topicError('INVALID_TOPIC_EXCEPTION', `Topic '${name}' collides with existing topics: ${colliding.join(', ')}`);
    }
    const entries = [...assignment].sort((a, b) => a[0] - b[0]);
    if (new Set(entries.map(([, replicas]) => replicas.length)).size !== 1) throw topicError('INVALID_REPLICA_ASSIGNMENT', 'All partitions should have the same number of replicas');
    if (entries.some(([, replicas]) => new Set(replicas).size !== replicas.length)) {
      // Scala's `mutable.HashMap(0 -> ArrayBuffer(1, 1))`.
      const shown = entries.map(([partition, replicas]) => `${partition} -> ArrayBuffer(${replicas.join(', ')})`).join(', ');
      throw topicError('INVALID_REPLICA_ASSIGNMENT', `Duplicate replica assignment found: HashMap(${shown})`);
    }
    const size = entries.length;
    const sum = entries.reduce((total, [partition]) => total + (partition >= 0 ? partition : 0), 0);
    if (sum !== (size * (size - 1)) / 2) throw topicError('INVALID_REPLICA_ASSIGNMENT', 'partitions should be a consecutive 0-based integer sequence');
    const configProblem = validateTopicConfig(configs);
    if (configProblem) throw topicError('INVALID_CONFIG', configProblem);
  }

  /**
   * Auto-creation with the broker defaults (`num.partitions`, `default.replication.factor`; for
   * `__consumer_offsets`: `offsets.topic.num.partitions` and `offsets.topic.replication.factor`, which,
   * as in Kafka, fails until that many brokers are alive). Resolves with the error to answer:
   * LEADER_NOT_AVAILABLE once the topic exists (its leaders are being elected), or why it could not be
   * created.
   */
  async autoCreateTopic(name: string): Promise<KafkaErrorName> {
    if (this.#cache.cachedTopic(name)) return 'LEADER_NOT_AVAILABLE';
    try {
      if (name === OFFSETS_TOPIC) {
        await this.createTopic({
          name,
          numPartitions: this.#config.offsetsTopicNumPartitions,
          replicationFactor: this.#config.offsetsTopicReplicationFactor,
          configs: { 'cleanup.policy': 'compact', 'compression.type': 'producer', 'segment.bytes': '104857600' },
        });
      } else {
        await this.createTopic({ name, numPartitions: -1, replicationFactor: -1 });
      }
      return 'LEADER_NOT_AVAILABLE';
    } catch (error) {
      if (error instanceof KafkaProtocolError) {
        if (error.entry.name === 'TOPIC_ALREADY_EXISTS') return 'LEADER_NOT_AVAILABLE';
        // Kafka's ZkAdminManager: "Error processing create topic request" at info, with the reason.
        this.#log.info('auto topic creation failed', { topic: name, error: error.message });
        return error.entry.name as KafkaErrorName;
      }
      this.#log.warn('auto topic creation failed', { topic: name, error: String(error) });
      return 'UNKNOWN_SERVER_ERROR';
    }
  }

  /** DeleteTopics: queues the deletion for the controller. */
  async deleteTopic(name: string): Promise<void> {
    if (!this.#cache.cachedTopic(name)) throw topicError('UNKNOWN_TOPIC_OR_PARTITION', `Topic '${name}' does not exist.`);
    if (!this.#config.deleteTopicEnable) throw topicError('TOPIC_DELETION_DISABLED', 'Topic deletion is disabled (delete.topic.enable=false).');
    await this.#zk.requestTopicDeletion(name);
  }

  /**
   * CreatePartitions: grows a topic to `count` partitions, with Kafka's checks in Kafka's order
   * (`ZkAdminManager.createPartitions`, `AdminZkClient.createNewPartitionsAssignment`).
   */
  async createPartitions(name: string, count: number, assignments: number[][] | null, validateOnly: boolean): Promise<void> {
    const topic = this.#cache.cachedTopic(name);
    if (topic && (topic.adding.size > 0 || topic.removing.size > 0)) {
      throw topicError('REASSIGNMENT_IN_PROGRESS', `A partition reassignment is in progress for the topic '${name}'.`);
    }
    if (!topic) throw topicError('UNKNOWN_TOPIC_OR_PARTITION', `The topic '${name}' does not exist.`);
    const existing = topic.assignment.size;
    if (count < existing) throw topicError('INVALID_PARTITIONS', `Topic currently has ${existing} partitions, which is higher than the requested ${count}.`);
    if (count === existing) throw topicError('INVALID_PARTITIONS', `Topic already has ${existing} partitions.`);
    const live = [...this.#cache.liveBrokerIds()].sort((a, b) => a - b);
    const replicationFactor = topic.assignment.get(0)?.length ?? 1;
    let added: Map<number, number[]>;
    if (assignments) {
      const unknown = [...new Set(assignments.flat())].filter((id) => !live.includes(id));
      if (unknown.length > 0) throw topicError('INVALID_REPLICA_ASSIGNMENT', `Unknown broker(s) in replica assignment: ${unknown.join(', ')}.`);
      if (assignments.length !== count - existing) {
        throw topicError('INVALID_REPLICA_ASSIGNMENT', `Increasing the number of partitions by ${count - existing} but ${assignments.length} assignments provided.`);
      }
      added = new Map(assignments.map((replicas, i) => [existing + i, replicas]));
      this.#validateReplicaAssignment(added, replicationFactor);
    } else {
      const first = topic.assignment.get(0)?.[0] ?? live[0];
      const startIndex = Math.max(0, live.findIndex((id) => id >= first));
      added = this.#assign({ brokers: live, partitions: count - existing, replicationFactor, startPartitionId: existing, fixedStartIndex: startIndex });
    }
    if (validateOnly) return;
    const merged = new Map([...topic.assignment, ...added]);
    try {
      await this.#zk.updateTopicAssignment(name, { partitions: merged, topicId: topic.topicId || null }, topic.assignmentVersion);
    } catch (error) {
      if (isZkError(error, ErrorCode.BADVERSION)) throw topicError('REASSIGNMENT_IN_PROGRESS', `A partition reassignment is in progress for the topic '${name}'.`);
      throw error;
    }
    this.#log.info('partitions added', { topic: name, from: existing, to: count });
  }

  /** `AdminZkClient.validateReplicaAssignment` for the added partitions (brokers were checked before). */
  #validateReplicaAssignment(assignment: ReadonlyMap<number, number[]>, expectedReplicationFactor: number): void {
    const entries = [...assignment].sort((a, b) => a[0] - b[0]);
    for (const [partition, replicas] of entries) {
      if (replicas.length === 0) throw topicError('INVALID_REPLICA_ASSIGNMENT', `Cannot have replication factor of 0 for partition id ${partition}.`);
      if (new Set(replicas).size !== replicas.length) {
        throw topicError('INVALID_REPLICA_ASSIGNMENT', `Duplicate brokers not allowed in replica assignment: ${replicas.join(', ')} for partition id ${partition}.`);
      }
    }
    const bad = entries.filter(([, replicas]) => replicas.length !== expectedReplicationFactor);
    if (bad.length > 0) {
      throw topicError(
        'INVALID_REPLICA_ASSIGNMENT',
        `Inconsistent replication factor between partitions, partition 0 has ${expectedReplicationFactor} while partitions [${bad.map(([p]) => p).join(', ')}] ` +
          `have replication factors [${bad.map(([, r]) => r.length).join(', ')}], respectively.`,
      );
    }
  }

  /** AlterConfigs on a topic: replaces its overrides (non-incremental, as AlterConfigs does). */
  async setTopicConfig(name: string, configs: Record<string, string>, validateOnly: boolean): Promise<void> {
    if (!this.#cache.cachedTopic(name)) throw topicError('UNKNOWN_TOPIC_OR_PARTITION', `Topic ${name} does not exist.`);
    const problem = validateTopicConfig(configs);
    if (problem) throw topicError('INVALID_CONFIG', problem);
    if (!validateOnly) await this.#zk.setTopicConfig(name, configs);
  }

  /**
   * The controller tells when a leader has taken up its leadership (answered the LeaderAndIsr naming it):
   * `waitForLeaders` then also waits for that, so a topic is ready for produce when CreateTopics answers.
   */
  useLeaderReadiness(readiness: LeaderReadiness): void {
    this.#readiness = readiness;
  }

  /**
   * Resolves once every partition of `name` has a leader (true), or after `timeoutMs` (false). Kafka's
   * CreateTopics/CreatePartitions wait the same way (`DelayedCreatePartitions`); on the controller, the
   * leaders must also have taken up their leadership (a leader that cannot be reached is not waited for).
   */
  waitForLeaders(name: string, timeoutMs: number, expectedPartitions?: number): Promise<boolean> {
    const ready = () => {
      const topic = this.#cache.cachedTopic(name);
      if (!topic) return false;
      if (expectedPartitions !== undefined && topic.assignment.size < expectedPartitions) return false;
      for (const partition of topic.assignment.keys()) {
        const state = topic.states.get(partition);
        if (!state || state.leader < 0) return false;
        if (this.#readiness && !this.#readiness.leaderTookOver(name, partition, state.leader, state.leaderEpoch)) return false;
      }
      return true;
    };
    return this.#waitFor(ready, timeoutMs);
  }

  /** Resolves once `name` is gone from the metadata (true) or after `timeoutMs` (false). */
  waitForDeletion(name: string, timeoutMs: number): Promise<boolean> {
    return this.#waitFor(() => !this.#cache.cachedTopic(name), timeoutMs);
  }

  #waitFor(ready: () => boolean, timeoutMs: number): Promise<boolean> {
    if (ready()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const offs: Array<() => void> = [];
      const finish = (value: boolean) => {
        clearTimeout(timer);
        for (const off of offs) off();
        resolve(value);
      };
      const check = () => {
        if (ready()) finish(true);
      };
      const timer = setTimeout(() => finish(ready()), Math.max(0, timeoutMs));
      offs.push(this.#cache.on('partition', check), this.#cache.on('topic', check), this.#cache.on('topic-deleted', check));
      if (this.#readiness) offs.push(this.#readiness.on('request', check));
    });
  }

  #assign(request: Parameters<typeof assignReplicas>[0]): Map<number, number[]> {
    try {
      return assignReplicas(request);
    } catch (error) {
      if (error instanceof AssignmentError) throw topicError(error.errorName, error.message);
      throw error;
    }
  }
}
