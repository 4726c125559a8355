/**
 * With a log dir per broker (`FsBrokerStorage`), the whole Kafka side of the cluster can be stopped and
 * started again (ZooKeeper keeps running): topics, their messages and the consumer group's committed
 * offsets (in `__consumer_offsets`) are all still there.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsBrokerStorage } from '../../src/cluster/kafka/log/fs-broker-storage.ts';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';
import { waitUntil } from '../support/kafka-clients.ts';

/**
 * Consumes 'kept' in `groupId` until every value of `until` has arrived; returns all values received.
 * A partition is read in offset order, so when `until` holds each partition's last message, nothing
 * read before it (a re-read, say) can still be on its way: the result is final.
 */
async function consumeUntil(kafka: Kafka, groupId: string, until: readonly string[]): Promise<string[]> {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic: 'kept', fromBeginning: true });
  const values: string[] = [];
  await consumer.run({ eachMessage: async ({ message }) => void values.push(message.value!.toString()) });
  try {
    await waitUntil(`${groupId} to read ${until.join(', ')}`, () => until.every((v) => values.includes(v)), 20_000, () => values);
  } finally {
    await consumer.disconnect();
  }
  return values;
}

describe('restart with log dirs', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'kafkalab-logdirs-'));
  let cluster: KafkaTestCluster;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ storage: (id) => new FsBrokerStorage(path.join(root, `kafka-${id}`), id), config: { offsetsTopicNumPartitions: 3 } });
  });
  afterAll(async () => {
    await cluster?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('keeps topics, messages and committed offsets across a restart of every broker', async () => {
    let kafka = new Kafka({ clientId: 'restart', brokers: cluster.bootstrap, logLevel: logLevel.NOTHING, retry: { retries: 20, initialRetryTime: 100, maxRetryTime: 500 } });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'kept', numPartitions: 2, replicationFactor: 3 }] });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'kept', acks: -1, messages: Array.from({ length: 10 }, (_, i) => ({ value: `v${i}` })) });
    await producer.disconnect();
    const written = Array.from({ length: 10 }, (_, i) => `v${i}`);
    expect((await consumeUntil(kafka, 'keeper', written)).sort()).toEqual([...written].sort());

    for (const id of cluster.ids) await cluster.stop(id);
    expect(readdirSync(path.join(root, 'kafka-1')).sort()).toEqual(expect.arrayContaining(['kept-0', 'kept-1', 'meta.properties', 'replication-offset-checkpoint']));
    for (const id of cluster.ids) await cluster.start(id);
    kafka = new Kafka({ clientId: 'restart-2', brokers: cluster.bootstrap, logLevel: logLevel.NOTHING, retry: { retries: 20, initialRetryTime: 100, maxRetryTime: 500 } });
    const again = kafka.admin();
    await again.connect();
    await eventually('every partition led and fully in sync', async () => {
      const { topics } = await again.fetchTopicMetadata({ topics: ['kept', '__consumer_offsets'] });
      return topics.every((t) => t.partitions.every((p) => p.leader > 0 && p.isr.length === 3));
    }, 20_000);
    const offsets = await again.fetchTopicOffsets('kept');
    expect(offsets.reduce((n, p) => n + Number(p.high), 0)).toBe(10);
    const committed = await again.fetchOffsets({ groupId: 'keeper', topics: ['kept'] });
    expect(committed[0].partitions.reduce((n, p) => n + Number(p.offset), 0)).toBe(10);
    await again.disconnect();
    // One new message per partition: the group resumes at its committed offsets, so it reads only these.
    const later = kafka.producer();
    await later.connect();
    await later.send({ topic: 'kept', acks: -1, messages: [{ partition: 0, value: 'after-0' }, { partition: 1, value: 'after-1' }] });
    await later.disconnect();
    expect((await consumeUntil(kafka, 'keeper', ['after-0', 'after-1'])).sort()).toEqual(['after-0', 'after-1']);
    expect((await consumeUntil(kafka, 'newcomer', [...written, 'after-0', 'after-1'])).sort()).toEqual([...written, 'after-0', 'after-1'].sort());
  }, 55_000);
});
