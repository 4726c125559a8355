/**
 * How a partition leader asks the controller for an ISR change, as a Kafka 3.9 broker does
 * (`DefaultAlterPartitionManager`): the changes wait in one place, at most one AlterPartition is in flight,
 * and it goes to the active controller over the inter-broker listener. It carries this broker's epoch, each
 * partition's leader epoch, the proposed ISR (v3: members with broker epoch -1, as in ZooKeeper mode) and the partition epoch
 * the leader knows (the state znode's version). A top-level error or a lost connection sends the same
 * changes again shortly (to whichever broker is controller by then); an answer settles each partition,
 * with the state the controller wrote or Kafka's error. The leader applies the answer (`replica-manager.ts`).
 */
import type { Logger } from '../../logger.ts';
import type { Transport } from '../../transport/transport.ts';
import type { BrokerEndpoint } from '../broker/broker-services.ts';
import { endpointOn } from '../broker/listener-endpoint.ts';
import { BrokerChannel } from '../network/broker-channel.ts';
import { API_KEYS, API_REGISTRY, kafkaErrorForCode, responseHeaderVersion, uuidFromText } from '../protocol/index.ts';
import type { AlterPartitionRequest, AlterPartitionRequestTopicData, AlterPartitionResponse, KafkaErrorName } from '../protocol/index.ts';
import { uuidKey } from '../controller/controller-requests.ts';

/** The version a 3.9 broker sends (topic ids, ISR members with their broker epochs). */
export const ALTER_PARTITION_VERSION = 3;
/** Without a topic id for every partition, names: v1. */
const ALTER_PARTITION_VERSION_BY_NAME = 1;
const RETRY_MS = 50;
const MAX_RETRY_MS = 1000;
const REQUEST_TIMEOUT_MS = 10_000;

/** A leader's proposed ISR for one partition. */
export interface IsrProposalItem {
  topic: string;
  partition: number;
  leaderEpoch: number;
  isr: readonly number[];
  /** The partition epoch (state znode version) the leader knows. */
  partitionEpoch: number;
  /** The topic's id when the change was proposed (a topic re-created since is another topic). */
  topicId: string | null;
}

export type AlterPartitionResult =
  | { ok: true; leader: number; leaderEpoch: number; isr: number[]; partitionEpoch: number }
  | { ok: false; error: KafkaErrorName | string };

export interface AlterPartitionManagerOptions {
  brokerId: number;
  transport: Transport;
  /** `inter.broker.listener.name`. */
  listenerName: string;
  /** The active controller as this broker knows it (null: none known). */
  controllerId(): number | null;
  brokerEndpoint(id: number): BrokerEndpoint | undefined;
  /** This broker's registration epoch as it knows it (-1 when unknown). */
  brokerEpoch(): bigint;
  /** A topic's id (text) now, if it has one. */
  topicId(topic: string): string | null | undefined;
  logger: Logger;
}

interface Unsent {
  item: IsrProposalItem;
  settle: (result: AlterPartitionResult) => void;
}

const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;

export class AlterPartitionManager {
  readonly #options: AlterPartitionManagerOptions;
  /** Proposals not answered yet (sent or not), by partition. */
  readonly #unsent = new Map<string, Unsent>();
  #inFlight = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #failures = 0;
  #channel: { controllerId: number; channel: BrokerChannel } | undefined;
  #closed = false;

  constructor(options: AlterPartitionManagerOptions) {
    this.#options = options;
  }

  /**
   * Queues a proposal and resolves with the controller's answer for it. A partition has one proposal at a
   * time: a second one for the same partition is refused at once (OPERATION_NOT_ATTEMPTED, as Kafka).
   */
  submit(item: IsrProposalItem): Promise<AlterPartitionResult> {
    if (this.#closed) return Promise.resolve({ ok: false, error: 'the broker is stopping' });
    const k = key(item.topic, item.partition);
    if (this.#unsent.has(k)) return Promise.resolve({ ok: false, error: 'OPERATION_NOT_ATTEMPTED' });
    return new Promise((settle) => {
      this.#unsent.set(k, { item: { ...item, isr: [...item.isr] }, settle });
      this.#maybeSend();
    });
  }

  /** Stops: proposals still waiting are answered with a failure, the connection closes. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    this.#channel?.channel.close();
    this.#channel = undefined;
    for (const { settle } of this.#unsent.values()) settle({ ok: false, error: 'the broker is stopping' });
    this.#unsent.clear();
  }

  #maybeSend(): void {
    if (this.#closed || this.#inFlight || this.#retryTimer) return;
    // A proposal for a topic deleted (or re-created under another id) since: never sent.
    for (const [k, unsent] of this.#unsent) {
      if ((this.#options.topicId(unsent.item.topic) ?? null) === unsent.item.topicId) continue;
      this.#unsent.delete(k);
      unsent.settle({ ok: false, error: 'UNKNOWN_TOPIC_ID' });
    }
    if (this.#unsent.size === 0) return;
    this.#inFlight = true;
    const sent = [...this.#unsent.values()];
    void this.#send(sent.map((u) => u.item)).then(
      (response) => {
        this.#inFlight = false;
        if (response.errorCode !== 0) {
          this.#retryLater(`the controller answered ${kafkaErrorForCode(response.errorCode)?.name ?? response.errorCode}`);
          return;
        }
        this.#failures = 0;
        this.#settle(response, sent);
        this.#maybeSend();
      },
      (error: unknown) => {
        this.#inFlight = false;
        this.#channel?.channel.close();
        this.#channel = undefined;
        this.#retryLater(error instanceof Error ? error.message : String(error));
      },
    );
  }

  /** Kafka retries the same changes until answered, or until a LeaderAndIsr makes them moot. */
  #retryLater(why: string): void {
    if (this.#closed) return;
    this.#failures++;
    if (this.#failures === 1) this.#options.logger.debug('AlterPartition not answered; retrying', { reason: why });
    const delay = Math.min(MAX_RETRY_MS, RETRY_MS * 2 ** Math.min(this.#failures - 1, 5));
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      this.#maybeSend();
    }, delay);
  }

  #settle(response: AlterPartitionResponse & { names: Map<string, string> }, sent: Unsent[]): void {
    const answers = new Map<string, AlterPartitionResult>();
    for (const topic of response.topics) {
      const name = topic.topicName ?? (topic.topicId ? response.names.get(uuidKey(topic.topicId)) : undefined);
      if (!name) continue;
      for (const p of topic.partitions) {
        answers.set(
          key(name, p.partitionIndex),
          p.errorCode === 0
            ? { ok: true, leader: p.leaderId, leaderEpoch: p.leaderEpoch, isr: [...p.isr], partitionEpoch: p.partitionEpoch }
            : { ok: false, error: kafkaErrorForCode(p.errorCode)?.name ?? `error ${p.errorCode}` },
        );
      }
    }
    for (const unsent of sent) {
      const k = key(unsent.item.topic, unsent.item.partition);
      const answer = answers.get(k);
      // A partition left out of the answer stays queued and goes again with the next request.
      if (!answer || this.#unsent.get(k) !== unsent) continue;
      this.#unsent.delete(k);
      unsent.settle(answer);
    }
  }

  async #send(items: IsrProposalItem[]): Promise<AlterPartitionResponse & { names: Map<string, string> }> {
    const { brokerId, brokerEpoch } = this.#options;
    const names = new Map<string, string>();
    const byTopic = new Map<string, IsrProposalItem[]>();
    for (const item of items) byTopic.set(item.topic, [...(byTopic.get(item.topic) ?? []), item]);
    const version = items.every((item) => item.topicId) ? ALTER_PARTITION_VERSION : ALTER_PARTITION_VERSION_BY_NAME;
    const topics: AlterPartitionRequestTopicData[] = [...byTopic].map(([topic, list]) => {
      const id = list[0].topicId;
      if (version > 1) names.set(uuidKey(uuidFromText(id!)), topic);
      return {
        ...(version > 1 ? { topicId: uuidFromText(id!) } : { topicName: topic }),
        partitions: list.map((item) => ({
          partitionIndex: item.partition,
          leaderEpoch: item.leaderEpoch,
          // A ZooKeeper-mode broker sends -1 for every member's epoch (`Partition.addBrokerEpochToIsr`).
          ...(version >= 3 ? { newIsrWithEpochs: item.isr.map((id) => ({ brokerId: id, brokerEpoch: -1n })) } : { newIsr: [...item.isr] }),
          leaderRecoveryState: 0,
          partitionEpoch: item.partitionEpoch,
        })),
      };
    });
    const request: AlterPartitionRequest = { brokerId, brokerEpoch: brokerEpoch(), topics };
    const channel = await this.#controllerChannel();
    const api = API_REGISTRY[API_KEYS.AlterPartition];
    const reader = await channel.request(API_KEYS.AlterPartition, version, (writer) => api.encodeRequest(writer, request, version), REQUEST_TIMEOUT_MS);
    if (responseHeaderVersion(API_KEYS.AlterPartition, version) === 1) reader.taggedFields();
    return { ...api.decodeResponse(reader, version), names };
  }

  async #controllerChannel(): Promise<BrokerChannel> {
    const controllerId = this.#options.controllerId();
    if (controllerId === null || controllerId < 0) throw new Error('no controller known');
    const current = this.#channel;
    if (current && current.controllerId === controllerId && !current.channel.closed) return current.channel;
    current?.channel.close();
    this.#channel = undefined;
    const broker = this.#options.brokerEndpoint(controllerId);
    const endpoint = broker && endpointOn(broker, this.#options.listenerName);
    if (!endpoint) throw new Error(`controller ${controllerId} has no ${this.#options.listenerName} listener`);
    const channel = await BrokerChannel.open(this.#options.transport, endpoint.host, endpoint.port, `broker-${this.#options.brokerId}-alter-partition`);
    if (this.#closed) {
      channel.close();
      throw new Error('the broker is stopping');
    }
    this.#channel = { controllerId, channel };
    return channel;
  }
}
