/**
 * A crashed coordinator (no controlled shutdown): its ZooKeeper session expires, the controller elects new
 * leaders for its `__consumer_offsets` partitions, and the new leader replays them. A consumer that comes
 * back to the group afterwards starts at the committed offsets.
 */
import type { EachMessagePayload } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coordinatorId, startKafkaTestCluster, type KafkaTestCluster } from '../support/kafka-cluster.ts';
import { createTopic, kafkaClient, waitUntil } from '../support/kafka-clients.ts';

const TOPIC = 'shipments';
const GROUP = 'shipment-trackers';

describe('group coordinator crash', () => {
  let cluster: KafkaTestCluster;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster();
    await createTopic(cluster, TOPIC, 2, 3);
  });

  afterAll(async () => {
    await cluster?.close();
  });

  it('serves the committed offsets from a new coordinator after the old one is killed', async () => {
    const kafka = kafkaClient(cluster, 'tracker');
    const producer = kafka.producer();
    await producer.connect();
    const send = (from: number, count: number) =>
      producer.send({ topic: TOPIC, messages: Array.from({ length: count }, (_, i) => ({ partition: (from + i) % 2, value: `shipment-${from + i}` })) });
    await send(0, 6);

    const first: string[] = [];
    const consumer = kafka.consumer({ groupId: GROUP, sessionTimeout: 6000, heartbeatInterval: 500 });
    await consumer.connect();
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }: EachMessagePayload) => void first.push(String(message.value)) });
    await waitUntil('6 shipments', () => first.length >= 6, 20_000, () => first);
    await consumer.disconnect(); // commits and leaves

    const before = coordinatorId(cluster, GROUP)!;
    expect(before).toBeDefined();
    await cluster.kill(before);
    await waitUntil('a new coordinator after the session expiry', () => coordinatorId(cluster, GROUP) !== undefined, 30_000);
    expect(coordinatorId(cluster, GROUP)).not.toBe(before);

    await send(6, 2);
    const second: string[] = [];
    const resumed = kafkaClient(cluster, 'tracker-2').consumer({ groupId: GROUP, sessionTimeout: 6000, heartbeatInterval: 500 });
    await resumed.connect();
    await resumed.subscribe({ topic: TOPIC, fromBeginning: true });
    await resumed.run({ eachMessage: async ({ message }: EachMessagePayload) => void second.push(String(message.value)) });
    // A partition is read in offset order: anything re-read from before the committed offsets would
    // arrive before these new shipments, so once both are in, the exact list below is final.
    const fresh = ['shipment-6', 'shipment-7'];
    await waitUntil('the 2 new shipments', () => fresh.every((v) => second.includes(v)), 30_000, () => second);
    expect([...second].sort()).toEqual(fresh);

    await resumed.disconnect();
    await producer.disconnect();
  }, 55_000);
});
