import type { Connection, Listener, Transport } from './transport.ts';

type Acceptor = (connection: Connection) => void;

/** One end of an in-memory pipe. Delivery is asynchronous (a microtask) and ordered, like a socket. */
class PipeEnd implements Connection {
  readonly remote: string;
  peer!: PipeEnd;
  #closed = false;
  #dataListeners: Array<(bytes: Uint8Array) => void> = [];
  #closeListeners: Array<(reason?: Error) => void> = [];
  #pending: Uint8Array[] = [];

  constructor(remote: string) {
    this.remote = remote;
  }

  get closed(): boolean {
    return this.#closed;
  }

  write(bytes: Uint8Array): void {
    if (this.#closed || this.peer.#closed) return;
    const copy = bytes.slice();
    queueMicrotask(() => this.peer.#deliver(copy));
  }

  close(): void {
    // Let writes already queued arrive first, as a TCP FIN would.
    queueMicrotask(() => this.destroy());
  }

  destroy(): void {
    if (this.#closed) return;
    this.#shut();
    this.peer.#shut();
  }

  onData(listener: (bytes: Uint8Array) => void): void {
    this.#dataListeners.push(listener);
    for (const bytes of this.#pending.splice(0)) listener(bytes);
  }

  onClose(listener: (reason?: Error) => void): void {
    if (this.#closed) queueMicrotask(() => listener());
    else this.#closeListeners.push(listener);
  }

  #deliver(bytes: Uint8Array): void {
    if (this.#closed) return;
    if (this.#dataListeners.length === 0) this.#pending.push(bytes);
    for (const listener of this.#dataListeners) listener(bytes);
  }

  #shut(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const listener of this.#closeListeners.splice(0)) listener();
  }
}

/**
 * In-process "network": listeners are registered by `host:port` in this instance only.
 * Share one `MemoryTransport` between all nodes (and test clients) of a cluster.
 */
export class MemoryTransport implements Transport {
  #listeners = new Map<string, { accept: Acceptor; connections: Set<Connection> }>();
  #nextPort = 40000;
  #nextClientPort = 50000;

  async listen(host: string, port: number, onConnection: Acceptor): Promise<Listener> {
    let bound = port;
    if (bound === 0) {
      while (this.#listeners.has(`${host}:${this.#nextPort}`)) this.#nextPort++;
      bound = this.#nextPort++;
    }
    const key = `${host}:${bound}`;
    if (this.#listeners.has(key)) throw new Error(`address already in use: ${key}`);
    const connections = new Set<Connection>();
    this.#listeners.set(key, { accept: onConnection, connections });
    return {
      host,
      port: bound,
      close: async () => {
        this.#listeners.delete(key);
        for (const connection of connections) connection.destroy();
      },
    };
  }

  async connect(host: string, port: number): Promise<Connection> {
    const target = this.#listeners.get(`${host}:${port}`);
    if (!target) throw Object.assign(new Error(`connect ECONNREFUSED ${host}:${port}`), { code: 'ECONNREFUSED' });
    const clientEnd = new PipeEnd(`${host}:${port}`);
    const serverEnd = new PipeEnd(`memory:${this.#nextClientPort++}`);
    clientEnd.peer = serverEnd;
    serverEnd.peer = clientEnd;
    target.connections.add(serverEnd);
    serverEnd.onClose(() => target.connections.delete(serverEnd));
    queueMicrotask(() => target.accept(serverEnd));
    return clientEnd;
  }
}
