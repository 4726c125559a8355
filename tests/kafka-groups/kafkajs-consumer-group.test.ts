/**
 * Two kafkajs 2.2.4 consumers in one group against the three-broker cluster: the coordinator runs the
 * rebalance, the leader's RoundRobinAssigner gives each consumer one of the two partitions, and what they
 * commit is what the admin API reads back.
 */
import type { Consumer, EachMessagePayload } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKafkaTestCluster, type KafkaTestCluster } from '../support/kafka-cluster.ts';
import { createTopic, kafkaClient, waitUntil } from '../support/kafka-clients.ts';

const TOPIC = 'orders';
const GROUP = 'order-processors';

describe('kafkajs consumer group', () => {
  let cluster: KafkaTestCluster;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster();
    await createTopic(cluster, TOPIC, 2, 3);
  });

  afterAll(async () => {
    await cluster?.close();
  });

  it('splits a 2-partition topic between two consumers and commits what they read', async () => {
    const kafka = kafkaClient(cluster, 'processor');
    const received = new Map<string, Array<{ partition: number; value: string }>>();
    const assignments = new Map<string, number[]>();
    const consumers: Consumer[] = [];
    for (const name of ['first', 'second']) {
      const consumer = kafka.consumer({ groupId: GROUP, heartbeatInterval: 500 });
      consumer.on(consumer.events.GROUP_JOIN, (event) => {
        assignments.set(name, event.payload.memberAssignment[TOPIC] ?? []);
      });
      received.set(name, []);
      await consumer.connect();
      await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ partition, message }: EachMessagePayload) => {
          received.get(name)!.push({ partition, value: String(message.value) });
        },
      });
      consumers.push(consumer);
    }
    await waitUntil('one partition for each consumer', () => assignments.get('first')?.length === 1 && assignments.get('second')?.length === 1, 30_000, () => [...assignments]);
    expect([...assignments.get('first')!, ...assignments.get('second')!].sort()).toEqual([0, 1]);

    const producer = kafka.producer();
    await producer.connect();
    const messages = Array.from({ length: 20 }, (_, i) => ({ partition: i % 2, value: `order-${i}` }));
    await producer.send({ topic: TOPIC, messages });
    await producer.disconnect();

    const all = () => [...received.values()].flat();
    await waitUntil('all 20 messages', () => all().length >= 20, 20_000, () => all().length);
    expect(all().map((m) => m.value).sort()).toEqual(messages.map((m) => m.value).sort());
    for (const [name, got] of received) {
      // Each consumer only sees its own partition.
      expect(new Set(got.map((m) => m.partition))).toEqual(new Set(assignments.get(name)));
    }

    const admin = kafka.admin();
    await admin.connect();
    const described = await admin.describeGroups([GROUP]);
    expect(described.groups[0]).toMatchObject({ groupId: GROUP, state: 'Stable', protocolType: 'consumer', protocol: 'RoundRobinAssigner' });
    expect(described.groups[0].members).toHaveLength(2);
    for (const member of described.groups[0].members) {
      expect(member.clientId).toBe('processor');
      expect(member.clientHost).toBe('/127.0.0.1');
      expect(member.memberId.startsWith('processor-')).toBe(true);
    }
    await waitUntil(
      'both partitions committed at offset 10',
      async () => (await admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] }))[0].partitions.every((p) => p.offset === '10'),
      10_000,
    );

    await Promise.all(consumers.map((c) => c.disconnect()));
    const afterLeave = await admin.describeGroups([GROUP]);
    expect(afterLeave.groups[0]).toMatchObject({ state: 'Empty', members: [] });
    await admin.disconnect();
  });
});
