/**
 * One broker under a ZooKeeper chroot (`zookeeper.connect=...:2181/kafka`), as a single-broker lab runs it:
 * the chroot is created, every znode lives below it, and a consumer group works once
 * `offsets.topic.replication.factor` fits the one broker.
 */
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';

describe('a single broker under a chroot', () => {
  let cluster: KafkaTestCluster;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ ids: [7], chroot: '/kafka', config: { offsetsTopicReplicationFactor: 1, offsetsTopicNumPartitions: 2 } });
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('registers below the chroot and serves producers and a consumer group', async () => {
    const zk = await cluster.zookeeperClient();
    expect(await zk.getChildren('/kafka/brokers/ids')).toEqual(['7']);
    expect(await zk.exists('/brokers')).toBeNull();
    const kafka = new Kafka({ clientId: 'single', brokers: cluster.bootstrap, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'solo', acks: -1, messages: [{ value: 'one' }, { value: 'two' }] });
    await producer.disconnect();
    expect(await zk.getChildren('/kafka/brokers/topics')).toContain('solo');
    const consumer = kafka.consumer({ groupId: 'solo-group', maxWaitTimeInMs: 200 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'solo', fromBeginning: true });
    const values: string[] = [];
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          values.push(message.value!.toString());
          if (values.length === 2) resolve();
        },
      });
    });
    await consumer.disconnect();
    expect(values).toEqual(['one', 'two']);
    expect((await zk.getChildren('/kafka/brokers/topics')).sort()).toEqual(['__consumer_offsets', 'solo']);
  });
});
