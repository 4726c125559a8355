/**
 * A broker cut off from ZooKeeper for longer than its session timeout loses its session: the controller
 * moves its leaderships; once it can reach ZooKeeper again it re-registers with a new session (keeping its
 * logs), catches up and returns to the ISR, as a Kafka broker does.
 */
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerSessions, expectOwnRegistrations } from '../support/broker-sessions.ts';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';

describe('ZooKeeper session expiry', () => {
  let cluster: KafkaTestCluster;
  let kafka: Kafka;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ config: { offsetsTopicNumPartitions: 1, zookeeperSessionTimeoutMs: 4000 } });
    kafka = new Kafka({ clientId: 'expiry', brokers: cluster.bootstrap, logLevel: logLevel.NOTHING, retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 500 } });
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('re-registers after its session expired and rejoins the ISR', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'expiry', numPartitions: 1, replicationFactor: 3 }] });
    const { topics } = await admin.fetchTopicMetadata({ topics: ['expiry'] });
    const isolated = topics[0].partitions[0].leader;
    await admin.disconnect();
    const zk = await cluster.zookeeperClient();
    const before = await brokerSessions(cluster, zk, [isolated]);
    expectOwnRegistrations(before);
    const heal = cluster.broker(isolated).isolateFromZooKeeper();
    // The isolated broker still answers clients with what it last knew (a zombie, as in Kafka's ZooKeeper
    // mode): talk to the other two meanwhile.
    const others = new Kafka({
      clientId: 'expiry-others',
      brokers: cluster.ids.filter((id) => id !== isolated).map((id) => `127.0.0.1:${cluster.broker(id).port}`),
      logLevel: logLevel.NOTHING,
      retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 500 },
    });
    const othersAdmin = others.admin();
    await othersAdmin.connect();
    await eventually('its registration to vanish', async () => !(await zk.getChildren('/brokers/ids')).includes(String(isolated)), 20_000);
    const moved = await eventually('a new leader', async () => {
      const meta = await othersAdmin.fetchTopicMetadata({ topics: ['expiry'] });
      const p = meta.topics[0].partitions[0];
      return p.leader !== isolated && p.leader > 0 ? p : null;
    }, 20_000);
    expect(moved.isr).not.toContain(isolated);
    const producer = others.producer();
    await producer.connect();
    await producer.send({ topic: 'expiry', acks: -1, messages: [{ value: 'while isolated' }] });
    heal();
    await eventually('re-registered', async () => (await zk.getChildren('/brokers/ids')).includes(String(isolated)), 20_000);
    // Registered again under a new session, which owns the new registration.
    const after = await brokerSessions(cluster, zk, [isolated]);
    expectOwnRegistrations(after);
    expect(after[isolated].session).not.toBe(before[isolated].session);
    await eventually('back in the ISR', async () => (await othersAdmin.fetchTopicMetadata({ topics: ['expiry'] })).topics[0].partitions[0].isr.length === 3, 20_000);
    expect(cluster.broker(isolated).status().running).toBe(true);
    await producer.send({ topic: 'expiry', acks: -1, messages: [{ value: 'after' }] });
    await producer.disconnect();
    const [offsets] = await othersAdmin.fetchTopicOffsets('expiry');
    expect(offsets.high).toBe('2');
    await othersAdmin.disconnect();
  }, 50_000);
});
