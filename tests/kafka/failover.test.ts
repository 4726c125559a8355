/**
 * The course's first lab, as a test: a topic with 2 partitions and RF 3 survives a stopped broker
 * (controlled shutdown: leaders move at once), keeps every acknowledged message, keeps accepting acks=all
 * writes, and takes the broker back into the ISR once it has caught up. Then the same with a crash (kill):
 * leadership moves when its ZooKeeper session expires.
 */
import { Kafka, logLevel } from 'kafkajs';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';
import { createOffsetsTopic } from '../support/kafka-clients.ts';

async function readAll(kafka: Kafka, topic: string, expected: number, groupId: string): Promise<string[]> {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const received: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`received ${received.length} of ${expected}`)), 20_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          received.push(message.value!.toString());
          if (received.length >= expected) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return received;
}

async function partitions(admin: Admin, topic: string) {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  return topics[0].partitions.sort((a, b) => a.partitionId - b.partitionId);
}

describe('failover with kafkajs', () => {
  let cluster: KafkaTestCluster;
  let kafka: Kafka;
  let admin: Admin;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ config: { offsetsTopicNumPartitions: 3, replicaLagTimeMaxMs: 2000, leaderImbalanceCheckIntervalSeconds: 1 } });
    kafka = new Kafka({ clientId: 'failover', brokers: cluster.bootstrap, logLevel: logLevel.NOTHING, retry: { retries: 10, initialRetryTime: 100 } });
    admin = kafka.admin();
    await admin.connect();
    // The tests read through consumer groups while a broker is down: the offsets topic (RF 3) must exist first.
    await createOffsetsTopic(cluster);
  });
  afterAll(async () => {
    await admin?.disconnect();
    await cluster?.close();
  });

  it('stop broker 2: leaders move, nothing acknowledged is lost, acks=all still works, ISR recovers', async () => {
    await admin.createTopics({ topics: [{ topic: 'test', numPartitions: 2, replicationFactor: 3 }] });
    const before = await partitions(admin, 'test');
    expect(before.every((p) => new Set(p.replicas).size === 3)).toBe(true);
    expect(new Set(before.map((p) => p.leader)).size).toBe(2);

    const producer = kafka.producer();
    await producer.connect();
    const sent: string[] = [];
    for (let i = 0; i < 50; i++) {
      sent.push(`m${i}`);
      await producer.send({ topic: 'test', acks: -1, messages: [{ key: String(i % 7), value: `m${i}` }] });
    }

    const stoppedAt = Date.now();
    await cluster.stop(2);
    const stopDuration = Date.now() - stoppedAt;
    const after = await eventually('leaders without broker 2', async () => {
      const ps = await partitions(admin, 'test');
      return ps.every((p) => p.leader !== 2 && p.leader > 0 && !p.isr.includes(2)) ? ps : null;
    });
    expect(after.map((p) => p.isr.length)).toEqual([2, 2]);
    expect(stopDuration).toBeLessThan(5000);

    for (let i = 50; i < 60; i++) {
      sent.push(`m${i}`);
      await producer.send({ topic: 'test', acks: -1, messages: [{ key: String(i % 7), value: `m${i}` }] });
    }
    const received = await readAll(kafka, 'test', sent.length, 'failover-reader-1');
    expect([...received].sort()).toEqual([...sent].sort());

    await cluster.start(2);
    await eventually('ISR back to 3', async () => {
      const ps = await partitions(admin, 'test');
      return ps.every((p) => p.isr.length === 3);
    });
    // auto.leader.rebalance.enable: leaders go back to their preferred (first) replica.
    await eventually('preferred leaders back', async () => {
      const ps = await partitions(admin, 'test');
      return ps.every((p) => p.leader === p.replicas[0]);
    });
    await producer.send({ topic: 'test', acks: -1, messages: [{ value: 'after rebalance' }] });
    await producer.disconnect();
  });

  it('kill the leader of partition 0: a new leader after the session expires, no acknowledged loss', async () => {
    await admin.createTopics({ topics: [{ topic: 'crash', numPartitions: 1, replicationFactor: 3 }] });
    const producer = kafka.producer();
    await producer.connect();
    const sent: string[] = [];
    for (let i = 0; i < 20; i++) {
      sent.push(`c${i}`);
      await producer.send({ topic: 'crash', acks: -1, messages: [{ value: `c${i}` }] });
    }
    const [p0] = await partitions(admin, 'crash');
    const victim = p0.leader;
    const killedAt = Date.now();
    await cluster.kill(victim);
    const moved = await eventually('a new leader', async () => {
      const [p] = await partitions(admin, 'crash');
      return p.leader !== victim && p.leader > 0 ? p : null;
    }, 20_000);
    const failover = Date.now() - killedAt;
    expect(moved.isr).not.toContain(victim);
    expect(failover).toBeGreaterThan(2000);
    for (let i = 20; i < 25; i++) {
      sent.push(`c${i}`);
      await producer.send({ topic: 'crash', acks: -1, messages: [{ value: `c${i}` }] });
    }
    await producer.disconnect();
    const received = await readAll(kafka, 'crash', sent.length, 'failover-reader-2');
    expect(received).toEqual(sent);
    await cluster.start(victim);
    await eventually('ISR back to 3', async () => (await partitions(admin, 'crash'))[0].isr.length === 3);
  });

  it('stop, then kill, the controller: another broker takes over and re-elects its partitions\' leaders', async () => {
    await admin.createTopics({ topics: [{ topic: 'control', numPartitions: 3, replicationFactor: 3 }] });
    const zk = await cluster.zookeeperClient();
    const epochOf = async () => Number(new TextDecoder().decode((await zk.getData('/controller_epoch')).data));
    const controllerOf = async () => JSON.parse(new TextDecoder().decode((await zk.getData('/controller')).data)).brokerid as number;
    const producer = kafka.producer();
    await producer.connect();

    for (const how of ['stop', 'kill'] as const) {
      const epoch = await epochOf();
      const controller = await controllerOf();
      const led = (await partitions(admin, 'control')).filter((p) => p.leader === controller).length;
      expect(led, `the ${how}ped controller leads partitions to re-elect`).toBeGreaterThan(0);
      if (how === 'stop') await cluster.stop(controller);
      else await cluster.kill(controller);
      const next = await eventually('a new controller', async () => {
        const id = await controllerOf().catch(() => null);
        return id !== null && id !== controller ? id : null;
      }, 20_000);
      expect(await epochOf()).toBeGreaterThan(epoch);
      expect(cluster.broker(next).status().controller).toBe(true);
      await eventually(`no partition led by the old controller (${led} were)`, async () => {
        const ps = await partitions(admin, 'control');
        return ps.every((p) => p.leader !== controller && p.leader > 0 && !p.isr.includes(controller));
      }, 20_000);
      await producer.send({ topic: 'control', acks: -1, messages: [{ value: how }, { value: how }, { value: how }] });
      await cluster.start(controller);
      await eventually('ISR back to 3', async () => (await partitions(admin, 'control')).every((p) => p.isr.length === 3), 20_000);
    }
    await producer.disconnect();
  }, 50_000);
});
