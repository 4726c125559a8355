/**
 * A transport that lets a tool see some of its kafkajs client's answers as Java's client sees them.
 * Java's NetworkClient logs the topic errors of every Metadata answer with the request's correlation
 * id, and its Sender logs each partition error of a Produce answer; kafkajs keeps both to itself (it
 * throws the first error only, and retries metadata silently). The tap reads the request headers
 * kafkajs writes (one whole frame per write) and copies the answers to the chosen APIs as they pass
 * by; every byte still reaches kafkajs unchanged, and other answers are skipped without copying.
 *
 * The same tap can also change an answer before kafkajs reads it (`rewriteKafkaResponses`): answers to
 * the chosen APIs are then held back until whole and passed on as the rewriter says; the others still
 * stream through.
 */
import type { Connection, Listener, Transport } from '../../../cluster/transport/transport.ts';

export interface TappedRequest {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  /** `host:port` of the connection. */
  address: string;
}

export interface TappedResponse extends TappedRequest {
  /** The frame without its length prefix (response header + body), for `decodeResponseFrame`. */
  payload: Uint8Array;
}

export interface KafkaTrafficListener {
  /** The APIs whose requests and answers the listener sees. */
  apiKeys: ReadonlySet<number>;
  onRequest?(request: TappedRequest): void;
  onResponse(response: TappedResponse): void;
}

export interface KafkaResponseRewriter {
  /** The APIs whose answers may be rewritten. */
  apiKeys: ReadonlySet<number>;
  /** The whole frame (length prefix included) to pass on instead of `response`, or undefined to pass it unchanged. */
  rewrite(response: TappedResponse): Uint8Array | undefined;
}

/** What a tapped connection does with the traffic of the chosen APIs. */
interface Tap {
  apiKeys: ReadonlySet<number>;
  onRequest?(request: TappedRequest): void;
  onResponse?(response: TappedResponse): void;
  rewrite?(response: TappedResponse): Uint8Array | undefined;
}

export function tapKafkaResponses(transport: Transport, listener: KafkaTrafficListener): Transport {
  return tappedTransport(transport, listener);
}

export function rewriteKafkaResponses(transport: Transport, rewriter: KafkaResponseRewriter): Transport {
  return tappedTransport(transport, { apiKeys: rewriter.apiKeys, rewrite: (response) => rewriter.rewrite(response) });
}

function tappedTransport(transport: Transport, tap: Tap): Transport {
  return {
    listen(host: string, port: number, onConnection: (connection: Connection) => void): Promise<Listener> {
      return transport.listen(host, port, onConnection);
    },
    async connect(host: string, port: number): Promise<Connection> {
      const connection = await transport.connect(host, port);
      return new TappedConnection(connection, `${host}:${port}`, tap);
    },
  };
}

class TappedConnection implements Connection {
  readonly #inner: Connection;
  readonly #address: string;
  readonly #tap: Tap;
  /** Correlation id -> the request's api key and version, for the answers we copy. */
  readonly #awaited = new Map<number, TappedRequest>();
  readonly #listeners: Array<(bytes: Uint8Array) => void> = [];
  /** The answer being received: its first 8 bytes (length, correlation id), then the rest. */
  readonly #head = new Uint8Array(8);
  #headFill = 0;
  #remaining = 0;
  #copy: Uint8Array[] | null = null;
  #copying: TappedRequest | null = null;
  #broken = false;

  constructor(inner: Connection, address: string, tap: Tap) {
    this.#inner = inner;
    this.#address = address;
    this.#tap = tap;
    inner.onData((bytes) => {
      if (this.#broken) {
        this.#emit(bytes);
      } else if (tap.rewrite) {
        // Whole answers of the chosen APIs, everything else as it comes.
        const passOn: Uint8Array[] = [];
        this.#scan(bytes, passOn);
        for (const part of passOn) this.#emit(part);
      } else {
        this.#scan(bytes);
        this.#emit(bytes);
      }
    });
  }

  get remote(): string {
    return this.#inner.remote;
  }

  get closed(): boolean {
    return this.#inner.closed;
  }

  write(bytes: Uint8Array): void {
    // A request frame: int32 length, int16 api key, int16 api version, int32 correlation id, ...
    if (bytes.byteLength >= 12) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const apiKey = view.getInt16(4);
      if (this.#tap.apiKeys.has(apiKey)) {
        const request = { apiKey, apiVersion: view.getInt16(6), correlationId: view.getInt32(8), address: this.#address };
        this.#awaited.set(request.correlationId, request);
        this.#tap.onRequest?.(request);
      }
    }
    this.#inner.write(bytes);
  }

  close(): void {
    this.#inner.close();
  }

  destroy(): void {
    this.#inner.destroy();
  }

  onData(listener: (bytes: Uint8Array) => void): void {
    this.#listeners.push(listener);
  }

  onClose(listener: (reason?: Error) => void): void {
    this.#inner.onClose(listener);
  }

  #emit(bytes: Uint8Array): void {
    for (const listener of this.#listeners) listener(bytes);
  }

  /**
   * Follows the answers' frames through `bytes`, copying those of the chosen APIs. With `passOn` (a
   * rewriting tap) it also collects what to pass on: the bytes of other answers, and each chosen
   * answer once whole.
   */
  #scan(bytes: Uint8Array, passOn?: Uint8Array[]): void {
    let at = 0;
    while (at < bytes.byteLength) {
      if (this.#headFill < 8) {
        const take = Math.min(8 - this.#headFill, bytes.byteLength - at);
        this.#head.set(bytes.subarray(at, at + take), this.#headFill);
        this.#headFill += take;
        at += take;
        if (this.#headFill < 8) return;
        const view = new DataView(this.#head.buffer);
        const size = view.getInt32(0);
        const correlationId = view.getInt32(4);
        if (size < 4) {
          this.#broken = true;
          passOn?.push(this.#head.slice(), bytes.subarray(at));
          return;
        }
        this.#remaining = size - 4;
        const request = this.#awaited.get(correlationId);
        this.#awaited.delete(correlationId);
        this.#copying = request ?? null;
        this.#copy = request ? [this.#head.slice(4, 8)] : null;
        if (!request) passOn?.push(this.#head.slice());
      }
      const take = Math.min(this.#remaining, bytes.byteLength - at);
      if (this.#copy && take > 0) this.#copy.push(bytes.slice(at, at + take));
      else if (take > 0) passOn?.push(bytes.subarray(at, at + take));
      this.#remaining -= take;
      at += take;
      if (this.#remaining === 0) this.#finishFrame(passOn);
    }
  }

  #finishFrame(passOn: Uint8Array[] | undefined): void {
    const copying = this.#copying;
    const parts = this.#copy;
    this.#headFill = 0;
    this.#copy = null;
    this.#copying = null;
    if (!copying || !parts) return;
    const payload = new Uint8Array(parts.reduce((total, part) => total + part.byteLength, 0));
    let offset = 0;
    for (const part of parts) {
      payload.set(part, offset);
      offset += part.byteLength;
    }
    const response = { ...copying, payload };
    this.#tap.onResponse?.(response);
    if (passOn) passOn.push(this.#tap.rewrite?.(response) ?? sizePrefixed(payload));
  }
}

function sizePrefixed(payload: Uint8Array): Uint8Array {
  const frame = new Uint8Array(4 + payload.byteLength);
  new DataView(frame.buffer).setInt32(0, payload.byteLength);
  frame.set(payload, 4);
  return frame;
}
