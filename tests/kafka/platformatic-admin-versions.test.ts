/**
 * The admin APIs at the versions a modern client negotiates: @platformatic/kafka takes min(its max, ours), so
 * it sends CreateTopics v7, ListGroups v4 and DescribeGroups v5 (all flexible) where kafkajs sends v3, v2 and
 * v2. With those versions a created topic comes back with its real partition count, replication factor, configs
 * and id, and listed groups with their real state, as Kafka 3.9 answers them.
 *
 * The wire-level checks (config sources, an error's -1 counts, validate_only) use raw CreateTopics v7 frames,
 * since @platformatic/kafka drops the sources and throws on a topic error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEYS, decodeResponseFrame, encodeRequestFrame, isZeroUuid, uuidFromText, uuidToText, type CreateTopicsResponse } from '../../src/cluster/kafka/protocol/index.ts';
import { eventually, startKafkaTestCluster, type KafkaTestCluster } from '../support/kafka-cluster.ts';
import { kafkaClient } from '../support/kafka-clients.ts';
import { PlatformaticClients, type StringConsumer } from '../support/platformatic-clients.ts';
import { RawKafkaConnection } from '../support/raw-kafka-connection.ts';

/** Kafka's ConfigSource ids. */
const SOURCE = { TOPIC_CONFIG: 1, STATIC_BROKER_CONFIG: 4, DEFAULT_CONFIG: 5 } as const;
/** AclOperation codes READ (3), DELETE (6), DESCRIBE (8): every group operation, as a broker without an authorizer answers. */
const GROUP_OPERATIONS = (1 << 3) | (1 << 6) | (1 << 8);

let cluster: KafkaTestCluster;
let clients: PlatformaticClients;

beforeAll(async () => {
  // min.insync.replicas=2 set on the brokers, as the course's docker-compose.yml does: a STATIC_BROKER_CONFIG.
  cluster = await startKafkaTestCluster({ config: { offsetsTopicNumPartitions: 3, defaultReplicationFactor: 3, minInsyncReplicas: 2, groupInitialRebalanceDelayMs: 0 } });
  clients = new PlatformaticClients(cluster);
});

afterAll(async () => {
  await clients?.close();
  await cluster?.close();
});

/** The topic id ZooKeeper holds for `topic`, as @platformatic/kafka prints ids (hyphenated hex). */
async function zookeeperTopicId(topic: string): Promise<string> {
  const zookeeper = await cluster.zookeeperClient();
  const { topic_id: id } = JSON.parse(new TextDecoder().decode((await zookeeper.getData(`/brokers/topics/${topic}`)).data)) as { topic_id: string };
  const hex = Buffer.from(uuidFromText(id)).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A raw CreateTopics v7 to the controller. */
async function createTopicsV7(topics: Array<{ name: string; numPartitions: number; replicationFactor: number; configs?: Record<string, string> }>, validateOnly = false): Promise<CreateTopicsResponse> {
  const { controllerId } = await clients.admin().metadata({ topics: [], forceUpdate: true });
  const raw = await RawKafkaConnection.open(cluster.broker(controllerId).port);
  try {
    raw.send(
      encodeRequestFrame(API_KEYS.CreateTopics, 7, 1, 'raw-admin', {
        topics: topics.map((t) => ({ ...t, assignments: [], configs: Object.entries(t.configs ?? {}).map(([name, value]) => ({ name, value })) })),
        timeoutMs: 10_000,
        validateOnly,
      }),
    );
    return decodeResponseFrame(API_KEYS.CreateTopics, 7, await raw.nextFrame()).body;
  } finally {
    raw.destroy();
  }
}

describe('CreateTopics v7 (@platformatic/kafka)', () => {
  it('answers each created topic’s partition count, replication factor, effective configs and id', async () => {
    const admin = clients.admin();
    const created = await admin.createTopics({ topics: ['v7-orders', { topic: 'v7-audit', partitions: 1, replicas: 2 }], partitions: 3, replicas: 3, configs: [{ name: 'retention.ms', value: '3600000' }] });
    const byName = new Map(created.map((t) => [t.name, t]));
    expect(byName.get('v7-orders')).toMatchObject({ partitions: 3, replicas: 3 });
    expect(byName.get('v7-audit')).toMatchObject({ partitions: 1, replicas: 2 });
    for (const name of ['v7-orders', 'v7-audit']) expect(byName.get(name)!.id).toBe(await zookeeperTopicId(name));

    // The same effective configs DescribeConfigs lists for the topic afterwards.
    const orders = byName.get('v7-orders')!.configuration;
    expect(orders).toMatchObject({ 'retention.ms': '3600000', 'min.insync.replicas': '2', 'cleanup.policy': 'delete' });
    const [described] = await admin.describeConfigs({ resources: [{ resourceType: 2, resourceName: 'v7-orders' }] });
    expect(orders).toEqual(Object.fromEntries(described.configs.map((c) => [c.name, c.value])));

    // The counts are the assignment's: broker defaults (num.partitions=1, default.replication.factor=3) when not given.
    const [defaults] = await admin.createTopics({ topics: ['v7-defaults'] });
    expect(defaults).toMatchObject({ name: 'v7-defaults', partitions: 1, replicas: 3 });
    const metadata = await admin.metadata({ topics: ['v7-orders', 'v7-defaults'] });
    expect(metadata.topics.get('v7-orders')!.partitions.map((p) => p.replicas.length)).toEqual([3, 3, 3]);
    expect(metadata.topics.get('v7-defaults')!.partitionsCount).toBe(1);
  }, 30_000);

  it('gives each config its source, -1 counts and no configs on error, and fills counts and configs for validate_only', async () => {
    const answer = await createTopicsV7([
      { name: 'v7-sources', numPartitions: 2, replicationFactor: 3, configs: { 'cleanup.policy': 'compact' } },
      { name: 'v7-too-many', numPartitions: 1, replicationFactor: 4 },
    ]);
    const [sources, tooMany] = answer.topics;
    expect(sources).toMatchObject({ name: 'v7-sources', errorCode: 0, errorMessage: null, numPartitions: 2, replicationFactor: 3 });
    expect(uuidToText(sources.topicId!)).toBe(JSON.parse(new TextDecoder().decode((await (await cluster.zookeeperClient()).getData('/brokers/topics/v7-sources')).data)).topic_id);
    const configs = new Map(sources.configs!.map((c) => [c.name, c]));
    expect(configs.get('cleanup.policy')).toEqual({ name: 'cleanup.policy', value: 'compact', readOnly: false, configSource: SOURCE.TOPIC_CONFIG, isSensitive: false });
    expect(configs.get('min.insync.replicas')).toMatchObject({ value: '2', configSource: SOURCE.STATIC_BROKER_CONFIG });
    expect(configs.get('retention.ms')).toMatchObject({ value: '604800000', configSource: SOURCE.DEFAULT_CONFIG });

    // INVALID_REPLICATION_FACTOR: Kafka resets the counts to -1 and the configs to an empty list, and has no id.
    expect(tooMany).toMatchObject({
      name: 'v7-too-many', errorCode: 38, errorMessage: 'Replication factor: 4 larger than available brokers: 3.',
      numPartitions: -1, replicationFactor: -1, configs: [], topicConfigErrorCode: 0,
    });
    expect(isZeroUuid(tooMany.topicId!)).toBe(true);
    const again = (await createTopicsV7([{ name: 'v7-sources', numPartitions: 1, replicationFactor: 1 }])).topics[0];
    expect(again).toMatchObject({ errorCode: 36, errorMessage: "Topic 'v7-sources' already exists.", numPartitions: -1, replicationFactor: -1, configs: [] });

    // validate_only: the counts and configs of what would be created, the zero id, and nothing created.
    const validated = (await createTopicsV7([{ name: 'v7-validated', numPartitions: 4, replicationFactor: 2, configs: { 'retention.ms': '1000' } }], true)).topics[0];
    expect(validated).toMatchObject({ errorCode: 0, numPartitions: 4, replicationFactor: 2 });
    expect(isZeroUuid(validated.topicId!)).toBe(true);
    expect(validated.configs!.find((c) => c.name === 'retention.ms')).toMatchObject({ value: '1000', configSource: SOURCE.TOPIC_CONFIG });
    expect(await clients.admin().listTopics()).not.toContain('v7-validated');
  }, 30_000);

  it('still answers kafkajs (v3) as before', async () => {
    const admin = kafkaClient(cluster, 'kafkajs-admin').admin();
    await admin.connect();
    try {
      expect(await admin.createTopics({ topics: [{ topic: 'v3-kafkajs', numPartitions: 2, replicationFactor: 3 }], waitForLeaders: true })).toBe(true);
      const { topics } = await admin.fetchTopicMetadata({ topics: ['v3-kafkajs'] });
      expect(topics[0].partitions.map((p) => p.replicas.length)).toEqual([3, 3]);
    } finally {
      await admin.disconnect();
    }
  }, 30_000);
});

describe('ListGroups v4 and DescribeGroups v5 (@platformatic/kafka)', () => {
  it('lists each group with its real state, filters by state, and describes members with their instance ids', async () => {
    const admin = clients.admin();
    await admin.createTopics({ topics: ['v4-work'], partitions: 2, replicas: 3 });
    const join = async (groupId: string, groupInstanceId?: string): Promise<StringConsumer> => {
      const consumer = clients.consumer(groupId, groupInstanceId ? { groupInstanceId } : {});
      await consumer.consume({ topics: ['v4-work'], mode: 'earliest' });
      return consumer;
    };
    // 'v4-busy' keeps a (static) member: Stable. 'v4-idle' had one that left: Empty.
    const busy = await join('v4-busy', 'busy-instance-1');
    const idle = await join('v4-idle');
    await idle.close(true);
    await eventually('v4-idle empty', async () => (await admin.describeGroups({ groups: ['v4-idle'] })).get('v4-idle')?.state === 'Empty');

    const all = await admin.listGroups();
    expect(all.get('v4-busy')).toMatchObject({ id: 'v4-busy', state: 'Stable', protocolType: 'consumer' });
    expect(all.get('v4-idle')).toMatchObject({ id: 'v4-idle', state: 'Empty', protocolType: 'consumer' });
    const ours = (groups: Map<string, unknown>) => [...groups.keys()].filter((id) => id.startsWith('v4-')).sort();
    expect(ours(await admin.listGroups({ states: ['Stable'] }))).toEqual(['v4-busy']);
    expect(ours(await admin.listGroups({ states: ['Empty'] }))).toEqual(['v4-idle']);
    expect(ours(await admin.listGroups({ states: ['Empty', 'Stable'] }))).toEqual(['v4-busy', 'v4-idle']);
    expect(ours(await admin.listGroups({ states: ['PreparingRebalance', 'Dead'] }))).toEqual([]);

    const described = (await admin.describeGroups({ groups: ['v4-busy', 'v4-nobody'], includeAuthorizedOperations: true }));
    const group = described.get('v4-busy')!;
    expect(group).toMatchObject({ state: 'Stable', protocolType: 'consumer', authorizedOperations: GROUP_OPERATIONS });
    expect([...group.members.values()].map((m) => [m.id, m.groupInstanceId])).toEqual([[busy.memberId, 'busy-instance-1']]);
    expect(described.get('v4-nobody')).toMatchObject({ state: 'Dead', authorizedOperations: GROUP_OPERATIONS });
    expect((await admin.describeGroups({ groups: ['v4-busy'] })).get('v4-busy')!.authorizedOperations).toBe(-2147483648);
  }, 45_000);
});
