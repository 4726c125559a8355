/**
 * The controller, as in Kafka's ZooKeeper mode (`core/src/main/scala/kafka/controller/KafkaController.scala`):
 * every broker runs one; the one that creates the ephemeral `/controller` (bumping `/controller_epoch`)
 * is active. The active controller
 *
 * - gives new partitions their first leader and ISR (`onNewPartitionCreation`),
 * - elects a new leader from the ISR when a leader's broker leaves `/brokers/ids` (session closed on
 *   stop, or expired after a kill), and drops dead brokers from ISRs (never below one member),
 * - brings offline partitions back when a replica in their ISR returns,
 * - moves leaderships away from a broker in controlled shutdown,
 * - deletes topics queued under `/admin/delete_topics`.
 *
 * Its decisions are written to the partition state znodes inside multis that check `/controller_epoch`,
 * so a deposed controller cannot overwrite its successor. Events are handled one at a time, in order.
 */
import type { Logger } from '../../logger.ts';
import { TypedEmitter } from '../../typed-emitter.ts';
import { ErrorCode, ZooKeeperMultiError } from '../../zookeeper/client/index.ts';
import type { BrokerConfig } from '../broker-config.ts';
import { OFFSETS_TOPIC } from '../metadata/zk-metadata-cache.ts';
import type { CachedPartitionState, ZkMetadataCache } from '../metadata/zk-metadata-cache.ts';
import { isZkError } from '../zk/kafka-zk.ts';
import type { ControllerEpoch, KafkaZk } from '../zk/kafka-zk.ts';
import { ZkPaths } from '../zk/znode-paths.ts';
import type { PartitionState } from '../zk/znode-json.ts';
import {
  electControlledShutdownLeader,
  electNewPartitionLeader,
  electOfflineLeader,
  electPreferredLeader,
  NO_LEADER,
  removeReplicaFromIsr,
} from './leader-election.ts';
import type { LeaderAndIsr } from './leader-election.ts';
import { PartitionReassignments } from './partition-reassignment.ts';

/** The partitions a broker in controlled shutdown still leads (nobody else could take them). */
export interface ControlledShutdownResult {
  remaining: Array<{ topic: string; partition: number }>;
}

const MAX_WRITE_ATTEMPTS = 5;

export type KafkaControllerEvents = {
  /** This broker became (true) or stopped being (false) the active controller. */
  active: [boolean];
};

export class KafkaController extends TypedEmitter<KafkaControllerEvents> {
  readonly #brokerId: number;
  readonly #zk: KafkaZk;
  readonly #cache: ZkMetadataCache;
  readonly #config: BrokerConfig;
  readonly #log: Logger;
  #epoch: ControllerEpoch | null = null;
  #queue: Promise<void> = Promise.resolve();
  #unsubscribe: Array<() => void> = [];
  #shuttingDown = new Set<number>();
  #closed = false;
  #electing = false;
  #rebalanceTimer: ReturnType<typeof setInterval> | undefined;
  /** AlterPartitionReassignments / ListPartitionReassignments and `/admin/reassign_partitions`. */
  readonly reassignments: PartitionReassignments;

  constructor(brokerId: number, zk: KafkaZk, cache: ZkMetadataCache, config: BrokerConfig, logger: Logger) {
    super();
    this.#brokerId = brokerId;
    this.#zk = zk;
    this.#cache = cache;
    this.#config = config;
    this.#log = logger;
    this.reassignments = new PartitionReassignments({
      zk,
      cache,
      log: logger,
      epoch: () => this.#epoch,
      liveBrokers: () => this.#liveBrokers(),
      shuttingDown: () => this.#shuttingDown,
      updatePartition: (topic, partition, decide) => this.#updatePartition(topic, partition, decide),
      enqueue: (what, work) => this.#enqueue(what, work),
    });
  }

  /** True while this broker is the active controller. */
  get isActive(): boolean {
    return this.#epoch !== null;
  }

  get epoch(): number {
    return this.#epoch?.epoch ?? -1;
  }

  /**
   * Runs the first election (resolving once it is decided: won, or another broker is controller) and
   * re-runs it whenever `/controller` disappears.
   */
  async start(): Promise<void> {
    this.#unsubscribe.push(
      this.#cache.on('controller', (id) => {
        if (id === null) void this.#elect();
        else if (id !== this.#brokerId && this.#epoch) this.#resign('another broker is controller');
      }),
    );
    await this.#elect();
  }

  /** Stops acting as controller (the ZooKeeper session's end removes `/controller`). */
  close(): void {
    this.#closed = true;
    clearInterval(this.#rebalanceTimer);
    for (const off of this.#unsubscribe.splice(0)) off();
    this.reassignments.deactivate();
    const wasActive = this.#epoch !== null;
    this.#epoch = null;
    if (wasActive) this.emit('active', false);
  }

  /** Waits for queued controller work (tests). */
  async idle(): Promise<void> {
    await this.#queue;
  }

  /**
   * ControlledShutdown from `brokerId`: every partition it leads gets another ISR member as leader, it
   * leaves every ISR, and it is not elected again until it re-registers.
   */
  controlledShutdown(brokerId: number): Promise<ControlledShutdownResult> {
    return this.#enqueue('controlled shutdown', async () => {
      this.#shuttingDown.add(brokerId);
      const live = this.#liveBrokers();
      const remaining: ControlledShutdownResult['remaining'] = [];
      for (const topic of this.#cache.cachedTopics()) {
        for (const [partition, replicas] of topic.assignment) {
          if (!replicas.includes(brokerId)) continue;
          const ok = await this.#updatePartition(topic.name, partition, (state) => {
            if (state.leader === brokerId) {
              const elected = electControlledShutdownLeader(replicas, state.isr, live, this.#shuttingDown);
              return elected;
            }
            if (state.isr.includes(brokerId)) return removeReplicaFromIsr(state, brokerId);
            return undefined;
          });
          const state = this.#cache.cachedTopic(topic.name)?.states.get(partition);
          if (!ok || state?.leader === brokerId) remaining.push({ topic: topic.name, partition });
        }
      }
      this.#log.info('controlled shutdown handled', { broker: brokerId, remaining: remaining.length });
      return { remaining };
    });
  }

  // ---- election ---------------------------------------------------------------------------------------

  async #elect(): Promise<void> {
    if (this.#closed || this.#epoch || this.#electing) return;
    this.#electing = true;
    try {
      const current = await this.#zk.readController();
      if (current !== null || this.#closed) return;
      const won = await this.#zk.tryBecomeController(this.#brokerId);
      if (!won || this.#closed) return;
      this.#epoch = won;
      this.#log.info('elected controller', { epoch: won.epoch });
      this.#activate();
      this.emit('active', true);
    } catch (error) {
      if (!this.#closed) this.#log.warn('controller election failed', { error: String(error) });
    } finally {
      this.#electing = false;
    }
  }

  #activate(): void {
    this.#shuttingDown.clear();
    this.#unsubscribe.push(
      this.#cache.on('brokers', (live) => {
        for (const id of this.#shuttingDown) if (!live.has(id)) this.#shuttingDown.delete(id);
        void this.#enqueue('broker change', () => this.#reconcileAll());
      }),
      this.#cache.on('topic', (topic) => void this.#enqueue('topic change', () => this.#reconcileTopic(topic))),
      this.#cache.on('partition', (topic, partition) => {
        // Partitions whose state names a dead leader (e.g. written while there was no controller).
        const state = this.#cache.cachedTopic(topic)?.states.get(partition);
        if (state && state.leader !== NO_LEADER && !this.#cache.broker(state.leader)) {
          void this.#enqueue('partition change', () => this.#reconcileTopic(topic));
        }
      }),
    );
    void this.#enqueue('controller failover', () => this.#reconcileAll());
    this.reassignments.activate();
    void this.#watchDeletions();
    if (this.#config.autoLeaderRebalanceEnable) {
      clearInterval(this.#rebalanceTimer);
      this.#rebalanceTimer = setInterval(() => {
        if (this.#epoch) void this.#enqueue('preferred leader election', () => this.rebalanceLeaders());
      }, this.#config.leaderImbalanceCheckIntervalSeconds * 1000);
    }
  }

  /**
   * Moves leadership back to each partition's preferred replica where it is alive and in the ISR (what
   * `auto.leader.rebalance.enable` does every `leader.imbalance.check.interval.seconds`, or
   * `kafka-leader-election --election-type preferred`). Returns how many partitions moved.
   */
  async rebalanceLeaders(): Promise<number> {
    let moved = 0;
    const live = this.#liveBrokers();
    for (const topic of [...this.#cache.cachedTopics()]) {
      for (const [partition, replicas] of topic.assignment) {
        if (this.#shuttingDown.has(replicas[0])) continue;
        // Kafka leaves partitions being reassigned alone (`checkAndTriggerAutoLeaderRebalance`).
        if (topic.adding.has(partition) || topic.removing.has(partition)) continue;
        const before = topic.states.get(partition)?.leader;
        await this.#updatePartition(topic.name, partition, (current) => electPreferredLeader(replicas, current, live) ?? undefined);
        if (topic.states.get(partition)?.leader !== before) moved++;
      }
    }
    if (moved > 0) this.#log.info('preferred leaders restored', { partitions: moved });
    return moved;
  }

  #resign(reason: string): void {
    if (!this.#epoch) return;
    this.#log.info('resigning as controller', { reason });
    this.#epoch = null;
    clearInterval(this.#rebalanceTimer);
    // Keep the `controller` listener (first entry); drop the active-controller ones.
    for (const off of this.#unsubscribe.splice(1)) off();
    this.reassignments.deactivate();
    this.emit('active', false);
  }

  // ---- event handling ---------------------------------------------------------------------------------

  #enqueue<T>(what: string, work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(async () => {
      if (!this.#epoch) throw new Error('this broker is not the active controller');
      return work();
    });
    this.#queue = run.then(
      () => undefined,
      (error: unknown) => {
        if (!this.#closed && this.#epoch) this.#log.warn('controller event failed', { what, error: String(error) });
      },
    );
    return run;
  }

  #liveBrokers(): Set<number> {
    return this.#cache.liveBrokerIds();
  }

  async #reconcileAll(): Promise<void> {
    for (const topic of [...this.#cache.cachedTopics()]) await this.#reconcileTopic(topic.name);
  }

  /** Brings every partition of `topic` to where the live brokers allow: leaders elected, dead replicas out of ISRs. */
  async #reconcileTopic(name: string): Promise<void> {
    const topic = this.#cache.cachedTopic(name);
    if (!topic) return;
    const live = this.#liveBrokers();
    const electable = new Set([...live].filter((id) => !this.#shuttingDown.has(id)));
    for (const [partition, replicas] of topic.assignment) {
      if (!this.#epoch) return;
      const state = topic.states.get(partition);
      if (!state) {
        await this.#initializePartition(name, partition, replicas, electable);
        continue;
      }
      await this.#updatePartition(name, partition, (current) => {
        let next: LeaderAndIsr = { leader: current.leader, isr: current.isr };
        if (current.leader === NO_LEADER || !live.has(current.leader)) {
          const elected = electOfflineLeader(replicas, current.isr, electable, this.#config.uncleanLeaderElectionEnable);
          if (elected) next = elected;
          else if (current.leader !== NO_LEADER) next = removeReplicaFromIsr(current, current.leader);
        }
        for (const id of next.isr) if (!live.has(id)) next = removeReplicaFromIsr(next, id);
        const same = next.leader === current.leader && next.isr.length === current.isr.length && next.isr.every((id, i) => id === current.isr[i]);
        return same ? undefined : next;
      });
    }
  }

  async #initializePartition(topic: string, partition: number, replicas: number[], live: Set<number>): Promise<void> {
    const elected = electNewPartitionLeader(replicas, live);
    if (!elected || !this.#epoch) return;
    const state: PartitionState = { leader: elected.leader, isr: elected.isr, leaderEpoch: 0, controllerEpoch: this.#epoch.epoch };
    try {
      await this.#zk.createPartitionState(this.#epoch.epochZkVersion, topic, partition, state);
      this.#cache.applyLocalWrite(topic, partition, state, 0);
    } catch (error) {
      if (this.#epochLost(error)) return;
      if (isZkError(error, ErrorCode.NODEEXISTS)) {
        await this.#cache.refreshPartition(topic, partition);
        return;
      }
      throw error;
    }
  }

  /**
   * Applies `decide(current)` to a partition state with a conditional write; retries on a version
   * conflict (the leader may have changed the ISR meanwhile). `decide` returns undefined for "no change",
   * null for "no possible change". Returns false when it could not apply a wanted change.
   */
  async #updatePartition(
    topic: string,
    partition: number,
    decide: (current: CachedPartitionState) => LeaderAndIsr | null | undefined,
  ): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const epoch = this.#epoch;
      if (!epoch) return false;
      const current = this.#cache.cachedTopic(topic)?.states.get(partition);
      if (!current) return false;
      const next = decide(current);
      if (next === undefined) return true;
      if (next === null) return false;
      const state: PartitionState = {
        leader: next.leader,
        isr: next.isr,
        leaderEpoch: current.leaderEpoch + 1,
        controllerEpoch: epoch.epoch,
      };
      try {
        const version = await this.#zk.updatePartitionStateAsController(epoch.epochZkVersion, topic, partition, state, current.zkVersion);
        this.#cache.applyLocalWrite(topic, partition, state, version);
        const fields = { topic, partition, leader: state.leader, isr: state.isr, leaderEpoch: state.leaderEpoch };
        if (topic === OFFSETS_TOPIC) this.#log.debug('partition state changed', fields);
        else this.#log.info('partition state changed', fields);
        return true;
      } catch (error) {
        if (this.#epochLost(error)) return false;
        if (isZkError(error, ErrorCode.BADVERSION) || isZkError(error, ErrorCode.NONODE)) {
          await this.#cache.refreshPartition(topic, partition);
          continue;
        }
        throw error;
      }
    }
    return false;
  }

  /** A multi failing on its `/controller_epoch` check: a newer controller exists. */
  #epochLost(error: unknown): boolean {
    if (error instanceof ZooKeeperMultiError && error.failedIndex === 0) {
      this.#resign('the controller epoch moved on');
      return true;
    }
    return false;
  }

  // ---- topic deletion -----------------------------------------------------------------------------------

  async #watchDeletions(): Promise<void> {
    if (!this.#epoch || this.#closed) return;
    let queued: string[];
    try {
      queued = await this.#zk.client.getChildren(ZkPaths.deleteTopics, () => void this.#watchDeletions());
    } catch (error) {
      if (!this.#closed) this.#log.warn('cannot watch /admin/delete_topics', { error: String(error) });
      return;
    }
    for (const topic of queued) {
      void this.#enqueue('topic deletion', async () => {
        if (!this.#config.deleteTopicEnable) return;
        await this.#zk.deleteTopicZnodes(topic);
        this.#log.info('topic deleted', { topic });
      });
    }
  }
}
