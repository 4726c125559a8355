/**
 * One connection to one broker for the tools that speak the Kafka protocol themselves rather than
 * through kafkajs (kafka-topics' and kafka-configs' admin clients, kafka-broker-api-versions): what
 * Java's `NetworkClient` does for a node. It opens the connection through the tool environment's
 * transport, asks ApiVersions first (as the Java client does on every new connection), then sends each
 * request at a version both sides speak and matches answers by correlation id. kafkajs drops the
 * brokers' error messages, which these tools print, and cannot read an answer naming a partition
 * without a leader.
 */
import type { Connection, Transport } from '../../../cluster/transport/transport.ts';
import { FrameReader } from '../../../cluster/transport/frame-reader.ts';
import { API_KEYS, API_REGISTRY, decodeResponseFrame, encodeRequestFrame, encodeRequestHeader, KAFKA_ERRORS, KafkaReader, KafkaWriter } from '../../../cluster/kafka/protocol/index.ts';
import type { ApiKey, ApiVersion, RequestBodies, ResponseBodies } from '../../../cluster/kafka/protocol/index.ts';

const MAX_RESPONSE_BYTES = 100 * 1024 * 1024;

/** The connection closed (or could not be used) before the answer came: Java's `DisconnectException`, retriable. */
export class BrokerDisconnectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BrokerDisconnectedError';
  }
}

/** The connection could not be opened (nothing listens there, a port the shell may not reach, or no answer in time). */
export class BrokerUnreachableError extends Error {
  constructor(host: string, port: number) {
    super(`cannot connect to ${host}:${port}`);
    this.name = 'BrokerUnreachableError';
  }
}

/** No answer within the request's timeout (`request.timeout.ms`): Java disconnects the node and fails the request. */
export class BrokerRequestTimeoutError extends Error {
  readonly apiName: string;

  constructor(apiName: string, timeoutMs: number) {
    super(`${apiName} timed out after ${timeoutMs} ms`);
    this.name = 'BrokerRequestTimeoutError';
    this.apiName = apiName;
  }
}

/** The broker speaks no version of an API that we have codecs for. */
export class UnsupportedApiError extends Error {
  readonly apiName: string;

  constructor(apiName: string) {
    super(`The node does not support ${apiName}`);
    this.name = 'UnsupportedApiError';
    this.apiName = apiName;
  }
}

export interface BrokerConnectionOptions {
  readonly clientId: string;
  /** `request.timeout.ms`: for ApiVersions, and for requests that name no timeout of their own. */
  readonly requestTimeoutMs: number;
  /** `socket.connection.setup.timeout.ms`; without it, as long as the transport takes. */
  readonly connectTimeoutMs?: number;
}

interface Pending {
  decode: (payload: Uint8Array) => unknown;
  resolve: (body: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class BrokerConnection {
  /** `host:port`. */
  readonly address: string;
  readonly #connection: Connection;
  readonly #clientId: string;
  readonly #requestTimeoutMs: number;
  readonly #pending = new Map<number, Pending>();
  readonly #frames = new FrameReader(MAX_RESPONSE_BYTES);
  #nextCorrelationId = 0;
  #apiVersions: ReadonlyMap<number, ApiVersion> = new Map();
  #closed = false;

  private constructor(address: string, connection: Connection, options: BrokerConnectionOptions) {
    this.address = address;
    this.#connection = connection;
    this.#clientId = options.clientId;
    this.#requestTimeoutMs = options.requestTimeoutMs;
    connection.onData((bytes) => this.#receive(bytes));
    connection.onClose(() => this.#fail(this.#disconnected()));
  }

  /**
   * Connects and asks ApiVersions. Rejects with `BrokerUnreachableError` when the connection cannot be
   * opened (the caller prints NetworkClient's WARN line), or another error when it is lost before the answer.
   */
  static async open(transport: Transport, host: string, port: number, options: BrokerConnectionOptions): Promise<BrokerConnection> {
    const connection = await connectWithin(transport, host, port, options.connectTimeoutMs);
    const broker = new BrokerConnection(`${host}:${port}`, connection, options);
    try {
      await broker.#negotiate();
    } catch (error) {
      broker.close();
      throw error;
    }
    return broker;
  }

  /** The broker's ApiVersions answer (what it advertises), in its order. */
  get apiVersions(): ApiVersion[] {
    return [...this.#apiVersions.values()];
  }

  get closed(): boolean {
    return this.#closed;
  }

  /**
   * The highest version both this codec and the broker speak, as `NodeApiVersions.latestUsableVersion`
   * picks it, but at most `highest` (the version a tool was written against: a later one may change what
   * it reads); undefined when the broker does not advertise the API (Java: `UnsupportedVersionException`).
   */
  usableVersion(apiKey: ApiKey, highest = Infinity): number | undefined {
    const advertised = this.#apiVersions.get(apiKey);
    const codec = API_REGISTRY[apiKey];
    if (!advertised) return undefined;
    const max = Math.min(advertised.maxVersion, codec.maxVersion, highest);
    return max >= Math.max(advertised.minVersion, codec.minVersion) ? max : undefined;
  }

  /** The broker's range for `apiKey`, any API (also those the generated codecs do not cover). */
  advertised(apiKey: number): ApiVersion | undefined {
    return this.#apiVersions.get(apiKey);
  }

  /** Sends a request at `version` and resolves with the answer's body. */
  request<K extends ApiKey>(apiKey: K, version: number, body: RequestBodies[K], timeoutMs = this.#requestTimeoutMs): Promise<ResponseBodies[K]> {
    const correlationId = this.#nextCorrelationId++;
    const frame = encodeRequestFrame(apiKey, version, correlationId, this.#clientId, body);
    return this.#send(correlationId, API_REGISTRY[apiKey].name, frame, (payload) => decodeResponseFrame(apiKey, version, payload).body, timeoutMs);
  }

  /** Sends a request at the highest version both sides speak; `UnsupportedApiError` when there is none. */
  async send<K extends ApiKey>(apiKey: K, body: RequestBodies[K]): Promise<{ version: number; body: ResponseBodies[K] }> {
    const version = this.usableVersion(apiKey);
    if (version === undefined) throw new UnsupportedApiError(API_REGISTRY[apiKey].name);
    return { version, body: await this.request(apiKey, version, body) };
  }

  /**
   * Sends a request of an API the generated codecs do not cover (a non-flexible version, v1 header):
   * `writeBody` writes the body, `readBody` reads the answer's body after its header.
   */
  requestRaw<T>(api: { key: number; name: string; version: number }, writeBody: (writer: KafkaWriter) => void, readBody: (reader: KafkaReader) => T, timeoutMs = this.#requestTimeoutMs): Promise<T> {
    const correlationId = this.#nextCorrelationId++;
    const writer = new KafkaWriter();
    const sizeAt = writer.reserveInt32();
    encodeRequestHeader(writer, { apiKey: api.key, apiVersion: api.version, correlationId, clientId: this.#clientId });
    writeBody(writer);
    writer.int32At(sizeAt, writer.length - 4);
    const decode = (payload: Uint8Array) => {
      const reader = new KafkaReader(payload);
      reader.int32();
      const body = readBody(reader);
      reader.expectEnd(`${api.name}Response v${api.version}`);
      return body;
    };
    return this.#send(correlationId, api.name, writer.toBytes(), decode, timeoutMs);
  }

  close(): void {
    if (this.#closed) return;
    this.#fail(this.#disconnected());
    this.#connection.close();
  }

  #send<T>(correlationId: number, apiName: string, frame: Uint8Array, decode: (payload: Uint8Array) => T, timeoutMs: number): Promise<T> {
    if (this.#closed) return Promise.reject(this.#disconnected());
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(correlationId);
        reject(new BrokerRequestTimeoutError(apiName, timeoutMs));
        // Java's NetworkClient disconnects a node whose request timed out.
        this.close();
      }, timeoutMs);
      this.#pending.set(correlationId, { decode, resolve: resolve as (body: unknown) => void, reject, timer });
      this.#connection.write(frame);
    });
  }

  async #negotiate(): Promise<void> {
    const apiVersions = API_KEYS.ApiVersions;
    // v2: the last non-flexible version; every broker since Kafka 2.0 answers it.
    let version = Math.min(2, API_REGISTRY[apiVersions].maxVersion);
    for (;;) {
      const answer = await this.request(apiVersions, version, {});
      if (answer.errorCode === KAFKA_ERRORS.UNSUPPORTED_VERSION.code) {
        // The broker lists the ApiVersions versions it speaks; Java retries with the highest common one.
        const theirs = answer.apiKeys.find((entry) => entry.apiKey === apiVersions);
        const retry = theirs ? Math.min(theirs.maxVersion, version - 1) : version - 1;
        if (retry < 0 || retry >= version) throw new BrokerDisconnectedError('no common ApiVersions version');
        version = retry;
        continue;
      }
      if (answer.errorCode !== 0) throw new BrokerDisconnectedError(`ApiVersions failed with error ${answer.errorCode}`);
      this.#apiVersions = new Map(answer.apiKeys.map((entry) => [entry.apiKey, entry]));
      return;
    }
  }

  #receive(bytes: Uint8Array): void {
    let frames: Uint8Array[];
    try {
      frames = this.#frames.push(bytes);
    } catch {
      this.close();
      return;
    }
    for (const frame of frames) {
      const correlationId = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getInt32(0);
      const pending = this.#pending.get(correlationId);
      if (!pending) continue;
      this.#pending.delete(correlationId);
      clearTimeout(pending.timer);
      try {
        pending.resolve(pending.decode(frame));
      } catch {
        // An answer we cannot read (an unexpected layout): as good as a lost connection.
        pending.reject(new BrokerDisconnectedError('unreadable response'));
        this.close();
        return;
      }
    }
  }

  #disconnected(): BrokerDisconnectedError {
    return new BrokerDisconnectedError(`Connection to ${this.address} was closed before a response was received`);
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

/** `transport.connect`, given up after `timeoutMs` (a connection that comes later is closed at once). */
function connectWithin(transport: Transport, host: string, port: number, timeoutMs: number | undefined): Promise<Connection> {
  return new Promise<Connection>((resolve, reject) => {
    let timedOut = false;
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            reject(new BrokerUnreachableError(host, port));
          }, timeoutMs);
    transport.connect(host, port).then(
      (connection) => {
        clearTimeout(timer);
        if (timedOut) connection.close();
        else resolve(connection);
      },
      () => {
        clearTimeout(timer);
        reject(new BrokerUnreachableError(host, port));
      },
    );
  });
}
