/**
 * kafkajs admin operations beyond topic creation: configs (describe, alter), partitions added, topics
 * deleted, offsets by time, and min.insync.replicas enforced on acks=all writes.
 */
import { CompressionTypes, ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';

describe('kafkajs admin', () => {
  let cluster: KafkaTestCluster;
  let kafka: Kafka;
  let admin: Admin;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ config: { offsetsTopicNumPartitions: 3, replicaLagTimeMaxMs: 1000 } });
    kafka = new Kafka({ clientId: 'admin', brokers: cluster.bootstrap, logLevel: logLevel.NOTHING });
    admin = kafka.admin();
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.disconnect();
    await cluster?.close();
  });

  it('describes and alters topic configs', async () => {
    await admin.createTopics({ topics: [{ topic: 'configured', numPartitions: 1, replicationFactor: 3, configEntries: [{ name: 'retention.ms', value: '1000' }] }] });
    const described = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'configured' }] });
    const entries = described.resources[0].configEntries;
    expect(entries.find((e) => e.configName === 'retention.ms')).toMatchObject({ configValue: '1000', isDefault: false });
    expect(entries.find((e) => e.configName === 'cleanup.policy')).toMatchObject({ configValue: 'delete', isDefault: true });
    await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'configured', configEntries: [{ name: 'min.insync.replicas', value: '2' }] }] });
    const again = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'configured', configNames: ['min.insync.replicas', 'retention.ms'] }] });
    expect(again.resources[0].configEntries.map((e) => [e.configName, e.configValue]).sort()).toEqual([
      ['min.insync.replicas', '2'],
      ['retention.ms', '604800000'],
    ]);
    await expect(
      admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'configured', configEntries: [{ name: 'no.such.config', value: '1' }] }] }),
    ).rejects.toMatchObject({ name: 'KafkaJSProtocolError', type: 'INVALID_CONFIG', code: 40 });
    const broker = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configNames: ['num.partitions'] }] });
    expect(broker.resources[0].configEntries[0]).toMatchObject({ configName: 'num.partitions', configValue: '1' });
  });

  it('adds partitions and deletes topics', async () => {
    await admin.createTopics({ topics: [{ topic: 'grows', numPartitions: 1, replicationFactor: 2 }] });
    await admin.createPartitions({ topicPartitions: [{ topic: 'grows', count: 4 }] });
    const { topics } = await admin.fetchTopicMetadata({ topics: ['grows'] });
    expect(topics[0].partitions).toHaveLength(4);
    expect(topics[0].partitions.every((p) => p.replicas.length === 2 && p.leader > 0)).toBe(true);
    await admin.deleteTopics({ topics: ['grows'] });
    expect(await admin.listTopics()).not.toContain('grows');
  });

  it('finds offsets by timestamp', async () => {
    await admin.createTopics({ topics: [{ topic: 'timed', numPartitions: 1, replicationFactor: 3 }] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'timed', messages: [{ value: 'old', timestamp: '1000' }] });
    await producer.send({ topic: 'timed', messages: [{ value: 'new', timestamp: '5000' }] });
    await producer.disconnect();
    const [at] = await admin.fetchTopicOffsetsByTimestamp('timed', 3000);
    expect(at.offset).toBe('1');
    const [latest] = await admin.fetchTopicOffsets('timed');
    expect(latest).toMatchObject({ low: '0', high: '2' });
  });

  it('finds offsets by timestamp inside a batch (the first record at or after it, not the batch start)', async () => {
    await admin.createTopics({ topics: [{ topic: 'timed-batch', numPartitions: 1, replicationFactor: 3 }] });
    const producer = kafka.producer();
    await producer.connect();
    // One send, one partition: one record batch holding offsets 0..3.
    await producer.send({ topic: 'timed-batch', messages: [1000, 2000, 3000, 4000].map((t) => ({ value: `at ${t}`, timestamp: String(t) })) });
    await producer.send({ topic: 'timed-batch', compression: CompressionTypes.GZIP, messages: [5000, 6000].map((t) => ({ value: `at ${t}`, timestamp: String(t) })) });
    await producer.disconnect();
    const at = async (ts: number) => (await admin.fetchTopicOffsetsByTimestamp('timed-batch', ts))[0].offset;
    expect(await at(500)).toBe('0');
    expect(await at(2000)).toBe('1');
    expect(await at(2500)).toBe('2');
    expect(await at(4000)).toBe('3');
    expect(await at(5500)).toBe('5');
    // Past the last record: kafkajs turns Kafka's -1 into the high watermark.
    expect(await at(9000)).toBe('6');
  });

  it('enforces a topic\'s max.message.bytes override (MESSAGE_TOO_LARGE), and refuses names colliding on . and _', async () => {
    await admin.createTopics({ topics: [{ topic: 'small.messages', numPartitions: 1, replicationFactor: 3, configEntries: [{ name: 'max.message.bytes', value: '2000' }] }] });
    const producer = kafka.producer({ retry: { retries: 0 } });
    await producer.connect();
    await producer.send({ topic: 'small.messages', messages: [{ value: 'x'.repeat(1000) }] });
    const failure = await producer.send({ topic: 'small.messages', messages: [{ value: 'x'.repeat(3000) }] }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ type: 'MESSAGE_TOO_LARGE' });
    await producer.disconnect();
    const collision = await admin.createTopics({ topics: [{ topic: 'small_messages' }] }).catch((e: { errors?: unknown[] }) => e.errors);
    expect(collision).toEqual([expect.objectContaining({ type: 'INVALID_TOPIC_EXCEPTION' })]);
  });

  it('refuses acks=all below min.insync.replicas with NOT_ENOUGH_REPLICAS', async () => {
    await admin.createTopics({ topics: [{ topic: 'strict', numPartitions: 1, replicationFactor: 2, configEntries: [{ name: 'min.insync.replicas', value: '2' }] }] });
    const { topics } = await admin.fetchTopicMetadata({ topics: ['strict'] });
    const follower = topics[0].partitions[0].replicas.find((id) => id !== topics[0].partitions[0].leader)!;
    await cluster.kill(follower);
    await eventually('ISR shrunk to the leader', async () => (await admin.fetchTopicMetadata({ topics: ['strict'] })).topics[0].partitions[0].isr.length === 1);
    const producer = kafka.producer({ retry: { retries: 0 } });
    await producer.connect();
    const failure = await producer.send({ topic: 'strict', acks: -1, messages: [{ value: 'x' }] }).catch((e: unknown) => e);
    // kafkajs wraps the retriable error once its (zero) retries are spent.
    expect(failure).toMatchObject({ name: 'KafkaJSNumberOfRetriesExceeded', cause: { type: 'NOT_ENOUGH_REPLICAS', code: 19 } });
    await producer.send({ topic: 'strict', acks: 1, messages: [{ value: 'acks=1 still works' }] });
    await producer.disconnect();
    await cluster.start(follower);
  });
});
