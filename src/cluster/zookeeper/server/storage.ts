/**
 * What a member keeps across restarts (ZooKeeper's dataDir: snapshots + transaction log + epochs).
 * The core only talks to this interface, so it stays browser-safe: `MemoryStorage` (here) survives a
 * kill/restart inside one process, `FileStorage` (file-storage.ts, Node only) survives the process.
 */
import type { TreeSnapshot } from './data-tree.ts';
import type { CommittedTxn } from './txn.ts';

export interface StoredState {
  snapshot?: TreeSnapshot;
  /** Transactions logged after the snapshot, in zxid order (may end with ones never committed). */
  log: CommittedTxn[];
  acceptedEpoch: number;
  currentEpoch: number;
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

  /** Forgets everything, as if the data directory had been deleted. */
  wipe(): void {
    this.#snapshot = undefined;
    this.#log = [];
    this.#acceptedEpoch = 0;
    this.#currentEpoch = 0;
  }

  async close(): Promise<void> {}
}
