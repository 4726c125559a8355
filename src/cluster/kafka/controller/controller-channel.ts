/**
 * The active controller's connections to the brokers (Kafka's `ControllerChannelManager`): one channel per
 * live broker to its inter-broker listener, and one request in flight per broker at a time, so a broker
 * sees the controller's requests in the order they were made (`RequestSendThread`). A request that cannot
 * be delivered is retried (every 100 ms, then every second) for as long as the same incarnation of the broker stays
 * registered, as Kafka's send thread does (a broker cut off for a while gets it once healed).
 */
import type { Logger } from '../../logger.ts';
import type { Transport } from '../../transport/transport.ts';
import { endpointOn } from '../broker/listener-endpoint.ts';
import type { BrokerEndpoint } from '../broker/broker-services.ts';
import { BrokerChannel } from '../network/broker-channel.ts';
import { responseHeaderVersion } from '../protocol/index.ts';
import type { ControllerRequest, ControllerRequestOutcome } from './controller-requests.ts';

export interface ControllerChannelOptions {
  controllerId: number;
  transport: Transport;
  /** `inter.broker.listener.name`: the listener the controller dials. */
  listenerName: string;
  /** The registered broker now (undefined once it left `/brokers/ids`). */
  brokerEndpoint: (id: number) => BrokerEndpoint | undefined;
  logger: Logger;
  /** How long one request may wait for its answer (`controller.socket.timeout.ms`, 30 s in Kafka). */
  requestTimeoutMs?: number;
  /** How long a request is retried before it is given up (default: while the broker is registered). */
  deliveryDeadlineMs?: number;
}

const RETRY_BACKOFF_MS = 100;
const MAX_RETRY_BACKOFF_MS = 1000;

/** Failures that are no news: the controller resigned, or the broker left or came back (it gets everything anew). */
export const CONTROLLER_STOPPED = 'the controller stopped';

export function isExpectedFailure(failure: string): boolean {
  return failure === CONTROLLER_STOPPED || failure.endsWith('left or registered again') || failure.endsWith('is not registered');
}

export class ControllerChannel {
  readonly #options: ControllerChannelOptions;
  readonly #channels = new Map<number, BrokerChannel>();
  readonly #queues = new Map<number, Promise<unknown>>();
  /** Brokers whose delivery attempts fail, since when (requests to them are waiting for them to come back). */
  readonly #unreachable = new Map<number, number>();
  /** Bumped when a broker leaves or re-registers: requests queued for its old incarnation are dropped. */
  readonly #generations = new Map<number, number>();
  #closed = false;

  constructor(options: ControllerChannelOptions) {
    this.#options = options;
  }

  /**
   * Queues `request` for `brokerId` behind the ones sent to it before; resolves with its outcome. With
   * `retry: false` one failed attempt is the outcome (topic deletion does not wait for a dead broker).
   */
  send(brokerId: number, request: ControllerRequest, options: { retry?: boolean } = {}): Promise<ControllerRequestOutcome> {
    const previous = this.#queues.get(brokerId) ?? Promise.resolve();
    const generation = this.#generations.get(brokerId) ?? 0;
    const next = previous.then(() => this.#deliver(brokerId, request, generation, options.retry ?? true));
    const tail = next.catch(() => undefined);
    this.#queues.set(brokerId, tail);
    void tail.then(() => {
      if (this.#queues.get(brokerId) === tail) this.#queues.delete(brokerId);
    });
    return next;
  }

  /**
   * A broker left or re-registered (Kafka's `removeBroker`): its connection goes, and so do the requests
   * still queued for it (the controller sends a restarted broker everything anew).
   */
  removeBroker(brokerId: number): void {
    this.#generations.set(brokerId, (this.#generations.get(brokerId) ?? 0) + 1);
    this.#unreachable.delete(brokerId);
    this.#dropChannel(brokerId);
  }

  #dropChannel(brokerId: number): void {
    this.#channels.get(brokerId)?.close();
    this.#channels.delete(brokerId);
  }

  /** False while requests to the broker cannot be delivered (it crashed and is still registered, or is cut off). */
  reachable(brokerId: number): boolean {
    return !this.#unreachable.has(brokerId);
  }

  /** How long requests to the broker have been failing (0: they are not). A starting broker fails briefly. */
  unreachableForMs(brokerId: number): number {
    const since = this.#unreachable.get(brokerId);
    return since === undefined ? 0 : Date.now() - since;
  }

  /** Closes every connection; queued requests fail. */
  close(): void {
    this.#closed = true;
    for (const channel of this.#channels.values()) channel.close();
    this.#channels.clear();
  }

  async #deliver(brokerId: number, request: ControllerRequest, generation: number, retry: boolean): Promise<ControllerRequestOutcome> {
    const deadline = Date.now() + (this.#options.deliveryDeadlineMs ?? Number.POSITIVE_INFINITY);
    let lastError = 'not sent';
    for (let attempt = 1; ; attempt++) {
      if (this.#closed) return { ok: false, failure: CONTROLLER_STOPPED };
      if ((this.#generations.get(brokerId) ?? 0) !== generation) return { ok: false, failure: `broker ${brokerId} left or registered again` };
      if (!this.#options.brokerEndpoint(brokerId)) return { ok: false, failure: `broker ${brokerId} is not registered` };
      try {
        const channel = await this.#channelTo(brokerId);
        const reader = await channel.request(request.apiKey, request.version, (writer) => request.encode(writer), this.#options.requestTimeoutMs ?? 30_000);
        if (responseHeaderVersion(request.apiKey, request.version) === 1) reader.taggedFields();
        this.#unreachable.delete(brokerId);
        return request.decodeOutcome(reader);
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
        this.#dropChannel(brokerId);
        if (!this.#unreachable.has(brokerId)) this.#unreachable.set(brokerId, Date.now());
        // Quick retries first (a starting broker refuses until it serves), slower ones for a broker that stays down.
        const pause = attempt <= 20 ? RETRY_BACKOFF_MS : MAX_RETRY_BACKOFF_MS;
        if (!retry || Date.now() + pause > deadline) break;
        if (attempt === 1) this.#options.logger.debug('controller request not delivered; retrying', { broker: brokerId, api: request.api, error: lastError });
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
    return { ok: false, failure: lastError };
  }

  async #channelTo(brokerId: number): Promise<BrokerChannel> {
    const existing = this.#channels.get(brokerId);
    if (existing && !existing.closed) return existing;
    const broker = this.#options.brokerEndpoint(brokerId);
    const endpoint = broker && endpointOn(broker, this.#options.listenerName);
    if (!endpoint) throw new Error(`broker ${brokerId} has no ${this.#options.listenerName} listener`);
    const channel = await BrokerChannel.open(this.#options.transport, endpoint.host, endpoint.port, `controller-${this.#options.controllerId}`);
    if (this.#closed) {
      channel.close();
      throw new Error(CONTROLLER_STOPPED);
    }
    this.#channels.set(brokerId, channel);
    return channel;
  }
}
