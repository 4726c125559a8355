/**
 * Network partitions between the nodes of an embedded cluster, for the transports the nodes dial through.
 *
 * Each node dials its peers through `transportFor(node, ...)`; `isolate(node)` then destroys every
 * connection between that node and the others (both directions: what it dialled and what was dialled to
 * it) and refuses new ones until `heal(node)`. Clients dial through their own transport and are not
 * affected: an isolated broker still answers kafkajs, it just cannot reach ZooKeeper or other brokers.
 * Browser-safe: it only wraps a `Transport`.
 */
import type { Connection, Listener, Transport } from './transport/transport.ts';

interface Link {
  from: string;
  to: string;
  connection: Connection;
}

export class NetworkPartition {
  readonly #isolated = new Set<string>();
  readonly #links = new Set<Link>();

  /**
   * The transport `node` listens and dials through. `peerOf(host, port)` names the node listening at that
   * address (`undefined` for anything outside the cluster, which is never cut).
   */
  transportFor(node: string, inner: Transport, peerOf: (host: string, port: number) => string | undefined): Transport {
    return {
      listen: (host: string, port: number, onConnection: (connection: Connection) => void): Promise<Listener> => inner.listen(host, port, onConnection),
      connect: async (host: string, port: number): Promise<Connection> => {
        const peer = peerOf(host, port);
        if (peer !== undefined) this.#refuseIfCut(node, peer, host, port);
        const connection = await inner.connect(host, port);
        if (peer === undefined) return connection;
        try {
          this.#refuseIfCut(node, peer, host, port);
        } catch (error) {
          connection.destroy();
          throw error;
        }
        const link = { from: node, to: peer, connection };
        this.#links.add(link);
        connection.onClose(() => this.#links.delete(link));
        return connection;
      },
    };
  }

  isIsolated(node: string): boolean {
    return this.#isolated.has(node);
  }

  /** Cuts `node` off from every other node, silently (the others notice by timeouts), until `heal`. */
  isolate(node: string): void {
    this.#isolated.add(node);
    for (const link of [...this.#links]) {
      if (link.from === node || link.to === node) {
        this.#links.delete(link);
        link.connection.destroy();
      }
    }
  }

  heal(node: string): void {
    this.#isolated.delete(node);
  }

  #refuseIfCut(from: string, to: string, host: string, port: number): void {
    const cut = this.#isolated.has(from) ? from : this.#isolated.has(to) ? to : undefined;
    if (cut === undefined || from === to) return;
    throw Object.assign(new Error(`connect ETIMEDOUT ${host}:${port} (${cut} is isolated from the cluster)`), { code: 'ETIMEDOUT' });
  }
}
