/** The public types of our ZooKeeper client (`ZooKeeperClient`). */
import type { Logger } from '../../logger.ts';
import type { Transport } from '../../transport/transport.ts';
import type { Stat } from '../protocol/records/stat.ts';

export type { Stat };

export interface ZooKeeperClientOptions {
  /**
   * `host:port,host:port` (port defaults to 2181), optionally followed by a chroot such as `/kafka`:
   * every path is then relative to it, as with the Java client.
   */
  connectString: string;
  /** How to dial the servers: `TcpTransport` for real ZooKeeper, `MemoryTransport` for the embedded one. */
  transport: Transport;
  /** Session timeout to ask for (default 30 000 ms); the server clamps it, see `negotiatedTimeoutMs`. */
  sessionTimeoutMs?: number;
  /**
   * How long `connect()` may take to establish a session before it gives up: it then rejects with
   * CONNECTIONLOSS and the client is closed. Default: the requested session timeout.
   */
  connectTimeoutMs?: number;
  /** Where connection and protocol trouble is logged (default: silent). */
  logger?: Logger;
}

/**
 * - `connecting`: `connect()` was called and no session exists yet.
 * - `connected`: a session is established and a server connection is up.
 * - `disconnected`: the session exists but its connection was lost (or `connect()` was not called yet);
 *   the client is reconnecting and requests wait (bounded) for it.
 * - `expired`: the ensemble expired the session (its ephemeral nodes are gone). Terminal.
 * - `closed`: `close()` was called (or `connect()` gave up). Terminal.
 */
export type ZooKeeperClientState = 'connecting' | 'connected' | 'disconnected' | 'expired' | 'closed';

export type CreateMode = 'persistent' | 'ephemeral' | 'persistent-sequential' | 'ephemeral-sequential';

/** A fired one-shot watch. `path` is relative to the chroot, like every path the client returns. */
export interface WatchEvent {
  type: 'created' | 'deleted' | 'data-changed' | 'children-changed';
  path: string;
}

export type Watcher = (event: WatchEvent) => void;

/** One operation of `multi()`: all of them are applied atomically, or none. */
export type MultiOp =
  | { type: 'create'; path: string; data?: Uint8Array | string; mode?: CreateMode }
  | { type: 'delete'; path: string; version?: number }
  | { type: 'setData'; path: string; data: Uint8Array | string; version?: number }
  /** Fails the whole multi unless the node's data version is `version`. */
  | { type: 'check'; path: string; version: number };

/** The result of one `MultiOp`, in the same position. */
export type MultiResult =
  | { type: 'create'; path: string }
  | { type: 'delete' }
  | { type: 'setData'; stat: Stat }
  | { type: 'check' }
  /**
   * The multi was rejected. `code` is the reason for the op that failed, 0 (`OK`: rolled back) for ops
   * before it and -2 (`RUNTIMEINCONSISTENCY`: not attempted) for ops after it.
   */
  | { type: 'error'; code: number; codeName: string };
