/**
 * The brokers on our embedded ensemble while ZooKeeper nodes fail: the leader node is killed (sessions
 * move to the survivors, nothing expires), a broker is stopped meanwhile (leaders still move: the
 * controller writes through the new ZooKeeper leader), and a lost quorum does not stop acks=all writes
 * (the data path needs no ZooKeeper) nor cost any broker its session.
 */
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerSessions, expectOwnRegistrations, expectSessionsKept } from '../support/broker-sessions.ts';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';

describe('brokers while ZooKeeper nodes fail', () => {
  let cluster: KafkaTestCluster;
  let kafka: Kafka;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ config: { offsetsTopicNumPartitions: 2 } });
    kafka = new Kafka({ clientId: 'zk-failure', brokers: cluster.bootstrap, logLevel: logLevel.NOTHING, retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 500 } });
  });
  afterAll(async () => {
    await cluster?.close();
  });
  /** This file runs on the embedded ensemble (the real one: real-zookeeper.test.ts). */
  const embedded = () => {
    const ensemble = cluster.embeddedZooKeeper;
    if (!ensemble) throw new Error('expected the embedded ZooKeeper ensemble');
    return ensemble;
  };

  it('keeps sessions when the ZooKeeper leader dies, and still fails over a stopped broker', async () => {
    const ensemble = embedded();
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'zk-down', numPartitions: 2, replicationFactor: 3 }] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'zk-down', acks: -1, messages: [{ value: 'before' }] });
    const zk = await cluster.zookeeperClient();
    const before = await brokerSessions(cluster, zk);
    expectOwnRegistrations(before);

    const leader = ensemble.leaderId()!;
    await ensemble.killNode(leader);
    await ensemble.waitForQuorum(15_000);
    await producer.send({ topic: 'zk-down', acks: -1, messages: [{ value: 'zk leader down' }] });
    // Not just registered again: the same sessions, still owning their registrations.
    await expectSessionsKept(cluster, zk, before);
    expect((await zk.getChildren('/brokers/ids')).sort()).toEqual(['1', '2', '3']);

    await cluster.stop(2);
    await eventually('no partition led by broker 2', async () => {
      const { topics } = await admin.fetchTopicMetadata({ topics: ['zk-down'] });
      return topics[0].partitions.every((p) => p.leader !== 2 && p.leader > 0 && !p.isr.includes(2));
    });
    await producer.send({ topic: 'zk-down', acks: -1, messages: [{ value: 'broker 2 down' }] });
    await ensemble.startNode(leader);
    await cluster.start(2);
    await eventually('ISR back to 3', async () => (await admin.fetchTopicMetadata({ topics: ['zk-down'] })).topics[0].partitions.every((p) => p.isr.length === 3), 20_000);
    const offsets = await admin.fetchTopicOffsets('zk-down');
    expect(offsets.reduce((n, p) => n + Number(p.high), 0)).toBe(3);
    await producer.disconnect();
    await admin.disconnect();
  }, 50_000);

  it('keeps serving produce and fetch while ZooKeeper has no quorum, and every broker keeps its session', async () => {
    const ensemble = embedded();
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'no-quorum', numPartitions: 1, replicationFactor: 3 }] });
    const producer = kafka.producer();
    await producer.connect();
    // The consumer joins its group while ZooKeeper is up; fetching itself needs no ZooKeeper.
    const consumed: string[] = [];
    const consumer = kafka.consumer({ groupId: 'no-quorum-readers' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'no-quorum', fromBeginning: true });
    let joined = false;
    consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
    await consumer.run({ eachMessage: async ({ message }) => void consumed.push(String(message.value)) });
    await eventually('the consumer in its group', () => joined, 20_000);
    const zk = await cluster.zookeeperClient();
    const before = await brokerSessions(cluster, zk);
    expectOwnRegistrations(before);

    const followers = ensemble.status().filter((s) => s.running && s.mode !== 'leader').map((s) => s.id);
    for (const id of followers) await ensemble.killNode(id);
    const noQuorum = () => ensemble.status().every((s) => !s.serving);
    await eventually('no ZooKeeper member serving', noQuorum);
    // Data path needs no ZooKeeper: leaders keep appending, replicating and serving fetches.
    for (let i = 0; i < 5; i++) await producer.send({ topic: 'no-quorum', acks: -1, messages: [{ value: `q${i}` }] });
    await eventually('the consumer to fetch q0..q4', () => consumed.length >= 5, 20_000);
    expect(consumed).toEqual(['q0', 'q1', 'q2', 'q3', 'q4']);
    expect(noQuorum(), 'still no ZooKeeper quorum while producing and fetching').toBe(true);

    for (const id of followers) await ensemble.startNode(id);
    await ensemble.waitForQuorum(15_000);
    await producer.send({ topic: 'no-quorum', acks: -1, messages: [{ value: 'quorum back' }] });
    const [offsets] = await admin.fetchTopicOffsets('no-quorum');
    expect(offsets.high).toBe('6');
    await expectSessionsKept(cluster, zk, before);
    await consumer.disconnect();
    await producer.disconnect();
    await admin.disconnect();
  }, 60_000);
});
