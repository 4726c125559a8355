/**
 * Metadata v0..v12 against the embedded cluster, over a bare connection with our codecs (flexible
 * v9+: request header v2, response header v1, compact encodings). What the answers must say is read
 * independently from ZooKeeper: the topic id (`/brokers/topics/<t>` `topic_id`) and each partition's
 * leader epoch (`.../partitions/<p>/state`). kafkajs (Metadata v6) is checked to be unaffected.
 */
import kafkajs from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEYS, KAFKA_ERRORS, decodeResponseFrame, encodeRequestFrame, uuidFromText, uuidToText } from '../../src/cluster/kafka/protocol/index.ts';
import type { MetadataRequest, MetadataResponse } from '../../src/cluster/kafka/protocol/index.ts';
import { startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';
import { RawKafkaConnection } from '../support/raw-kafka-connection.ts';

const { Kafka, logLevel } = kafkajs;

/** `Utils.to32BitField` of READ, WRITE, CREATE, DELETE, ALTER, DESCRIBE, DESCRIBE_CONFIGS, ALTER_CONFIGS (AclOperation codes). */
const ALL_TOPIC_OPERATIONS = [3, 4, 5, 6, 7, 8, 10, 11].reduce((bits, code) => bits | (1 << code), 0);
/** CREATE, ALTER, DESCRIBE, CLUSTER_ACTION, DESCRIBE_CONFIGS, ALTER_CONFIGS, IDEMPOTENT_WRITE. */
const ALL_CLUSTER_OPERATIONS = [5, 7, 8, 9, 10, 11, 12].reduce((bits, code) => bits | (1 << code), 0);
const NOT_ASKED = -2147483648;

let cluster: KafkaTestCluster;
let raw: RawKafkaConnection;
let correlationId = 0;

async function metadata(version: number, request: MetadataRequest): Promise<MetadataResponse> {
  const id = ++correlationId;
  raw.send(encodeRequestFrame(API_KEYS.Metadata, version, id, 'metadata-test', request));
  const answer = decodeResponseFrame(API_KEYS.Metadata, version, Uint8Array.from(await raw.nextFrame()));
  expect(answer.correlationId).toBe(id);
  return answer.body;
}

async function zookeeperJson(path: string): Promise<Record<string, unknown>> {
  const zookeeper = await cluster.zookeeperClient();
  return JSON.parse(new TextDecoder().decode((await zookeeper.getData(path)).data)) as Record<string, unknown>;
}

beforeAll(async () => {
  cluster = await startKafkaTestCluster();
  const admin = new Kafka({ brokers: cluster.bootstrap, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 2, replicationFactor: 3 }], waitForLeaders: true });
  await admin.disconnect();
  raw = await RawKafkaConnection.open(Number(cluster.bootstrap[0].split(':')[1]));
});

afterAll(async () => {
  raw?.destroy();
  await cluster?.close();
});

describe('Metadata v0..v12 on the embedded brokers', () => {
  it('answers every version with the same brokers and partitions; topic ids from v10, leader epochs from v7', async () => {
    const topicId = (await zookeeperJson('/brokers/topics/orders')).topic_id as string;
    const epochs = await Promise.all([0, 1].map(async (p) => (await zookeeperJson(`/brokers/topics/orders/partitions/${p}/state`)).leader_epoch));
    const reference = await metadata(12, { topics: [{ name: 'orders' }], allowAutoTopicCreation: false });
    for (let version = 0; version <= 12; version++) {
      const answer = await metadata(version, { topics: [{ name: 'orders' }], allowAutoTopicCreation: version >= 4 ? false : undefined });
      expect(answer.brokers.map((broker) => [broker.nodeId, broker.host, broker.port])).toEqual(reference.brokers.map((broker) => [broker.nodeId, broker.host, broker.port]));
      const [topic] = answer.topics;
      expect(topic).toMatchObject({ errorCode: 0, name: 'orders' });
      expect(topic.partitions.map((p) => [p.partitionIndex, p.leaderId, p.replicaNodes, p.isrNodes])).toEqual(
        reference.topics[0].partitions.map((p) => [p.partitionIndex, p.leaderId, p.replicaNodes, p.isrNodes]),
      );
      expect(topic.topicId === undefined ? undefined : uuidToText(topic.topicId)).toBe(version >= 10 ? topicId : undefined);
      expect(topic.partitions.map((p) => p.leaderEpoch)).toEqual(version >= 7 ? epochs : [undefined, undefined]);
      expect(topic.topicAuthorizedOperations).toBe(version >= 8 ? NOT_ASKED : undefined);
    }
  });

  it('v12 asks by topic id: a known id gets its topic, an unknown one UNKNOWN_TOPIC_ID with a null name, first', async () => {
    const topicId = uuidFromText((await zookeeperJson('/brokers/topics/orders')).topic_id as string);
    const unknown = uuidFromText('8JzfuSh5QE6_biHVoDerqw');
    const answer = await metadata(12, { topics: [{ topicId, name: null }, { topicId: unknown, name: null }], allowAutoTopicCreation: false });
    expect(answer.topics.map((topic) => [topic.errorCode, topic.name, topic.topicId])).toEqual([
      [KAFKA_ERRORS.UNKNOWN_TOPIC_ID.code, null, unknown],
      [0, 'orders', topicId],
    ]);
    expect(answer.topics[1].partitions).toHaveLength(2);
  });

  it('a topic id or a null name before v12 is an INVALID_REQUEST for every topic asked, on a connection that stays open', async () => {
    const topicId = uuidFromText((await zookeeperJson('/brokers/topics/orders')).topic_id as string);
    const byId = await metadata(10, { topics: [{ topicId, name: 'orders' }], allowAutoTopicCreation: false });
    expect(byId.topics).toEqual([{ errorCode: KAFKA_ERRORS.INVALID_REQUEST.code, name: 'orders', topicId, isInternal: false, partitions: [], topicAuthorizedOperations: NOT_ASKED }]);
    const nullName = await metadata(11, { topics: [{ name: null }], allowAutoTopicCreation: false });
    expect(nullName.topics.map((topic) => [topic.errorCode, topic.name])).toEqual([[KAFKA_ERRORS.INVALID_REQUEST.code, '']]);
    expect((await metadata(11, { topics: [{ name: 'orders' }], allowAutoTopicCreation: false })).topics[0].errorCode).toBe(0);
  });

  it('authorized operations only when asked: every topic operation (no authorizer), cluster ones up to v10', async () => {
    const asked = await metadata(10, { topics: [{ name: 'orders' }], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: true, includeClusterAuthorizedOperations: true });
    expect(asked.topics[0].topicAuthorizedOperations).toBe(ALL_TOPIC_OPERATIONS);
    expect(asked.clusterAuthorizedOperations).toBe(ALL_CLUSTER_OPERATIONS);
    const v12 = await metadata(12, { topics: [{ name: 'orders' }], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: true });
    expect(v12.topics[0].topicAuthorizedOperations).toBe(ALL_TOPIC_OPERATIONS);
    expect(v12.clusterAuthorizedOperations).toBeUndefined();
  });

  it('an unknown name still gets UNKNOWN_TOPIC_OR_PARTITION and the zero id', async () => {
    const answer = await metadata(12, { topics: [{ name: 'nope' }], allowAutoTopicCreation: false });
    expect(answer.topics).toEqual([{ errorCode: KAFKA_ERRORS.UNKNOWN_TOPIC_OR_PARTITION.code, name: 'nope', topicId: new Uint8Array(16), isInternal: false, partitions: [], topicAuthorizedOperations: NOT_ASKED }]);
  });

  it('kafkajs (Metadata v6, its max) reads the same topics', async () => {
    const admin = new Kafka({ brokers: cluster.bootstrap, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: ['orders'] });
      expect(topics[0].partitions.map((p) => p.partitionId).sort()).toEqual([0, 1]);
    } finally {
      await admin.disconnect();
    }
  });
});
