import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeRecordBatch } from '../protocol/index.ts';
import type { BrokerStorage } from './broker-storage.ts';
import { partitionLogListener } from './broker-storage.ts';
import { FsBrokerStorage } from './fs-broker-storage.ts';
import { defaultLogConfig } from './log-config.ts';
import { LogSegment } from './log-segment.ts';
import { MemoryBrokerStorage } from './memory-broker-storage.ts';
import { PartitionLog } from './partition-log.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const batch = (value: string) => encodeRecordBatch({ records: [{ key: new TextEncoder().encode('k'), value: new TextEncoder().encode(value) }] });

const storages: Array<[string, () => { storage: BrokerStorage; reopen: () => BrokerStorage; dir?: string }]> = [
  [
    'FsBrokerStorage',
    () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'kafkalab-deleted-'));
      dirs.push(dir);
      return { storage: new FsBrokerStorage(dir, 1), reopen: () => new FsBrokerStorage(dir, 1), dir };
    },
  ],
  [
    'MemoryBrokerStorage',
    () => {
      const storage = new MemoryBrokerStorage();
      return { storage, reopen: () => storage };
    },
  ],
];

describe.each(storages)('%s and a deleted replica', (_name, open) => {
  it('refuses late writes (a cleaner swap, checkpoints) so the replica does not come back at restart, until it is created again', async () => {
    const { storage, reopen, dir } = open();
    await storage.loadPartitions();
    const config = { ...defaultLogConfig, segmentBytes: 1 };
    storage.createPartition('t', 0);
    const log = new PartitionLog({ config: () => config, listener: partitionLogListener(storage, 't', 0, () => config) });
    storage.writeSegments('t', 0, log.segments());
    for (const value of ['a', 'b', 'c']) log.appendAsLeader([await batch(value)], 0);
    await storage.close();

    storage.deletePartition('t', 0);
    // What a cleaner round in progress (or a fetch in flight) still does to the log and storage after the delete.
    const [first] = log.closedSegments();
    log.replaceSegments([first], [new LogSegment(first.baseOffset, 0, first.batches)]);
    log.appendAsLeader([await batch('d')], 0);
    storage.checkpointCleanerOffset?.('t', 0, 1n);
    storage.checkpointHighWatermark('t', 0, 3n);
    storage.checkpointLogStartOffset('t', 0, 1n);
    storage.recordTopicId('t', 0, 'q3bS0f2xTwWx6cV1k9Yh8g');
    await storage.close();
    if (dir) {
      expect(existsSync(path.join(dir, 't-0'))).toBe(false);
      expect(existsSync(path.join(dir, 'cleaner-offset-checkpoint')) ? readFileSync(path.join(dir, 'cleaner-offset-checkpoint'), 'utf8') : '').not.toContain('t 0');
    }
    expect(await reopen().loadPartitions()).toEqual([]);

    // Created again (the topic re-created, the replica assigned back): written as usual.
    storage.createPartition('t', 0);
    const again = new PartitionLog({ config: () => config, listener: partitionLogListener(storage, 't', 0, () => config) });
    storage.writeSegments('t', 0, again.segments());
    again.appendAsLeader([await batch('x')], 0);
    await storage.close();
    const reloaded = await reopen().loadPartitions();
    expect(reloaded.map((p) => [p.topic, p.partition, p.segments.flatMap((s) => s.batches).length])).toEqual([['t', 0, 1]]);
  });
});
