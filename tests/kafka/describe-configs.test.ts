/**
 * DescribeConfigs as the lessons print it (`kafka-topics --describe` lists a topic's non-default configs,
 * `kafka-configs --describe --all`): under the course's broker settings (min.insync.replicas=2 in the
 * broker config, as docker-compose.yml sets KAFKA_MIN_INSYNC_REPLICAS), a topic's min.insync.replicas comes
 * from STATIC_BROKER_CONFIG and is not a default; a broker setting left at Kafka's default is DEFAULT_CONFIG.
 */
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseBrokerConfig } from '../../src/server/runtime/embedded-runtime.ts';
import { startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';

const STATIC_BROKER_CONFIG = 4;
const DEFAULT_CONFIG = 5;
const TOPIC_CONFIG = 1;

describe('DescribeConfigs sources under the course settings', () => {
  let cluster: KafkaTestCluster;
  let admin: Admin;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ ids: [1], config: { ...courseBrokerConfig, offsetsTopicReplicationFactor: 1, offsetsTopicNumPartitions: 1 } });
    admin = new Kafka({ brokers: cluster.bootstrap, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'test', numPartitions: 2, replicationFactor: 1, configEntries: [{ name: 'retention.ms', value: '60000' }] }], waitForLeaders: true });
  });
  afterAll(async () => {
    await admin?.disconnect();
    await cluster?.close();
  });

  it('shows a topic\'s min.insync.replicas from the broker config as STATIC_BROKER_CONFIG, not a default', async () => {
    const { resources } = await admin.describeConfigs({ includeSynonyms: true, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'test' }] });
    const entries = resources[0].configEntries;
    const nonDefault = entries.filter((e) => !e.isDefault).map((e) => `${e.configName}=${e.configValue}`).sort();
    // What `kafka-topics --describe` prints after "Configs:".
    expect(nonDefault).toEqual(['min.insync.replicas=2', 'retention.ms=60000']);
    const minIsr = entries.find((e) => e.configName === 'min.insync.replicas')!;
    expect(minIsr).toMatchObject({ configValue: '2', isDefault: false, configSource: STATIC_BROKER_CONFIG });
    expect(minIsr.configSynonyms).toEqual([
      { configName: 'min.insync.replicas', configValue: '2', configSource: STATIC_BROKER_CONFIG },
      { configName: 'min.insync.replicas', configValue: '1', configSource: DEFAULT_CONFIG },
    ]);
    const retention = entries.find((e) => e.configName === 'retention.ms')!;
    expect(retention).toMatchObject({ configValue: '60000', isDefault: false, configSource: TOPIC_CONFIG });
    expect(retention.configSynonyms[0]).toEqual({ configName: 'retention.ms', configValue: '60000', configSource: TOPIC_CONFIG });
    expect(entries.find((e) => e.configName === 'cleanup.policy')).toMatchObject({ configValue: 'delete', isDefault: true, configSource: DEFAULT_CONFIG });
  });

  it('prints values as Kafka prints what it parsed, not as they were sent (ConfigDef.convertToString)', async () => {
    await admin.createTopics({
      topics: [
        {
          topic: 'untidy',
          numPartitions: 1,
          replicationFactor: 1,
          configEntries: [
            { name: 'retention.ms', value: ' 60000 ' },
            { name: 'preallocate', value: 'TRUE' },
            { name: 'cleanup.policy', value: 'compact, delete' },
            { name: 'min.cleanable.dirty.ratio', value: '1' },
          ],
        },
      ],
      waitForLeaders: true,
    });
    const { resources } = await admin.describeConfigs({ includeSynonyms: true, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'untidy' }] });
    const value = (name: string) => resources[0].configEntries.find((e) => e.configName === name);
    expect(value('retention.ms')).toMatchObject({ configValue: '60000', configSource: TOPIC_CONFIG });
    expect(value('preallocate')?.configValue).toBe('true');
    expect(value('cleanup.policy')?.configValue).toBe('compact,delete');
    expect(value('min.cleanable.dirty.ratio')?.configValue).toBe('1.0');
    expect(value('retention.ms')?.configSynonyms[0]).toMatchObject({ configName: 'retention.ms', configValue: '60000' });
  });

  it('tells broker settings at Kafka\'s defaults (DEFAULT_CONFIG) from the ones the cluster sets (STATIC_BROKER_CONFIG)', async () => {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configNames: ['num.partitions', 'min.insync.replicas', 'default.replication.factor', 'message.max.bytes'] }],
    });
    const byName = Object.fromEntries(resources[0].configEntries.map((e) => [e.configName, [e.configValue, e.isDefault, e.configSource]]));
    expect(byName).toEqual({
      'num.partitions': ['1', true, DEFAULT_CONFIG],
      'min.insync.replicas': ['2', false, STATIC_BROKER_CONFIG],
      'default.replication.factor': ['3', false, STATIC_BROKER_CONFIG],
      'message.max.bytes': ['1048588', true, DEFAULT_CONFIG],
    });
  });
});
