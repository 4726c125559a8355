import { mkdtempSync, readFileSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FsBrokerStorage } from './fs-broker-storage.ts';
import { PartitionLog } from './partition-log.ts';
import { encodeRecordBatch } from '../protocol/index.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function logDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kafkalab-logdir-'));
  dirs.push(dir);
  return dir;
}

const record = (value: string) => ({ key: null, value: new TextEncoder().encode(value) });

describe('FsBrokerStorage', () => {
  it('keeps batches and high watermarks across a restart, in Kafka\'s layout', async () => {
    const dir = logDir();
    const storage = new FsBrokerStorage(dir, 1);
    expect(await storage.loadPartitions()).toEqual([]);
    const log = new PartitionLog();
    const batches = [await encodeRecordBatch({ records: [record('a'), record('b')] }), await encodeRecordBatch({ records: [record('c')] })];
    log.appendAsLeader(batches, 3);
    storage.append('my-topic', 0, batches);
    storage.checkpointHighWatermark('my-topic', 0, 2n);
    await storage.close();
    expect(readFileSync(path.join(dir, 'replication-offset-checkpoint'), 'utf8')).toBe('0\n1\nmy-topic 0 2\n');

    // A torn write at the end (crash) is dropped on load.
    appendFileSync(path.join(dir, 'my-topic-0', '00000000000000000000.log'), new Uint8Array(30));
    const reloaded = await new FsBrokerStorage(dir, 1).loadPartitions();
    expect(reloaded).toHaveLength(1);
    expect(reloaded[0]).toMatchObject({ topic: 'my-topic', partition: 0, highWatermark: 2n });
    const restored = new PartitionLog();
    for (const batch of reloaded[0].batches) restored.restore(batch);
    expect(restored.logEndOffset).toBe(3n);
    expect(restored.latestEpoch).toBe(3);
  });

  it('rewrites a truncated log and removes deleted replicas', async () => {
    const dir = logDir();
    const storage = new FsBrokerStorage(dir, 2);
    await storage.loadPartitions();
    const batches = [await encodeRecordBatch({ records: [record('a')] }), await encodeRecordBatch({ records: [record('b')] })];
    new PartitionLog().appendAsLeader(batches, 0);
    storage.append('t', 1, batches);
    storage.truncate('t', 1, batches.slice(0, 1));
    storage.append('gone', 0, batches);
    storage.deletePartition('gone', 0);
    await storage.close();
    const reloaded = await new FsBrokerStorage(dir, 2).loadPartitions();
    expect(reloaded.map((p) => [p.topic, p.partition, p.batches.length])).toEqual([['t', 1, 1]]);
  });

  it('records the topic id of each replica in partition.metadata, as Kafka does', async () => {
    const dir = logDir();
    const storage = new FsBrokerStorage(dir, 3);
    await storage.loadPartitions();
    storage.append('ids', 0, [await encodeRecordBatch({ records: [record('a')] })]);
    storage.recordTopicId('ids', 0, 'q3bS0f2xTwWx6cV1k9Yh8g');
    await storage.close();
    expect(readFileSync(path.join(dir, 'ids-0', 'partition.metadata'), 'utf8')).toBe('version: 0\ntopic_id: q3bS0f2xTwWx6cV1k9Yh8g\n');
    const [reloaded] = await new FsBrokerStorage(dir, 3).loadPartitions();
    expect(reloaded).toMatchObject({ topic: 'ids', partition: 0, topicId: 'q3bS0f2xTwWx6cV1k9Yh8g' });
  });
});
