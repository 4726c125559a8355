import { describe, expect, it } from 'vitest';
import { AddWatchMode, EventType } from '../protocol/index.ts';
import type { TreeEvent } from './data-tree.ts';
import { WatchManager } from './watch-manager.ts';
import type { Watcher } from './watch-manager.ts';

function watcher(): Watcher & { seen: string[] } {
  const seen: string[] = [];
  return { seen, notify: (type, path) => seen.push(`${type}@${path}`) };
}
const created = (path: string, parent: string): TreeEvent[] => [
  { kind: 'data', type: EventType.nodeCreated, path },
  { kind: 'child', type: EventType.nodeChildrenChanged, path: parent },
];
const deleted = (path: string, parent: string): TreeEvent[] => [
  { kind: 'data', type: EventType.nodeDeleted, path },
  { kind: 'child', type: EventType.nodeDeleted, path, dedupeWithPrevious: true },
  { kind: 'child', type: EventType.nodeChildrenChanged, path: parent },
];

describe('WatchManager', () => {
  it('fires one-shot watches once, and once per watcher however often they were set', () => {
    const watches = new WatchManager();
    const a = watcher();
    watches.addDataWatch('/x', a);
    watches.addDataWatch('/x', a);
    watches.addChildWatch('/', a);
    expect(watches.count).toBe(2);
    watches.trigger(created('/x', '/'));
    watches.trigger(created('/x', '/'));
    expect(a.seen).toEqual(['1@/x', '4@/']);
    expect(watches.count).toBe(0);
  });

  it('sends a single NodeDeleted to a watcher holding both a data and a child watch', () => {
    const watches = new WatchManager();
    const a = watcher();
    const b = watcher();
    watches.addDataWatch('/x', a);
    watches.addChildWatch('/x', a);
    watches.addChildWatch('/x', b);
    watches.trigger(deleted('/x', '/'));
    expect(a.seen).toEqual(['2@/x']);
    expect(b.seen).toEqual(['2@/x']);
  });

  it('keeps persistent watches; recursive ones see the subtree but no NodeChildrenChanged', () => {
    const watches = new WatchManager();
    const exact = watcher();
    const tree = watcher();
    watches.addPersistentWatch('/p', exact, AddWatchMode.persistent);
    watches.addPersistentWatch('/p', tree, AddWatchMode.persistentRecursive);
    watches.trigger(created('/p/c', '/p'));
    watches.trigger([{ kind: 'data', type: EventType.nodeDataChanged, path: '/p' }]);
    watches.trigger(deleted('/p/c', '/p'));
    expect(exact.seen).toEqual(['4@/p', '3@/p', '4@/p']);
    expect(tree.seen).toEqual(['1@/p/c', '3@/p', '2@/p/c']);
    // zk_watch_count: a real server files each persistent watch under both its data and child tables.
    expect(watches.count).toBe(4);
  });

  it('removes watches by type (removeWatches) and all of a closed connection', () => {
    const watches = new WatchManager();
    const a = watcher();
    watches.addDataWatch('/x', a);
    watches.addChildWatch('/x', a);
    expect(watches.removeWatch('/x', 1, a, true)).toBe(true);
    expect(watches.count).toBe(2);
    expect(watches.removeWatch('/x', 1, a, false)).toBe(true);
    expect(watches.removeWatch('/x', 1, a, false)).toBe(false);
    expect(watches.count).toBe(1);
    watches.removeWatcher(a);
    expect(watches.count).toBe(0);
  });
});
