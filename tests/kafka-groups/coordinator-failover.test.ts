/**
 * `__consumer_offsets` is replicated on all three brokers, so a group outlives its coordinator: stop the
 * coordinator's broker (controlled shutdown) and the offsets partition's new leader replays the log and
 * takes the group over. The running consumer re-discovers the coordinator and goes on; a new consumer in
 * the group starts from the committed offsets instead of re-reading the topic.
 */
import type { EachMessagePayload } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coordinatorId, startKafkaTestCluster, type KafkaTestCluster } from '../support/kafka-cluster.ts';
import { createTopic, kafkaClient, waitUntil } from '../support/kafka-clients.ts';

const TOPIC = 'payments';
const GROUP = 'payment-auditors';

describe('group coordinator failover', () => {
  let cluster: KafkaTestCluster;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster();
    await createTopic(cluster, TOPIC, 2, 3);
  });

  afterAll(async () => {
    await cluster?.close();
  });

  it('keeps the group and its committed offsets when the coordinator’s broker stops', async () => {
    // kafkajs keeps heartbeating to the coordinator it knows (unless a heartbeat gets NOT_COORDINATOR before the
    // broker closes its sockets); once that broker is gone it retries, restarts the consumer and looks the
    // coordinator up again. Short retries and fetch waits keep that within seconds.
    const kafka = kafkaClient(cluster, 'auditor', { retries: 2, initialRetryTime: 100, maxRetryTime: 500 });
    const producer = kafka.producer();
    await producer.connect();
    const send = (from: number, count: number) =>
      producer.send({ topic: TOPIC, messages: Array.from({ length: count }, (_, i) => ({ partition: (from + i) % 2, value: `payment-${from + i}` })) });

    const first: string[] = [];
    // A restarted kafkajs consumer joins with a new member id, so the rebalance at the new coordinator waits
    // for the old member's session to expire (as with Kafka): keep it at the broker's minimum.
    const consumer = kafka.consumer({ groupId: GROUP, sessionTimeout: 6000, heartbeatInterval: 500, maxWaitTimeInMs: 500 });
    await consumer.connect();
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }: EachMessagePayload) => void first.push(String(message.value)) });
    await send(0, 10);
    await waitUntil('the first 10 payments', () => first.length >= 10, 20_000, () => first.length);

    const admin = kafka.admin();
    await admin.connect();
    const committed = async () => (await admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] }))[0].partitions.map((p) => Number(p.offset)).reduce((a, b) => a + b, 0);
    await waitUntil('10 offsets committed', async () => (await committed()) === 10, 10_000);

    const before = coordinatorId(cluster, GROUP);
    expect(before).toBeDefined();
    await admin.disconnect();
    await cluster.stop(before!);

    await waitUntil('another broker coordinating the group', () => coordinatorId(cluster, GROUP) !== undefined, 20_000);
    const after = coordinatorId(cluster, GROUP)!;
    expect(after).not.toBe(before);

    // The running consumer finds the new coordinator and keeps consuming and committing.
    await send(10, 10);
    await waitUntil('20 payments seen by the running consumer', () => new Set(first).size >= 20, 30_000, () => first.length);
    const admin2 = kafkaClient(cluster, 'auditor-admin').admin();
    await admin2.connect();
    const committed2 = async () => (await admin2.fetchOffsets({ groupId: GROUP, topics: [TOPIC] }))[0].partitions.map((p) => Number(p.offset)).reduce((a, b) => a + b, 0);
    await waitUntil('20 offsets committed at the new coordinator', async () => (await committed2()) === 20, 30_000);
    await consumer.disconnect();

    // A new member of the group resumes where the group left off: only the new payments, nothing re-read.
    const second: string[] = [];
    const resumed = kafkaClient(cluster, 'auditor-2').consumer({ groupId: GROUP, sessionTimeout: 6000, heartbeatInterval: 500 });
    await resumed.connect();
    await resumed.subscribe({ topic: TOPIC, fromBeginning: true });
    await resumed.run({ eachMessage: async ({ message }: EachMessagePayload) => void second.push(String(message.value)) });
    await send(20, 4);
    // A partition is read in offset order: anything re-read from before the committed offsets would
    // arrive before these new payments, so once they are all in, the exact list below is final.
    const fresh = ['payment-20', 'payment-21', 'payment-22', 'payment-23'];
    await waitUntil('the 4 new payments', () => fresh.every((v) => second.includes(v)), 20_000, () => second);
    expect([...second].sort()).toEqual(fresh);
    const described = await admin2.describeGroups([GROUP]);
    expect(described.groups[0]).toMatchObject({ state: 'Stable', members: [expect.objectContaining({ clientId: 'auditor-2' })] });

    await resumed.disconnect();
    await producer.disconnect();
    await admin2.disconnect();
  }, 55_000);
});
