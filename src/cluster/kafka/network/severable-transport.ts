/**
 * A `Transport` wrapper whose outgoing connections can all be cut at once, and new ones refused: how a
 * killed broker disappears from ZooKeeper's view without saying goodbye (no closeSession), so its session
 * expires after `zookeeper.session.timeout.ms`, as with a crashed JVM.
 */
import type { Connection, Listener, Transport } from '../../transport/transport.ts';

export class SeverableTransport implements Transport {
  readonly #inner: Transport;
  readonly #connections = new Set<Connection>();
  #severed = false;

  constructor(inner: Transport) {
    this.#inner = inner;
  }

  get severed(): boolean {
    return this.#severed;
  }

  listen(host: string, port: number, onConnection: (connection: Connection) => void): Promise<Listener> {
    return this.#inner.listen(host, port, onConnection);
  }

  async connect(host: string, port: number): Promise<Connection> {
    if (this.#severed) throw Object.assign(new Error(`connect ECONNREFUSED ${host}:${port} (broker killed)`), { code: 'ECONNREFUSED' });
    const connection = await this.#inner.connect(host, port);
    if (this.#severed) {
      connection.destroy();
      throw Object.assign(new Error(`connect ECONNREFUSED ${host}:${port} (broker killed)`), { code: 'ECONNREFUSED' });
    }
    this.#connections.add(connection);
    connection.onClose(() => this.#connections.delete(connection));
    return connection;
  }

  /** Lets connections be made again (the end of a simulated network partition). */
  heal(): void {
    this.#severed = false;
  }

  /** Destroys every connection made through this transport and refuses new ones. */
  sever(): void {
    this.#severed = true;
    for (const connection of this.#connections) connection.destroy();
    this.#connections.clear();
  }
}
