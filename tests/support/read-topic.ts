/**
 * Reads every record of a topic with a kafkajs consumer, up to the high watermarks seen when it starts
 * (call it once nothing is being produced): the result is complete, duplicates included, so a test can
 * check "each acknowledged message exactly once".
 */
import type { KafkaTestCluster } from './kafka-cluster.ts';
import { kafkaClient, waitUntil } from './kafka-clients.ts';

export async function readTopicValues(cluster: KafkaTestCluster, topic: string, timeoutMs = 30_000): Promise<string[]> {
  const kafka = kafkaClient(cluster, `read-${topic}`);
  const admin = kafka.admin();
  await admin.connect();
  let offsets;
  try {
    offsets = await admin.fetchTopicOffsets(topic);
  } finally {
    await admin.disconnect();
  }
  /** Last offset still to read, per partition with records. */
  const remaining = new Map(offsets.filter((o) => BigInt(o.high) > BigInt(o.low)).map((o) => [o.partition, BigInt(o.high) - 1n]));
  const values: string[] = [];
  const consumer = kafka.consumer({ groupId: `read-${topic}-${Date.now()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const last = remaining.get(partition);
        if (last === undefined || BigInt(message.offset) > last) return;
        values.push(message.value?.toString() ?? '');
        if (BigInt(message.offset) === last) remaining.delete(partition);
      },
    });
    await waitUntil(`every partition of ${topic} read to its high watermark`, () => remaining.size === 0, timeoutMs, () => ({ read: values.length, remaining: [...remaining].map(([p, o]) => `${p}:${o}`) }));
  } finally {
    await consumer.disconnect();
  }
  return values;
}
