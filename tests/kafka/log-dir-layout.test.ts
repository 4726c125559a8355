/**
 * With a log dir (`FsBrokerStorage`), a replica is stored as Kafka stores it: one folder per partition with a
 * `<20-digit base offset>.log` / `.index` / `.timeindex` per segment, `leader-epoch-checkpoint` and
 * `partition.metadata`, and the broker-level checkpoints beside them. Segments deleted by retention leave the
 * disk; a restarted broker comes back with its segments and its log start offset.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsBrokerStorage } from '../../src/cluster/kafka/log/fs-broker-storage.ts';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';
import { kafkaClient } from '../support/kafka-clients.ts';

const name = (baseOffset: bigint, suffix: string) => `${baseOffset.toString().padStart(20, '0')}${suffix}`;

describe('log dir layout', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'kafkalab-layout-'));
  let cluster: KafkaTestCluster;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({
      storage: (id) => new FsBrokerStorage(path.join(root, `kafka-${id}`), id),
      config: { offsetsTopicNumPartitions: 1, logRetentionCheckIntervalMs: 100 },
    });
  });
  afterAll(async () => {
    await cluster?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('names files as Kafka does, removes deleted segments and restores segments and the log start on restart', async () => {
    const kafka = kafkaClient(cluster, 'layout');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: 'layout', numPartitions: 1, replicationFactor: 3, configEntries: [{ name: 'segment.bytes', value: '2000' }] }] });
    const producer = kafka.producer();
    await producer.connect();
    // One batch per send (~300 bytes): a segment holds a handful of them.
    for (let i = 0; i < 30; i++) await producer.send({ topic: 'layout', acks: -1, messages: [{ value: `record-${i}-${'.'.repeat(200)}` }] });
    await producer.disconnect();
    const leaderId = (await admin.fetchTopicMetadata({ topics: ['layout'] })).topics[0].partitions[0].leader;
    const followerId = cluster.ids.find((id) => id !== leaderId)!;
    const replica = () => cluster.broker(followerId).services.internals.replicas.getPartition('layout', 0)!;
    await eventually('the follower caught up', () => replica().logEndOffset === 30n);
    const initialSegments = replica().log.segments().map((s) => s.baseOffset);
    expect(initialSegments.length).toBeGreaterThan(3);

    // Delete records into the third segment: the two before it go at the next retention check.
    const target = initialSegments[2] + 1n;
    await admin.fetchTopicOffsets('layout');
    await admin.deleteTopicRecords({ topic: 'layout', partitions: [{ partition: 0, offset: String(target) }] });
    await eventually('segments below the log start deleted on the follower', () => replica().log.segments()[0].baseOffset === initialSegments[2]);
    await admin.disconnect();
    const segments = replica().log.segments().map((s) => s.baseOffset);
    expect(replica().log.logStartOffset).toBe(target);

    await eventually('the follower learned the HW', () => replica().highWatermark === 30n);
    await cluster.stop(followerId);
    const dir = path.join(root, `kafka-${followerId}`);
    // A follower checkpoints its HW too (Kafka's checkpointHighWatermarks covers every local replica).
    expect(readFileSync(path.join(dir, 'replication-offset-checkpoint'), 'utf8')).toContain('layout 0 30\n');
    expect(readdirSync(dir)).toEqual(
      expect.arrayContaining(['meta.properties', 'replication-offset-checkpoint', 'log-start-offset-checkpoint', 'recovery-point-offset-checkpoint', 'layout-0']),
    );
    expect(readdirSync(path.join(dir, 'layout-0')).sort()).toEqual(
      [...segments.flatMap((base) => ['.log', '.index', '.timeindex'].map((suffix) => name(base, suffix))), 'leader-epoch-checkpoint', 'partition.metadata'].sort(),
    );
    expect(readFileSync(path.join(dir, 'log-start-offset-checkpoint'), 'utf8')).toContain(`layout 0 ${target}\n`);
    expect(readFileSync(path.join(dir, 'recovery-point-offset-checkpoint'), 'utf8')).toContain('layout 0 30\n');

    await cluster.start(followerId);
    expect(replica().log.segments().map((s) => s.baseOffset)).toEqual(segments);
    expect(replica().log.logStartOffset).toBe(target);
    expect(replica().logEndOffset).toBe(30n);
  });
});
