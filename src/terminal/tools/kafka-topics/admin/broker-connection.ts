/**
 * One connection of the tool's admin client to one broker, speaking the Kafka protocol with the
 * project's own codecs (`src/cluster/kafka/protocol`). Like Java's NetworkClient it first asks the
 * broker which versions it speaks (ApiVersions) and then sends each API at the highest version both
 * sides know, so the tool works against our embedded brokers and against a real Kafka alike.
 */
import type { Connection, Transport } from '../../../../cluster/transport/transport.ts';
import { FrameReader } from '../../../../cluster/transport/frame-reader.ts';
import { API_KEYS, API_REGISTRY, decodeResponseFrame, encodeRequestFrame } from '../../../../cluster/kafka/protocol/index.ts';
import type { ApiKey, RequestBodies, ResponseBodies } from '../../../../cluster/kafka/protocol/index.ts';

const MAX_RESPONSE_BYTES = 100 * 1024 * 1024;

/** The connection closed before the answer came (Java's `DisconnectException`, retriable). */
export class DisconnectedError extends Error {
  constructor(address: string) {
    super(`Connection to ${address} was closed before a response was received`);
    this.name = 'DisconnectedError';
  }
}

/** No answer within `request.timeout.ms` (the connection is dropped, as Java's NetworkClient does). */
export class RequestTimeoutError extends Error {
  constructor(address: string, timeoutMs: number) {
    super(`No response from ${address} within ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
  }
}

/** The broker does not speak any version of an API we have codecs for. */
export class UnsupportedApiError extends Error {
  readonly apiName: string;
  constructor(apiName: string) {
    super(`The node does not support ${apiName}`);
    this.name = 'UnsupportedApiError';
    this.apiName = apiName;
  }
}

interface Pending {
  apiKey: ApiKey;
  version: number;
  resolve: (body: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class BrokerConnection {
  readonly address: string;
  readonly #connection: Connection;
  readonly #clientId: string;
  readonly #requestTimeoutMs: number;
  readonly #frames = new FrameReader(MAX_RESPONSE_BYTES);
  readonly #pending = new Map<number, Pending>();
  readonly #versions = new Map<number, number>();
  #nextCorrelationId = 0;
  #closed = false;

  private constructor(address: string, connection: Connection, clientId: string, requestTimeoutMs: number) {
    this.address = address;
    this.#connection = connection;
    this.#clientId = clientId;
    this.#requestTimeoutMs = requestTimeoutMs;
    connection.onData((bytes) => this.#receive(bytes));
    connection.onClose(() => this.#fail(new DisconnectedError(address)));
  }

  /** Connects and learns the broker's API versions; rejects when the broker cannot be reached. */
  static async open(transport: Transport, host: string, port: number, options: { clientId: string; requestTimeoutMs: number; connectTimeoutMs: number }): Promise<BrokerConnection> {
    const address = `${host}:${port}`;
    const connection = await withTimeout(transport.connect(host, port), options.connectTimeoutMs, () => new DisconnectedError(address));
    const broker = new BrokerConnection(address, connection, options.clientId, options.requestTimeoutMs);
    try {
      const answer = await broker.#send(API_KEYS.ApiVersions, 0, {});
      for (const api of answer.apiKeys) {
        const ours = Object.hasOwn(API_REGISTRY, api.apiKey) ? (API_REGISTRY as Record<number, { minVersion: number; maxVersion: number }>)[api.apiKey] : undefined;
        if (!ours) continue;
        const version = Math.min(ours.maxVersion, api.maxVersion);
        if (version >= Math.max(ours.minVersion, api.minVersion)) broker.#versions.set(api.apiKey, version);
      }
    } catch (error) {
      broker.close();
      throw error;
    }
    return broker;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** The version `apiKey` is sent at, or undefined when the broker and we share none. */
  versionOf(apiKey: ApiKey): number | undefined {
    return this.#versions.get(apiKey);
  }

  /** Sends a request at the highest common version and resolves to the decoded answer. */
  send<K extends ApiKey>(apiKey: K, body: RequestBodies[K]): Promise<{ version: number; body: ResponseBodies[K] }> {
    const version = this.#versions.get(apiKey);
    if (version === undefined) return Promise.reject(new UnsupportedApiError(API_REGISTRY[apiKey].name));
    return this.#send(apiKey, version, body).then((answer) => ({ version, body: answer }));
  }

  close(): void {
    if (this.#closed) return;
    this.#connection.close();
    this.#fail(new DisconnectedError(this.address));
  }

  #send<K extends ApiKey>(apiKey: K, version: number, body: RequestBodies[K]): Promise<ResponseBodies[K]> {
    if (this.#closed) return Promise.reject(new DisconnectedError(this.address));
    const correlationId = this.#nextCorrelationId++;
    return new Promise<ResponseBodies[K]>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new RequestTimeoutError(this.address, this.#requestTimeoutMs));
        this.#pending.delete(correlationId);
        this.close();
      }, this.#requestTimeoutMs);
      this.#pending.set(correlationId, { apiKey, version, resolve: resolve as (body: unknown) => void, reject, timer });
      this.#connection.write(encodeRequestFrame(apiKey, version, correlationId, this.#clientId, body));
    });
  }

  #receive(bytes: Uint8Array): void {
    let frames: Uint8Array[];
    try {
      frames = this.#frames.push(bytes);
    } catch (error) {
      this.#connection.destroy();
      this.#fail(error as Error);
      return;
    }
    for (const payload of frames) {
      const correlationId = new DataView(payload.buffer, payload.byteOffset, 4).getInt32(0);
      const pending = this.#pending.get(correlationId);
      if (!pending) continue;
      this.#pending.delete(correlationId);
      clearTimeout(pending.timer);
      try {
        pending.resolve(decodeResponseFrame(pending.apiKey, pending.version, payload).body);
      } catch (error) {
        pending.reject(error as Error);
      }
    }
  }

  #fail(error: Error): void {
    this.#closed = true;
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.#pending.clear();
  }
}

function withTimeout<T extends { close(): void }>(work: Promise<T>, timeoutMs: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      reject(onTimeout());
    }, timeoutMs);
    work.then(
      (value) => {
        clearTimeout(timer);
        if (timedOut) value.close();
        else resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
