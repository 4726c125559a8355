/**
 * kcat 1.7.1 (librdkafka 2.0.2) as a balanced consumer (`kcat -G`) against the three-broker cluster:
 * FindCoordinator v2, JoinGroup v5 (with MEMBER_ID_REQUIRED), SyncGroup v3, Heartbeat v3, OffsetFetch v5,
 * OffsetCommit on close, LeaveGroup v1. A second run of the same group starts where the first one committed.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startKafkaTestCluster, type KafkaTestCluster } from '../support/kafka-cluster.ts';
import { createTopic, kafkaClient, runKcat, waitUntil } from '../support/kafka-clients.ts';
import { describeWithPeer } from '../support/peers.ts';

const TOPIC = 'clicks';

describeWithPeer('kcat', 'kcat -G consumer group', () => {
  let cluster: KafkaTestCluster;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster();
    await createTopic(cluster, TOPIC, 2, 3);
  });

  afterAll(async () => {
    await cluster?.close();
  });

  const produce = async (values: string[]) => {
    const producer = kafkaClient(cluster, 'clicker').producer();
    await producer.connect();
    await producer.send({ topic: TOPIC, messages: values.map((value, i) => ({ value, partition: i % 2 })) });
    await producer.disconnect();
  };

  /** One bounded `kcat -G` run: reads until every assigned partition is at its end, commits, leaves. */
  const consumeWithKcat = async (group: string) => {
    const result = await runKcat(
      ['-b', cluster.bootstrap.join(','), '-G', group, TOPIC, '-e', '-q', '-f', '%s\\n', '-X', 'auto.offset.reset=earliest'],
      30_000,
    );
    expect(result.code, `kcat failed:\n${result.stderr}`).toBe(0);
    return result.stdout.split('\n').filter((line) => line.length > 0);
  };

  it('consumes as a group, commits on exit, and resumes from the committed offsets', async () => {
    await produce(['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    expect((await consumeWithKcat('click-counters')).sort()).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);

    const admin = kafkaClient(cluster, 'inspector').admin();
    await admin.connect();
    const offsets = await admin.fetchOffsets({ groupId: 'click-counters', topics: [TOPIC] });
    expect(offsets[0].partitions.map((p) => [p.partition, p.offset]).sort()).toEqual([[0, '3'], [1, '3']]);
    const described = await admin.describeGroups(['click-counters']);
    expect(described.groups[0]).toMatchObject({ state: 'Empty', protocolType: 'consumer', members: [] });

    await produce(['c7', 'c8', 'c9']);
    expect((await consumeWithKcat('click-counters')).sort()).toEqual(['c7', 'c8', 'c9']);
    await admin.disconnect();
  }, 55_000);

  it('cannot join a kafkajs group: no common assignor (INCONSISTENT_GROUP_PROTOCOL)', async () => {
    const consumer = kafkaClient(cluster, 'kjs').consumer({ groupId: 'mixed' });
    await consumer.connect();
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    let joined = false;
    consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
    await consumer.run({ eachMessage: async () => {} });
    await waitUntil('the kafkajs consumer in the group', () => joined, 20_000);
    const result = await runKcat(['-b', cluster.bootstrap.join(','), '-G', 'mixed', TOPIC, '-e', '-d', 'cgrp'], 6_000);
    expect(result.stderr).toMatch(/Inconsistent group protocol|INCONSISTENT_GROUP_PROTOCOL/i);
    await consumer.disconnect();
  }, 45_000);
});
