import { mkdtempSync, readdirSync, readFileSync, rmSync, appendFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FsBrokerStorage } from './fs-broker-storage.ts';
import { partitionLogListener } from './broker-storage.ts';
import { defaultLogConfig } from './log-config.ts';
import { PartitionLog } from './partition-log.ts';
import { readOffsetIndex, readTimeIndex } from './segment-index.ts';
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

const record = (value: string, timestamp?: bigint) => ({ key: null, value: new TextEncoder().encode(value), ...(timestamp ? { timestamp } : {}) });

/** A log mirrored into `storage` under topic/partition, with the given settings. */
function storedLog(storage: FsBrokerStorage, topic: string, partition: number, settings: Partial<typeof defaultLogConfig> = {}): PartitionLog {
  const config = { ...defaultLogConfig, ...settings };
  const log = new PartitionLog({ config: () => config, listener: partitionLogListener(storage, topic, partition, () => config) });
  storage.writeSegments(topic, partition, log.segments(), config.indexIntervalBytes);
  return log;
}

describe('FsBrokerStorage', () => {
  it('keeps batches and high watermarks across a restart, in Kafka\'s layout', async () => {
    const dir = logDir();
    const storage = new FsBrokerStorage(dir, 1);
    expect(await storage.loadPartitions()).toEqual([]);
    const log = storedLog(storage, 'my-topic', 0);
    log.assignEpoch(3);
    log.appendAsLeader([await encodeRecordBatch({ records: [record('a'), record('b')] }), await encodeRecordBatch({ records: [record('c')] })], 3);
    storage.checkpointHighWatermark('my-topic', 0, 2n);
    await storage.close();
    expect(readFileSync(path.join(dir, 'replication-offset-checkpoint'), 'utf8')).toBe('0\n1\nmy-topic 0 2\n');
    expect(readFileSync(path.join(dir, 'my-topic-0', 'leader-epoch-checkpoint'), 'utf8')).toBe('0\n1\n3 0\n');

    // A torn write at the end (crash) is dropped on load.
    appendFileSync(path.join(dir, 'my-topic-0', '00000000000000000000.log'), new Uint8Array(30));
    const reloaded = await new FsBrokerStorage(dir, 1).loadPartitions();
    expect(reloaded).toHaveLength(1);
    expect(reloaded[0]).toMatchObject({ topic: 'my-topic', partition: 0, highWatermark: 2n });
    const restored = new PartitionLog();
    restored.restore(reloaded[0].segments, reloaded[0].logStartOffset, reloaded[0].epochs);
    expect(restored.logEndOffset).toBe(3n);
    expect(restored.latestEpoch).toBe(3);
    expect(statSync(path.join(dir, 'my-topic-0', '00000000000000000000.log')).size).toBe(log.sizeBytes);
  });

  it('writes one .log/.index/.timeindex per segment, removes deleted segments and restores the log start', async () => {
    const dir = logDir();
    const storage = new FsBrokerStorage(dir, 1);
    await storage.loadPartitions();
    // Segments of at most ~3 batches; an index entry every >100 bytes (the topic's index.interval.bytes).
    const log = storedLog(storage, 'seg', 0, { segmentBytes: 300, retentionBytes: 400, indexIntervalBytes: 100 });
    for (let i = 0; i < 10; i++) log.appendAsLeader([await encodeRecordBatch({ records: [record(`value-${i}`.padEnd(40, '.'), BigInt(Date.now()))] })], 0);
    expect(log.segments().length).toBeGreaterThan(3);
    log.deleteOldSegments(log.logEndOffset);
    log.maybeIncrementLogStartOffset(log.segments()[0].baseOffset + 1n, log.logEndOffset);
    storage.checkpointHighWatermark('seg', 0, log.logEndOffset);
    await storage.close();

    const files = readdirSync(path.join(dir, 'seg-0')).sort();
    const expected = log.segments().flatMap((s) => ['.index', '.log', '.timeindex'].map((suffix) => `${s.baseOffset.toString().padStart(20, '0')}${suffix}`));
    expect(files).toEqual([...expected, 'leader-epoch-checkpoint'].sort());
    expect(readdirSync(dir).sort()).toEqual(['log-start-offset-checkpoint', 'meta.properties', 'recovery-point-offset-checkpoint', 'replication-offset-checkpoint', 'seg-0']);
    expect(readFileSync(path.join(dir, 'log-start-offset-checkpoint'), 'utf8')).toBe(`0\n1\nseg 0 ${log.logStartOffset}\n`);
    expect(readFileSync(path.join(dir, 'recovery-point-offset-checkpoint'), 'utf8')).toBe(`0\n1\nseg 0 ${log.logEndOffset}\n`);

    const first = log.segments()[0];
    const index = readOffsetIndex(readFileSync(path.join(dir, 'seg-0', `${first.baseOffset.toString().padStart(20, '0')}.index`)));
    // Entries point at batches: relative offset of a batch's last offset, that batch's file position.
    const positions = first.batches.map((_, i) => first.batches.slice(0, i).reduce((n, b) => n + b.bytes.length, 0));
    expect(index.length).toBeGreaterThan(0);
    for (const entry of index) {
      const at = positions.indexOf(entry.position);
      expect(at).toBeGreaterThan(0);
      expect(first.batches[at].lastOffset - first.baseOffset).toBe(BigInt(entry.relativeOffset));
    }
    const times = readTimeIndex(readFileSync(path.join(dir, 'seg-0', `${first.baseOffset.toString().padStart(20, '0')}.timeindex`)));
    expect(times.length).toBe(index.length);

    const indexFile = path.join(dir, 'seg-0', `${first.baseOffset.toString().padStart(20, '0')}.index`);
    const indexBytes = readFileSync(indexFile);
    const [reloaded] = await new FsBrokerStorage(dir, 1).loadPartitions();
    expect(readFileSync(indexFile)).toEqual(indexBytes);
    const restored = new PartitionLog();
    restored.restore(reloaded.segments, reloaded.logStartOffset, reloaded.epochs);
    expect(restored.segments().map((s) => s.baseOffset)).toEqual(log.segments().map((s) => s.baseOffset));
    expect(restored.logStartOffset).toBe(log.logStartOffset);
    expect(restored.logEndOffset).toBe(log.logEndOffset);
  });

  it('rewrites a truncated log and removes deleted replicas', async () => {
    const dir = logDir();
    const storage = new FsBrokerStorage(dir, 2);
    await storage.loadPartitions();
    const log = storedLog(storage, 't', 1);
    log.appendAsLeader([await encodeRecordBatch({ records: [record('a')] }), await encodeRecordBatch({ records: [record('b')] })], 0);
    log.truncateTo(1n);
    const gone = storedLog(storage, 'gone', 0);
    gone.appendAsLeader([await encodeRecordBatch({ records: [record('a')] })], 0);
    storage.deletePartition('gone', 0);
    await storage.close();
    const reloaded = await new FsBrokerStorage(dir, 2).loadPartitions();
    expect(reloaded.map((p) => [p.topic, p.partition, p.segments.flatMap((s) => s.batches).length])).toEqual([['t', 1, 1]]);
  });

  it('records the topic id of each replica in partition.metadata, as Kafka does', async () => {
    const dir = logDir();
    const storage = new FsBrokerStorage(dir, 3);
    await storage.loadPartitions();
    storedLog(storage, 'ids', 0).appendAsLeader([await encodeRecordBatch({ records: [record('a')] })], 0);
    storage.recordTopicId('ids', 0, 'q3bS0f2xTwWx6cV1k9Yh8g');
    await storage.close();
    expect(readFileSync(path.join(dir, 'ids-0', 'partition.metadata'), 'utf8')).toBe('version: 0\ntopic_id: q3bS0f2xTwWx6cV1k9Yh8g\n');
    const [reloaded] = await new FsBrokerStorage(dir, 3).loadPartitions();
    expect(reloaded).toMatchObject({ topic: 'ids', partition: 0, topicId: 'q3bS0f2xTwWx6cV1k9Yh8g' });
  });
  it("keeps the log cleaner's checkpoint in cleaner-offset-checkpoint and swaps rewritten segments in whole", async () => {
    const dir = logDir();
    const storage = new FsBrokerStorage(dir, 1);
    const log = storedLog(storage, 'compacted', 0, { segmentBytes: 1 });
    log.appendAsLeader([await encodeRecordBatch({ records: [record('a')] })], 0);
    log.appendAsLeader([await encodeRecordBatch({ records: [record('b')] })], 0);
    // A rewritten segment (the cleaner's output) replaces the file; a leftover .cleaned file goes on load.
    storage.writeSegments('compacted', 0, [log.segments()[0]]);
    storage.checkpointCleanerOffset('compacted', 0, 1n);
    await storage.close();
    expect(readFileSync(path.join(dir, 'cleaner-offset-checkpoint'), 'utf8')).toBe('0\n1\ncompacted 0 1\n');
    expect(readdirSync(path.join(dir, 'compacted-0')).some((name) => name.endsWith('.cleaned'))).toBe(false);
    appendFileSync(path.join(dir, 'compacted-0', '00000000000000000000.log.cleaned'), new Uint8Array(10));
    const [reloaded] = await new FsBrokerStorage(dir, 1).loadPartitions();
    expect(reloaded.cleanerOffset).toBe(1n);
    expect(reloaded.segments.map((segment) => segment.baseOffset)).toEqual([0n, 1n]);
    expect(readdirSync(path.join(dir, 'compacted-0')).some((name) => name.endsWith('.cleaned'))).toBe(false);
  });

  it('writes checkpoints as <name>.tmp renamed over the file, and reads a torn one as missing (epochs rebuilt from the batches)', async () => {
    const dir = logDir();
    const storage = new FsBrokerStorage(dir, 1);
    await storage.loadPartitions();
    const log = storedLog(storage, 'torn', 0);
    log.assignEpoch(2);
    log.appendAsLeader([await encodeRecordBatch({ records: [record('a')] })], 2);
    storage.checkpointHighWatermark('torn', 0, 1n);
    await storage.close();
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(path.join(dir, 'torn-0')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // A crash in the middle of a write leaves a torn file: its entry count does not match.
    writeFileSync(path.join(dir, 'torn-0', 'leader-epoch-checkpoint'), '0\n3\n2 0\n');
    writeFileSync(path.join(dir, 'torn-0', 'leader-epoch-checkpoint.tmp'), '0\n');
    const [reloaded] = await new FsBrokerStorage(dir, 1).loadPartitions();
    expect(reloaded.epochs).toBeUndefined();
    expect(reloaded.highWatermark).toBe(1n);
    expect(readdirSync(path.join(dir, 'torn-0')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const restored = new PartitionLog();
    restored.restore(reloaded.segments, reloaded.logStartOffset, reloaded.epochs);
    expect(restored.epochEntries).toEqual([{ epoch: 2, startOffset: 0n }]);
  });

  it('recovers the log on load: cuts at the first batch whose CRC fails past the recovery point and drops later segments', async () => {
    const dir = logDir();
    const storage = new FsBrokerStorage(dir, 1);
    await storage.loadPartitions();
    const log = storedLog(storage, 'crc', 0, { segmentBytes: 1 });
    for (const value of ['a', 'b', 'c']) log.appendAsLeader([await encodeRecordBatch({ records: [record(`value-${value}`)] })], 0);
    await storage.close();
    const segmentFile = (base: bigint) => path.join(dir, 'crc-0', `${base.toString().padStart(20, '0')}.log`);
    const flipLastByte = (file: string) => {
      const bytes = readFileSync(file);
      bytes[bytes.length - 1] ^= 0xff;
      writeFileSync(file, bytes);
    };
    // The last segment is always checked: its corrupt batch goes.
    flipLastByte(segmentFile(2n));
    let [reloaded] = await new FsBrokerStorage(dir, 1).loadPartitions();
    expect(reloaded.segments.map((s) => [s.baseOffset, s.batches.length])).toEqual([
      [0n, 1],
      [1n, 1],
      [2n, 0],
    ]);
    expect(statSync(segmentFile(2n)).size).toBe(0);

    // Without a recovery point every segment is checked; the log ends before the corrupt batch.
    flipLastByte(segmentFile(1n));
    rmSync(path.join(dir, 'recovery-point-offset-checkpoint'));
    [reloaded] = await new FsBrokerStorage(dir, 1).loadPartitions();
    expect(reloaded.segments.map((s) => [s.baseOffset, s.batches.length])).toEqual([
      [0n, 1],
      [1n, 0],
    ]);
    expect(readdirSync(path.join(dir, 'crc-0')).filter((n) => n.startsWith('00000000000000000002'))).toEqual([]);
  });
});

