/**
 * No acknowledged write is lost: with RF 3 and min.insync.replicas 2, a producer writes with acks=all
 * while the leader of one partition is killed (its session expires, a new leader is elected from the ISR)
 * and then restarted (it truncates what it has beyond the new leader's log, catches up, rejoins the ISR).
 * Every acknowledged message is read back, in acknowledgement order per partition; duplicates only come
 * from sends the client had to retry around the failover.
 */
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';

const PER_PARTITION = 150;

describe('no acknowledged loss across a crash and restart', () => {
  let cluster: KafkaTestCluster;
  let kafka: Kafka;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ config: { minInsyncReplicas: 2, offsetsTopicNumPartitions: 3, replicaLagTimeMaxMs: 1500 } });
    kafka = new Kafka({
      clientId: 'no-loss',
      brokers: cluster.bootstrap,
      logLevel: logLevel.NOTHING,
      retry: { retries: 40, initialRetryTime: 100, maxRetryTime: 500 },
    });
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('reads back every acks=all message', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'ledger', numPartitions: 2, replicationFactor: 3 }] });
    const { topics } = await admin.fetchTopicMetadata({ topics: ['ledger'] });
    const victim = topics[0].partitions.find((p) => p.partitionId === 0)!.leader;

    const producer = kafka.producer({ retry: { retries: 40, initialRetryTime: 100, maxRetryTime: 500 } });
    await producer.connect();
    const acked: string[][] = [[], []];
    const retried = new Set<string>();
    let killed = false;
    let restarted = false;
    const lane = async (partition: number) => {
      for (let i = 0; i < PER_PARTITION; i++) {
        const value = `p${partition}-${i}`;
        const started = Date.now();
        await producer.send({ topic: 'ledger', acks: -1, timeout: 3000, messages: [{ partition, value }] });
        if (Date.now() - started > 250) retried.add(value);
        acked[partition].push(value);
        if (partition === 0 && i === 40 && !killed) {
          killed = true;
          await cluster.kill(victim);
        }
        if (partition === 0 && i === 90 && !restarted) {
          restarted = true;
          await cluster.start(victim);
        }
      }
    };
    await Promise.all([lane(0), lane(1)]);
    await producer.disconnect();
    expect(killed && restarted).toBe(true);

    await eventually('ISR back to 3', async () => {
      const meta = await admin.fetchTopicMetadata({ topics: ['ledger'] });
      return meta.topics[0].partitions.every((p) => p.isr.length === 3);
    }, 20_000);
    await admin.disconnect();

    const consumer = kafka.consumer({ groupId: 'ledger-audit', maxWaitTimeInMs: 200 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'ledger', fromBeginning: true });
    const read: string[][] = [[], []];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${read[0].length}+${read[1].length}`)), 20_000);
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          read[partition].push(message.value!.toString());
          const done = acked.every((values, p) => values.every((v) => read[p].includes(v)));
          if (done) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    await consumer.disconnect();

    for (const p of [0, 1]) {
      // Acknowledged order is kept (first occurrences), nothing acknowledged is missing.
      const firsts = read[p].filter((v, i) => read[p].indexOf(v) === i);
      const ackedInRead = firsts.filter((v) => acked[p].includes(v));
      expect(ackedInRead).toEqual(acked[p]);
      const duplicates = read[p].filter((v, i) => read[p].indexOf(v) !== i);
      for (const duplicate of duplicates) expect(retried.has(duplicate), `duplicate ${duplicate} was not retried`).toBe(true);
    }
  }, 60_000);
});
