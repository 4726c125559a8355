/**
 * kafkajs' socket factory over our `Transport`: the tools' Kafka clients reach brokers only through
 * the tool environment (on the server, a transport that reaches nothing but the cluster's ports;
 * later, in a browser tab, in-memory pipes). kafkajs uses a small part of `net.Socket`: `write`,
 * `end`, `unref` and the `data` / `end` / `error` / `timeout` events, with `Buffer` chunks.
 */
import type { ISocketFactory } from 'kafkajs';
import type { Connection, Transport } from '../../../cluster/transport/transport.ts';

type SocketEvent = 'data' | 'end' | 'error' | 'timeout';

class TransportSocket {
  readonly #listeners = new Map<SocketEvent, Array<(value?: unknown) => void>>();
  #connection: Connection | null = null;
  #ended = false;

  on(event: SocketEvent, listener: (value?: unknown) => void): this {
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), listener]);
    return this;
  }

  emit(event: SocketEvent, value?: unknown): void {
    for (const listener of this.#listeners.get(event) ?? []) listener(value);
  }

  attach(connection: Connection): void {
    if (this.#ended) {
      connection.close();
      return;
    }
    this.#connection = connection;
    connection.onData((bytes) => this.emit('data', Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
    connection.onClose((reason) => {
      if (this.#ended) return;
      this.#ended = true;
      if (reason) this.emit('error', reason);
      else this.emit('end');
    });
  }

  write(data: Uint8Array | string): boolean {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'binary') : data;
    this.#connection?.write(bytes);
    return true;
  }

  end(): void {
    this.#ended = true;
    this.#connection?.close();
  }

  destroy(): void {
    this.#ended = true;
    this.#connection?.destroy();
  }

  unref(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }
}

export function transportSocketFactory(transport: Transport): ISocketFactory {
  return ({ host, port, onConnect }) => {
    const socket = new TransportSocket();
    transport.connect(host, port).then(
      (connection) => {
        socket.attach(connection);
        onConnect();
      },
      (error: unknown) => socket.emit('error', error),
    );
    return socket as unknown as ReturnType<ISocketFactory>;
  };
}
