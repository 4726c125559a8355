/**
 * Group administration through kafkajs' admin client: listGroups (ListGroups v2 to every broker, each group
 * reported once, by its coordinator), describeGroups (FindCoordinator + DescribeGroups v2), fetchOffsets /
 * setOffsets (OffsetFetch v4, OffsetCommit v5 from an otherwise empty group) and deleteGroups (DeleteGroups v1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKafkaTestCluster, type KafkaTestCluster } from '../support/kafka-cluster.ts';
import { kafkaClient, waitUntil } from '../support/kafka-clients.ts';

const TOPIC = 'invoices';

describe('kafkajs admin and consumer groups', () => {
  let cluster: KafkaTestCluster;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster();
    const kafka = kafkaClient(cluster, 'setup');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 2, replicationFactor: 3 }] });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: TOPIC, messages: Array.from({ length: 8 }, (_, i) => ({ value: `invoice-${i}`, partition: i % 2 })) });
    await producer.disconnect();
  });

  afterAll(async () => {
    await cluster?.close();
  });

  it('lists, describes, edits offsets of, and deletes groups', async () => {
    const kafka = kafkaClient(cluster, 'billing');
    const admin = kafka.admin();
    await admin.connect();

    // 'archived': a consumer read everything, committed and left.
    const archivist = kafka.consumer({ groupId: 'archived' });
    let seen = 0;
    await archivist.connect();
    await archivist.subscribe({ topic: TOPIC, fromBeginning: true });
    await archivist.run({ eachMessage: async () => void seen++ });
    await waitUntil('8 invoices archived', () => seen >= 8, 20_000, () => seen);
    await waitUntil(
      'archived offsets committed',
      async () => (await admin.fetchOffsets({ groupId: 'archived', topics: [TOPIC] }))[0].partitions.every((p) => p.offset === '4'),
      10_000,
    );
    await archivist.disconnect();

    // 'reporting': a consumer that stays.
    const reporter = kafka.consumer({ groupId: 'reporting' });
    let reporting = false;
    reporter.on(reporter.events.GROUP_JOIN, () => (reporting = true));
    await reporter.connect();
    await reporter.subscribe({ topic: TOPIC });
    await reporter.run({ eachMessage: async () => {} });
    await waitUntil('the reporting consumer in its group', () => reporting, 20_000);

    // 'offsets-only': offsets set by an operator, never any running member.
    await admin.setOffsets({ groupId: 'offsets-only', topic: TOPIC, partitions: [{ partition: 0, offset: '2' }, { partition: 1, offset: '1' }] });
    expect(
      (await admin.fetchOffsets({ groupId: 'offsets-only', topics: [TOPIC] }))[0].partitions.map((p) => [p.partition, p.offset]).sort(),
    ).toEqual([[0, '2'], [1, '1']]);

    // Every group is listed exactly once although all three brokers are asked.
    const listed = (await admin.listGroups()).groups.filter((g) => !g.groupId.startsWith('setup'));
    expect(listed.map((g) => g.groupId).sort()).toEqual(['archived', 'offsets-only', 'reporting']);
    expect(listed.every((g) => g.protocolType === 'consumer')).toBe(true);

    const described = await admin.describeGroups(['archived', 'reporting', 'never-existed']);
    // kafkajs asks each coordinator for its groups: the answer comes back grouped by broker.
    expect(described.groups.map((g) => [g.groupId, g.state]).sort()).toEqual([
      ['archived', 'Empty'],
      ['never-existed', 'Dead'],
      ['reporting', 'Stable'],
    ]);
    expect(described.groups.find((g) => g.groupId === 'reporting')).toMatchObject({ protocolType: 'consumer', protocol: 'RoundRobinAssigner', members: [expect.objectContaining({ clientId: 'billing' })] });

    // A group with members cannot be deleted; empty ones can, with their offsets.
    await expect(admin.deleteGroups(['reporting'])).rejects.toMatchObject({ groups: [expect.objectContaining({ groupId: 'reporting', errorCode: 68 })] });
    expect((await admin.deleteGroups(['archived', 'offsets-only'])).map((r) => [r.groupId, r.errorCode]).sort()).toEqual([
      ['archived', 0],
      ['offsets-only', 0],
    ]);
    expect((await admin.describeGroups(['archived'])).groups[0].state).toBe('Dead');
    expect((await admin.fetchOffsets({ groupId: 'archived', topics: [TOPIC] }))[0].partitions.every((p) => p.offset === '-1')).toBe(true);
    expect((await admin.listGroups()).groups.map((g) => g.groupId)).toEqual(['reporting']);

    await reporter.disconnect();
    await admin.disconnect();
  }, 55_000);
});
