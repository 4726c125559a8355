/**
 * Every partition replica on this broker (Kafka's `ReplicaManager`): becomes leader or follower when the
 * controller says so (LeaderAndIsr, `handlers/leader-and-isr.ts` -> `hostReplica` / `makeLeaderOrFollower`),
 * stops or deletes replicas on StopReplica, appends produced batches, serves reads, runs the follower
 * fetchers, and as leader keeps the ISR honest: shrinks it after `replica.lag.time.max.ms`, grows it when a
 * follower catches up, asking the controller for each change with AlterPartition
 * (`alter-partition-manager.ts`): the controller writes the state znode and tells every broker.
 */
import { isIsrEligible } from './isr-eligibility.ts';
import type { Logger } from '../../logger.ts';
import type { Transport } from '../../transport/transport.ts';
import { TypedEmitter } from '../../typed-emitter.ts';
import type { BrokerConfig } from '../broker-config.ts';
import type { BrokerStorage } from '../log/broker-storage.ts';
import { LogRetention } from './log-retention.ts';
import { replicaLogCleaner } from './replica-log-cleaner.ts';
import type { LogCleanerService } from '../log/cleaner/log-cleaner-service.ts';
import { partitionLogFactory } from './partition-log-factory.ts';
import type { PartitionLogFactory } from './partition-log-factory.ts';
import { OFFSETS_TOPIC } from '../metadata/zk-metadata-cache.ts';
import type { ZkMetadataCache } from '../metadata/zk-metadata-cache.ts';
import type { KafkaZk } from '../zk/kafka-zk.ts';
import { AlterPartitionManager } from './alter-partition-manager.ts';
import { Partition } from './partition.ts';
import type { LeaderAppendResult, PartitionLeadership } from './partition.ts';
import { ReplicaFetcher } from './replica-fetcher.ts';
import { expireProducers, scheduleProducerExpiration } from './producer-expiration.ts';

export interface ReplicaManagerOptions {
  brokerId: number;
  config: BrokerConfig;
  cache: ZkMetadataCache;
  zk: KafkaZk;
  transport: Transport;
  /** The listener followers dial leaders on (`inter.broker.listener.name`); default PLAINTEXT. */
  interBrokerListenerName?: string;
  logger: Logger;
  storage?: BrokerStorage;
  /** Replicas of a previous ZooKeeper session of this broker (after an expiry): their logs are kept. */
  carriedPartitions?: readonly Partition[];
}

export type ReplicaManagerEvents = {
  /** This broker became (true) or stopped being (false) the leader of a partition. */
  leadership: [string, number, boolean];
};

/** AlterPartition answers that mean the leader is behind the controller: a LeaderAndIsr is on its way. */
const AWAITING_METADATA: ReadonlySet<string> = new Set(['FENCED_LEADER_EPOCH', 'INVALID_UPDATE_VERSION', 'UNKNOWN_TOPIC_OR_PARTITION', 'UNKNOWN_TOPIC_ID', 'INVALID_REQUEST', 'NEW_LEADER_ELECTED']);

export function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

export class ReplicaManager extends TypedEmitter<ReplicaManagerEvents> {
  readonly brokerId: number;
  readonly config: BrokerConfig;
  readonly cache: ZkMetadataCache;
  readonly zk: KafkaZk;
  readonly transport: Transport;
  readonly interBrokerListenerName: string;
  readonly log: Logger;
  readonly storage: BrokerStorage | undefined;
  readonly #carried: readonly Partition[];
  readonly #partitions = new Map<string, Partition>();
  /** The topic id each replica's log belongs to, as recorded in storage (`partition.metadata`). */
  readonly #topicIds = new Map<string, string>();
  readonly #fetchers = new Map<number, ReplicaFetcher>();
  /** Which fetcher each followed partition is in. */
  readonly #fetcherOf = new Map<string, number>();
  #unsubscribe: Array<() => void> = [];
  readonly #alterPartition: AlterPartitionManager;
  /** The newest controller epoch seen in a controller request (Kafka's `ReplicaManager.controllerEpoch`). */
  controllerEpoch = 0;
  #isrTimer: ReturnType<typeof setInterval> | undefined;
  #stopProducerExpiration: (() => void) | undefined;
  readonly #logs: PartitionLogFactory;
  readonly #retention: LogRetention;
  /** The log cleaner of this broker's compacted replicas (`log.cleaner.*`). */
  readonly cleaner: LogCleanerService;
  #running = false;

  constructor(options: ReplicaManagerOptions) {
    super();
    this.brokerId = options.brokerId;
    this.config = options.config;
    this.cache = options.cache;
    this.zk = options.zk;
    this.transport = options.transport;
    this.interBrokerListenerName = options.interBrokerListenerName ?? 'PLAINTEXT';
    this.log = options.logger;
    this.storage = options.storage;
    this.#carried = options.carriedPartitions ?? [];
    this.#alterPartition = new AlterPartitionManager({
      brokerId: this.brokerId,
      transport: this.transport,
      listenerName: this.interBrokerListenerName,
      controllerId: () => this.cache.controllerId(),
      brokerEndpoint: (id) => this.cache.broker(id),
      brokerEpoch: () => this.cache.brokerEpoch(this.brokerId),
      topicId: (topic) => this.cache.cachedTopic(topic)?.topicId,
      logger: options.logger,
    });
    this.#logs = partitionLogFactory(this.cache, () => this.config, this.storage);
    this.#retention = new LogRetention({ partitions: () => this.#partitions.values(), intervalMs: () => this.config.logRetentionCheckIntervalMs, logger: this.log });
    this.cleaner = replicaLogCleaner({ partitions: () => this.#partitions.values(), cache: this.cache, config: () => this.config, logger: this.log.child('log-cleaner'), storage: this.storage });
  }

  get running(): boolean {
    return this.#running;
  }

  /** Restores stored logs, then follows the metadata cache. */
  async start(): Promise<void> {
    this.#running = true;
    if (this.#carried.length > 0) {
      for (const old of this.#carried) {
        const partition = new Partition(old.topic, old.partition, this.brokerId, old.log, this.log);
        partition.restoreHighWatermark(old.highWatermark);
        expireProducers(partition, this.config, this.log);
        this.#partitions.set(partitionKey(old.topic, old.partition), partition);
      }
    } else if (this.storage) {
      for (const stored of await this.storage.loadPartitions()) {
        const log = this.#logs.restore(stored);
        const partition = new Partition(stored.topic, stored.partition, this.brokerId, log, this.log);
        partition.restoreHighWatermark(stored.highWatermark);
        expireProducers(partition, this.config, this.log);
        if (stored.cleanerOffset !== undefined) this.cleaner.restoreCheckpoint(partition.name, stored.cleanerOffset);
        this.#partitions.set(partitionKey(stored.topic, stored.partition), partition);
        if (stored.topicId) this.#topicIds.set(partitionKey(stored.topic, stored.partition), stored.topicId);
      }
    }
    // Stored replicas of a topic that was deleted and re-created under the same name while this broker was
    // away: the log belongs to the old topic (another topic id), so it goes, and the replica starts empty.
    for (const partition of [...this.#partitions.values()]) {
      const stored = this.#topicIds.get(partitionKey(partition.topic, partition.partition));
      const current = this.cache.cachedTopic(partition.topic)?.topicId;
      if (stored && current && stored !== current) {
        this.log.info('stored replica belongs to a deleted topic of the same name', { topic: partition.topic, partition: partition.partition, stored, current });
        this.#drop(partition);
      }
    }
    // Roles come from the controller's LeaderAndIsr (it sends them when this broker registers).
    this.#unsubscribe.push(this.cache.on('brokers', () => this.#reassignFetchers()));
    // Stored partitions the cluster no longer has (topic deleted while this broker was away).
    for (const partition of [...this.#partitions.values()]) {
      const replicas = this.cache.cachedTopic(partition.topic)?.assignment.get(partition.partition);
      if (!replicas || !replicas.includes(this.brokerId)) this.#drop(partition);
    }
    const interval = Math.max(50, Math.floor(this.config.replicaLagTimeMaxMs / 2));
    this.#isrTimer = setInterval(() => this.#checkIsr(), interval);
    this.#retention.start();
    this.cleaner.start();
    this.#stopProducerExpiration = scheduleProducerExpiration(() => this.#partitions.values(), this.config, this.log);
  }

  /** One retention pass now (Kafka runs it every `log.retention.check.interval.ms`); returns the segments deleted. */
  checkRetention(): number {
    return this.#retention.runOnce();
  }

  /** Stops fetchers and timers; partitions stop leading (waiting writes fail with NOT_LEADER_OR_FOLLOWER). */
  stop(): void {
    this.#running = false;
    clearInterval(this.#isrTimer);
    this.#alterPartition.close();
    this.#stopProducerExpiration?.();
    this.#retention.stop();
    void this.cleaner.stop();
    for (const off of this.#unsubscribe.splice(0)) off();
    for (const fetcher of this.#fetchers.values()) fetcher.stop();
    this.#fetchers.clear();
    this.#fetcherOf.clear();
    for (const partition of this.#partitions.values()) {
      // Kafka's `shutdown(checkpointHW = true)`: every replica's last HW goes to `replication-offset-checkpoint`.
      this.storage?.checkpointHighWatermark(partition.topic, partition.partition, partition.highWatermark);
      const wasLeader = partition.role === 'leader';
      partition.close();
      if (wasLeader) this.emit('leadership', partition.topic, partition.partition, false);
    }
  }

  getPartition(topic: string, partition: number): Partition | undefined {
    return this.#partitions.get(partitionKey(topic, partition));
  }

  partitions(): IterableIterator<Partition> {
    return this.#partitions.values();
  }

  /** `min.insync.replicas` for a topic: its override in `/config/topics/<t>`, else the broker's. */
  minInsyncReplicas(topic: string): number {
    const override = Number(this.cache.cachedTopic(topic)?.config['min.insync.replicas']);
    return Number.isInteger(override) && override > 0 ? override : this.config.minInsyncReplicas;
  }

  /** Appends as leader (storage follows through the log's listener; a producer's duplicate appends nothing); see `Partition.appendAsLeader`. */
  appendAsLeader(partition: Partition, batches: Uint8Array[], acks: number): LeaderAppendResult {
    return partition.appendAsLeader(batches, acks, this.minInsyncReplicas(partition.topic));
  }

  /**
   * A follower fetched `fetchOffset` of a partition this broker leads: record it and write an ISR
   * expansion if it caught up.
   */
  recordFollowerFetch(partition: Partition, replicaId: number, fetchOffset: bigint, followerLogStartOffset = -1n): void {
    const expanded = partition.recordFollowerFetch(replicaId, fetchOffset, Date.now(), followerLogStartOffset);
    if (expanded && isIsrEligible(this.cache.cachedTopic(partition.topic), partition.partition, replicaId)) void this.#alterIsr(partition, expanded, 'expand');
  }

  /** Resolves when any of `partitions` makes progress, after `timeoutMs`, or on abort. */
  waitForProgress(partitions: readonly Partition[], timeoutMs: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const offs: Array<() => void> = [];
      const done = () => {
        clearTimeout(timer);
        for (const off of offs) off();
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      for (const partition of partitions) offs.push(partition.onProgress(done));
      if (signal.aborted) done();
      else signal.addEventListener('abort', done);
    });
  }

  // ---- the controller's requests ------------------------------------------------------------------------

  /**
   * The replica of a partition this broker is told to host (LeaderAndIsr), created empty if it has none.
   * A replica left from an older topic of the same name (another topic id) is deleted first.
   */
  hostReplica(topic: string, index: number, topicId: string | null): Partition {
    const key = partitionKey(topic, index);
    let partition = this.#partitions.get(key);
    const recorded = this.#topicIds.get(key);
    if (partition && topicId && recorded && recorded !== topicId) {
      this.log.info('replica belongs to a deleted topic of the same name', { topic, partition: index, stored: recorded, current: topicId });
      this.#drop(partition);
      partition = undefined;
    }
    if (!partition) {
      partition = new Partition(topic, index, this.brokerId, this.#logs.create(topic, index), this.log);
      this.#partitions.set(key, partition);
    }
    if (topicId && this.#topicIds.get(key) !== topicId) {
      this.#topicIds.set(key, topicId);
      this.storage?.recordTopicId(topic, index, topicId);
    }
    return partition;
  }

  /**
   * Applies one partition state of a LeaderAndIsr (`makeLeaders` / `makeFollowers`): the caller has checked
   * the epochs. Followers (re)start fetching from the new leader.
   */
  makeLeaderOrFollower(partition: Partition, leadership: PartitionLeadership): void {
    if (!this.#running) return;
    const { topic, partition: index } = partition;
    if (leadership.leader === this.brokerId) {
      this.#stopFollowing(partition);
      const sameEpoch = partition.role === 'leader' && partition.leaderEpoch === leadership.leaderEpoch;
      if (sameEpoch) {
        if (partition.pendingIsr === null || leadership.zkVersion > partition.zkVersion) partition.completeIsrUpdate([...leadership.isr], leadership.zkVersion);
        // The replica list changed under the same epoch: the leader tracks the new followers.
        const sameReplicas = partition.replicas.length === leadership.replicas.length && partition.replicas.every((id, i) => id === leadership.replicas[i]);
        if (!sameReplicas) partition.becomeLeader({ ...leadership, isr: partition.isr, zkVersion: partition.zkVersion }, Date.now());
        return;
      }
      partition.becomeLeader(leadership, Date.now());
      this.#logRole(topic)('became leader', { topic, partition: index, leaderEpoch: leadership.leaderEpoch, isr: leadership.isr });
      this.emit('leadership', topic, index, true);
      return;
    }
    const wasLeader = partition.role === 'leader';
    const changed = partition.becomeFollower(leadership);
    if (wasLeader) this.emit('leadership', topic, index, false);
    if (changed) {
      this.#logRole(topic)('became follower', { topic, partition: index, leader: leadership.leader, leaderEpoch: leadership.leaderEpoch });
      this.#follow(partition);
    }
  }

  /**
   * StopReplica (`stopPartitions`): the replica stops fetching; with `deletePartition` it is removed and
   * its log deleted. Returns false when this broker has no such replica.
   */
  stopReplica(topic: string, index: number, deletePartition: boolean): boolean {
    const partition = this.#partitions.get(partitionKey(topic, index));
    if (!partition) {
      // A log left on disk while the replica is not hosted (deleted while this broker was down).
      if (deletePartition) this.storage?.deletePartition(topic, index);
      return false;
    }
    if (deletePartition) this.#drop(partition);
    else this.#stopFollowing(partition);
    return true;
  }

  /** Role changes of `__consumer_offsets` (50 partitions) go to debug, so a failover stays readable. */
  #logRole(topic: string): (message: string, fields?: Record<string, unknown>) => void {
    return topic === OFFSETS_TOPIC ? (m, f) => this.log.debug(m, f) : (m, f) => this.log.info(m, f);
  }

  #follow(partition: Partition): void {
    const key = partitionKey(partition.topic, partition.partition);
    this.#stopFollowing(partition);
    if (partition.leaderId < 0) return;
    let fetcher = this.#fetchers.get(partition.leaderId);
    if (!fetcher) {
      fetcher = new ReplicaFetcher(this, partition.leaderId);
      this.#fetchers.set(partition.leaderId, fetcher);
      fetcher.start();
    }
    fetcher.add(partition);
    this.#fetcherOf.set(key, partition.leaderId);
  }

  #stopFollowing(partition: Partition): void {
    const key = partitionKey(partition.topic, partition.partition);
    const leaderId = this.#fetcherOf.get(key);
    if (leaderId === undefined) return;
    this.#fetcherOf.delete(key);
    const fetcher = this.#fetchers.get(leaderId);
    if (!fetcher) return;
    fetcher.remove(partition);
    if (fetcher.size === 0) {
      fetcher.stop();
      this.#fetchers.delete(leaderId);
    }
  }

  /** Broker registrations changed: fetchers reconnect to new endpoints on their next round. */
  #reassignFetchers(): void {
    for (const fetcher of this.#fetchers.values()) fetcher.wake();
  }

  #drop(partition: Partition): void {
    this.#stopFollowing(partition);
    const wasLeader = partition.role === 'leader';
    partition.close();
    this.#partitions.delete(partitionKey(partition.topic, partition.partition));
    this.cleaner.forget(partition.name);
    this.#topicIds.delete(partitionKey(partition.topic, partition.partition));
    // Anything the log still does (a cleaner round's swap, a fetch in flight) no longer reaches storage.
    partition.log.attach(undefined);
    this.storage?.deletePartition(partition.topic, partition.partition);
    if (wasLeader) this.emit('leadership', partition.topic, partition.partition, false);
    this.log.info('replica deleted', { topic: partition.topic, partition: partition.partition });
  }

  // ---- ISR maintenance (leader) ---------------------------------------------------------------------

  #checkIsr(): void {
    const now = Date.now();
    for (const partition of this.#partitions.values()) {
      // Every local replica's HW, followers' too (Kafka's `checkpointHighWatermarks` covers all online logs).
      this.storage?.checkpointHighWatermark(partition.topic, partition.partition, partition.highWatermark);
      if (partition.role !== 'leader') continue;
      const shrunk = partition.proposeIsrShrink(now, this.config.replicaLagTimeMaxMs);
      if (shrunk) void this.#alterIsr(partition, shrunk, 'shrink');
    }
  }

  /**
   * `Partition.sendAlterPartitionRequest`: the proposed ISR is pending (the HW already waits for the larger
   * of the two) until the controller answers; an answer counts only while it still concerns this proposal
   * (no LeaderAndIsr came in between). As `Partition.handleAlterPartitionUpdate/Error`:
   * - the state the controller holds now, if not older than the leader's: committed;
   * - OPERATION_NOT_ATTEMPTED / INELIGIBLE_REPLICA (nothing was written): back to the committed ISR, the next
   *   ISR check or fetch proposes again;
   * - FENCED_LEADER_EPOCH, INVALID_UPDATE_VERSION, UNKNOWN_TOPIC_*, INVALID_REQUEST (the leader is behind):
   *   stays pending until the controller's LeaderAndIsr replaces it;
   * - anything else (NOT_CONTROLLER, UNKNOWN_SERVER_ERROR: the write may or may not have happened): the
   *   same proposal again.
   */
  async #alterIsr(partition: Partition, isr: number[], why: 'shrink' | 'expand'): Promise<void> {
    const from = partition.isr;
    const leaderEpoch = partition.leaderEpoch;
    const partitionEpoch = partition.zkVersion;
    const topicId = this.cache.cachedTopic(partition.topic)?.topicId ?? null;
    partition.beginIsrUpdate(isr);
    const proposal = partition.pendingIsr;
    const current = () => this.#running && partition.role === 'leader' && partition.leaderEpoch === leaderEpoch && partition.pendingIsr === proposal;
    const where = { topic: partition.topic, partition: partition.partition };
    for (;;) {
      const result = await this.#alterPartition.submit({ ...where, topicId, leaderEpoch, isr, partitionEpoch });
      if (!current()) return;
      if (result.ok) {
        if (result.leaderEpoch !== leaderEpoch || result.partitionEpoch < partition.zkVersion) {
          this.log.debug('ignoring an AlterPartition answer older than what the leader knows', { ...where, answer: result });
          return;
        }
        partition.completeIsrUpdate(result.isr, result.partitionEpoch);
        this.log.info(why === 'shrink' ? 'ISR shrunk' : 'ISR expanded', { ...where, from, to: result.isr, partitionEpoch: result.partitionEpoch });
        return;
      }
      if (result.error === 'OPERATION_NOT_ATTEMPTED' || result.error === 'INELIGIBLE_REPLICA') {
        partition.abortIsrUpdate();
        this.log.info(`Failed to alter partition to ISR [${isr.join(',')}] since the controller rejected the request with ${result.error}; back to the committed ISR [${from.join(',')}]`, where);
        return;
      }
      if (AWAITING_METADATA.has(result.error)) {
        this.log.debug(`Failed to alter partition to ISR [${isr.join(',')}] (${result.error}); waiting for the controller's LeaderAndIsr`, where);
        return;
      }
      this.log.warn(`Failed to update ISR to [${isr.join(',')}] due to unexpected ${result.error}. Retrying.`, where);
    }
  }
}
