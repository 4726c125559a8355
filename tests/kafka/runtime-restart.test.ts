/**
 * The course's embedded runtime (`EmbeddedRuntime`, what the lab UI's stop/start buttons drive): a broker
 * that is stopped or killed and started again comes back with its log, as a Kafka broker with its log dir
 * on disk does. Stopping all three brokers loses nothing; a topic with one replica on a stopped broker is
 * offline and comes back with its records; a topic deleted and re-created while a broker was away does
 * not come back with that broker's stale copy.
 */
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedRuntime } from '../../src/server/runtime/embedded-runtime.ts';
import { eventually } from '../support/kafka-cluster.ts';

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';

describe('EmbeddedRuntime broker restarts keep the data', () => {
  let runtime: EmbeddedRuntime;
  let kafka: Kafka;

  beforeAll(async () => {
    runtime = new EmbeddedRuntime({ zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0], brokerConfig: { offsetsTopicNumPartitions: 3 } });
    const status = await runtime.up();
    kafka = new Kafka({ brokers: status.connections.bootstrapServers.split(','), logLevel: logLevel.NOTHING, retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 1000 } });
  }, 60_000);
  afterAll(async () => {
    await runtime?.down();
  });

  const highWatermarks = async (topic: string) => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return (await admin.fetchTopicOffsets(topic)).sort((a, b) => a.partition - b.partition).map((p) => p.high);
    } finally {
      await admin.disconnect();
    }
  };
  const leaderOf = async (topic: string) => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0].partitions[0].leader;
    } finally {
      await admin.disconnect();
    }
  };

  const readAll = async (topic: string, count: number) => {
    const consumer = kafka.consumer({ groupId: `read-${topic}-${Date.now()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const values: string[] = [];
    await consumer.run({ eachMessage: async ({ message }) => void values.push(message.value!.toString()) });
    await eventually(`${count} records of ${topic}`, () => values.length >= count, 20_000);
    await consumer.disconnect();
    return values;
  };

  it('keeps every record when all three brokers are stopped and started again', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'kept', numPartitions: 2, replicationFactor: 3 }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'kept', acks: -1, messages: Array.from({ length: 10 }, (_, i) => ({ partition: i % 2, value: `v${i}` })) });
    await producer.disconnect();
    expect(await highWatermarks('kept')).toEqual(['5', '5']);

    for (const node of ['kafka-1', 'kafka-2', 'kafka-3']) await runtime.nodeAction(node, 'stop');
    for (const node of ['kafka-1', 'kafka-2', 'kafka-3']) await runtime.nodeAction(node, 'start');

    await eventually('the records back after the restart', async () => (await highWatermarks('kept')).join() === '5,5', 20_000);
    // As in Kafka, the broker that stopped last comes back as the only ISR member; until the others have
    // rejoined, __consumer_offsets is below min.insync.replicas=2 and a group cannot store its assignment.
    await eventually(
      'every ISR full again',
      async () => (await runtime.status()).kafka?.topics.every((t) => t.partitions.every((p) => p.isr.length === 3)),
      20_000,
    );
    const values = await readAll('kept', 10);
    expect(values.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `v${i}`).sort());
  }, 60_000);

  it('brings an RF 1 partition back with its records when its broker returns', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'single', replicaAssignment: [{ partition: 0, replicas: [3] }] }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'single', acks: 1, messages: [{ value: 'one' }, { value: 'two' }] });
    await producer.disconnect();

    await runtime.nodeAction('kafka-3', 'kill');
    await eventually('the partition offline (leader -1)', async () => (await runtime.status()).kafka?.topics.find((t) => t.name === 'single')?.partitions[0].leader === -1, 20_000);
    await runtime.nodeAction('kafka-3', 'start');
    await eventually('broker 3 leads its partition again', async () => (await leaderOf('single')) === 3, 20_000);
    // As with Kafka, a restarting broker may be named leader a moment before it has applied the controller's
    // LeaderAndIsr (NOT_LEADER_OR_FOLLOWER meanwhile): ask until it answers.
    await eventually('the high watermark of the returned leader', async () => (await highWatermarks('single')).join() === '2', 20_000);
  }, 60_000);

  it('drops a stale replica of a topic deleted and re-created while its broker was down', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'reborn', replicaAssignment: [{ partition: 0, replicas: [2, 1] }] }], waitForLeaders: true });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'reborn', acks: -1, messages: ['old-1', 'old-2', 'old-3'].map((value) => ({ value })) });

    // Killed, broker 2 stays registered until its ZooKeeper session expires: long enough to be given a
    // replica of the new topic.
    await runtime.nodeAction('kafka-2', 'kill');
    await admin.deleteTopics({ topics: ['reborn'] });
    await eventually('topic gone', async () => !(await admin.listTopics()).includes('reborn'), 20_000);
    await admin.createTopics({ topics: [{ topic: 'reborn', replicaAssignment: [{ partition: 0, replicas: [1, 2] }] }], waitForLeaders: true });
    await eventually('broker 2 out of the ISR', async () => (await admin.fetchTopicMetadata({ topics: ['reborn'] })).topics[0].partitions[0].isr.join() === '1', 20_000);
    await producer.send({ topic: 'reborn', acks: 1, messages: [{ value: 'new-1' }] });
    await runtime.nodeAction('kafka-2', 'start');
    await eventually('broker 2 back in the ISR', async () => (await admin.fetchTopicMetadata({ topics: ['reborn'] })).topics[0].partitions[0].isr.length === 2, 20_000);
    // Broker 2 now leads: its copy must be the new topic's, not the deleted one's.
    await runtime.nodeAction('kafka-1', 'stop');
    await eventually('broker 2 leads', async () => (await leaderOf('reborn')) === 2, 20_000);
    expect(await highWatermarks('reborn')).toEqual(['1']);
    expect(await readAll('reborn', 1)).toEqual(['new-1']);
    await producer.disconnect();
    await admin.disconnect();
    await runtime.nodeAction('kafka-1', 'start');
  }, 60_000);
});
