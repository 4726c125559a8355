/**
 * zookeeper-shell's connection: our ZooKeeper client over the tool environment's transport, behaving as
 * the Java client does for the shell. It reports the default watcher's events (`SyncConnected`,
 * `Disconnected`, `Expired`, once per change) and every refused connection attempt (the WARN line), and
 * a request made while there is no connection fails with ConnectionLoss as soon as the current attempt
 * fails, as Java's queued packets do, instead of waiting a whole session timeout.
 */
import { ErrorCode, ZooKeeperClient, ZooKeeperError } from '../../../cluster/zookeeper/client/index.ts';
import type { Connection, Transport } from '../../../cluster/transport/transport.ts';

/** Java's `KeeperState` names as `WatchedEvent.toString()` prints them. */
export type KeeperState = 'SyncConnected' | 'Disconnected' | 'Expired' | 'Closed';

export interface SessionListener {
  /** A session event for the default watcher (`WatchedEvent state:<state> type:None path:null`). */
  state(state: KeeperState): void;
  /** A connection attempt to `host:port` was refused. */
  refused(host: string, port: number, sessionId: bigint): void;
}

/** Long enough to mean "keep trying", as the Java client does, within `setTimeout`'s range. */
const KEEP_TRYING_MS = 2_147_483_647;

export class ZooKeeperShellSession {
  readonly client: ZooKeeperClient;
  readonly #listener: SessionListener;
  #lastState: KeeperState = 'Disconnected';
  #latest: Connection | undefined;
  #established: Connection | undefined;
  #waiters: Array<(connected: boolean) => void> = [];

  /** Starts connecting at once; throws for a connect string that cannot work. */
  constructor(transport: Transport, connectString: string, sessionTimeoutMs: number, listener: SessionListener) {
    this.#listener = listener;
    this.client = new ZooKeeperClient({
      connectString,
      transport: this.#observe(transport),
      sessionTimeoutMs,
      connectTimeoutMs: KEEP_TRYING_MS,
    });
    this.client.on('state', (state) => {
      if (state === 'connected') {
        this.#established = this.#latest;
        this.#report('SyncConnected');
        this.#settle(true);
      } else if (state === 'disconnected') {
        this.#report('Disconnected');
      } else if (state === 'expired') {
        this.#report('Expired');
        this.#settle(false);
      } else if (state === 'closed') {
        this.#settle(false);
      }
    });
    this.client.connect().catch(() => {});
  }

  /** False once closed or expired (Java's `States.isAlive()`): commands then print `Not connected`. */
  get alive(): boolean {
    return this.client.state !== 'closed' && this.client.state !== 'expired';
  }

  /** Runs `call` on a connected client; fails with ConnectionLoss for `path` when the pending attempt fails. */
  async request<T>(path: string, call: (client: ZooKeeperClient) => Promise<T>): Promise<T> {
    if (this.client.state !== 'connected') {
      const connected = await new Promise<boolean>((resolve) => this.#waiters.push(resolve));
      if (!connected) throw new ZooKeeperError(this.alive ? ErrorCode.CONNECTIONLOSS : ErrorCode.SESSIONEXPIRED, path);
    }
    return call(this.client);
  }

  /**
   * Ends the session. `report`: the default watcher sees `Closed`, as after the shell's `close` (when the
   * JVM exits right after, as on `quit`, it has no time to print it).
   */
  async close(options: { report?: boolean } = {}): Promise<void> {
    await this.client.close();
    if (options.report) this.#report('Closed');
  }

  #report(state: KeeperState): void {
    if (state === this.#lastState) return;
    this.#lastState = state;
    this.#listener.state(state);
  }

  #settle(connected: boolean): void {
    for (const waiter of this.#waiters.splice(0)) waiter(connected);
  }

  /** The transport, watched: a refused dial or a connection closed before the session got it ends an attempt. */
  #observe(transport: Transport): Transport {
    return {
      listen: (host, port, onConnection) => transport.listen(host, port, onConnection),
      connect: async (host, port) => {
        let connection: Connection;
        try {
          connection = await transport.connect(host, port);
        } catch (error) {
          if (this.alive) this.#listener.refused(host, port, this.client.sessionId);
          this.#settle(false);
          throw error;
        }
        this.#latest = connection;
        connection.onClose(() => {
          if (connection !== this.#established) this.#settle(false);
        });
        return connection;
      },
    };
  }
}
