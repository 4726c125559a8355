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
 * so a deposed controller cannot overwrite its successor, and then sent to the brokers as Kafka's
 * controller does (`broker-request-batch.ts` over `controller-channel.ts`): LeaderAndIsr to a partition's
 * replicas, UpdateMetadata to every live broker, StopReplica to replicas being deleted. Brokers do not
 * watch the state znodes. On failover, and to a broker that (re)registers, it sends everything. Leaders
 * ask it for ISR changes with AlterPartition (`alter-partition.ts`), which it writes and announces; it
 * still reads `/isr_change_notification` as Kafka 3.9's controller does for brokers of before 2.7
 * (`isr-change-notifications.ts`). Each request is emitted as a `request` event with the broker's answer.
 * Events are handled one at a time, in order.
 */
import type { Logger } from '../../logger.ts';
import type { Transport } from '../../transport/transport.ts';
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
import { BrokerRequestBatch, EPOCH_DURING_DELETE } from './broker-request-batch.ts';
import { ControllerChannel } from './controller-channel.ts';
import type { ControllerRequestEvent } from './controller-requests.ts';
import { IsrChangeNotifications } from './isr-change-notifications.ts';
import { processAlterPartition } from './alter-partition.ts';
import type { AlteredState, IsrProposal } from './alter-partition.ts';
import { uuidKey } from './controller-requests.ts';
import type { AlterPartitionRequest, AlterPartitionResponse, KafkaErrorName } from '../protocol/index.ts';
import { uuidFromText } from '../protocol/index.ts';
import { PartitionReassignments } from './partition-reassignment.ts';

/** How the controller reaches the brokers: the broker's transport and its inter-broker listener. */
export interface ControllerPeers {
  transport: Transport;
  /** `inter.broker.listener.name`. */
  listenerName: string;
}

/** The partitions a broker in controlled shutdown still leads (nobody else could take them). */
export interface ControlledShutdownResult {
  remaining: Array<{ topic: string; partition: number }>;
}

const MAX_WRITE_ATTEMPTS = 5;

export type KafkaControllerEvents = {
  /** This broker became (true) or stopped being (false) the active controller. */
  active: [boolean];
  /** A LeaderAndIsr / UpdateMetadata / StopReplica this controller sent, with the broker's answer. */
  request: [ControllerRequestEvent];
};

/** How long topic deletion waits for the replicas' StopReplica answers before removing the znodes. */
const STOP_REPLICA_WAIT_MS = 3000;
/** After this long failing requests, a leader is not waited for by `leaderTookOver`. */
const UNREACHABLE_LEADER_MS = 2000;

export class KafkaController extends TypedEmitter<KafkaControllerEvents> {
  readonly #brokerId: number;
  readonly #zk: KafkaZk;
  readonly #cache: ZkMetadataCache;
  readonly #config: BrokerConfig;
  readonly #log: Logger;
  readonly #peers: ControllerPeers;
  #epoch: ControllerEpoch | null = null;
  /** While active: the connections to the brokers and the requests being gathered. */
  #channel: ControllerChannel | null = null;
  #batch: BrokerRequestBatch | null = null;
  /** Batches sent and not yet answered (see `settle`). */
  readonly #inFlight = new Set<Promise<void>>();
  #isrChanges: IsrChangeNotifications | null = null;
  /** Live brokers with their epochs (registration czxid) as last seen: a new epoch is a bounced broker. */
  readonly #brokerEpochs = new Map<number, bigint>();
  /** The replica list of each partition as last acted on (a change is a reassignment). */
  readonly #knownReplicas = new Map<string, number[]>();
  /** The leader epoch each partition's leader has taken up (answered the LeaderAndIsr naming it). */
  readonly #takenUp = new Map<string, number>();
  #queue: Promise<void> = Promise.resolve();
  #unsubscribe: Array<() => void> = [];
  #shuttingDown = new Set<number>();
  #closed = false;
  #electing = false;
  #rebalanceTimer: ReturnType<typeof setInterval> | undefined;
  /** AlterPartitionReassignments / ListPartitionReassignments and `/admin/reassign_partitions`. */
  readonly reassignments: PartitionReassignments;

  constructor(brokerId: number, zk: KafkaZk, cache: ZkMetadataCache, config: BrokerConfig, logger: Logger, peers: ControllerPeers) {
    super();
    this.#peers = peers;
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
        if (id === null) {
          // Kafka's processReelect: `/controller` went away while this broker was active (deleted by hand,
          // or its write was lost): resign, then stand for election again like everyone else.
          if (this.#epoch) this.#resign('/controller was deleted');
          void this.#elect();
        }
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
    this.#stopTalkingToBrokers();
    if (wasActive) this.emit('active', false);
  }

  /** Waits for queued controller work (tests). */
  async idle(): Promise<void> {
    await this.#queue;
  }

  /**
   * ControlledShutdown from `brokerId`: every partition it leads gets another ISR member as leader, it
   * leaves every ISR, its follower replicas stop fetching (StopReplica without delete), and it is not
   * elected again until it re-registers.
   */
  controlledShutdown(brokerId: number): Promise<ControlledShutdownResult> {
    return this.#enqueue('controlled shutdown', async () => {
      this.#shuttingDown.add(brokerId);
      const live = this.#liveBrokers();
      const remaining: ControlledShutdownResult['remaining'] = [];
      for (const topic of this.#cache.cachedTopics()) {
        for (const [partition, replicas] of topic.assignment) {
          if (!replicas.includes(brokerId)) continue;
          const ledByIt = topic.states.get(partition)?.leader === brokerId;
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
          // Kafka stops the replicas the broker followed (StopReplica without delete): they fetch no more.
          else if (state && !ledByIt) this.#batch?.addStopReplica(brokerId, topic.name, partition, false, state.leaderEpoch);
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
    const epoch = this.#epoch!;
    const channel = new ControllerChannel({
      controllerId: this.#brokerId,
      transport: this.#peers.transport,
      listenerName: this.#peers.listenerName,
      brokerEndpoint: (id) => this.#cache.broker(id),
      logger: this.#log,
    });
    this.#channel = channel;
    this.#batch = new BrokerRequestBatch({
      controllerId: this.#brokerId,
      controllerEpoch: epoch.epoch,
      cache: this.#cache,
      channel,
      logger: this.#log.child('state-change'),
      onRequest: (event) => {
        this.#noteTakenUp(event);
        try {
          this.emit('request', event);
        } catch (error) {
          this.#log.warn('controller request listener failed', { api: event.api, broker: event.broker, error: String(error) });
        }
      },
    });
    this.#unsubscribe.push(
      this.#cache.on('brokers', (live) => {
        for (const id of this.#shuttingDown) if (!live.has(id)) this.#shuttingDown.delete(id);
        void this.#enqueue('broker change', () => this.#onBrokerChange());
      }),
      this.#cache.on('topic', (topic) => void this.#enqueue('topic change', () => this.#reconcileTopic(topic))),
      this.#cache.on('topic-deleted', (topic) => {
        for (const key of [...this.#knownReplicas.keys()]) if (key.startsWith(`${topic}\u0000`)) this.#knownReplicas.delete(key);
        for (const key of [...this.#takenUp.keys()]) if (key.startsWith(`${topic}\u0000`)) this.#takenUp.delete(key);
      }),
      this.#cache.on('partition', (topic, partition) => {
        // Partitions whose state names a dead leader (e.g. written while there was no controller).
        const state = this.#cache.cachedTopic(topic)?.states.get(partition);
        if (state && state.leader !== NO_LEADER && !this.#cache.broker(state.leader)) {
          void this.#enqueue('partition change', () => this.#reconcileTopic(topic));
        }
      }),
    );
    void this.#enqueue('controller failover', () => this.#onControllerFailover());
    this.reassignments.activate();
    void this.#watchDeletions();
    this.#isrChanges = new IsrChangeNotifications(this.#zk.client, this.#log, (partitions) =>
      this.#enqueue('ISR change notification', () => this.#onIsrChange(partitions)),
    );
    this.#isrChanges.start();
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
    this.#sendRequests();
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
    this.#stopTalkingToBrokers();
    this.emit('active', false);
  }

  /**
   * True when `leader` has taken up `leaderEpoch` of the partition (it answered the LeaderAndIsr), when it
   * has not been reachable for a while (crashed, still registered: nothing to wait for), or when this
   * broker is not the active controller. `TopicAdmin.waitForLeaders` uses it so CreateTopics answers once leaders are ready.
   */
  leaderTookOver(topic: string, partition: number, leader: number, leaderEpoch: number): boolean {
    if (!this.#epoch || !this.#channel) return true;
    // A broker that has been failing requests for a while is down (crashed, still registered); one that
    // fails briefly is starting (it refuses connections until it serves) and will take over.
    if (this.#channel.unreachableForMs(leader) > UNREACHABLE_LEADER_MS) return true;
    return (this.#takenUp.get(partitionKey(topic, partition)) ?? -1) >= leaderEpoch;
  }

  /** A leader answered LeaderAndIsr: it holds that leader epoch now (or a newer one: an equal or stale epoch is refused). */
  #noteTakenUp(event: ControllerRequestEvent): void {
    if (event.api !== 'LeaderAndIsr' || !event.outcome.ok || event.outcome.errorCode !== 0) return;
    const unknown = new Set(event.outcome.partitionErrors.filter((e) => e.error === 'UNKNOWN_TOPIC_OR_PARTITION').map((e) => partitionKey(e.topic, e.partition)));
    for (const p of event.partitions) {
      const key = partitionKey(p.topic, p.partition);
      if (p.leader !== event.broker || unknown.has(key)) continue;
      this.#takenUp.set(key, Math.max(this.#takenUp.get(key) ?? -1, p.leaderEpoch));
    }
  }

  #stopTalkingToBrokers(): void {
    this.#isrChanges?.close();
    this.#isrChanges = null;
    this.#channel?.close();
    this.#channel = null;
    this.#batch = null;
    this.#brokerEpochs.clear();
    this.#knownReplicas.clear();
    this.#takenUp.clear();
  }

  // ---- telling the brokers --------------------------------------------------------------------------------

  /** Sends what the last decisions gathered (not waiting for the answers: each broker's queue keeps the order). */
  #sendRequests(): void {
    if (!this.#batch || this.#batch.isEmpty) return;
    const sent = this.#batch.send().then(
      () => undefined,
      (error: unknown) => this.#log.warn('sending controller requests failed', { error: String(error) }),
    );
    this.#inFlight.add(sent);
    void sent.finally(() => this.#inFlight.delete(sent));
  }

  /**
   * Waits (at most `timeoutMs`) until queued events are handled and the requests sent so far are answered:
   * a controller that is stopping lets the brokers hear of the leaders it just moved before it goes.
   */
  async settle(timeoutMs: number): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const work = (async () => {
      await this.#queue;
      await Promise.all([...this.#inFlight]);
    })();
    await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }

  /** LeaderAndIsr for a partition to its live replicas (and UpdateMetadata to every live broker). */
  #tellReplicas(topic: string, partition: number, isNew = false): void {
    const replicas = this.#cache.cachedTopic(topic)?.assignment.get(partition) ?? [];
    const live = this.#liveBrokers();
    this.#batch?.addLeaderAndIsr(replicas.filter((id) => live.has(id)), topic, partition, isNew);
  }

  /**
   * `onControllerFailover` (`initializeControllerContext` + `sendUpdateMetadataRequest` + the replica and
   * partition state machines' startup): read every partition state from ZooKeeper, decide, then send every
   * live broker the full metadata and every replica its partition's state.
   */
  async #onControllerFailover(): Promise<void> {
    await this.#cache.refreshAllPartitions();
    const live = this.#liveBrokers();
    this.#brokerEpochs.clear();
    for (const id of live) this.#brokerEpochs.set(id, this.#cache.brokerEpoch(id));
    this.#knownReplicas.clear();
    for (const topic of this.#cache.cachedTopics()) {
      for (const [partition, replicas] of topic.assignment) this.#knownReplicas.set(partitionKey(topic.name, partition), [...replicas]);
    }
    await this.#reconcileAll();
    this.#batch?.addUpdateMetadata(live, 'all');
    for (const topic of this.#cache.cachedTopics()) {
      for (const partition of topic.assignment.keys()) if (topic.states.has(partition)) this.#tellReplicas(topic.name, partition);
    }
  }

  /**
   * `processBrokerChange`: brokers gone (their leaderships move), brokers new or bounced (a new
   * registration epoch) get the full metadata and the state of every partition they host
   * (`onBrokerStartup`), and every other live broker hears of the change.
   */
  async #onBrokerChange(): Promise<void> {
    const live = this.#liveBrokers();
    const started: number[] = [];
    const bounced = new Set<number>();
    for (const [id] of this.#brokerEpochs) {
      if (!live.has(id)) {
        this.#brokerEpochs.delete(id);
        this.#channel?.removeBroker(id);
      }
    }
    for (const id of live) {
      const epoch = this.#cache.brokerEpoch(id);
      if (this.#brokerEpochs.get(id) !== epoch) {
        if (this.#brokerEpochs.has(id)) {
          this.#channel?.removeBroker(id);
          bounced.add(id);
        }
        this.#brokerEpochs.set(id, epoch);
        started.push(id);
      }
    }
    if (bounced.size > 0) {
      // Kafka's processBrokerChange: a bounced broker lost its log tail and fetch state; it fails over first
      // (leaderships move, out of the ISRs, epochs bumped), then starts up like any new broker.
      this.#log.info('brokers bounced', { brokers: [...bounced] });
      await this.#reconcileAll(bounced);
    }
    await this.#reconcileAll();
    if (started.length === 0) {
      this.#batch?.addUpdateMetadata(live, []);
      return;
    }
    this.#log.info('brokers started', { brokers: started });
    this.#batch?.addUpdateMetadata(started, 'all');
    this.#batch?.addUpdateMetadata([...live].filter((id) => !started.includes(id)), []);
    for (const topic of this.#cache.cachedTopics()) {
      for (const [partition, replicas] of topic.assignment) {
        const hosts = replicas.filter((id) => started.includes(id));
        if (hosts.length > 0 && topic.states.has(partition)) this.#batch?.addLeaderAndIsr(hosts, topic.name, partition);
      }
    }
  }

  /**
   * AlterPartition from a partition leader (`KafkaController.alterPartitions`), handled in turn with the
   * controller's other events. Rejects with an error when this broker is not the active controller.
   */
  alterPartitions(request: AlterPartitionRequest, version: number): Promise<AlterPartitionResponse> {
    return this.#enqueue('AlterPartition', () =>
      processAlterPartition(request, version, {
        brokerEpoch: (id) => this.#brokerEpochs.get(id),
        // `controllerContext.liveBrokerIds`: registered and not in controlled shutdown (KIP-841).
        liveBrokers: () => new Set([...this.#brokerEpochs.keys()].filter((id) => !this.#shuttingDown.has(id))),
        topicName: (idKey) => [...this.#cache.cachedTopics()].find((t) => t.topicId && uuidKey(uuidFromText(t.topicId)) === idKey)?.name,
        topicId: (name) => this.#cache.cachedTopic(name)?.topicId,
        state: (topic, partition) => this.#cache.cachedTopic(topic)?.states.get(partition),
        write: (proposal) => this.#writeAlteredIsr(proposal),
        announce: (partitions) => this.#batch?.addUpdateMetadata(this.#liveBrokers(), partitions),
        info: (message, fields) => this.#log.info(message, fields),
      }),
    );
  }

  /**
   * `zkClient.updateLeaderAndIsr` for an accepted AlterPartition: the leader's epoch stays, the ISR changes.
   * When the write's outcome is unknown (a lost connection) or its version check failed, the znode is read
   * again: if it holds this very state (an earlier attempt landed), that is the answer; otherwise
   * INVALID_UPDATE_VERSION, or UNKNOWN_SERVER_ERROR when it cannot be read (the leader asks again).
   */
  async #writeAlteredIsr(proposal: IsrProposal): Promise<AlteredState | KafkaErrorName> {
    const epoch = this.#epoch;
    if (!epoch) return 'NOT_CONTROLLER';
    const { topic, partition } = proposal;
    const state: PartitionState = { leader: proposal.leader, leaderEpoch: proposal.leaderEpoch, isr: proposal.isr, controllerEpoch: epoch.epoch };
    try {
      const version = await this.#zk.updatePartitionStateAsController(epoch.epochZkVersion, topic, partition, state, proposal.partitionEpoch);
      this.#cache.applyLocalWrite(topic, partition, state, version);
      this.#log.debug('ISR updated by AlterPartition', { topic, partition, isr: state.isr, partitionEpoch: version });
      return { leader: state.leader, leaderEpoch: state.leaderEpoch, isr: [...state.isr], partitionEpoch: version };
    } catch (error) {
      if (this.#epochLost(error)) return 'NOT_CONTROLLER';
      if (isZkError(error, ErrorCode.NONODE)) return 'UNKNOWN_TOPIC_OR_PARTITION';
      const badVersion = isZkError(error, ErrorCode.BADVERSION);
      if (badVersion) this.#log.info(`Failed to update ISR to [${proposal.isr.join(',')}] for partition ${topic}-${partition}, bad ZK version.`, { topic, partition });
      else this.#log.warn(`Failed to update ISR for partition ${topic}-${partition}; reading it again`, { error: String(error) });
      const now = await this.#rereadPartition(topic, partition);
      if (!now) return 'UNKNOWN_SERVER_ERROR';
      const landed = now.leader === state.leader && now.leaderEpoch === state.leaderEpoch && sameMembers(now.isr, state.isr);
      if (landed) return { leader: now.leader, leaderEpoch: now.leaderEpoch, isr: [...now.isr], partitionEpoch: now.zkVersion };
      return badVersion || now.zkVersion !== proposal.partitionEpoch ? 'INVALID_UPDATE_VERSION' : 'UNKNOWN_SERVER_ERROR';
    }
  }

  /** The partition state read from ZooKeeper into the cache, retrying while the session reconnects. */
  async #rereadPartition(topic: string, partition: number): Promise<CachedPartitionState | undefined> {
    for (let attempt = 0; attempt < 20 && this.#epoch; attempt++) {
      try {
        await this.#cache.refreshPartition(topic, partition);
        return this.#cache.cachedTopic(topic)?.states.get(partition);
      } catch (error) {
        if (!isZkError(error, ErrorCode.CONNECTIONLOSS)) return undefined;
        await new Promise((resolve) => setTimeout(resolve, 100 * (attempt + 1)));
      }
    }
    return undefined;
  }

  /** `processIsrChangeNotification`: re-read the changed states, then every live broker gets them. */
  async #onIsrChange(partitions: Array<{ topic: string; partition: number }>): Promise<void> {
    const known = partitions.filter((p) => this.#cache.cachedTopic(p.topic)?.assignment.has(p.partition));
    await Promise.all(known.map((p) => this.#cache.refreshPartition(p.topic, p.partition)));
    if (known.length > 0) this.#batch?.addUpdateMetadata(this.#liveBrokers(), known);
  }

  // ---- event handling ---------------------------------------------------------------------------------

  #enqueue<T>(what: string, work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(async () => {
      if (!this.#epoch) throw new Error('this broker is not the active controller');
      try {
        return await work();
      } finally {
        this.#sendRequests();
      }
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

  /** `failed`: brokers to treat as dead for this pass even though registered (a bounced broker's `onBrokerFailure`). */
  async #reconcileAll(failed: ReadonlySet<number> = new Set()): Promise<void> {
    for (const topic of [...this.#cache.cachedTopics()]) await this.#reconcileTopic(topic.name, failed);
  }

  /** Brings every partition of `topic` to where the live brokers allow: leaders elected, dead replicas out of ISRs. */
  async #reconcileTopic(name: string, failed: ReadonlySet<number> = new Set()): Promise<void> {
    const topic = this.#cache.cachedTopic(name);
    if (!topic) return;
    const live = new Set([...this.#liveBrokers()].filter((id) => !failed.has(id)));
    const electable = new Set([...live].filter((id) => !this.#shuttingDown.has(id)));
    for (const [partition, replicas] of topic.assignment) {
      if (!this.#epoch) return;
      const state = topic.states.get(partition);
      if (!state) {
        await this.#initializePartition(name, partition, replicas, electable);
        continue;
      }
      const known = this.#knownReplicas.get(partitionKey(name, partition));
      this.#knownReplicas.set(partitionKey(name, partition), [...replicas]);
      if (known && !sameMembers(known, replicas)) {
        await this.#onReplicasChanged(name, partition, known, replicas, electable);
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

  /**
   * The assignment of a partition changed (a reassignment's steps rewrite `/brokers/topics/<t>`): a new
   * leader epoch with the ISR limited to the new replicas (a new leader if the old one left), sent to every
   * live replica of the new list, and StopReplica with delete to the replicas that left
   * (`onPartitionReassignment`'s `updateLeaderEpochAndSendRequest` and `stopRemovedReplicasOfReassignedPartition`).
   */
  async #onReplicasChanged(topic: string, partition: number, before: number[], after: number[], electable: Set<number>): Promise<void> {
    const removed = before.filter((id) => !after.includes(id));
    this.#log.info('partition replicas changed', { topic, partition, from: before, to: after });
    await this.#updatePartition(topic, partition, (current) => {
      const isr = current.isr.filter((id) => after.includes(id));
      if (after.includes(current.leader) && electable.has(current.leader)) return { leader: current.leader, isr: isr.length > 0 ? isr : [current.leader] };
      const leader = after.find((id) => isr.includes(id) && electable.has(id));
      if (leader === undefined) return { leader: NO_LEADER, isr: isr.length > 0 ? isr : current.isr };
      return { leader, isr };
    });
    const live = this.#liveBrokers();
    const leaderEpoch = this.#cache.cachedTopic(topic)?.states.get(partition)?.leaderEpoch ?? EPOCH_DURING_DELETE;
    for (const id of removed) if (live.has(id)) this.#batch?.addStopReplica(id, topic, partition, true, leaderEpoch);
  }

  async #initializePartition(topic: string, partition: number, replicas: number[], live: Set<number>): Promise<void> {
    const elected = electNewPartitionLeader(replicas, live);
    if (!elected || !this.#epoch) return;
    const state: PartitionState = { leader: elected.leader, isr: elected.isr, leaderEpoch: 0, controllerEpoch: this.#epoch.epoch };
    try {
      await this.#zk.createPartitionState(this.#epoch.epochZkVersion, topic, partition, state);
      this.#cache.applyLocalWrite(topic, partition, state, 0);
      this.#knownReplicas.set(partitionKey(topic, partition), [...replicas]);
      this.#tellReplicas(topic, partition, true);
    } catch (error) {
      if (this.#epochLost(error)) return;
      if (isZkError(error, ErrorCode.NODEEXISTS)) {
        await this.#cache.refreshPartition(topic, partition);
        this.#knownReplicas.set(partitionKey(topic, partition), [...replicas]);
        this.#tellReplicas(topic, partition, true);
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
        this.#tellReplicas(topic, partition);
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
        await this.#stopReplicasOfDeletedTopic(topic);
        await this.#zk.deleteTopicZnodes(topic);
        this.#log.info('topic deleted', { topic });
      });
    }
  }

  /**
   * `TopicDeletionManager.onPartitionDeletion`: every live replica gets StopReplica with delete (leader epoch
   * `EpochDuringDelete`) and the controller waits for their answers (one attempt each, bounded) before
   * removing the znodes. Kafka would hold the deletion until every replica answered; here a replica on a
   * broker that is down goes when that broker starts again (its stored log names a topic the cluster no
   * longer has, or another topic id).
   */
  async #stopReplicasOfDeletedTopic(name: string): Promise<void> {
    const topic = this.#cache.cachedTopic(name);
    const batch = this.#batch;
    if (!topic || !batch) return;
    const live = this.#liveBrokers();
    for (const [partition, replicas] of topic.assignment) {
      for (const id of replicas) if (live.has(id)) batch.addStopReplica(id, name, partition, true, EPOCH_DURING_DELETE);
      this.#knownReplicas.delete(partitionKey(name, partition));
      this.#takenUp.delete(partitionKey(name, partition));
    }
    if (batch.isEmpty) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // One attempt per broker, and no waiting for a broker known to be unreachable (crashed, still
    // registered): it must not hold the deletion up.
    const channel = this.#channel;
    const waited = await Promise.race([
      batch.send({ retry: false, waitFor: (id) => channel?.reachable(id) ?? false }).then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), STOP_REPLICA_WAIT_MS))),
    ]);
    clearTimeout(timer);
    if (!waited) this.#log.warn('replicas did not all answer StopReplica in time; deleting the topic anyway', { topic: name });
  }
}

function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

function sameMembers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
