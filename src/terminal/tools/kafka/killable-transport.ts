/**
 * A Kafka client's own way onto the network, with a kill switch. kafkajs cannot be told to stop
 * everything it does: a consumer goes on rejoining its group after `disconnect()` returned early, a
 * restart waits on a timer, a retry loop reconnects. When a tool is done with its client (its last
 * line printed), `kill()` destroys every connection the client has open and refuses every one it
 * asks for later, so nothing of the client outlives the tool, as nothing of a JVM outlives its exit.
 */
import type { Connection, Listener, Transport } from '../../../cluster/transport/transport.ts';

/** A connection asked for after the kill: refused without reaching the network. */
export class TransportKilledError extends Error {
  constructor(host: string, port: number) {
    super(`connect to ${host}:${port} refused: the tool has closed its client`);
    this.name = 'TransportKilledError';
  }
}

export class KillableTransport implements Transport {
  readonly #inner: Transport;
  readonly #open = new Set<Connection>();
  #killed = false;

  constructor(inner: Transport) {
    this.#inner = inner;
  }

  get killed(): boolean {
    return this.#killed;
  }

  /** Connections opened through this transport and not closed yet. */
  get openConnections(): number {
    return this.#open.size;
  }

  listen(host: string, port: number, onConnection: (connection: Connection) => void): Promise<Listener> {
    return this.#inner.listen(host, port, onConnection);
  }

  async connect(host: string, port: number): Promise<Connection> {
    if (this.#killed) throw new TransportKilledError(host, port);
    const connection = await this.#inner.connect(host, port);
    // Opened while the switch was pulled: it never reaches the client.
    if (this.#killed) {
      connection.destroy();
      throw new TransportKilledError(host, port);
    }
    this.#open.add(connection);
    connection.onClose(() => this.#open.delete(connection));
    return connection;
  }

  /** Destroys every open connection (their owners hear them close) and refuses every later one. Idempotent. */
  kill(): void {
    this.#killed = true;
    const open = [...this.#open];
    this.#open.clear();
    for (const connection of open) connection.destroy();
  }
}
