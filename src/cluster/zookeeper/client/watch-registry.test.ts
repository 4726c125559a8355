import { describe, expect, it } from 'vitest';
import type { WatchEvent } from './types.ts';
import { WatchRegistry } from './watch-registry.ts';

describe('WatchRegistry', () => {
  it('fires the tables ZKWatchManager fires, once', () => {
    const registry = new WatchRegistry();
    const calls: string[] = [];
    const w = (name: string) => (e: WatchEvent) => calls.push(`${name}:${e.type}`);
    const data = w('data');
    const exist = w('exist');
    const child = w('child');
    registry.add('data', '/a', data);
    registry.add('exist', '/a', exist);
    registry.add('child', '/a', child);
    expect(registry.size).toBe(3);
    expect(registry.take('children-changed', '/a')).toEqual([child]);
    expect(registry.take('children-changed', '/a')).toEqual([]);
    expect(registry.take('data-changed', '/a')).toEqual([data, exist]);
    expect(registry.size).toBe(0);

    registry.add('data', '/b', data);
    registry.add('child', '/b', data);
    registry.add('exist', '/c', exist);
    expect(registry.take('deleted', '/b')).toEqual([data]);
    expect(registry.take('created', '/c')).toEqual([exist]);
    expect(registry.take('created', '/nothing')).toEqual([]);
  });

  it('builds SetWatches records, split by size', () => {
    const registry = new WatchRegistry();
    const noop = () => {};
    registry.add('data', '/d', noop);
    registry.add('exist', '/e', noop);
    registry.add('child', '/c', noop);
    expect(registry.setWatchesRecords(7n)).toEqual([
      { relativeZxid: 7n, dataWatches: ['/d'], existWatches: ['/e'], childWatches: ['/c'] },
    ]);
    const split = registry.setWatchesRecords(7n, 12); // 6 bytes a path: two per record
    expect(split).toHaveLength(2);
    expect(split.flatMap((r) => [...r.dataWatches, ...r.existWatches, ...r.childWatches])).toEqual(['/d', '/e', '/c']);
    expect(new WatchRegistry().setWatchesRecords(1n)).toEqual([]);
  });
});
