/**
 * A `Transport` wrapper for fault injection in client tests: drop a client's connections (it reconnects)
 * or partition it (connections dropped and new ones refused until `heal()`), without any closeSession.
 */
import type { Connection, Listener, Transport } from '../../../src/cluster/transport/transport.ts';

export class FaultyTransport implements Transport {
  readonly #inner: Transport;
  readonly #open = new Set<Connection>();
  #partitioned = false;
  /** Every `host:port` dialled, in order (successful or not). */
  readonly dialled: string[] = [];

  constructor(inner: Transport) {
    this.#inner = inner;
  }

  listen(host: string, port: number, onConnection: (connection: Connection) => void): Promise<Listener> {
    return this.#inner.listen(host, port, onConnection);
  }

  async connect(host: string, port: number): Promise<Connection> {
    this.dialled.push(`${host}:${port}`);
    if (this.#partitioned) {
      throw Object.assign(new Error(`connect ECONNREFUSED ${host}:${port} (partitioned by the test)`), { code: 'ECONNREFUSED' });
    }
    const connection = await this.#inner.connect(host, port);
    if (this.#partitioned) {
      connection.destroy();
      throw Object.assign(new Error(`connect ECONNREFUSED ${host}:${port} (partitioned by the test)`), { code: 'ECONNREFUSED' });
    }
    this.#open.add(connection);
    connection.onClose(() => this.#open.delete(connection));
    return connection;
  }

  get openConnections(): number {
    return this.#open.size;
  }

  /** Destroys every open connection, as a network failure would (the server gets no closeSession). */
  dropConnections(): void {
    for (const connection of [...this.#open]) connection.destroy();
  }

  /** Drops every connection and refuses new ones until `heal()`. */
  partition(): void {
    this.#partitioned = true;
    this.dropConnections();
  }

  heal(): void {
    this.#partitioned = false;
  }
}
