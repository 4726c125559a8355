/**
 * kafkajs's idempotent producer (`idempotent: true, maxInFlightRequests: 1`) against the teaching cluster:
 * thousands of acks=all messages (RF 3, min.insync.replicas 2) while the leader of one partition is killed
 * and another leader loses an acknowledgement (appends, then drops the connection, so kafkajs retries the
 * batch); afterwards every acknowledged message is in the topic exactly once. A transactional producer
 * (`transactionalId`) fails at once (FindCoordinator answers TRANSACTIONAL_ID_AUTHORIZATION_FAILED), and
 * the broker logs why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/cluster/logger.ts';
import type { LogLine } from '../../src/cluster/logger.ts';
import { startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';
import { createOffsetsTopic, kafkaClient } from '../support/kafka-clients.ts';
import { readTopicValues } from '../support/read-topic.ts';

const ROUNDS = 60;
const PER_ROUND = 50;
/** The next round goes to partition 0, the victim's. */
const KILL_AFTER_ROUND = 20;

describe('kafkajs idempotent producer', () => {
  let cluster: KafkaTestCluster;
  const lines: LogLine[] = [];

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({
      config: { minInsyncReplicas: 2, offsetsTopicNumPartitions: 3, replicaLagTimeMaxMs: 1500 },
      logger: createLogger((line) => lines.push(line), 'warn'),
    });
    // The read-back is a consumer group, after a leader kill: the offsets topic (RF 3) must exist before it.
    await createOffsetsTopic(cluster);
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('fails a transactional producer at once, and the broker logs why', async () => {
    const producer = kafkaClient(cluster, 'tx').producer({ transactionalId: 'orders-tx', maxInFlightRequests: 1, idempotent: true });
    await producer.connect();
    const failure = await producer.transaction().then(
      () => null,
      (error: unknown) => error as Error,
    );
    await producer.disconnect();
    // kafkajs asks each broker once for the transaction coordinator; TRANSACTIONAL_ID_AUTHORIZATION_FAILED
    // is not retriable, so it gives up at once (its broker pool reports any refusal this way).
    expect(failure?.name).toBe('KafkaJSGroupCoordinatorNotFound');
    const logged = lines.filter((line) => line.message.startsWith('transactions are not supported by the teaching cluster'));
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.length).toBeLessThanOrEqual(cluster.ids.length);
    expect(logged[0].message).toContain('TRANSACTIONAL_ID_AUTHORIZATION_FAILED');
    expect(logged[0].fields).toMatchObject({ api: 'FindCoordinator', transactionalId: 'orders-tx' });
  });

  it('writes every acknowledged message exactly once through a leader kill', async () => {
    const topic = 'idem-kafkajs';
    const kafka = kafkaClient(cluster, 'idem', { retries: 50, initialRetryTime: 100, maxRetryTime: 500 });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 3 }], waitForLeaders: true });
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    await admin.disconnect();
    const victim = topics[0].partitions.find((p) => p.partitionId === 0)!.leader;
    // Another leader loses one acknowledgement: it appends a batch, then closes the connection instead of
    // answering. kafkajs retries the batch with the same sequence; the broker must not store it twice.
    const other = topics[0].partitions.find((p) => p.leader !== victim)!;
    let lostAcks = 0;
    cluster.broker(other.leader).faults.add(0, () => (lostAcks++, { action: 'close-after-handling' }), { times: 1 });

    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const acked: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // One partition per send: kafkajs 2.2.4 drops a partition whose leader moved, within one send, to a
      // broker that already answered that send for other partitions (sendMessages' responsePerBroker).
      const messages = Array.from({ length: PER_ROUND }, (_, i) => ({ partition: round % 3, value: `m-${round * PER_ROUND + i}` }));
      await producer.send({ topic, acks: -1, timeout: 5000, messages });
      acked.push(...messages.map((m) => m.value));
      if (round === KILL_AFTER_ROUND) await cluster.kill(victim);
    }
    await producer.disconnect();

    expect(lostAcks).toBe(1);
    const read = await readTopicValues(cluster, topic);
    const missing = acked.filter((v) => !read.includes(v));
    expect(read.length).toBe(acked.length);
    expect([...read].sort()).toEqual([...acked].sort());
  }, 50_000);
});
