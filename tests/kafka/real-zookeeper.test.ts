/**
 * Our brokers on a real Apache ZooKeeper 3.8 ensemble (Debian's): they register, elect a controller and
 * write the znodes exactly as Kafka 3.4 does; a ZooKeeper node dying does not disturb them (sessions move
 * to another server); a stopped broker's leaderships move.
 */
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ZooKeeperClient } from '../../src/cluster/zookeeper/client/index.ts';
import { describeKafkaCluster } from '../../src/cluster/kafka/kafka-cluster-view.ts';
import { describeWithPeer } from '../support/peers.ts';
import { brokerSessions, expectOwnRegistrations, expectSessionsKept } from '../support/broker-sessions.ts';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';

const json = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;

describeWithPeer('zookeeper', 'brokers on a real ZooKeeper 3.8 ensemble', () => {
  let cluster: KafkaTestCluster;
  let zk: ZooKeeperClient;
  let kafka: Kafka;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ zookeeper: 'real', ids: [101, 102, 103], config: { offsetsTopicNumPartitions: 3 } });
    zk = await cluster.zookeeperClient();
    kafka = new Kafka({ clientId: 'real-zk', brokers: cluster.bootstrap, logLevel: logLevel.NOTHING });
  }, 60_000);
  afterAll(async () => {
    await cluster?.close();
  });

  it('writes the znodes Kafka writes', async () => {
    const top = (await zk.getChildren('/')).sort();
    for (const path of ['admin', 'brokers', 'cluster', 'config', 'consumers', 'controller', 'controller_epoch', 'isr_change_notification', 'latest_producer_id_block', 'log_dir_event_notification']) {
      expect(top).toContain(path);
    }
    expect((await zk.getChildren('/brokers/ids')).sort()).toEqual(['101', '102', '103']);
    const { data, stat } = await zk.getData('/brokers/ids/101');
    const registration = json(data);
    expect(registration).toMatchObject({ version: 5, host: '127.0.0.1', port: cluster.broker(101).port, jmx_port: -1, features: {} });
    expect(registration.endpoints).toEqual([`PLAINTEXT://127.0.0.1:${cluster.broker(101).port}`]);
    expect(typeof registration.timestamp).toBe('string');
    expect(stat.ephemeralOwner).not.toBe(0n);
    expect(stat.version).toBe(1);
    const controller = json((await zk.getData('/controller')).data);
    expect([101, 102, 103]).toContain(controller.brokerid);
    expect(Number(new TextDecoder().decode((await zk.getData('/controller_epoch')).data))).toBeGreaterThanOrEqual(1);
    expect(json((await zk.getData('/cluster/id')).data)).toMatchObject({ version: '1' });
    expect((await zk.getChildren('/config')).sort()).toEqual(['brokers', 'changes', 'clients', 'ips', 'topics', 'users']);

    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'layout', numPartitions: 3, replicationFactor: 2 }] });
    const topic = json((await zk.getData('/brokers/topics/layout')).data);
    expect(topic.version).toBe(3);
    expect(Object.keys(topic.partitions as object).sort()).toEqual(['0', '1', '2']);
    expect(topic.topic_id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(topic).toMatchObject({ adding_replicas: {}, removing_replicas: {} });
    const state = json((await zk.getData('/brokers/topics/layout/partitions/0/state')).data);
    expect(state).toMatchObject({ version: 1, leader_epoch: 0 });
    expect(json((await zk.getData('/config/topics/layout')).data)).toEqual({ version: 1, config: {} });
    await admin.deleteTopics({ topics: ['layout'] });
    expect(await zk.exists('/brokers/topics/layout')).toBeNull();
    expect(await zk.exists('/admin/delete_topics/layout')).toBeNull();
    await admin.disconnect();
  });

  it('keeps working when a ZooKeeper server dies, and moves leaders off a stopped broker', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'moves', numPartitions: 3, replicationFactor: 3 }] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'moves', acks: -1, messages: [{ value: 'before' }] });
    const before = await brokerSessions(cluster, zk);
    expectOwnRegistrations(before);

    // The ZooKeeper leader dies: sessions move to the other servers (within the session timeout).
    const real = cluster.realZooKeeper!;
    await real.kill(await real.leader());
    await producer.send({ topic: 'moves', acks: -1, messages: [{ value: 'zk-node-down' }] });
    await eventually('a new ZooKeeper quorum', async () => (await real.leader(1000)) > 0);
    // Not just registered again: the same sessions, still owning their registrations.
    await expectSessionsKept(cluster, zk, before);
    expect((await zk.getChildren('/brokers/ids')).sort()).toEqual(['101', '102', '103']);

    const view = await describeKafkaCluster(zk);
    expect(view.brokers.map((b) => b.id)).toEqual([101, 102, 103]);
    const moves = view.topics.find((t) => t.name === 'moves')!;
    expect(moves.partitions.map((p) => p.isr.length)).toEqual([3, 3, 3]);

    await cluster.stop(102);
    const after = await eventually('no partition led by 102', async () => {
      const v = await describeKafkaCluster(zk);
      const t = v.topics.find((x) => x.name === 'moves')!;
      return t.partitions.every((p) => p.leader !== 102 && p.leader > 0 && !p.isr.includes(102)) && !v.brokers.some((b) => b.id === 102) ? v : null;
    });
    expect(after.controllerId).not.toBe(102);
    await producer.send({ topic: 'moves', acks: -1, messages: [{ value: 'after' }] });
    await producer.disconnect();
    await admin.disconnect();
  });
});
