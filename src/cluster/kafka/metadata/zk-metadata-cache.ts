/**
 * The broker's picture of the cluster, read from ZooKeeper and kept current with one-shot watches that
 * are re-armed on every change: live brokers (`/brokers/ids`), the controller (`/controller`), topics and
 * their assignments (`/brokers/topics[/<t>]`) and topic configs (`/config/topics/<t>`).
 *
 * Partition leader/ISR are NOT watched, as in Kafka's ZooKeeper mode (`ZkMetadataCache.updateMetadata`):
 * the controller pushes them with UpdateMetadata (`updateMetadata` here). A state znode is read once when
 * its topic first appears (so a broker knows topics created before it started), the controller re-reads
 * them on failover and on ISR change notifications (`refreshPartition`), and writes known to have
 * succeeded are recorded at once (`applyLocalWrite`: the controller's own, and a leader's ISR change as the
 * controller's AlterPartition answer gives it). Every source carries the znode's dataVersion, and the
 * newest one wins.
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

/** One partition state as UpdateMetadata carries it. */
export interface PushedPartitionState extends PartitionState {
  partition: number;
  zkVersion: number;
  replicas: number[];
}

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
  /** A partition's state changed: UpdateMetadata, a re-read of its znode, or this broker's own write. */
  partition: [string, number, CachedPartitionState];
  config: [string];
};

export class ZkMetadataCache extends TypedEmitter<MetadataCacheEvents> implements MetadataView {
  readonly #zk: ZooKeeperClient;
  readonly #log: Logger;
  readonly #clusterId: string;
  #controllerId: number | null = null;
  readonly #brokers = new Map<number, BrokerEndpoint>();
  /** The czxid of each broker's registration (Kafka's broker epoch: a re-registered broker has a new one). */
  readonly #brokerEpochs = new Map<number, bigint>();
  /** Each broker's listener name -> security protocol, from its registration. */
  readonly #securityProtocols = new Map<number, Map<string, string>>();
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

  /** The broker epoch (czxid of `/brokers/ids/<id>`), -1 when unknown. */
  brokerEpoch(id: number): bigint {
    return this.#brokerEpochs.get(id) ?? -1n;
  }

  /** The security protocol of a broker's listener, from its registration ('' when unknown). */
  listenerSecurityProtocol(id: number, listener: string): string {
    return this.#securityProtocols.get(id)?.get(listener) ?? '';
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

  /**
   * UpdateMetadata from the controller (`ZkMetadataCache.updateMetadata`): the states of `topic`'s partitions.
   * A topic this cache does not know yet (its `/brokers/topics` watch has not fired), or another incarnation
   * of it (another topic id), is skipped: loading the topic reads its states from ZooKeeper anyway.
   * Returns how many partition states changed.
   */
  updateMetadata(topic: string, topicId: string | null, states: readonly PushedPartitionState[]): number {
    const cached = this.#topics.get(topic);
    if (!cached || (topicId && cached.topicId && topicId !== cached.topicId)) return 0;
    let changed = 0;
    for (const pushed of states) {
      const current = cached.states.get(pushed.partition);
      if (current && current.zkVersion >= pushed.zkVersion) continue;
      const next: CachedPartitionState = {
        leader: pushed.leader,
        leaderEpoch: pushed.leaderEpoch,
        isr: [...pushed.isr],
        controllerEpoch: pushed.controllerEpoch,
        zkVersion: pushed.zkVersion,
      };
      cached.states.set(pushed.partition, next);
      changed++;
      this.emit('partition', topic, pushed.partition, next);
    }
    return changed;
  }

  /** Re-reads every partition state of every known topic (a new controller's `initializeControllerContext`). */
  async refreshAllPartitions(): Promise<void> {
    const reads: Array<Promise<void>> = [];
    for (const topic of this.#topics.values()) for (const partition of topic.assignment.keys()) reads.push(this.#loadState(topic.name, partition));
    await Promise.all(reads);
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
    const epochs = new Map<number, bigint>();
    const protocols = new Map<number, Map<string, string>>();
    await Promise.all(
      [...live].map(async (id) => {
        try {
          const { data, stat } = await this.#zk.getData(ZkPaths.brokerId(id));
          const registration = decodeBrokerRegistration(id, ZkPaths.brokerId(id), data);
          epochs.set(id, stat.czxid);
          protocols.set(id, new Map(registration.listeners.map((endpoint) => [endpoint.listener, endpoint.securityProtocol])));
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
    this.#brokerEpochs.clear();
    for (const [id, epoch] of epochs) this.#brokerEpochs.set(id, epoch);
    this.#securityProtocols.clear();
    for (const [id, map] of protocols) this.#securityProtocols.set(id, map);
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

  /** Reads a state znode once, without a watch: after that, the controller's UpdateMetadata keeps it current. */
  async #loadState(topic: string, partition: number): Promise<void> {
    const path = ZkPaths.partitionState(topic, partition);
    if (!this.#topics.has(topic)) return;
    let result: { data: Uint8Array; stat: { version: number } };
    try {
      result = await this.#zk.getData(path);
    } catch (error) {
      if (isZkError(error, ErrorCode.NONODE)) return;
      throw error;
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
