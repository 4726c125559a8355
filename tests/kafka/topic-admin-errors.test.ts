/**
 * CreateTopics and CreatePartitions refusals exactly as Kafka 3.9 in ZooKeeper mode answers them (error code
 * and v1+ error_message, checked in Kafka's order: `KafkaApis`, `ZkAdminManager`, `AdminZkClient`), asked
 * over the wire of the active controller. As in ZooKeeper-mode Kafka, a CreateTopics assignment naming a
 * broker that is not registered is accepted (`ZkAdminManager.createTopics`: "we don't check that
 * replicaAssignment contains unknown brokers"), while CreatePartitions refuses it with
 * INVALID_REPLICA_ASSIGNMENT; kafkajs sees the same codes.
 */
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeResponseFrame, encodeRequestFrame, KAFKA_ERRORS } from '../../src/cluster/kafka/protocol/index.ts';
import type { CreatableTopic, CreatePartitionsResponse, CreatePartitionsTopic, CreateTopicsResponse } from '../../src/cluster/kafka/protocol/index.ts';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';
import { RawKafkaConnection } from '../support/raw-kafka-connection.ts';

const code = (name: keyof typeof KAFKA_ERRORS) => KAFKA_ERRORS[name].code;

describe('CreateTopics / CreatePartitions errors as Kafka answers them', () => {
  let cluster: KafkaTestCluster;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ config: { offsetsTopicNumPartitions: 1 } });
  });
  afterAll(async () => {
    await cluster?.close();
  });

  const controllerPort = () => cluster.broker(cluster.ids.find((id) => cluster.broker(id).services.internals.controller.isActive)!).port;

  const topic = (name: string, fields: Partial<CreatableTopic> = {}): CreatableTopic => ({ name, numPartitions: -1, replicationFactor: -1, assignments: [], configs: [], ...fields });

  const createTopics = async (topics: CreatableTopic[], validateOnly = false, timeoutMs = 5000) => {
    const raw = await RawKafkaConnection.open(controllerPort());
    try {
      raw.send(encodeRequestFrame(19, 4, 3, 'test', { topics, timeoutMs, validateOnly }));
      const { body } = decodeResponseFrame(19, 4, await raw.nextFrame());
      return (body as CreateTopicsResponse).topics.map((t) => [t.name, t.errorCode, t.errorMessage]);
    } finally {
      raw.destroy();
    }
  };

  const createPartitions = async (topics: CreatePartitionsTopic[], timeoutMs = 5000) => {
    const raw = await RawKafkaConnection.open(controllerPort());
    try {
      raw.send(encodeRequestFrame(37, 1, 4, 'test', { topics, timeoutMs, validateOnly: false }));
      const { body } = decodeResponseFrame(37, 1, await raw.nextFrame());
      return (body as CreatePartitionsResponse).results.map((t) => [t.name, t.errorCode, t.errorMessage]);
    } finally {
      raw.destroy();
    }
  };

  it('with timeout_ms 0, creates the topic and adds the partitions all the same, answering REQUEST_TIMED_OUT (ZkAdminManager)', async () => {
    expect(await createTopics([topic('no-wait', { numPartitions: 1, replicationFactor: 3 })], false, 0)).toEqual([['no-wait', code('REQUEST_TIMED_OUT'), null]]);
    const zk = await cluster.zookeeperClient();
    expect(await zk.exists('/brokers/topics/no-wait')).not.toBeNull();
    await eventually('no-wait has a leader', () => cluster.broker(1).services.metadata.topic('no-wait')?.partitions[0]?.leader !== undefined && cluster.broker(1).services.metadata.topic('no-wait')!.partitions[0]!.leader >= 0);
    expect(await createPartitions([{ name: 'no-wait', count: 2, assignments: null }], 0)).toEqual([['no-wait', code('REQUEST_TIMED_OUT'), null]]);
    await eventually('no-wait has 2 partitions', () => cluster.broker(1).services.metadata.topic('no-wait')?.partitions.length === 2);
  });

  it('answers CreateTopics refusals with Kafka\'s codes and messages, in Kafka\'s order', async () => {
    expect(await createTopics([topic('existing', { numPartitions: 1, replicationFactor: 1 }), topic('col_lide', { numPartitions: 1, replicationFactor: 1 })])).toEqual([
      ['existing', 0, null],
      ['col_lide', 0, null],
    ]);
    expect(
      await createTopics(
        [
          topic('existing', { numPartitions: 1, replicationFactor: 9 }),
          topic('nulls', { configs: [{ name: 'retention.ms', value: null }, { name: 'cleanup.policy', value: null }] }),
          topic('both', { numPartitions: 2, assignments: [{ partitionIndex: 0, brokerIds: [1] }] }),
          topic('too.many', { numPartitions: 1, replicationFactor: 4 }),
          topic('zero', { numPartitions: 0, replicationFactor: 1 }),
          topic('bad name!', { numPartitions: 1, replicationFactor: 1 }),
          // The replication factor is checked before the name (Kafka's order).
          topic('bad name 2!', { numPartitions: 1, replicationFactor: 4 }),
          topic('col.lide', { numPartitions: 1, replicationFactor: 1 }),
          topic('uneven', { assignments: [{ partitionIndex: 0, brokerIds: [1, 2] }, { partitionIndex: 1, brokerIds: [3] }] }),
          topic('dupes', { assignments: [{ partitionIndex: 0, brokerIds: [1, 1] }] }),
          topic('gaps', { assignments: [{ partitionIndex: 0, brokerIds: [1] }, { partitionIndex: 2, brokerIds: [2] }] }),
          topic('badconfig', { numPartitions: 1, replicationFactor: 1, configs: [{ name: 'retention.ms', value: 'soon' }] }),
          topic('unknownconfig', { numPartitions: 1, replicationFactor: 1, configs: [{ name: 'retention.weeks', value: '1' }] }),
          topic('twice', { numPartitions: 1, replicationFactor: 1 }),
          topic('twice', { numPartitions: 1, replicationFactor: 1 }),
        ],
        true,
      ),
    ).toEqual([
      ['existing', code('TOPIC_ALREADY_EXISTS'), "Topic 'existing' already exists."],
      ['nulls', code('INVALID_CONFIG'), 'Null value not supported for topic configs: retention.ms,cleanup.policy'],
      ['both', code('INVALID_REQUEST'), 'Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.'],
      ['too.many', code('INVALID_REPLICATION_FACTOR'), 'Replication factor: 4 larger than available brokers: 3.'],
      ['zero', code('INVALID_PARTITIONS'), 'Number of partitions must be larger than 0.'],
      ['bad name!', code('INVALID_TOPIC_EXCEPTION'), "Topic name is invalid: 'bad name!' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'"],
      ['bad name 2!', code('INVALID_REPLICATION_FACTOR'), 'Replication factor: 4 larger than available brokers: 3.'],
      ['col.lide', code('INVALID_TOPIC_EXCEPTION'), "Topic 'col.lide' collides with existing topics: col_lide"],
      ['uneven', code('INVALID_REPLICA_ASSIGNMENT'), 'All partitions should have the same number of replicas'],
      ['dupes', code('INVALID_REPLICA_ASSIGNMENT'), 'Duplicate replica assignment found: HashMap(0 -> ArrayBuffer(1, 1))'],
      ['gaps', code('INVALID_REPLICA_ASSIGNMENT'), 'partitions should be a consecutive 0-based integer sequence'],
      ['badconfig', code('INVALID_CONFIG'), 'Invalid value soon for configuration retention.ms: Not a number of type LONG'],
      ['unknownconfig', code('INVALID_CONFIG'), 'Unknown topic config name: retention.weeks'],
      ['twice', code('INVALID_REQUEST'), 'Found multiple entries for this topic.'],
      ['twice', code('INVALID_REQUEST'), 'Found multiple entries for this topic.'],
    ]);
  });

  it('accepts an assignment naming an unregistered broker at creation (ZooKeeper mode), refuses it when adding partitions', async () => {
    expect(await createTopics([topic('ghost', { assignments: [{ partitionIndex: 0, brokerIds: [1, 9] }] })])).toEqual([['ghost', 0, null]]);
    const kafka = new Kafka({ brokers: cluster.bootstrap, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const partition = await eventually('ghost-0 led by broker 1', async () => (await admin.fetchTopicMetadata({ topics: ['ghost'] })).topics[0].partitions.find((p) => p.leader === 1));
      expect(partition).toMatchObject({ replicas: [1, 9], isr: [1] });

      expect(
        await createPartitions([
          { name: 'nowhere', count: 2, assignments: null },
          { name: 'ghost', count: 1, assignments: null },
          { name: 'ghost', count: 0, assignments: null },
        ]),
      ).toEqual([
        ['nowhere', code('UNKNOWN_TOPIC_OR_PARTITION'), "The topic 'nowhere' does not exist."],
        ['ghost', code('INVALID_REQUEST'), 'Duplicate topic in request.'],
        ['ghost', code('INVALID_REQUEST'), 'Duplicate topic in request.'],
      ]);
      expect(
        await createPartitions([
          { name: 'existing', count: 3, assignments: [{ brokerIds: [9] }, { brokerIds: [2] }] },
          { name: 'ghost', count: 1, assignments: null },
        ]),
      ).toEqual([
        ['existing', code('INVALID_REPLICA_ASSIGNMENT'), 'Unknown broker(s) in replica assignment: 9.'],
        ['ghost', code('INVALID_PARTITIONS'), 'Topic already has 1 partitions.'],
      ]);
      expect(await createPartitions([{ name: 'existing', count: 3, assignments: [{ brokerIds: [2] }] }])).toEqual([
        ['existing', code('INVALID_REPLICA_ASSIGNMENT'), 'Increasing the number of partitions by 2 but 1 assignments provided.'],
      ]);
      expect(await createPartitions([{ name: 'existing', count: 3, assignments: [{ brokerIds: [2] }, { brokerIds: [3, 3] }] }])).toEqual([
        ['existing', code('INVALID_REPLICA_ASSIGNMENT'), 'Duplicate brokers not allowed in replica assignment: 3, 3 for partition id 2.'],
      ]);
      expect(await createPartitions([{ name: 'existing', count: 3, assignments: [{ brokerIds: [2] }, { brokerIds: [2, 3] }] }])).toEqual([
        ['existing', code('INVALID_REPLICA_ASSIGNMENT'), 'Inconsistent replication factor between partitions, partition 0 has 1 while partitions [2] have replication factors [2], respectively.'],
      ]);
      await expect(admin.createPartitions({ topicPartitions: [{ topic: 'existing', count: 2, assignments: [[9]] }] })).rejects.toMatchObject({ type: 'INVALID_REPLICA_ASSIGNMENT' });
    } finally {
      await admin.disconnect();
    }
  });
});
