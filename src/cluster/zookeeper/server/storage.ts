/**
 * What a member keeps across restarts (ZooKeeper's dataDir: snapshots + transaction log + epochs).
 * The core only talks to this interface, so it stays browser-safe: `MemoryStorage` (here) survives a
 * kill/restart inside one process, `FileStorage` (file-storage.ts, Node only) survives the process.
 */
import type { TreeSnapshot } from './data-tree.ts';
import { encode, utf8Length } from './storage-codec.ts';
import type { CommittedTxn } from './txn.ts';

export interface StoredState {
  snapshot?: TreeSnapshot;
  /** Transactions logged after the snapshot, in zxid order (may end with ones never committed). */
  log: CommittedTxn[];
  acceptedEpoch: number;
  currentEpoch: number;
}

/**
 * Where a member's data lives and its size, for the `conf` and `dirs` four-letter words. A real server
 * sums the files of its snapshot dir (`datadir_size`) and of its transaction log dir (`logdir_size`).
 */
export interface StorageUsage {
  /** `dataDir` / `dataLogDir` as `conf` prints them: a directory, or `(in memory)`. */
  dataDir: string;
  dataLogDir: string;
  /** Bytes of the snapshot and the epochs. */
  dataDirBytes: number;
  /** Bytes of the transaction log. */
  logDirBytes: number;
}

export interface ZooKeeperStorage {
  load(): Promise<StoredState | undefined>;
  /** Appends logged transactions (proposals this member acknowledged, or a leader's own). */
  append(entries: readonly CommittedTxn[]): void;
  /** Replaces everything with a snapshot (after a SNAP sync, or to compact the log). */
  saveSnapshot(snapshot: TreeSnapshot): void;
  /** Drops logged transactions after `zxid` (uncommitted leftovers a new leader did not keep). */
  truncateAfter(zxid: bigint): void;
  saveEpochs(acceptedEpoch: number, currentEpoch: number): void;
  /** Flushes pending writes (graceful stop). */
  close(): Promise<void>;
  /** What it holds, for `conf` / `dirs` (a storage without it reports `(unknown)` and 0 bytes). */
  usage?(): StorageUsage;
}

/** Keeps the "disk" in memory: a killed member restarts with what it had logged. */
export class MemoryStorage implements ZooKeeperStorage {
  #snapshot: TreeSnapshot | undefined;
  #log: CommittedTxn[] = [];
  #acceptedEpoch = 0;
  #currentEpoch = 0;

  async load(): Promise<StoredState | undefined> {
    if (!this.#snapshot && this.#log.length === 0 && this.#acceptedEpoch === 0) return undefined;
    return { snapshot: this.#snapshot, log: [...this.#log], acceptedEpoch: this.#acceptedEpoch, currentEpoch: this.#currentEpoch };
  }

  append(entries: readonly CommittedTxn[]): void {
    this.#log.push(...entries);
  }

  saveSnapshot(snapshot: TreeSnapshot): void {
    this.#snapshot = snapshot;
    this.#log = this.#log.filter((entry) => entry.zxid > snapshot.lastZxid);
  }

  truncateAfter(zxid: bigint): void {
    this.#log = this.#log.filter((entry) => entry.zxid <= zxid);
  }

  saveEpochs(acceptedEpoch: number, currentEpoch: number): void {
    this.#acceptedEpoch = acceptedEpoch;
    this.#currentEpoch = currentEpoch;
  }

  /**
   * No directory: `(in memory)`. It holds objects, not bytes, so it reports the bytes the same content
   * takes in FileStorage's files (snapshot + epochs, and the log).
   */
  usage(): StorageUsage {
    const epochs = this.#acceptedEpoch === 0 && this.#currentEpoch === 0 ? 0 : utf8Length(encode({ acceptedEpoch: this.#acceptedEpoch, currentEpoch: this.#currentEpoch }));
    const snapshot = this.#snapshot ? utf8Length(encode(this.#snapshot)) : 0;
    const log = this.#log.reduce((n, entry) => n + utf8Length(encode(entry)) + 1, 0);
    return { dataDir: '(in memory)', dataLogDir: '(in memory)', dataDirBytes: snapshot + epochs, logDirBytes: log };
  }

  /** Forgets everything, as if the data directory had been deleted. */
  wipe(): void {
    this.#snapshot = undefined;
    this.#log = [];
    this.#acceptedEpoch = 0;
    this.#currentEpoch = 0;
  }

  async close(): Promise<void> {}
}
