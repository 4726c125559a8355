/**
 * @platformatic/kafka's idempotent producer (`idempotent: true`) against the teaching cluster: it takes a
 * producer id with InitProducerId and writes sequenced batches; when a leader loses an acknowledgement
 * (appends, then drops the connection) the client retries the batch with the same sequence, and the
 * broker stores it once.
 */
import { Producer, stringSerializers } from '@platformatic/kafka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';
import { kafkaClient } from '../support/kafka-clients.ts';
import { readTopicValues } from '../support/read-topic.ts';

const TOPIC = 'idem-platformatic';
const ROUNDS = 20;
const PER_ROUND = 30;

describe('@platformatic/kafka idempotent producer', () => {
  let cluster: KafkaTestCluster;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ config: { minInsyncReplicas: 2, offsetsTopicNumPartitions: 3 } });
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('writes every message exactly once when an acknowledgement is lost', async () => {
    const admin = kafkaClient(cluster, 'setup').admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 3, replicationFactor: 3 }], waitForLeaders: true });
    const { topics } = await admin.fetchTopicMetadata({ topics: [TOPIC] });
    await admin.disconnect();
    const leader = topics[0].partitions[0].leader;
    let lostAcks = 0;
    cluster.broker(leader).faults.add(0, () => (lostAcks++, { action: 'close-after-handling' }), { times: 1 });

    const producer = new Producer({ clientId: 'idem-platformatic', bootstrapBrokers: cluster.bootstrap, serializers: stringSerializers, idempotent: true });
    const values: string[] = [];
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const messages = Array.from({ length: PER_ROUND }, (_, i) => ({ topic: TOPIC, key: `key-${i}`, value: `p-${round * PER_ROUND + i}` }));
        await producer.send({ messages });
        values.push(...messages.map((m) => m.value));
      }
    } finally {
      await producer.close();
    }
    expect(lostAcks).toBe(1);
    for (const partition of cluster.broker(leader).services.internals.replicas.partitions()) {
      if (partition.topic === TOPIC && partition.role === 'leader') expect(partition.producers.size).toBe(1);
    }
    const read = await readTopicValues(cluster, TOPIC);
    expect(read.length).toBe(values.length);
    expect([...read].sort()).toEqual([...values].sort());
  }, 40_000);
});
