/**
 * Retention as Kafka 3.9 applies it (`UnifiedLog.deleteOldSegments`, checked every
 * `log.retention.check.interval.ms`): whole segments go once their newest record is older than `retention.ms`,
 * or while the log is larger than `retention.bytes`; the log start offset moves to the first segment left, on the
 * leader and on every follower; ListOffsets earliest and a consumer from the beginning (kcat, kafkajs) start there.
 */
import { ConfigResourceTypes } from 'kafkajs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decodeResponseFrame, encodeRequestFrame } from '../../src/cluster/kafka/protocol/index.ts';
import type { IncrementalAlterConfigsResponse } from '../../src/cluster/kafka/protocol/index.ts';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';
import { kafkaClient, runKcat } from '../support/kafka-clients.ts';
import { describeWithPeer } from '../support/peers.ts';
import { RawKafkaConnection } from '../support/raw-kafka-connection.ts';

describeWithPeer('kcat', 'log retention', () => {
  let cluster: KafkaTestCluster;
  let bootstrap: string;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ config: { offsetsTopicNumPartitions: 1, logRetentionCheckIntervalMs: 100 } });
    bootstrap = cluster.bootstrap.join(',');
  });
  afterAll(async () => {
    await cluster?.close();
  });

  /** Every replica of `topic`-0 in the cluster. */
  const replicasOf = (topic: string) => cluster.ids.map((id) => cluster.broker(id).services.internals.replicas.getPartition(topic, 0)!);

  it('deletes segments older than retention.ms; earliest offsets and kcat -o beginning start at the new log start', async () => {
    const kafka = kafkaClient(cluster, 'retention-ms');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: 'aging', numPartitions: 1, replicationFactor: 3, configEntries: [{ name: 'retention.ms', value: '60000' }, { name: 'segment.ms', value: '1000' }] }],
    });
    const producer = kafka.producer();
    await producer.connect();
    const hourAgo = String(Date.now() - 3_600_000);
    await producer.send({ topic: 'aging', acks: -1, messages: Array.from({ length: 5 }, (_, i) => ({ value: `old-${i}`, timestamp: hourAgo })) });
    // Past retention.ms: the segment goes (the active one too once committed, as Kafka does); records an hour newer
    // would roll a new segment anyway (segment.ms).
    await producer.send({ topic: 'aging', acks: -1, messages: Array.from({ length: 3 }, (_, i) => ({ value: `new-${i}` })) });
    await producer.disconnect();

    await eventually('the old segment deleted on every replica', () =>
      replicasOf('aging').every((p) => p.log.logStartOffset === 5n && p.log.segments()[0].baseOffset === 5n && p.logEndOffset === 8n),
    );
    expect((await admin.fetchTopicOffsets('aging'))[0]).toMatchObject({ low: '5', high: '8' });
    await admin.disconnect();

    const consumed = await runKcat(['-b', bootstrap, '-C', '-t', 'aging', '-o', 'beginning', '-e', '-q', '-f', '%o %s\\n']);
    expect(consumed.code, consumed.stderr).toBe(0);
    expect(consumed.stdout.trim().split('\n')).toEqual(['5 new-0', '6 new-1', '7 new-2']);
  });

  it('keeps each replica\'s log within retention.bytes (plus one segment) while producing, oldest segments first', async () => {
    const kafka = kafkaClient(cluster, 'retention-bytes');
    const admin = kafka.admin();
    await admin.connect();
    const segmentBytes = 20_000;
    const retentionBytes = 60_000;
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{
        topic: 'bounded',
        numPartitions: 1,
        replicationFactor: 3,
        configEntries: [{ name: 'retention.bytes', value: String(retentionBytes) }, { name: 'segment.bytes', value: String(segmentBytes) }],
      }],
    });
    const value = 'x'.repeat(1000);
    let largest = 0;
    const watch = setInterval(() => {
      for (const replica of replicasOf('bounded')) largest = Math.max(largest, replica.log.sizeBytes);
    }, 20);
    try {
      for (let round = 0; round < 6; round++) {
        // Small batches (batch.size) so segments hold several of them, as with a steady producer.
        const produced = await runKcat(['-b', bootstrap, '-P', '-t', 'bounded', '-X', 'acks=all', '-X', 'batch.size=8000', '-X', 'linger.ms=1'], 30_000, `${Array(100).fill(value).join('\n')}\n`);
        expect(produced.code, produced.stderr).toBe(0);
      }
      await eventually('every replica trimmed to retention.bytes', () =>
        replicasOf('bounded').every((p) => p.logEndOffset === 600n && p.log.sizeBytes <= retentionBytes + segmentBytes && p.log.logStartOffset > 0n),
      );
    } finally {
      clearInterval(watch);
    }
    // Retention runs every 100 ms: between two checks the log grows by what arrives meanwhile, never without bound.
    expect(largest).toBeLessThan(300_000);
    const leader = replicasOf('bounded').find((p) => p.role === 'leader')!;
    const [offsets] = await admin.fetchTopicOffsets('bounded');
    expect(offsets.low).toBe(String(leader.log.logStartOffset));
    expect(leader.log.segments()[0].baseOffset).toBe(leader.log.logStartOffset);
    await admin.disconnect();

    const consumed = await runKcat(['-b', bootstrap, '-C', '-t', 'bounded', '-o', 'beginning', '-e', '-q', '-f', '%o\\n']);
    expect(consumed.code, consumed.stderr).toBe(0);
    const read = consumed.stdout.trim().split('\n').map(Number);
    expect(read[0]).toBe(Number(offsets.low));
    expect(read).toEqual(Array.from({ length: 600 - Number(offsets.low) }, (_, i) => Number(offsets.low) + i));
  });

  it('applies a retention.ms altered on a live topic (kafka-configs --alter) at the next check', async () => {
    const kafka = kafkaClient(cluster, 'retention-alter');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: 'altered', numPartitions: 1, replicationFactor: 3 }] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'altered', acks: -1, messages: Array.from({ length: 4 }, (_, i) => ({ value: `day-old-${i}`, timestamp: String(Date.now() - 86_400_000) })) });
    await producer.disconnect();
    // The default retention (7 days) keeps a day-old record.
    expect(await admin.fetchTopicOffsets('altered')).toEqual([expect.objectContaining({ low: '0', high: '4' })]);
    await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'altered', configEntries: [{ name: 'retention.ms', value: '3600000' }] }] });
    await eventually('retention.ms applied on every replica', () => replicasOf('altered').every((p) => p.log.logStartOffset === 4n));
    expect((await admin.fetchTopicOffsets('altered'))[0]).toMatchObject({ low: '4', high: '4' });
    await admin.disconnect();
  });

  it('follows a cluster-wide dynamic log.retention.ms (IncrementalAlterConfigs on <default>) on topics without an override', async () => {
    const kafka = kafkaClient(cluster, 'retention-dynamic');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: 'broker-default', numPartitions: 1, replicationFactor: 3 }] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'broker-default', acks: -1, messages: Array.from({ length: 3 }, (_, i) => ({ value: `day-old-${i}`, timestamp: String(Date.now() - 86_400_000) })) });
    await producer.disconnect();
    expect((await admin.fetchTopicOffsets('broker-default'))[0]).toMatchObject({ low: '0', high: '3' });
    const raw = await RawKafkaConnection.open(cluster.broker(1).port);
    try {
      const SET = 0;
      raw.send(encodeRequestFrame(44, 1, 1, 'test', { resources: [{ resourceType: 4, resourceName: '', configs: [{ name: 'log.retention.ms', configOperation: SET, value: '3600000' }] }], validateOnly: false }));
      const { body } = decodeResponseFrame(44, 1, await raw.nextFrame());
      expect((body as IncrementalAlterConfigsResponse).responses[0]).toMatchObject({ errorCode: 0 });
    } finally {
      raw.destroy();
    }
    await eventually('the broker default applied by retention on every replica', () => replicasOf('broker-default').every((p) => p.log.logStartOffset === 3n));
    expect((await admin.fetchTopicOffsets('broker-default'))[0]).toMatchObject({ low: '3', high: '3' });
    await admin.disconnect();
  });
});
