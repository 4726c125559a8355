/**
 * What the controller tells brokers after a round of decisions (Kafka's `ControllerBrokerRequestBatch`,
 * `core/src/main/scala/kafka/controller/ControllerChannelManager.scala`): decisions add partitions to the
 * batch, `send` turns them into one LeaderAndIsr per replica broker, one UpdateMetadata per live broker and
 * one StopReplica per broker losing replicas, in Kafka's order (LeaderAndIsr, UpdateMetadata, StopReplica).
 * Partition states are read when the batch is sent, so every request carries the latest decision.
 *
 * Like Kafka, a LeaderAndIsr for a partition also puts the partition into the UpdateMetadata every live
 * broker gets (`addLeaderAndIsrRequestForBrokers` -> `addUpdateMetadataRequestForBrokers`).
 */
import type { Logger } from '../../logger.ts';
import type { CachedTopic, ZkMetadataCache } from '../metadata/zk-metadata-cache.ts';
import { OFFSETS_TOPIC } from '../metadata/zk-metadata-cache.ts';
import { uuidFromText } from '../protocol/index.ts';
import type {
  LeaderAndIsrTopicState,
  StopReplicaTopicState,
  UpdateMetadataBroker,
  UpdateMetadataTopicState,
} from '../protocol/index.ts';
import { isExpectedFailure } from './controller-channel.ts';
import type { ControllerChannel } from './controller-channel.ts';
import {
  describePartitions,
  leaderAndIsrRequest,
  stopReplicaRequest,
  updateMetadataRequest,
  uuidKey,
} from './controller-requests.ts';
import type { ControllerRequest, ControllerRequestEvent, ControllerRequestOutcome, ControllerRequestPartition } from './controller-requests.ts';

/** Kafka's `LeaderAndIsr.EpochDuringDelete`: the leader epoch StopReplica carries for a topic being deleted. */
export const EPOCH_DURING_DELETE = -2;

/** The controller-side facts a batch needs. */
export interface RequestBatchContext {
  readonly controllerId: number;
  readonly controllerEpoch: number;
  readonly cache: ZkMetadataCache;
  readonly channel: ControllerChannel;
  readonly logger: Logger;
  /** Every request once answered (or given up): the controller re-emits it as an event. */
  onRequest(event: ControllerRequestEvent): void;
}

/** How long UpdateMetadata waits for the LeaderAndIsr answers of its batch. */
const LEADERS_FIRST_MS = 2000;

const SECURITY_PROTOCOL_IDS: Readonly<Record<string, number>> = { PLAINTEXT: 0, SSL: 1, SASL_PLAINTEXT: 2, SASL_SSL: 3 };

interface StopEntry {
  topic: string;
  partition: number;
  deletePartition: boolean;
  leaderEpoch: number;
}

function key(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

export class BrokerRequestBatch {
  readonly #context: RequestBatchContext;
  /** broker -> partitions to send in its LeaderAndIsr (with `isNew`). */
  readonly #leaderAndIsr = new Map<number, Map<string, { topic: string; partition: number; isNew: boolean }>>();
  /** broker -> the partitions its UpdateMetadata carries (`all`: every partition, as a new broker gets). */
  readonly #updateMetadata = new Map<number, { all: boolean; partitions: Map<string, { topic: string; partition: number }> }>();
  readonly #stopReplica = new Map<number, Map<string, StopEntry>>();

  constructor(context: RequestBatchContext) {
    this.#context = context;
  }

  get isEmpty(): boolean {
    return this.#leaderAndIsr.size === 0 && this.#updateMetadata.size === 0 && this.#stopReplica.size === 0;
  }

  /** `addLeaderAndIsrRequestForBrokers`: the partition's state goes to `brokerIds`, and its metadata to every live broker. */
  addLeaderAndIsr(brokerIds: Iterable<number>, topic: string, partition: number, isNew = false): void {
    for (const id of brokerIds) {
      let entries = this.#leaderAndIsr.get(id);
      if (!entries) this.#leaderAndIsr.set(id, (entries = new Map()));
      const previous = entries.get(key(topic, partition));
      entries.set(key(topic, partition), { topic, partition, isNew: isNew || (previous?.isNew ?? false) });
    }
    this.addUpdateMetadata(this.#context.cache.liveBrokerIds(), [{ topic, partition }]);
  }

  /**
   * `addUpdateMetadataRequestForBrokers`: `partitions` (or every partition, `'all'`) go to `brokerIds`; with
   * no partitions the brokers still get one (Kafka tells every broker when the live brokers change).
   */
  addUpdateMetadata(brokerIds: Iterable<number>, partitions: Iterable<{ topic: string; partition: number }> | 'all'): void {
    const list = partitions === 'all' ? [] : [...partitions];
    for (const id of brokerIds) {
      let entry = this.#updateMetadata.get(id);
      if (!entry) this.#updateMetadata.set(id, (entry = { all: false, partitions: new Map() }));
      if (partitions === 'all') entry.all = true;
      for (const p of list) entry.partitions.set(key(p.topic, p.partition), p);
    }
  }

  /** `addStopReplicaRequestForBrokers`: the replica stops (and its log goes, with `deletePartition`). */
  addStopReplica(brokerId: number, topic: string, partition: number, deletePartition: boolean, leaderEpoch: number): void {
    let entries = this.#stopReplica.get(brokerId);
    if (!entries) this.#stopReplica.set(brokerId, (entries = new Map()));
    const previous = entries.get(key(topic, partition));
    entries.set(key(topic, partition), { topic, partition, leaderEpoch, deletePartition: deletePartition || (previous?.deletePartition ?? false) });
  }

  /**
   * Sends everything added (each broker's requests queue behind its earlier ones) and resolves once every
   * request was answered or given up, with the outcomes per broker. `retry: false`: one attempt each;
   * `waitFor`: the brokers whose answers the returned promise waits for (default all).
   */
  send(options: { retry?: boolean; waitFor?: (broker: number) => boolean } = {}): Promise<Array<{ broker: number; api: string; outcome: ControllerRequestOutcome }>> {
    const sends: Array<Promise<{ broker: number; api: string; outcome: ControllerRequestOutcome }>> = [];
    const dispatch = (broker: number, request: ControllerRequest, after?: Promise<unknown>) => {
      const deliver = () => this.#context.channel.send(broker, request, { retry: options.retry });
      const sent = (after ? after.then(deliver) : deliver()).then((outcome) => {
        this.#report(broker, request, outcome);
        return { broker, api: request.api, outcome };
      });
      if (!options.waitFor || options.waitFor(broker)) sends.push(sent);
      return sent;
    };
    const leaderAndIsrSent: Array<Promise<unknown>> = [];
    for (const [broker, entries] of this.#leaderAndIsr) {
      const request = this.#buildLeaderAndIsr(broker, [...entries.values()]);
      if (request) leaderAndIsrSent.push(dispatch(broker, request));
    }
    // Metadata names a new leader once it has taken over (answered), or after a bound: a client sent there
    // by Metadata finds it leading. (Kafka sends both at once; UpdateMetadata states are versioned, so a
    // late one never overrides a newer state.)
    const leadersFirst = this.#leadersFirst(leaderAndIsrSent);
    // Brokers getting the same partitions share one log line, as Kafka's "to brokers Set(1, 2, 3)".
    const groups = new Map<string, { brokers: number[]; partitions: ControllerRequestPartition[] }>();
    for (const broker of [...this.#updateMetadata.keys()].sort((a, b) => a - b)) {
      const entry = this.#updateMetadata.get(broker)!;
      const request = this.#buildUpdateMetadata(broker, entry.all ? this.#allPartitions() : [...entry.partitions.values()]);
      dispatch(broker, request, leadersFirst);
      const signature = request.partitions.map((p) => key(p.topic, p.partition)).join('\u0001');
      let group = groups.get(signature);
      if (!group) groups.set(signature, (group = { brokers: [], partitions: request.partitions }));
      group.brokers.push(broker);
    }
    for (const { brokers, partitions } of groups.values()) {
      this.#logSend(
        'UpdateMetadata',
        `Sending UpdateMetadata request to brokers [${brokers.join(',')}] for ${partitions.length} partitions${partitions.length ? `: ${describePartitions(partitions)}` : ''}`,
        partitions,
      );
    }
    for (const [broker, entries] of this.#stopReplica) dispatch(broker, this.#buildStopReplica(broker, [...entries.values()]));
    this.#leaderAndIsr.clear();
    this.#updateMetadata.clear();
    this.#stopReplica.clear();
    // One failed send does not hide the others' answers.
    return Promise.allSettled(sends).then((results) => results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])));
  }

  /** Resolves when every LeaderAndIsr sent was answered, or after `LEADERS_FIRST_MS` (a broker that is down). */
  #leadersFirst(sent: ReadonlyArray<Promise<unknown>>): Promise<void> | undefined {
    if (sent.length === 0) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    return Promise.race([Promise.allSettled(sent), new Promise((resolve) => (timer = setTimeout(resolve, LEADERS_FIRST_MS)))]).then(() => clearTimeout(timer));
  }

  #allPartitions(): Array<{ topic: string; partition: number }> {
    const all: Array<{ topic: string; partition: number }> = [];
    for (const topic of this.#context.cache.cachedTopics()) for (const partition of topic.assignment.keys()) all.push({ topic: topic.name, partition });
    return all;
  }

  #buildLeaderAndIsr(broker: number, entries: Array<{ topic: string; partition: number; isNew: boolean }>): ControllerRequest | undefined {
    const { cache, controllerId, controllerEpoch } = this.#context;
    const byTopic = new Map<string, LeaderAndIsrTopicState>();
    const described: ControllerRequestPartition[] = [];
    const leaders = new Set<number>();
    const topicNames = new Map<string, string>();
    for (const entry of entries) {
      const topic = cache.cachedTopic(entry.topic);
      const state = topic?.states.get(entry.partition);
      const replicas = topic?.assignment.get(entry.partition);
      if (!topic || !state || !replicas) continue;
      let topicState = byTopic.get(topic.name);
      if (!topicState) {
        const topicId = topicIdBytes(topic);
        byTopic.set(topic.name, (topicState = { topicName: topic.name, topicId, partitionStates: [] }));
        topicNames.set(uuidKey(topicId), topic.name);
      }
      topicState.partitionStates.push({
        partitionIndex: entry.partition,
        controllerEpoch: state.controllerEpoch,
        leader: state.leader,
        leaderEpoch: state.leaderEpoch,
        isr: [...state.isr],
        partitionEpoch: state.zkVersion,
        replicas: [...replicas],
        addingReplicas: [],
        removingReplicas: [],
        isNew: entry.isNew,
        leaderRecoveryState: 0,
      });
      if (state.leader >= 0) leaders.add(state.leader);
      described.push({ topic: topic.name, partition: entry.partition, leader: state.leader, leaderEpoch: state.leaderEpoch, isr: [...state.isr], replicas: [...replicas], zkVersion: state.zkVersion });
    }
    if (described.length === 0) return undefined;
    const liveLeaders = [...leaders].flatMap((id) => {
      const endpoint = cache.broker(id);
      return endpoint ? [{ brokerId: id, hostName: endpoint.host, port: endpoint.port }] : [];
    });
    const becomeLeader = described.filter((p) => p.leader === broker).length;
    this.#logSend(
      'LeaderAndIsr',
      `Sending LeaderAndIsr request to broker ${broker} with ${becomeLeader} become-leader and ${described.length - becomeLeader} become-follower partitions: ${describePartitions(described)}`,
      described,
    );
    return leaderAndIsrRequest(
      { controllerId, isKRaftController: false, controllerEpoch, brokerEpoch: cache.brokerEpoch(broker), type: 0, topicStates: [...byTopic.values()], liveLeaders },
      described,
      topicNames,
    );
  }

  #buildUpdateMetadata(broker: number, partitions: Array<{ topic: string; partition: number }>): ControllerRequest {
    const { cache, controllerId, controllerEpoch } = this.#context;
    const live = cache.liveBrokerIds();
    const byTopic = new Map<string, UpdateMetadataTopicState>();
    const described: ControllerRequestPartition[] = [];
    for (const { topic: name, partition } of partitions) {
      const topic = cache.cachedTopic(name);
      const state = topic?.states.get(partition);
      const replicas = topic?.assignment.get(partition);
      if (!topic || !state || !replicas) continue;
      let topicState = byTopic.get(name);
      if (!topicState) byTopic.set(name, (topicState = { topicName: name, topicId: topicIdBytes(topic), partitionStates: [] }));
      topicState.partitionStates.push({
        partitionIndex: partition,
        controllerEpoch: state.controllerEpoch,
        leader: state.leader,
        leaderEpoch: state.leaderEpoch,
        isr: [...state.isr],
        zkVersion: state.zkVersion,
        replicas: [...replicas],
        offlineReplicas: replicas.filter((id) => !live.has(id)),
      });
      described.push({ topic: name, partition, leader: state.leader, leaderEpoch: state.leaderEpoch, isr: [...state.isr], replicas: [...replicas], zkVersion: state.zkVersion });
    }
    const liveBrokers: UpdateMetadataBroker[] = cache.liveBrokers().map((b) => ({
      id: b.id,
      endpoints: [...b.listeners].map(([listener, address]) => ({
        port: address.port,
        host: address.host,
        listener,
        securityProtocol: SECURITY_PROTOCOL_IDS[cache.listenerSecurityProtocol(b.id, listener)] ?? 0,
      })),
      rack: b.rack,
    }));
    return updateMetadataRequest(
      { controllerId, isKRaftController: false, type: 0, controllerEpoch, brokerEpoch: cache.brokerEpoch(broker), topicStates: [...byTopic.values()], liveBrokers },
      described,
    );
  }

  #buildStopReplica(broker: number, entries: StopEntry[]): ControllerRequest {
    const { cache, controllerId, controllerEpoch } = this.#context;
    const byTopic = new Map<string, StopReplicaTopicState>();
    for (const entry of entries) {
      let topicState = byTopic.get(entry.topic);
      if (!topicState) byTopic.set(entry.topic, (topicState = { topicName: entry.topic, partitionStates: [] }));
      topicState.partitionStates.push({ partitionIndex: entry.partition, leaderEpoch: entry.leaderEpoch, deletePartition: entry.deletePartition });
    }
    const described = entries.map((e) => ({ topic: e.topic, partition: e.partition, leaderEpoch: e.leaderEpoch, deletePartition: e.deletePartition }));
    this.#logSend('StopReplica', `Sending StopReplica request for ${entries.length} replicas to broker ${broker}: ${describePartitions(described)}`, described);
    return stopReplicaRequest(
      { controllerId, isKRaftController: false, controllerEpoch, brokerEpoch: cache.brokerEpoch(broker), topicStates: [...byTopic.values()] },
      described,
    );
  }

  /** The state-change log line; requests only about `__consumer_offsets` (50 partitions) go to debug. */
  #logSend(api: string, line: string, partitions: readonly ControllerRequestPartition[]): void {
    const fields = { api, controllerEpoch: this.#context.controllerEpoch };
    if (partitions.length > 0 && partitions.every((p) => p.topic === OFFSETS_TOPIC)) this.#context.logger.debug(line, fields);
    else this.#context.logger.info(line, fields);
  }

  #report(broker: number, request: ControllerRequest, outcome: ControllerRequestOutcome): void {
    const { controllerId, controllerEpoch, logger } = this.#context;
    if (!outcome.ok) {
      if (isExpectedFailure(outcome.failure)) logger.debug(`${request.api} request to broker ${broker} dropped`, { reason: outcome.failure });
      else logger.warn(`${request.api} request to broker ${broker} failed`, { failure: outcome.failure });
    }
    else if (outcome.errorCode !== 0) logger.warn(`broker ${broker} answered ${request.api} with ${outcome.error}`, {});
    const event: ControllerRequestEvent = {
      api: request.api,
      controllerId,
      controllerEpoch,
      broker,
      partitions: request.partitions,
      ...(request.liveBrokers ? { liveBrokers: request.liveBrokers } : {}),
      outcome,
    };
    // An observer's bug must not stop the requests after this one (UpdateMetadata waits on LeaderAndIsr).
    try {
      this.#context.onRequest(event);
    } catch (error) {
      logger.warn('controller request listener failed', { api: request.api, broker, error: String(error) });
    }
  }
}

function topicIdBytes(topic: CachedTopic): Uint8Array {
  try {
    return topic.topicId ? uuidFromText(topic.topicId) : new Uint8Array(16);
  } catch {
    return new Uint8Array(16);
  }
}
