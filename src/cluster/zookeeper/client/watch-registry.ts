/**
 * The client's one-shot watches, by server path, in the three tables of the Java client's
 * `ZKWatchManager`: data watches (getData, exists on an existing node), exist watches (exists on a
 * missing node) and child watches (getChildren). A watch is recorded when its reply arrives and removed
 * when it fires; after a reconnect the tables are re-sent with SetWatches.
 */
import type { SetWatches } from '../protocol/records/set-watches.ts';
import type { WatchEvent, Watcher } from './types.ts';

export type WatchKind = 'data' | 'exist' | 'child';

/** Java's `SET_WATCHES_MAX_LENGTH`: SetWatches packets are split to stay under this many path bytes. */
export const SET_WATCHES_MAX_BYTES = 128 * 1024;

const utf8 = new TextEncoder();

export class WatchRegistry {
  readonly #tables: Record<WatchKind, Map<string, Set<Watcher>>> = {
    data: new Map(),
    exist: new Map(),
    child: new Map(),
  };

  add(kind: WatchKind, path: string, watcher: Watcher): void {
    const table = this.#tables[kind];
    let watchers = table.get(path);
    if (!watchers) table.set(path, (watchers = new Set()));
    watchers.add(watcher);
  }

  /**
   * Removes and returns the watchers an event triggers (`ZKWatchManager.materialize`): created and
   * data-changed fire data and exist watches; children-changed fires child watches; deleted fires all
   * three. A watcher registered several ways is returned once.
   */
  take(type: WatchEvent['type'], path: string): Watcher[] {
    const kinds: WatchKind[] =
      type === 'children-changed' ? ['child'] : type === 'deleted' ? ['data', 'exist', 'child'] : ['data', 'exist'];
    const fired = new Set<Watcher>();
    for (const kind of kinds) {
      const watchers = this.#tables[kind].get(path);
      if (!watchers) continue;
      this.#tables[kind].delete(path);
      for (const watcher of watchers) fired.add(watcher);
    }
    return [...fired];
  }

  /** Number of (path, kind) pairs watched. */
  get size(): number {
    return this.#tables.data.size + this.#tables.exist.size + this.#tables.child.size;
  }

  clear(): void {
    for (const table of Object.values(this.#tables)) table.clear();
  }

  /**
   * The SetWatches records that re-register every watch after a reconnect, split like the Java client
   * does so no packet exceeds `maxBytes` of paths. Empty when nothing is watched.
   */
  setWatchesRecords(relativeZxid: bigint, maxBytes = SET_WATCHES_MAX_BYTES): SetWatches[] {
    const records: SetWatches[] = [];
    let current: SetWatches | undefined;
    let bytes = 0;
    const keys: Array<[WatchKind, keyof Omit<SetWatches, 'relativeZxid'>]> = [
      ['data', 'dataWatches'],
      ['exist', 'existWatches'],
      ['child', 'childWatches'],
    ];
    for (const [kind, field] of keys) {
      for (const path of this.#tables[kind].keys()) {
        const size = utf8.encode(path).length + 4;
        if (!current || (bytes + size > maxBytes && bytes > 0)) {
          current = { relativeZxid, dataWatches: [], existWatches: [], childWatches: [] };
          records.push(current);
          bytes = 0;
        }
        current[field].push(path);
        bytes += size;
      }
    }
    return records;
  }
}
