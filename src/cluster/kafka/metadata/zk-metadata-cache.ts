/**
 * The broker's picture of the cluster, read from ZooKeeper and kept current with one-shot watches that
 * are re-armed on every change: live brokers (`/brokers/ids`), the controller (`/controller`), topics and
 * their assignments (`/brokers/topics[/<t>]`), partition leader/ISR (`.../partitions/<p>/state`) and topic
 * configs (`/config/topics/<t>`).
 *
 * Kafka's ZK-mode brokers get partition state pushed by the controller (UpdateMetadata/LeaderAndIsr);
 * watching the state znodes instead gives the same result with nothing but ZooKeeper between brokers,
 * so it works across processes and on a real ZooKeeper.
 */
import type { Logger } from '../../logger.ts';
import { TypedEmitter } from '../../typed-emitter.ts';
import { ErrorCode } from '../../zookeeper/client/index.ts';
import type { Watcher, ZooKeeperClient } from '../../zookeeper/client/index.ts';
import type { BrokerEndpoint, MetadataView, PartitionMetadata, TopicMetadata } from '../broker/broker-services.ts';
import { isZkError } from '../zk/kafka-zk.ts';
import { ZkPaths } from '../zk/znode-paths.ts';
import { decodeBrokerRegistration, decodeEntityConfig, decodePartitionState, decodeTopicAssignment } from '../zk/znode-json.ts';
import type { PartitionState, TopicAssignment } from '../zk/znode-json.ts';

export const OFFSETS_TOPIC = '__consumer_offsets';

export interface CachedPartitionState extends PartitionState {
  /** dataVersion of the state znode. */
  zkVersion: number;
}

export interface CachedTopic {
  name: string;
  topicId: string;
  assignment: Map<number, number[]>;
  /** dataVersion of `/brokers/topics/<t>`. */
  assignmentVersion: number;
  /** Partitions being reassigned: replicas being added / removed (`adding_replicas`, `removing_replicas`). */
  adding: Map<number, number[]>;
  removing: Map<number, number[]>;
  states: Map<number, CachedPartitionState>;
  config: Record<string, string>;
}

export type MetadataCacheEvents = {
  /** `/brokers/ids` changed: the live broker ids now. */
  brokers: [ReadonlySet<number>];
  controller: [number | null];
  /** A topic appeared or its assignment changed. */
  topic: [string];
  'topic-deleted': [string];
  /** A partition's state znode was (re)read with a new version. */
  partition: [string, number, CachedPartitionState];
  config: [string];
};

export class ZkMetadataCache extends TypedEmitter<MetadataCacheEvents> implements MetadataView {
  readonly #zk: ZooKeeperClient;
  readonly #log: Logger;
  readonly #clusterId: string;
  #controllerId: number | null = null;
  readonly #brokers = new Map<number, BrokerEndpoint>();
  readonly #topics = new Map<string, CachedTopic>();
  readonly #watchers = new Map<string, Watcher>();
  #closed = false;

  constructor(zk: ZooKeeperClient, clusterId: string, logger: Logger) {
    super();
    this.#zk = zk;
    this.#clusterId = clusterId;
    this.#log = logger;
  }

  /** Reads everything once and arms the watches. */
  async start(): Promise<void> {
    await Promise.all([this.#loadBrokers(), this.#loadController(), this.#loadTopics()]);
  }

  /** Stops reacting to watches (they stay registered on the session until it closes). */
  close(): void {
    this.#closed = true;
  }

  // ---- MetadataView ---------------------------------------------------------------------------------

  clusterId(): string {
    return this.#clusterId;
  }

  controllerId(): number | null {
    return this.#controllerId;
  }

  liveBrokers(): readonly BrokerEndpoint[] {
    return [...this.#brokers.values()].sort((a, b) => a.id - b.id);
  }

  liveBrokerIds(): Set<number> {
    return new Set(this.#brokers.keys());
  }

  broker(id: number): BrokerEndpoint | undefined {
    return this.#brokers.get(id);
  }

  topic(name: string): TopicMetadata | undefined {
    const cached = this.#topics.get(name);
    return cached ? toTopicMetadata(cached) : undefined;
  }

  topics(): readonly TopicMetadata[] {
    return [...this.#topics.values()].sort((a, b) => (a.name < b.name ? -1 : 1)).map(toTopicMetadata);
  }

  /** The raw cached topic (with znode versions), for the controller and the replica manager. */
  cachedTopic(name: string): CachedTopic | undefined {
    return this.#topics.get(name);
  }

  cachedTopics(): IterableIterator<CachedTopic> {
    return this.#topics.values();
  }

  /** Records a state this broker just wrote (so the next decision does not use a stale version). */
  applyLocalWrite(topic: string, partition: number, state: PartitionState, zkVersion: number): void {
    const cached = this.#topics.get(topic);
    if (!cached) return;
    const current = cached.states.get(partition);
    if (current && current.zkVersion >= zkVersion) return;
    const next = { ...state, zkVersion };
    cached.states.set(partition, next);
    this.emit('partition', topic, partition, next);
  }

  /** Records a topic assignment this broker just wrote (the controller moving a reassignment on). */
  applyLocalAssignment(topic: string, assignment: TopicAssignment, zkVersion: number): void {
    const cached = this.#topics.get(topic);
    if (!cached || cached.assignmentVersion >= zkVersion) return;
    cached.assignment = assignment.partitions;
    cached.adding = assignment.adding ?? new Map();
    cached.removing = assignment.removing ?? new Map();
    cached.assignmentVersion = zkVersion;
    this.emit('topic', topic);
  }

  /** Re-reads one partition state now (after a conditional write lost a race). */
  async refreshPartition(topic: string, partition: number): Promise<CachedPartitionState | undefined> {
    await this.#loadState(topic, partition);
    return this.#topics.get(topic)?.states.get(partition);
  }

  // ---- loading ----------------------------------------------------------------------------------------

  #watcher(key: string, reload: () => Promise<void>): Watcher {
    let watcher = this.#watchers.get(key);
    if (!watcher) {
      watcher = () => {
        if (!this.#closed) this.#guard(key, reload());
      };
      this.#watchers.set(key, watcher);
    }
    return watcher;
  }

  #guard(what: string, work: Promise<void>): void {
    work.catch((error: unknown) => {
      if (this.#closed) return;
      if (isZkError(error, ErrorCode.SESSIONEXPIRED) || isZkError(error, ErrorCode.CONNECTIONLOSS)) {
        this.#log.debug('metadata reload interrupted', { what, error: String(error) });
        return;
      }
      this.#log.warn('metadata reload failed', { what, error: String(error) });
    });
  }

  async #loadBrokers(): Promise<void> {
    const ids = await this.#zk.getChildren(ZkPaths.brokerIds, this.#watcher('brokers', () => this.#loadBrokers()));
    const live = new Set(ids.map(Number).filter((id) => Number.isInteger(id)));
    const fresh = new Map<number, BrokerEndpoint>();
    await Promise.all(
      [...live].map(async (id) => {
        try {
          const { data } = await this.#zk.getData(ZkPaths.brokerId(id));
          const registration = decodeBrokerRegistration(id, ZkPaths.brokerId(id), data);
          fresh.set(id, {
            id,
            host: registration.host,
            port: registration.port,
            rack: registration.rack,
            listeners: new Map(registration.listeners.map((endpoint) => [endpoint.listener, { host: endpoint.host, port: endpoint.port }])),
          });
        } catch (error) {
          if (!isZkError(error, ErrorCode.NONODE)) this.#log.warn('unreadable broker registration', { id, error: String(error) });
        }
      }),
    );
    if (this.#closed) return;
    this.#brokers.clear();
    for (const id of [...fresh.keys()].sort((a, b) => a - b)) this.#brokers.set(id, fresh.get(id)!);
    this.emit('brokers', this.liveBrokerIds());
  }

  async #loadController(): Promise<void> {
    const watch = this.#watcher('controller', () => this.#loadController());
    let id: number | null = null;
    try {
      const { data } = await this.#zk.getData(ZkPaths.controller, watch);
      id = JSON.parse(new TextDecoder().decode(data)).brokerid ?? null;
    } catch (error) {
      if (!isZkError(error, ErrorCode.NONODE)) throw error;
      const stat = await this.#zk.exists(ZkPaths.controller, watch);
      if (stat) return this.#loadController();
    }
    if (this.#closed) return;
    if (id !== this.#controllerId) {
      this.#controllerId = id;
      this.emit('controller', id);
    }
  }

  async #loadTopics(): Promise<void> {
    const names = await this.#zk.getChildren(ZkPaths.topics, this.#watcher('topics', () => this.#loadTopics()));
    const present = new Set(names);
    for (const name of [...this.#topics.keys()]) {
      if (!present.has(name)) {
        this.#topics.delete(name);
        this.emit('topic-deleted', name);
      }
    }
    await Promise.all(names.filter((name) => !this.#topics.has(name)).map((name) => this.#loadTopic(name)));
  }

  async #loadTopic(name: string): Promise<void> {
    const path = ZkPaths.topic(name);
    let data: Uint8Array;
    let version: number;
    try {
      const result = await this.#zk.getData(path, this.#watcher(`topic:${name}`, () => this.#loadTopic(name)));
      data = result.data;
      version = result.stat.version;
    } catch (error) {
      if (isZkError(error, ErrorCode.NONODE)) return;
      throw error;
    }
    if (this.#closed) return;
    const assignment = decodeTopicAssignment(path, data);
    let cached = this.#topics.get(name);
    if (cached && cached.assignmentVersion > version) return;
    const isNew = !cached;
    if (!cached) {
      cached = {
        name,
        topicId: assignment.topicId ?? '',
        assignment: assignment.partitions,
        assignmentVersion: version,
        adding: assignment.adding ?? new Map(),
        removing: assignment.removing ?? new Map(),
        states: new Map(),
        config: {},
      };
      this.#topics.set(name, cached);
    } else {
      cached.assignment = assignment.partitions;
      cached.assignmentVersion = version;
      cached.adding = assignment.adding ?? new Map();
      cached.removing = assignment.removing ?? new Map();
      if (assignment.topicId) cached.topicId = assignment.topicId;
    }
    const topic = cached;
    const loads = [...assignment.partitions.keys()].filter((p) => !topic.states.has(p)).map((p) => this.#loadState(name, p));
    if (isNew) loads.push(this.#loadConfig(name));
    this.emit('topic', name);
    await Promise.all(loads);
  }

  async #loadState(topic: string, partition: number): Promise<void> {
    const path = ZkPaths.partitionState(topic, partition);
    const watch = this.#watcher(`state:${topic}:${partition}`, () => this.#loadState(topic, partition));
    if (!this.#topics.has(topic)) return;
    let result: { data: Uint8Array; stat: { version: number } };
    try {
      result = await this.#zk.getData(path, watch);
    } catch (error) {
      if (!isZkError(error, ErrorCode.NONODE)) throw error;
      const stat = await this.#zk.exists(path, watch);
      if (stat) return this.#loadState(topic, partition);
      return;
    }
    const cached = this.#topics.get(topic);
    if (!cached || this.#closed) return;
    const current = cached.states.get(partition);
    if (current && current.zkVersion >= result.stat.version) return;
    const state = { ...decodePartitionState(path, result.data), zkVersion: result.stat.version };
    cached.states.set(partition, state);
    this.emit('partition', topic, partition, state);
  }

  async #loadConfig(topic: string): Promise<void> {
    const path = ZkPaths.topicConfig(topic);
    const watch = this.#watcher(`config:${topic}`, () => this.#loadConfig(topic));
    let config: Record<string, string> = {};
    try {
      const { data } = await this.#zk.getData(path, watch);
      config = decodeEntityConfig(path, data);
    } catch (error) {
      if (!isZkError(error, ErrorCode.NONODE)) throw error;
      await this.#zk.exists(path, watch);
    }
    const cached = this.#topics.get(topic);
    if (!cached || this.#closed) return;
    cached.config = config;
    this.emit('config', topic);
  }
}

function toTopicMetadata(topic: CachedTopic): TopicMetadata {
  const partitions: PartitionMetadata[] = [];
  for (const [partition, replicas] of [...topic.assignment].sort((a, b) => a[0] - b[0])) {
    const state = topic.states.get(partition);
    if (!state) continue;
    partitions.push({ topic: topic.name, partition, leader: state.leader, leaderEpoch: state.leaderEpoch, replicas, isr: state.isr });
  }
  return { name: topic.name, topicId: topic.topicId, internal: topic.name === OFFSETS_TOPIC, partitions, partitionCount: topic.assignment.size };
}
