/**
 * DeleteRecords (API 21) through kafkajs `admin.deleteTopicRecords`, as `kafka-delete-records` uses it: the
 * partition's low watermark (ListOffsets earliest) moves to the requested offset on the leader, the answer comes
 * once every replica has that log start (followers learn it from their fetches), a consumer from the beginning
 * starts there, and a new leader keeps it. Offsets beyond the high watermark are refused with OFFSET_OUT_OF_RANGE.
 */
import { inspect } from 'node:util';
import { Admin } from '@platformatic/kafka';
import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';
import { kafkaClient, waitUntil } from '../support/kafka-clients.ts';

/** Reads `topic` from the beginning in a new group until `count` messages arrived; returns "offset value" lines. */
async function readFromBeginning(kafka: Kafka, topic: string, groupId: string, count: number): Promise<string[]> {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const seen: string[] = [];
  await consumer.run({ eachMessage: async ({ message }) => void seen.push(`${message.offset} ${message.value!.toString()}`) });
  try {
    await waitUntil(`${groupId} to read ${count} messages`, () => seen.length >= count, 20_000, () => seen);
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

describe('DeleteRecords', () => {
  let cluster: KafkaTestCluster;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ config: { offsetsTopicNumPartitions: 1 } });
  });
  afterAll(async () => {
    await cluster?.close();
  });

  const replicasOf = (topic: string) =>
    cluster.ids.filter((id) => cluster.broker(id).status().running).map((id) => cluster.broker(id).services.internals.replicas.getPartition(topic, 0)!);

  it('moves the low watermark on every replica, consumers from the beginning start there, a new leader keeps it', async () => {
    const kafka = kafkaClient(cluster, 'delete-records');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: 'trimmed', numPartitions: 1, replicationFactor: 3 }] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'trimmed', acks: -1, messages: Array.from({ length: 10 }, (_, i) => ({ value: `v${i}` })) });
    await producer.disconnect();

    // kafkajs looks the leader up in metadata it already has for the topic.
    expect((await admin.fetchTopicOffsets('trimmed'))[0]).toMatchObject({ low: '0', high: '10' });
    await admin.deleteTopicRecords({ topic: 'trimmed', partitions: [{ partition: 0, offset: '4' }] });
    expect((await admin.fetchTopicOffsets('trimmed'))[0]).toMatchObject({ low: '4', high: '10' });
    // The answer waited for the followers: every replica has the new log start already.
    expect(replicasOf('trimmed').map((p) => p.log.logStartOffset)).toEqual([4n, 4n, 4n]);
    expect(await readFromBeginning(kafka, 'trimmed', 'after-delete', 6)).toEqual(['4 v4', '5 v5', '6 v6', '7 v7', '8 v8', '9 v9']);

    // A third client (@platformatic/kafka, DeleteRecords v2): beyond the high watermark is OFFSET_OUT_OF_RANGE and
    // nothing moves; -1 means up to the high watermark, answered with the new low watermark.
    const platformatic = new Admin({ clientId: 'delete-records-3', bootstrapBrokers: cluster.liveBootstrap, retries: 0 });
    try {
      const refused = await platformatic.deleteRecords({ topics: [{ name: 'trimmed', partitions: [{ partition: 0, offset: 11n }] }] }).then(
        () => 'accepted',
        (error: unknown) => inspect(error, { depth: 10 }),
      );
      expect(refused).toContain('OFFSET_OUT_OF_RANGE');
      expect((await admin.fetchTopicOffsets('trimmed'))[0].low).toBe('4');
      expect(await platformatic.deleteRecords({ topics: [{ name: 'trimmed', partitions: [{ partition: 0, offset: -1n }] }] })).toEqual([
        { name: 'trimmed', partitions: [{ partition: 0, lowWatermark: 10n }] },
      ]);
    } finally {
      await platformatic.close();
    }
    expect((await admin.fetchTopicOffsets('trimmed'))[0]).toMatchObject({ low: '10', high: '10' });

    // The leader goes: the new one has the same log start.
    const [{ partitions }] = (await admin.fetchTopicMetadata({ topics: ['trimmed'] })).topics;
    const oldLeader = partitions[0].leader;
    await cluster.stop(oldLeader);
    await eventually('a new leader for trimmed-0', async () => {
      const meta = await admin.fetchTopicMetadata({ topics: ['trimmed'] });
      const leader = meta.topics[0].partitions[0].leader;
      return leader > 0 && leader !== oldLeader;
    });
    const fresh = kafkaClient(cluster, 'delete-records-2');
    const freshAdmin = fresh.admin();
    await freshAdmin.connect();
    expect((await freshAdmin.fetchTopicOffsets('trimmed'))[0]).toMatchObject({ low: '10', high: '10' });
    const after = fresh.producer();
    await after.connect();
    await after.send({ topic: 'trimmed', acks: -1, messages: [{ value: 'after-failover' }] });
    await after.disconnect();
    expect(await readFromBeginning(fresh, 'trimmed', 'after-failover', 1)).toEqual(['10 after-failover']);
    await freshAdmin.disconnect();
    await admin.disconnect();

    // The returning broker learns it too (log start from the new leader's fetch responses).
    await cluster.start(oldLeader);
    await waitUntil(
      'every replica back with the log start',
      () => replicasOf('trimmed').every((p) => p?.log.logStartOffset === 10n && p.logEndOffset === 11n),
      20_000,
      () => replicasOf('trimmed').map((p) => p && [p.brokerId, p.role, String(p.log.logStartOffset), String(p.logEndOffset)]),
    );
  });
});
