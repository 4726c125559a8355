/**
 * @platformatic/kafka's idempotent producer (`idempotent: true`: InitProducerId, then producer id, epoch and
 * per-partition sequences in every batch) against the three-broker cluster: its batches carry the id and
 * consecutive sequences, and through a leader kill every acknowledged message is stored exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startKafkaTestCluster, type KafkaTestCluster } from '../support/kafka-cluster.ts';
import { kafkaClient } from '../support/kafka-clients.ts';
import { PlatformaticClients } from '../support/platformatic-clients.ts';

let cluster: KafkaTestCluster;
let clients: PlatformaticClients;

beforeAll(async () => {
  cluster = await startKafkaTestCluster({ config: { minInsyncReplicas: 2, defaultReplicationFactor: 3, offsetsTopicNumPartitions: 3, replicaLagTimeMaxMs: 1500 } });
  clients = new PlatformaticClients(cluster);
});

afterAll(async () => {
  await clients?.close();
  await cluster?.close();
});

/** Every value of `topic` read by kafkajs from the beginning, once `expected` values are there. */
async function readAll(topic: string, expected: number): Promise<string[]> {
  const read: string[] = [];
  const consumer = kafkaClient(cluster, `${topic}-audit`, { retries: 20, initialRetryTime: 100, maxRetryTime: 500 }).consumer({ groupId: `${topic}-audit`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void read.push(message.value!.toString()) });
    await eventually(`${expected} records of ${topic}`, () => read.length >= expected, 30_000);
  } finally {
    await consumer.disconnect();
  }
  return read;
}

describe('@platformatic/kafka idempotent producer', () => {
  it('gets a producer id and writes each acknowledged message exactly once through a leader kill', async () => {
    await clients.admin().createTopics({ topics: ['plt-idem'], partitions: 1, replicas: 3 });
    const producer = clients.producer({ idempotent: true, acks: -1, retries: 60, retryDelay: 200, timeout: 3000 });
    const acked: string[] = [];
    let victim = -1;
    for (let i = 0; i < 150; i++) {
      const value = `m-${i}`;
      await producer.send({ messages: [{ topic: 'plt-idem', partition: 0, value }] });
      acked.push(value);
      if (i === 50) {
        victim = (await clients.admin().metadata({ topics: ['plt-idem'], forceUpdate: true })).topics.get('plt-idem')!.partitions[0].leader;
        await cluster.kill(victim);
      }
      if (i === 100) await cluster.start(victim);
    }
    expect(producer.producerId).toBeGreaterThanOrEqual(0n);
    const read = await readAll('plt-idem', acked.length);
    // No duplicates at all: a retried batch is recognised by its producer id and sequence.
    expect(read).toEqual(acked);
  }, 60_000);
});
