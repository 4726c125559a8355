/**
 * Dynamic broker configs as Kafka 3.9 in ZooKeeper mode keeps them: kafkajs `admin.alterConfigs` on a broker
 * resource writes `/config/brokers/<id>` and a `/config/changes` notification, the broker applies it (a
 * lowered message.max.bytes refuses a larger batch with MESSAGE_TOO_LARGE, a raised one takes it), and
 * DescribeConfigs shows it with source DYNAMIC_BROKER_CONFIG and Kafka's synonyms, for the broker and for the
 * topic configs that follow it. IncrementalAlterConfigs sets the cluster-wide default
 * (`/config/brokers/<default>`), refuses static configs with Kafka's message, and APPEND/SUBTRACT lists.
 */
import { Admin as PlatformaticAdmin } from '@platformatic/kafka';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeResponseFrame, encodeRequestFrame } from '../../src/cluster/kafka/protocol/index.ts';
import type { DescribeConfigsResponse, IncrementalAlterConfigsResponse } from '../../src/cluster/kafka/protocol/index.ts';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';
import { RawKafkaConnection } from '../support/raw-kafka-connection.ts';

const TOPIC_CONFIG = 1;
const DYNAMIC_BROKER_CONFIG = 2;
const DYNAMIC_DEFAULT_BROKER_CONFIG = 3;
const DEFAULT_CONFIG = 5;
const SET = 0;
const DELETE = 1;
const APPEND = 2;
const SUBTRACT = 3;

describe('dynamic broker configs', () => {
  let cluster: KafkaTestCluster;
  let kafka: Kafka;
  let admin: Admin;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ config: { offsetsTopicNumPartitions: 1 } });
    kafka = new Kafka({ clientId: 'dynamic-configs', brokers: cluster.bootstrap, logLevel: logLevel.NOTHING });
    admin = kafka.admin();
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.disconnect();
    await cluster?.close();
  });

  const znodeJson = async (path: string) => {
    const zk = await cluster.zookeeperClient();
    return JSON.parse(new TextDecoder().decode((await zk.getData(path)).data)) as unknown;
  };

  const incrementalAlter = async (brokerId: number, resourceName: string, configs: Array<{ name: string; configOperation: number; value: string | null }>, validateOnly = false) => {
    const raw = await RawKafkaConnection.open(cluster.broker(brokerId).port);
    try {
      raw.send(encodeRequestFrame(44, 1, 7, 'test', { resources: [{ resourceType: 4, resourceName, configs }], validateOnly }));
      const { body } = decodeResponseFrame(44, 1, await raw.nextFrame());
      return (body as IncrementalAlterConfigsResponse).responses[0];
    } finally {
      raw.destroy();
    }
  };

  /** DescribeConfigs v2 with synonyms, on one broker: `{ name: [value, source, [[synonym, value, source]...]] }`. */
  const describeOn = async (brokerId: number, resourceType: number, resourceName: string, keys: string[]) => {
    const raw = await RawKafkaConnection.open(cluster.broker(brokerId).port);
    try {
      raw.send(encodeRequestFrame(32, 2, 9, 'test', { resources: [{ resourceType, resourceName, configurationKeys: keys }], includeSynonyms: true }));
      const { body } = decodeResponseFrame(32, 2, await raw.nextFrame());
      const result = (body as DescribeConfigsResponse).results[0];
      return Object.fromEntries(result.configs.map((c) => [c.name, [c.value, c.configSource, c.synonyms!.map((s) => [s.name, s.value, s.source])]]));
    } finally {
      raw.destroy();
    }
  };

  it('applies a broker\'s message.max.bytes set with kafkajs alterConfigs, stored in /config/brokers/<id>', async () => {
    await admin.createTopics({ topics: [{ topic: 'sized', replicaAssignment: [{ partition: 0, replicas: [1] }] }], waitForLeaders: true });
    const producer = kafka.producer({ retry: { retries: 2, initialRetryTime: 50 } });
    await producer.connect();
    const big = 'x'.repeat(5000);
    await producer.send({ topic: 'sized', acks: -1, messages: [{ value: big }] });

    await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configEntries: [{ name: 'message.max.bytes', value: '2000' }] }] });
    expect(await znodeJson('/config/brokers/1')).toEqual({ version: 1, config: { 'message.max.bytes': '2000' } });
    const zk = await cluster.zookeeperClient();
    const changes = await zk.getChildren('/config/changes');
    const notes = await Promise.all(changes.map(async (name) => [name, await znodeJson(`/config/changes/${name}`)] as const));
    expect(notes.some(([name, note]) => /^config_change_\d{10}$/.test(name) && JSON.stringify(note) === '{"version":2,"entity_path":"brokers/1"}')).toBe(true);

    await eventually('the lowered limit refuses the batch', async () => {
      try {
        await producer.send({ topic: 'sized', acks: -1, messages: [{ value: big }] });
        return false;
      } catch (error) {
        return (error as { type?: string; cause?: { type?: string } }).type === 'MESSAGE_TOO_LARGE' || String(error).includes('larger than the max');
      }
    });
    expect(cluster.broker(2).config.messageMaxBytes, 'another broker keeps its own value').toBe(1_048_588);

    const { resources } = await admin.describeConfigs({ includeSynonyms: true, resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configNames: ['message.max.bytes', 'num.partitions'] }] });
    const byName = Object.fromEntries(resources[0].configEntries.map((e) => [e.configName, e]));
    expect(byName['message.max.bytes']).toMatchObject({ configValue: '2000', readOnly: false, configSource: DYNAMIC_BROKER_CONFIG });
    expect(byName['message.max.bytes'].configSynonyms).toEqual([
      { configName: 'message.max.bytes', configValue: '2000', configSource: DYNAMIC_BROKER_CONFIG },
      { configName: 'message.max.bytes', configValue: '1048588', configSource: DEFAULT_CONFIG },
    ]);
    expect(byName['num.partitions']).toMatchObject({ configValue: '1', readOnly: true, configSource: DEFAULT_CONFIG });

    // The topic's max.message.bytes follows the broker it is described on.
    expect(await describeOn(1, 2, 'sized', ['max.message.bytes'])).toEqual({
      'max.message.bytes': ['2000', DYNAMIC_BROKER_CONFIG, [['message.max.bytes', '2000', DYNAMIC_BROKER_CONFIG], ['message.max.bytes', '1048588', DEFAULT_CONFIG]]],
    });
    expect(await describeOn(2, 2, 'sized', ['max.message.bytes'])).toEqual({
      'max.message.bytes': ['1048588', DEFAULT_CONFIG, [['message.max.bytes', '1048588', DEFAULT_CONFIG]]],
    });

    await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configEntries: [{ name: 'message.max.bytes', value: '10000' }] }] });
    await eventually('the raised limit takes the batch', async () => {
      try {
        await producer.send({ topic: 'sized', acks: -1, messages: [{ value: big }] });
        return true;
      } catch {
        return false;
      }
    });
    await producer.disconnect();
  }, 40_000);

  it('refuses static configs and another broker\'s id with Kafka\'s errors', async () => {
    const refused = await incrementalAlter(1, '1', [{ name: 'num.partitions', configOperation: SET, value: '3' }]);
    expect(refused).toMatchObject({ errorCode: 42, errorMessage: 'Cannot update these configs dynamically: Set(num.partitions)' });
    const badValue = await incrementalAlter(1, '1', [{ name: 'min.insync.replicas', configOperation: SET, value: 'two' }]);
    expect(badValue).toMatchObject({ errorCode: 42, errorMessage: 'Invalid value two for configuration min.insync.replicas: Not a number of type INT' });
    const otherBroker = await incrementalAlter(1, '2', [{ name: 'min.insync.replicas', configOperation: SET, value: '2' }]);
    expect(otherBroker).toMatchObject({ errorCode: 42, errorMessage: 'Unexpected broker id, expected 1, but received 2' });
    const appendScalar = await incrementalAlter(1, '1', [{ name: 'message.max.bytes', configOperation: APPEND, value: '1' }]);
    expect(appendScalar).toMatchObject({ errorCode: 40, errorMessage: 'Config value append is not allowed for config key: message.max.bytes' });
  });

  it('sets the cluster-wide default in /config/brokers/<default>, which every broker and the topic defaults follow', async () => {
    const set = await incrementalAlter(2, '', [
      { name: 'log.retention.ms', configOperation: SET, value: '3600000' },
      { name: 'log.cleanup.policy', configOperation: APPEND, value: 'compact' },
    ]);
    expect(set).toMatchObject({ errorCode: 0, errorMessage: null });
    expect(await znodeJson('/config/brokers/<default>')).toEqual({ version: 1, config: { 'log.retention.ms': '3600000', 'log.cleanup.policy': 'delete,compact' } });
    await admin.createTopics({ topics: [{ topic: 'defaults', numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
    const describeTopic = async () => {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: true,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: 'defaults', configNames: ['retention.ms', 'cleanup.policy', 'segment.bytes'] }],
      });
      return Object.fromEntries(resources[0].configEntries.map((e) => [e.configName, e]));
    };
    await eventually('every broker applied the default', () => cluster.ids.every((id) => cluster.broker(id).dynamicConfig.clusterDefault['log.retention.ms'] === '3600000'));
    const topic = await describeTopic();
    expect(topic['retention.ms']).toMatchObject({ configValue: '3600000', configSource: DYNAMIC_DEFAULT_BROKER_CONFIG });
    expect(topic['retention.ms'].configSynonyms).toEqual([
      { configName: 'log.retention.ms', configValue: '3600000', configSource: DYNAMIC_DEFAULT_BROKER_CONFIG },
      { configName: 'log.retention.hours', configValue: '168', configSource: DEFAULT_CONFIG },
    ]);
    expect(topic['cleanup.policy']).toMatchObject({ configValue: 'delete,compact', configSource: DYNAMIC_DEFAULT_BROKER_CONFIG });
    expect(topic['segment.bytes'].configSynonyms).toEqual([{ configName: 'log.segment.bytes', configValue: '1073741824', configSource: DEFAULT_CONFIG }]);

    const subtract = await incrementalAlter(3, '', [
      { name: 'log.retention.ms', configOperation: DELETE, value: null },
      { name: 'log.cleanup.policy', configOperation: SUBTRACT, value: 'delete' },
    ]);
    expect(subtract).toMatchObject({ errorCode: 0 });
    expect(await znodeJson('/config/brokers/<default>')).toEqual({ version: 1, config: { 'log.cleanup.policy': 'compact' } });
    await eventually('every broker dropped the retention default', () => cluster.ids.every((id) => cluster.broker(id).dynamicConfig.clusterDefault['log.retention.ms'] === undefined));
    const after = await describeTopic();
    // Kafka drops the synonyms before the described name: only log.retention.hours has a default.
    expect(after['retention.ms']).toMatchObject({ configValue: '604800000', configSource: DEFAULT_CONFIG, configSynonyms: [] });
    await incrementalAlter(1, '', [{ name: 'log.cleanup.policy', configOperation: DELETE, value: null }]);
  });

  it('lists a topic override first, then the broker synonyms in Kafka\'s order', async () => {
    await admin.createTopics({ topics: [{ topic: 'overridden', numPartitions: 1, replicationFactor: 1, configEntries: [{ name: 'retention.ms', value: '60000' }] }], waitForLeaders: true });
    await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configEntries: [{ name: 'log.retention.ms', value: '7200000' }] }] });
    await eventually('broker 1 applied it', () => cluster.broker(1).dynamicConfig.perBroker['log.retention.ms'] === '7200000');
    expect(await describeOn(1, 2, 'overridden', ['retention.ms'])).toEqual({
      'retention.ms': ['60000', TOPIC_CONFIG, [['retention.ms', '60000', TOPIC_CONFIG], ['log.retention.ms', '7200000', DYNAMIC_BROKER_CONFIG], ['log.retention.hours', '168', DEFAULT_CONFIG]]],
    });
    // Without a broker value for log.retention.ms Kafka drops the synonyms before it: only the override is left.
    expect(await describeOn(2, 2, 'overridden', ['retention.ms'])).toEqual({ 'retention.ms': ['60000', TOPIC_CONFIG, [['retention.ms', '60000', TOPIC_CONFIG]]] });
    expect(await describeOn(1, 4, '1', ['log.retention.ms', 'log.retention.hours'])).toEqual({
      'log.retention.ms': ['7200000', DYNAMIC_BROKER_CONFIG, [['log.retention.ms', '7200000', DYNAMIC_BROKER_CONFIG], ['log.retention.hours', '168', DEFAULT_CONFIG]]],
      'log.retention.hours': ['168', DEFAULT_CONFIG, [['log.retention.hours', '168', DEFAULT_CONFIG]]],
    });
  });

  it('takes IncrementalAlterConfigs from @platformatic/kafka: min.insync.replicas raised on one broker refuses acks=all writes there', async () => {
    const platformatic = new PlatformaticAdmin({ clientId: 'platformatic-configs', bootstrapBrokers: cluster.bootstrap });
    try {
      await admin.createTopics({ topics: [{ topic: 'guarded', replicaAssignment: [{ partition: 0, replicas: [2] }] }], waitForLeaders: true });
      await platformatic.incrementalAlterConfigs({ resources: [{ resourceType: 4, resourceName: '2', configs: [{ name: 'min.insync.replicas', configOperation: SET, value: '2' }] }] });
      await eventually('broker 2 applied it', () => cluster.broker(2).config.minInsyncReplicas === 2);
      expect(cluster.broker(1).config.minInsyncReplicas).toBe(1);
      const described = await platformatic.describeConfigs({ includeSynonyms: true, resources: [{ resourceType: 4, resourceName: '2', configurationKeys: ['min.insync.replicas'] }] });
      expect(described[0].configs[0]).toMatchObject({
        name: 'min.insync.replicas',
        value: '2',
        configSource: DYNAMIC_BROKER_CONFIG,
        synonyms: [
          { name: 'min.insync.replicas', value: '2', source: DYNAMIC_BROKER_CONFIG },
          { name: 'min.insync.replicas', value: '1', source: DEFAULT_CONFIG },
        ],
      });
      const producer = kafka.producer({ retry: { retries: 0 } });
      await producer.connect();
      await expect(producer.send({ topic: 'guarded', acks: -1, messages: [{ value: 'x' }] })).rejects.toThrow(/NOT_ENOUGH_REPLICAS|enough replicas|in-sync replicas/i);
      await platformatic.incrementalAlterConfigs({ resources: [{ resourceType: 4, resourceName: '2', configs: [{ name: 'min.insync.replicas', configOperation: DELETE }] }] });
      await eventually('broker 2 is back to its static value', () => cluster.broker(2).config.minInsyncReplicas === 1);
      await producer.send({ topic: 'guarded', acks: -1, messages: [{ value: 'x' }] });
      await producer.disconnect();
    } finally {
      await platformatic.close();
    }
  });
});
