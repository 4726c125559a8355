/**
 * The connections of the tools' own admin clients to the nodes, kept as Java's NetworkClient keeps
 * them: one connection per node, one attempt at a time; a node that cannot be reached prints
 * NetworkClient's WARN line and is tried again only after the reconnect backoff (`reconnect.backoff.ms`,
 * doubling per failure up to `reconnect.backoff.max.ms`). Once closed, nothing more connects or logs
 * (kafkajs aside, a closed Java client prints nothing more).
 */
import type { Transport } from '../../../cluster/transport/transport.ts';
import { BrokerConnection, BrokerUnreachableError, type BrokerConnectionOptions } from './broker-connection.ts';
import type { NetworkClientWarnings } from './network-client-warnings.ts';

export interface NodeAddress {
  readonly host: string;
  readonly port: number;
  /** How the node is named in log lines (a bootstrap address as given); `host:port` without. */
  readonly address?: string;
}

export interface NodeConnectionsOptions {
  readonly transport: Transport;
  readonly warnings: NetworkClientWarnings;
  readonly connection: BrokerConnectionOptions;
  /** `reconnect.backoff.ms` (50). */
  readonly reconnectBackoffMs?: number;
  /** `reconnect.backoff.max.ms` (1 000). */
  readonly reconnectBackoffMaxMs?: number;
}

interface NodeState {
  connection?: BrokerConnection;
  connecting?: Promise<BrokerConnection | undefined>;
  failures: number;
  nextAttemptAt: number;
}

/** The node's name in log lines, and its key unless the caller names another (Java keys connections by node id). */
const addressOf = (node: NodeAddress) => node.address ?? `${node.host}:${node.port}`;

export class NodeConnections {
  readonly #options: NodeConnectionsOptions;
  readonly #states = new Map<string, NodeState>();
  #closed = false;

  constructor(options: NodeConnectionsOptions) {
    this.#options = options;
  }

  /** The node's open connection, if it has one. */
  open(key: string): BrokerConnection | undefined {
    const connection = this.#states.get(key)?.connection;
    return connection && !connection.closed ? connection : undefined;
  }

  /**
   * The node's open connection, or one attempt to open it (callers asking meanwhile share it); undefined
   * when it failed. Real time (`Date.now()`), not the environment's clock, which tests fix.
   */
  connect(node: NodeAddress, key = addressOf(node)): Promise<BrokerConnection | undefined> {
    const open = this.open(key);
    if (open) return Promise.resolve(open);
    if (this.#closed) return Promise.resolve(undefined);
    const state = this.#state(key);
    state.connecting ??= BrokerConnection.open(this.#options.transport, node.host, node.port, this.#options.connection)
      .then(
        (connection) => {
          if (this.#closed) {
            connection.close();
            return undefined;
          }
          state.connection = connection;
          state.failures = 0;
          this.#options.warnings.connected(addressOf(node));
          return connection;
        },
        (error: unknown) => {
          if (this.#closed) return undefined;
          state.failures += 1;
          state.nextAttemptAt = Date.now() + this.backoffMs(key);
          if (error instanceof BrokerUnreachableError) this.#options.warnings.connectionFailed(addressOf(node));
          return undefined;
        },
      )
      .finally(() => {
        state.connecting = undefined;
      });
    return state.connecting;
  }

  /** When the node may be tried again: at once, or once its reconnect backoff has passed. */
  nextAttemptAt(key: string): number {
    return this.#states.get(key)?.nextAttemptAt ?? 0;
  }

  /** The reconnect backoff after the node's failures so far (the first one's before any). */
  backoffMs(key: string): number {
    const failures = Math.max(1, this.#states.get(key)?.failures ?? 0);
    return Math.min(this.#options.reconnectBackoffMaxMs ?? 1_000, (this.#options.reconnectBackoffMs ?? 50) * 2 ** (failures - 1));
  }

  /** Closes every connection; from now on nothing connects. */
  close(): void {
    this.#closed = true;
    for (const state of this.#states.values()) state.connection?.close();
  }

  #state(key: string): NodeState {
    let state = this.#states.get(key);
    if (!state) {
      state = { failures: 0, nextAttemptAt: 0 };
      this.#states.set(key, state);
    }
    return state;
  }
}
