import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { TcpTransport } from '../../src/cluster/transport/tcp-transport.ts';
import { ZooKeeperClient } from '../../src/cluster/zookeeper/client/zookeeper-client.ts';
import type { ClusterStatus } from '../../src/server/runtime/cluster-runtime.ts';
import { EmbeddedRuntime } from '../../src/server/runtime/embedded-runtime.ts';

const { Kafka, logLevel } = kafkajs;

/** With a data dir, the embedded cluster keeps ZooKeeper's tree and the brokers' logs across down/up. */
describe('embedded runtime with a data dir', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kafkalab-data-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const runtime = () => new EmbeddedRuntime({ zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0], dataDir });
  const kafkaFor = (status: ClusterStatus) =>
    new Kafka({ clientId: 'data-dir-test', brokers: status.connections.bootstrapServers.split(','), logLevel: logLevel.NOTHING, retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1000 } });

  it('brings topics, records and znodes back after the whole cluster went down', async () => {
    const first = runtime();
    const status = await first.up();
    const kafka = kafkaFor(status);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'kept', numPartitions: 2, replicationFactor: 3 }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'kept', acks: -1, messages: Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) });
    await producer.disconnect();
    const zk = new ZooKeeperClient({ connectString: status.connections.zookeeper, transport: new TcpTransport() });
    await zk.connect();
    await zk.create('/learner-note', 'hello');
    await zk.close();
    await first.down();

    expect(readdirSync(dataDir).sort()).toEqual(['kafka-1', 'kafka-2', 'kafka-3', 'zookeeper-1', 'zookeeper-2', 'zookeeper-3']);

    const second = runtime();
    try {
      const again = await second.up();
      const zk2 = new ZooKeeperClient({ connectString: again.connections.zookeeper, transport: new TcpTransport() });
      await zk2.connect();
      expect(new TextDecoder().decode((await zk2.getData('/learner-note')).data)).toBe('hello');
      await zk2.close();

      const kafka2 = kafkaFor(again);
      const admin2 = kafka2.admin();
      await admin2.connect();
      // A restarted leader starts from its checkpointed high watermark and moves it on once its followers
      // have fetched again (as Kafka's does): wait for that, rather than reading the first answer.
      await expect
        .poll(async () => (await admin2.fetchTopicOffsets('kept')).reduce((sum, p) => sum + Number(p.high), 0), { timeout: 20_000 })
        .toBe(10);
      await admin2.disconnect();

      const consumer = kafka2.consumer({ groupId: 'data-dir-reader', sessionTimeout: 6000, heartbeatInterval: 500 });
      await consumer.connect();
      await consumer.subscribe({ topic: 'kept', fromBeginning: true });
      const seen: string[] = [];
      await new Promise<void>((resolve) => {
        void consumer.run({
          eachMessage: async ({ message }) => {
            seen.push(message.value!.toString());
            if (seen.length === 10) resolve();
          },
        });
      });
      await consumer.disconnect();
      expect(seen.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `v${i}`).sort());
    } finally {
      await second.down();
    }
  }, 60_000);
});
