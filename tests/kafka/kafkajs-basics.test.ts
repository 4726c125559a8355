/**
 * kafkajs 2.2.4 against the three brokers: admin (create/describe topics), producer (acks 0/1/all),
 * consumer group, offsets — unchanged client, real TCP.
 */
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../support/kafka-clients.ts';
import { startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';

describe('kafkajs against the teaching cluster', () => {
  let cluster: KafkaTestCluster;
  let kafka: Kafka;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ config: { offsetsTopicNumPartitions: 5 } });
    kafka = new Kafka({ clientId: 'basics', brokers: cluster.bootstrap, logLevel: logLevel.NOTHING });
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('creates a topic with 2 partitions and RF 3, leaders spread', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      expect(await admin.createTopics({ topics: [{ topic: 'test', numPartitions: 2, replicationFactor: 3 }] })).toBe(true);
      const { topics } = await admin.fetchTopicMetadata({ topics: ['test'] });
      expect(topics[0].partitions).toHaveLength(2);
      for (const p of topics[0].partitions) {
        expect(new Set(p.replicas).size).toBe(3);
        expect(p.isr.sort()).toEqual([1, 2, 3]);
      }
      expect(new Set(topics[0].partitions.map((p) => p.leader)).size).toBe(2);
      const cluster = await admin.describeCluster();
      expect(cluster.brokers.map((b) => b.nodeId).sort()).toEqual([1, 2, 3]);
      expect(cluster.controller).toBeGreaterThan(0);
      expect(await admin.createTopics({ topics: [{ topic: 'test', numPartitions: 2, replicationFactor: 3 }] })).toBe(false);
      const failure = await admin.createTopics({ topics: [{ topic: 'too-many', numPartitions: 1, replicationFactor: 4 }] }).catch((e: unknown) => e);
      expect((failure as { errors: Array<{ type: string }> }).errors[0].type).toBe('INVALID_REPLICATION_FACTOR');
    } finally {
      await admin.disconnect();
    }
  });

  it('produces with acks 0, 1 and all and reads everything back in order', async () => {
    const producer = kafka.producer();
    await producer.connect();
    const sent: string[] = [];
    for (const acks of [-1, 1, 0]) {
      for (let i = 0; i < 10; i++) {
        const value = `acks${acks}-${i}`;
        sent.push(value);
        await producer.send({ topic: 'test', acks, messages: [{ key: 'k', value }] });
      }
    }
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    // acks=0 sends return before the broker appended them (and on another connection): wait for that.
    const total = async () => (await admin.fetchTopicOffsets('test')).reduce((n, p) => n + Number(p.high), 0);
    await waitUntil('all 30 messages appended', async () => (await total()) === 30, 10_000, () => 'fewer');
    await admin.disconnect();
    const consumer = kafka.consumer({ groupId: 'basics-reader', maxWaitTimeInMs: 200 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'test', fromBeginning: true });
    const received: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`received only ${received.length}`)), 20_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          received.push(message.value!.toString());
          if (received.length === sent.length) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    await consumer.disconnect();
    expect(received).toEqual(sent);
  });

  it('auto-creates a topic a producer writes to', async () => {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'auto-created', messages: [{ value: 'x' }] });
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    expect(await admin.listTopics()).toContain('auto-created');
    await admin.disconnect();
  });
});
