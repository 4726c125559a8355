/**
 * Node-only `ZooKeeperStorage` in a directory (ZooKeeper's dataDir, in a readable form):
 * - `snapshot.json`: the tree at some zxid (written to a temporary file, then renamed);
 * - `log.jsonl`: one logged transaction per line after the snapshot, appended synchronously;
 * - `epochs.json`: acceptedEpoch and currentEpoch.
 * bigint values are stored as `{"$n": "123"}` and bytes as `{"$b": "<base64>"}` (`storage-codec.ts`).
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TreeSnapshot } from './data-tree.ts';
import { decode, encode } from './storage-codec.ts';
import type { StorageUsage, StoredState, ZooKeeperStorage } from './storage.ts';
import type { CommittedTxn } from './txn.ts';

export { decode, encode } from './storage-codec.ts';

export class FileStorage implements ZooKeeperStorage {
  readonly dir: string;
  readonly #snapshot: string;
  readonly #log: string;
  readonly #epochs: string;

  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true });
    this.#snapshot = join(dir, 'snapshot.json');
    this.#log = join(dir, 'log.jsonl');
    this.#epochs = join(dir, 'epochs.json');
  }

  async load(): Promise<StoredState | undefined> {
    const snapshot = existsSync(this.#snapshot) ? decode<TreeSnapshot>(readFileSync(this.#snapshot, 'utf8')) : undefined;
    const log = this.#readLog();
    const epochs = existsSync(this.#epochs) ? decode<{ acceptedEpoch: number; currentEpoch: number }>(readFileSync(this.#epochs, 'utf8')) : undefined;
    if (!snapshot && log.length === 0 && !epochs) return undefined;
    return { snapshot, log, acceptedEpoch: epochs?.acceptedEpoch ?? 0, currentEpoch: epochs?.currentEpoch ?? 0 };
  }

  append(entries: readonly CommittedTxn[]): void {
    if (entries.length === 0) return;
    appendFileSync(this.#log, entries.map((e) => encode(e) + '\n').join(''));
  }

  saveSnapshot(snapshot: TreeSnapshot): void {
    this.#writeAtomically(this.#snapshot, encode(snapshot));
    this.#rewriteLog(this.#readLog().filter((e) => e.zxid > snapshot.lastZxid));
  }

  truncateAfter(zxid: bigint): void {
    const log = this.#readLog();
    const kept = log.filter((e) => e.zxid <= zxid);
    if (kept.length !== log.length) this.#rewriteLog(kept);
  }

  saveEpochs(acceptedEpoch: number, currentEpoch: number): void {
    this.#writeAtomically(this.#epochs, encode({ acceptedEpoch, currentEpoch }));
  }

  /** The directory; datadir = snapshot + epochs files, logdir = the transaction log file (bytes on disk). */
  usage(): StorageUsage {
    const dir = resolve(this.dir);
    return { dataDir: dir, dataLogDir: dir, dataDirBytes: fileSize(this.#snapshot) + fileSize(this.#epochs), logDirBytes: fileSize(this.#log) };
  }

  async close(): Promise<void> {}

  #readLog(): CommittedTxn[] {
    if (!existsSync(this.#log)) return [];
    const lines = readFileSync(this.#log, 'utf8').split('\n').filter(Boolean);
    const entries: CommittedTxn[] = [];
    for (const line of lines) {
      try {
        entries.push(decode<CommittedTxn>(line));
      } catch {
        break; // a torn last line after a crash: what follows it was never acknowledged
      }
    }
    return entries;
  }

  #rewriteLog(entries: CommittedTxn[]): void {
    this.#writeAtomically(this.#log, entries.map((e) => encode(e) + '\n').join(''));
  }

  #writeAtomically(path: string, content: string): void {
    writeFileSync(`${path}.tmp`, content);
    renameSync(`${path}.tmp`, path);
  }
}

function fileSize(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}
