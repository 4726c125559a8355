/**
 * Watches of one server (`WatchManager.java`): watches are local to the member the client is connected
 * to and are not replicated; a client re-sends them with SetWatches after moving.
 *
 * - data watches: getData(watch) and exists(watch), also on a missing path;
 * - child watches: getChildren(watch) on an existing node;
 * - persistent (recursive) watches from addWatch (106), which are not removed when they fire.
 * One-shot watches are removed as they fire; a watcher set on a path by several calls fires once.
 */
import { AddWatchMode, EventType } from '../protocol/index.ts';
import type { TreeEvent } from './data-tree.ts';
import { parentOf } from './paths.ts';

/** Whoever receives notifications: one client connection. */
export interface Watcher {
  notify(type: number, path: string): void;
  /** The connection's session (what `wchp` / `wchc` print); 0 before it has one. */
  readonly sessionId?: bigint;
}

export class WatchManager {
  readonly #data = new Map<string, Set<Watcher>>();
  readonly #child = new Map<string, Set<Watcher>>();
  readonly #persistent = new Map<string, Map<Watcher, number>>();

  addDataWatch(path: string, watcher: Watcher): void {
    add(this.#data, path, watcher);
  }

  addChildWatch(path: string, watcher: Watcher): void {
    add(this.#child, path, watcher);
  }

  /** addWatch (106): `mode` is `AddWatchMode.persistent` or `persistentRecursive`. */
  addPersistentWatch(path: string, watcher: Watcher, mode: number): void {
    let watchers = this.#persistent.get(path);
    if (!watchers) this.#persistent.set(path, (watchers = new Map()));
    watchers.set(watcher, mode);
  }

  /**
   * removeWatches / checkWatches (`WatcherType` 1 children, 2 data, 3 any; 4/5 persistent): true when
   * `watcher` had such a watch on `path`; removes it unless `checkOnly`.
   */
  removeWatch(path: string, type: number, watcher: Watcher, checkOnly: boolean): boolean {
    const tables: Array<Map<string, Set<Watcher>>> = [];
    if (type === 1 || type === 3) tables.push(this.#child);
    if (type === 2 || type === 3) tables.push(this.#data);
    let found = false;
    for (const table of tables) {
      const set = table.get(path);
      if (!set?.has(watcher)) continue;
      found = true;
      if (!checkOnly && set.delete(watcher) && set.size === 0) table.delete(path);
    }
    const persistent = this.#persistent.get(path);
    const mode = persistent?.get(watcher);
    if (mode !== undefined && (type === 3 || type === 4 + mode)) {
      found = true;
      if (!checkOnly && persistent?.delete(watcher) && persistent.size === 0) this.#persistent.delete(path);
    }
    return found;
  }

  /** Drops every watch of a closed connection. */
  removeWatcher(watcher: Watcher): void {
    for (const table of [this.#data, this.#child]) {
      for (const [path, set] of table) if (set.delete(watcher) && set.size === 0) table.delete(path);
    }
    for (const [path, map] of this.#persistent) if (map.delete(watcher) && map.size === 0) this.#persistent.delete(path);
  }

  /** Fires the watches that `events` (from `DataTree.apply`) trigger, in order. */
  trigger(events: readonly TreeEvent[]): void {
    let previous: Set<Watcher> = new Set();
    for (const event of events) {
      const table = event.kind === 'data' ? this.#data : this.#child;
      const watchers = table.get(event.path);
      table.delete(event.path);
      const fired = new Set<Watcher>();
      for (const watcher of watchers ?? []) {
        if (event.dedupeWithPrevious && previous.has(watcher)) continue;
        fired.add(watcher);
        watcher.notify(event.type, event.path);
      }
      // Persistent watches see data events of the path itself, and child changes of the path
      // (recursive ones see every event below, but never NodeChildrenChanged).
      if (!event.dedupeWithPrevious) {
        for (const watcher of this.#persistentWatchers(event)) {
          if (fired.has(watcher)) continue;
          fired.add(watcher);
          watcher.notify(event.type, event.path);
        }
      }
      previous = fired;
    }
  }

  #persistentWatchers(event: TreeEvent): Watcher[] {
    if (this.#persistent.size === 0) return [];
    const found: Watcher[] = [];
    const exact = this.#persistent.get(event.path);
    for (const [watcher, mode] of exact ?? []) {
      if (mode === AddWatchMode.persistent || event.type !== EventType.nodeChildrenChanged) found.push(watcher);
    }
    if (event.type === EventType.nodeChildrenChanged) return found;
    for (let path = parentOf(event.path); path !== ''; path = parentOf(path)) {
      for (const [watcher, mode] of this.#persistent.get(path) ?? []) {
        if (mode === AddWatchMode.persistentRecursive) found.push(watcher);
      }
    }
    return found;
  }

  /**
   * Number of watches, as `zk_watch_count` counts them (`dataWatches.size() + childWatches.size()`): a
   * real server files every persistent watch, recursive or not, under both tables (verified against
   * 3.8: one of each shows `zk_watch_count 4`).
   */
  get count(): number {
    let n = 0;
    for (const table of [this.#data, this.#child]) for (const set of table.values()) n += set.size;
    for (const map of this.#persistent.values()) n += 2 * map.size;
    return n;
  }

  /**
   * The data-watch table by path (`wchp`) or by session (`wchc`), as `WatchManager.dumpWatches` prints it:
   * like `wchs`, only getData/exists and persistent watches, not getChildren ones.
   */
  dataWatchesBy(by: 'path' | 'session'): Map<string, string[]> | Map<bigint, string[]> {
    const pairs: Array<[string, bigint]> = [];
    for (const [path, set] of this.#data) for (const watcher of set) pairs.push([path, watcher.sessionId ?? 0n]);
    for (const [path, map] of this.#persistent) for (const watcher of map.keys()) pairs.push([path, watcher.sessionId ?? 0n]);
    if (by === 'path') {
      const byPath = new Map<string, string[]>();
      for (const [path, session] of pairs) {
        const list = byPath.get(path) ?? [];
        const hex = `0x${session.toString(16)}`;
        if (!list.includes(hex)) list.push(hex);
        byPath.set(path, list);
      }
      return byPath;
    }
    const bySession = new Map<bigint, string[]>();
    for (const [path, session] of pairs) {
      const list = bySession.get(session) ?? [];
      if (!list.includes(path)) list.push(path);
      bySession.set(session, list);
    }
    return bySession;
  }

  /**
   * What `wchs` prints: a real server summarises its data-watch table only (`DataTree.dumpWatchesSummary`
   * prints `dataWatches.toString()`), which holds getData/exists watches and persistent ones, not
   * getChildren watches.
   */
  get dataWatchSummary(): { connections: number; paths: number; total: number } {
    const byWatcher = new Map<Watcher, Set<string>>();
    const note = (watcher: Watcher, path: string) => {
      let paths = byWatcher.get(watcher);
      if (!paths) byWatcher.set(watcher, (paths = new Set()));
      paths.add(path);
    };
    for (const [path, set] of this.#data) for (const watcher of set) note(watcher, path);
    for (const [path, map] of this.#persistent) for (const watcher of map.keys()) note(watcher, path);
    let total = 0;
    const paths = new Set<string>();
    for (const watched of byWatcher.values()) {
      total += watched.size;
      for (const path of watched) paths.add(path);
    }
    return { connections: byWatcher.size, paths: paths.size, total };
  }
}

function add(table: Map<string, Set<Watcher>>, path: string, watcher: Watcher): void {
  let set = table.get(path);
  if (!set) table.set(path, (set = new Set()));
  set.add(watcher);
}
