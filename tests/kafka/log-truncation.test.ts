/**
 * A leader that crashes with writes its followers never got (acks=1) comes back with its logs (a log dir
 * kept across the restart) and truncates exactly that divergent tail, found through its leader epoch
 * (OffsetForLeaderEpoch), before following the new leader: every replica ends with the same log.
 */
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryBrokerStorage } from '../../src/cluster/kafka/log/memory-broker-storage.ts';
import type { FetchRequest } from '../../src/cluster/kafka/protocol/index.ts';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';

describe('divergent log truncation by leader epoch', () => {
  let cluster: KafkaTestCluster;
  let kafka: Kafka;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ storage: () => new MemoryBrokerStorage(), config: { offsetsTopicNumPartitions: 1, replicaLagTimeMaxMs: 10_000 } });
    kafka = new Kafka({ clientId: 'truncation', brokers: cluster.bootstrap, logLevel: logLevel.NOTHING, retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 500 } });
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('drops the unacknowledged tail of a returning leader', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'epochs', numPartitions: 1, replicationFactor: 3 }] });
    const producer = kafka.producer();
    await producer.connect();
    for (let i = 0; i < 5; i++) await producer.send({ topic: 'epochs', acks: -1, messages: [{ value: `committed-${i}` }] });
    const { topics } = await admin.fetchTopicMetadata({ topics: ['epochs'] });
    const oldLeader = topics[0].partitions[0].leader;
    const replicaOf = (id: number) => cluster.broker(id).services.internals.replicas.getPartition('epochs', 0)!;
    await eventually('followers caught up', () => cluster.ids.every((id) => replicaOf(id).logEndOffset === 5n));

    // Followers stop getting data from the leader; acks=1 writes land on the leader only.
    const refused = new Set<number>();
    cluster.broker(oldLeader).faults.add(1, (_ctx, request) => {
      const { replicaId } = request as FetchRequest;
      if (replicaId < 0) return undefined;
      refused.add(replicaId);
      return { action: 'error', errorCode: 6 };
    });
    // A follower has one fetch in flight: once each has been refused, none is still parked in the
    // leader's long poll (replica.fetch.wait.max.ms), where it could pick up the writes below.
    const followers = cluster.ids.filter((id) => id !== oldLeader);
    await eventually('both followers refused by the leader', () => followers.every((id) => refused.has(id)));
    for (let i = 0; i < 3; i++) await producer.send({ topic: 'epochs', acks: 1, messages: [{ value: `lost-${i}` }] });
    expect(replicaOf(oldLeader).logEndOffset).toBe(8n);

    await cluster.kill(oldLeader);
    const newLeader = await eventually('a new leader', async () => {
      const meta = await admin.fetchTopicMetadata({ topics: ['epochs'] });
      const leader = meta.topics[0].partitions[0].leader;
      return leader !== oldLeader && leader > 0 ? leader : null;
    }, 20_000);
    for (let i = 0; i < 4; i++) await producer.send({ topic: 'epochs', acks: -1, messages: [{ value: `new-${i}` }] });

    await cluster.start(oldLeader);
    await eventually('the old leader matches the new one', () => {
      const a = replicaOf(oldLeader);
      const b = replicaOf(newLeader);
      return a.logEndOffset === b.logEndOffset && a.role === 'follower';
    }, 20_000);
    const leaderBatches = replicaOf(newLeader).log.batches();
    const returnedBatches = replicaOf(oldLeader).log.batches();
    expect(returnedBatches.map((b) => [b.baseOffset, b.leaderEpoch])).toEqual(leaderBatches.map((b) => [b.baseOffset, b.leaderEpoch]));
    expect(replicaOf(oldLeader).log.epochEntries.map((e) => e.epoch)).toEqual(replicaOf(newLeader).log.epochEntries.map((e) => e.epoch));

    const consumer = kafka.consumer({ groupId: 'epochs-reader', maxWaitTimeInMs: 200 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'epochs', fromBeginning: true });
    const values: string[] = [];
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          values.push(message.value!.toString());
          if (values.length === 9) resolve();
        },
      });
    });
    await consumer.disconnect();
    expect(values).toEqual([...Array.from({ length: 5 }, (_, i) => `committed-${i}`), ...Array.from({ length: 4 }, (_, i) => `new-${i}`)]);
    await producer.disconnect();
    await admin.disconnect();
  }, 50_000);
});
