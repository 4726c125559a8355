/**
 * A broker's client connection to another broker (Kafka's `NetworkClient` for inter-broker requests):
 * follower fetches and ControlledShutdown go over the same transport and wire protocol as clients use.
 * Requests carry a v1 header; responses are matched by correlation id.
 */
import { receiveFrames } from '../../transport/receive-frames.ts';
import type { Connection, Transport } from '../../transport/transport.ts';
import { encodeRequestHeader, KafkaReader, KafkaWriter, decodeResponseHeader } from '../protocol/index.ts';

/** The largest response frame accepted from another broker. */
const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

interface Pending {
  resolve: (body: Uint8Array) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class ChannelClosedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChannelClosedError';
  }
}

export class BrokerChannel {
  readonly #connection: Connection;
  readonly #clientId: string;
  readonly #pending = new Map<number, Pending>();
  #nextCorrelationId = 1;
  #closed = false;

  private constructor(connection: Connection, clientId: string) {
    this.#connection = connection;
    this.#clientId = clientId;
    // Over TCP a fetch response is read straight into a buffer of its own (no per-read buffers, no join copy).
    receiveFrames(connection, MAX_RESPONSE_BYTES, (frame) => this.#onFrame(frame), (error) => {
      this.#fail(new ChannelClosedError(`bad frame from ${connection.remote}: ${error.message}`));
      connection.destroy();
    });
    connection.onClose((reason) => this.#fail(new ChannelClosedError(`connection to ${connection.remote} closed${reason ? `: ${reason.message}` : ''}`)));
  }

  static async open(transport: Transport, host: string, port: number, clientId: string): Promise<BrokerChannel> {
    const connection = await transport.connect(host, port);
    return new BrokerChannel(connection, clientId);
  }

  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Sends a request and resolves with the response body (after the correlation id). `encode` writes the
   * request body; `timeoutMs` bounds the wait (the channel is closed on timeout: responses stay ordered).
   */
  request(apiKey: number, apiVersion: number, encode: (writer: KafkaWriter) => void, timeoutMs: number): Promise<KafkaReader> {
    if (this.#closed) return Promise.reject(new ChannelClosedError('channel closed'));
    const correlationId = this.#nextCorrelationId++;
    const writer = new KafkaWriter();
    const sizeAt = writer.reserveInt32();
    encodeRequestHeader(writer, { apiKey, apiVersion, correlationId, clientId: this.#clientId });
    encode(writer);
    writer.int32At(sizeAt, writer.length - 4);
    return new Promise<KafkaReader>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(correlationId);
        reject(new ChannelClosedError(`request ${apiKey} v${apiVersion} timed out after ${timeoutMs} ms`));
        this.close();
      }, timeoutMs);
      this.#pending.set(correlationId, {
        resolve: (body) => resolve(new KafkaReader(body)),
        reject,
        timer,
      });
      this.#connection.write(writer.toBytes());
    });
  }

  close(): void {
    if (this.#closed) return;
    this.#connection.destroy();
    this.#fail(new ChannelClosedError('channel closed'));
  }

  #onFrame(frame: Uint8Array): void {
    const reader = new KafkaReader(frame);
    if (reader.remaining < 4) return;
    const { correlationId } = decodeResponseHeader(reader);
    const pending = this.#pending.get(correlationId);
    if (!pending) return;
    this.#pending.delete(correlationId);
    clearTimeout(pending.timer);
    pending.resolve(frame.subarray(reader.offset));
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
