/**
 * `__consumer_offsets` appears as Kafka creates it: not at start-up, but when the first FindCoordinator for a
 * group arrives (`KafkaApis.getCoordinator` → auto topic creation), with `offsets.topic.num.partitions` (50)
 * and `offsets.topic.replication.factor` (3) at Kafka's defaults. While fewer brokers than that are alive the
 * creation fails and every lookup answers COORDINATOR_NOT_AVAILABLE, until the missing broker is back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Consumer } from 'kafkajs';
import { offsetsPartitionFor } from '../../src/cluster/kafka/group/java-string-hash.ts';
import { API_KEYS, decodeResponseFrame, encodeRequestFrame, KAFKA_ERRORS } from '../../src/cluster/kafka/protocol/index.ts';
import { eventually, startKafkaTestCluster, type KafkaTestCluster } from '../support/kafka-cluster.ts';
import { createTopic, kafkaClient, runKcat } from '../support/kafka-clients.ts';
import { describeWithPeer } from '../support/peers.ts';
import { RawKafkaConnection } from '../support/raw-kafka-connection.ts';

const OFFSETS_TOPIC = '__consumer_offsets';
const COORDINATOR_NOT_AVAILABLE = KAFKA_ERRORS.COORDINATOR_NOT_AVAILABLE.code;

/** Only the ZooKeeper session timeout is shortened; the offsets topic settings stay at Kafka's defaults. */
const startCluster = () => startKafkaTestCluster({ config: { defaultReplicationFactor: 3, groupInitialRebalanceDelayMs: 0 } });

let cluster: KafkaTestCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

/** The topics ZooKeeper knows (`ls /brokers/topics`). */
async function zkTopics(c: KafkaTestCluster): Promise<string[]> {
  return (await (await c.zookeeperClient()).getChildren('/brokers/topics')).sort();
}

/** `/brokers/topics/__consumer_offsets` as the controller wrote it: partition → replicas. */
async function offsetsAssignment(c: KafkaTestCluster): Promise<Record<string, number[]>> {
  const { data } = await (await c.zookeeperClient()).getData(`/brokers/topics/${OFFSETS_TOPIC}`);
  return (JSON.parse(new TextDecoder().decode(data)) as { partitions: Record<string, number[]> }).partitions;
}

/** A FindCoordinator v2 for `group` sent to broker `id` on a bare connection: the answer's error code and node. */
async function findCoordinator(c: KafkaTestCluster, id: number, group: string): Promise<{ errorCode: number; nodeId: number }> {
  const raw = await RawKafkaConnection.open(c.broker(id).port);
  try {
    raw.send(encodeRequestFrame(API_KEYS.FindCoordinator, 2, 1, 'offsets-topic-test', { key: group, keyType: 0 }));
    const { body } = decodeResponseFrame(API_KEYS.FindCoordinator, 2, await raw.nextFrame());
    return { errorCode: body.errorCode, nodeId: body.nodeId };
  } finally {
    raw.destroy();
  }
}

/** A Metadata v9 request for `__consumer_offsets` alone, on a bare connection to broker `id`: the topic's error and internal flag. */
async function offsetsTopicMetadata(c: KafkaTestCluster, id: number, allowAutoTopicCreation: boolean): Promise<{ errorCode: number; isInternal: boolean | undefined }> {
  const raw = await RawKafkaConnection.open(c.broker(id).port);
  try {
    raw.send(encodeRequestFrame(API_KEYS.Metadata, 9, 1, 'offsets-topic-test', { topics: [{ name: OFFSETS_TOPIC }], allowAutoTopicCreation, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false }));
    const [topic] = decodeResponseFrame(API_KEYS.Metadata, 9, await raw.nextFrame()).body.topics;
    return { errorCode: topic.errorCode, isInternal: topic.isInternal };
  } finally {
    raw.destroy();
  }
}

/**
 * A kafkajs consumer in `group` on `topic`, from the beginning, collecting values. `running` settles once it
 * has joined (kafkajs' `run` waits for the coordinator lookup and the join, retrying meanwhile).
 */
async function startConsumer(c: KafkaTestCluster, group: string, topic: string, seen: string[]): Promise<{ consumer: Consumer; running: Promise<void> }> {
  const consumer = kafkaClient(c, group, { retries: 30, initialRetryTime: 200, maxRetryTime: 1000 }).consumer({ groupId: group, maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const running = consumer.run({ eachMessage: async ({ message }) => void seen.push(message.value!.toString()) });
  return { consumer, running };
}

async function produce(c: KafkaTestCluster, topic: string, values: string[]): Promise<void> {
  const producer = kafkaClient(c, 'writer').producer();
  await producer.connect();
  await producer.send({ topic, acks: -1, messages: values.map((value) => ({ value })) });
  await producer.disconnect();
}

/** Every partition of the offsets topic has 3 distinct replicas, and the metadata shows it internal, led and in sync. */
async function expectKafkaDefaultOffsetsTopic(c: KafkaTestCluster): Promise<void> {
  const assignment = await offsetsAssignment(c);
  expect(Object.keys(assignment)).toHaveLength(50);
  for (const replicas of Object.values(assignment)) expect(new Set(replicas).size).toBe(3);
  const config = JSON.parse(new TextDecoder().decode((await (await c.zookeeperClient()).getData(`/config/topics/${OFFSETS_TOPIC}`)).data)) as { config: Record<string, string> };
  expect(config.config['cleanup.policy']).toBe('compact');
  const admin = kafkaClient(c, 'inspector').admin();
  await admin.connect();
  try {
    await eventually('every __consumer_offsets partition led with 3 in-sync replicas', async () => {
      const { topics } = await admin.fetchTopicMetadata({ topics: [OFFSETS_TOPIC] });
      return topics[0].partitions.length === 50 && topics[0].partitions.every((p) => p.leader > 0 && p.replicas.length === 3 && p.isr.length === 3);
    });
  } finally {
    await admin.disconnect();
  }
}

describe('__consumer_offsets is created by the first FindCoordinator', () => {
  it('is absent from a fresh cluster and a kafkajs consumer group creates it with 50 partitions and RF 3', async () => {
    cluster = await startCluster();
    await createTopic(cluster, 'events', 2, 3);
    expect(await zkTopics(cluster)).toEqual(['events']);
    const admin = kafkaClient(cluster, 'lister').admin();
    await admin.connect();
    expect(await admin.listTopics()).toEqual(['events']);
    await admin.disconnect();

    await produce(cluster, 'events', ['e1', 'e2']);
    const seen: string[] = [];
    const { consumer, running } = await startConsumer(cluster, 'first-group', 'events', seen);
    await running;
    await eventually('the group read both records', () => seen.length === 2);
    await consumer.disconnect();
    expect(seen.sort()).toEqual(['e1', 'e2']);
    expect(await zkTopics(cluster)).toEqual([OFFSETS_TOPIC, 'events']);
    await expectKafkaDefaultOffsetsTopic(cluster);
  }, 50_000);

  it('is also created by a Metadata request that allows auto-creation (Kafka 3.9’s getTopicMetadata), not by one that does not', async () => {
    cluster = await startCluster();
    // What Java's admin (kafka-topics --describe) sends: no creation.
    expect(await offsetsTopicMetadata(cluster, 1, false)).toEqual({ errorCode: KAFKA_ERRORS.UNKNOWN_TOPIC_OR_PARTITION.code, isInternal: true });
    expect(await zkTopics(cluster)).toEqual([]);
    // What a producer's metadata sends: created with the offsets topic's settings, its leaders being elected.
    expect(await offsetsTopicMetadata(cluster, 2, true)).toEqual({ errorCode: KAFKA_ERRORS.LEADER_NOT_AVAILABLE.code, isInternal: true });
    await expectKafkaDefaultOffsetsTopic(cluster);
  }, 40_000);

  it('waits for offsets.topic.replication.factor brokers: COORDINATOR_NOT_AVAILABLE with 2 of 3 alive, a coordinator once the third is back', async () => {
    cluster = await startCluster();
    const c = cluster;
    await createTopic(c, 'late', 1, 2);
    await c.stop(3);
    await eventually('brokers 1 and 2 see only each other', () => [1, 2].every((id) => c.broker(id).services.metadata.liveBrokers().length === 2));

    for (const id of [1, 2]) expect(await findCoordinator(c, id, 'patient-group')).toEqual({ errorCode: COORDINATOR_NOT_AVAILABLE, nodeId: -1 });
    // Each lookup asked for the topic and failed (RF 3 > 2 live brokers): nothing was written.
    expect(await zkTopics(c)).toEqual(['late']);
    expect(await findCoordinator(c, 1, 'patient-group')).toEqual({ errorCode: COORDINATOR_NOT_AVAILABLE, nodeId: -1 });

    // A consumer started now keeps retrying the lookup; it joins once broker 3 is back.
    await produce(c, 'late', ['l1']);
    const seen: string[] = [];
    const { consumer, running } = await startConsumer(c, 'patient-group', 'late', seen);
    let joined = false;
    const settled = running.then(() => (joined = true));
    expect(await findCoordinator(c, 2, 'patient-group')).toEqual({ errorCode: COORDINATOR_NOT_AVAILABLE, nodeId: -1 });
    expect([joined, seen]).toEqual([false, []]);
    await c.start(3);
    await settled;
    await eventually('the group read the record once broker 3 was back', () => seen.length === 1, 30_000);
    await consumer.disconnect();
    const found = await findCoordinator(c, 2, 'patient-group');
    expect(found.errorCode).toBe(0);
    expect([1, 2, 3]).toContain(found.nodeId);
    await expectKafkaDefaultOffsetsTopic(c);
  }, 60_000);

  it('with RF 1 (the single-broker trap of chapter 5) only the groups whose partition lived on a stopped broker lose their coordinator', async () => {
    cluster = await startKafkaTestCluster({ config: { offsetsTopicReplicationFactor: 1, offsetsTopicNumPartitions: 3 } });
    const c = cluster;
    await eventually('the offsets topic created and led', async () => (await findCoordinator(c, 1, 'probe')).errorCode === 0);
    const assignment = await offsetsAssignment(c);
    const groups = Array.from({ length: 40 }, (_, i) => `group-${i}`);
    const onBroker = (group: string) => assignment[String(offsetsPartitionFor(group, 3))][0];
    const stopped = onBroker('probe') === 3 ? 2 : 3;
    const lost = groups.find((group) => onBroker(group) === stopped)!;
    const kept = groups.find((group) => onBroker(group) !== stopped)!;
    await c.kill(stopped);
    await eventually(`broker ${stopped}'s offsets partition offline`, async () => (await findCoordinator(c, 1, lost)).errorCode === COORDINATOR_NOT_AVAILABLE, 20_000);
    expect(await findCoordinator(c, 1, kept)).toEqual({ errorCode: 0, nodeId: onBroker(kept) });
  }, 40_000);
});

describeWithPeer('kcat', '__consumer_offsets created by kcat -G', () => {
  it('kcat -G as the first group creates it with 50 partitions and RF 3', async () => {
    cluster = await startCluster();
    await createTopic(cluster, 'clicks', 2, 3);
    await produce(cluster, 'clicks', ['c1', 'c2', 'c3']);
    expect(await zkTopics(cluster)).toEqual(['clicks']);
    const result = await runKcat(['-b', cluster.bootstrap.join(','), '-G', 'kcat-first', 'clicks', '-e', '-q', '-f', '%s\\n', '-X', 'auto.offset.reset=earliest'], 40_000);
    expect(result.code, `kcat failed:\n${result.stderr}`).toBe(0);
    expect(result.stdout.split('\n').filter(Boolean).sort()).toEqual(['c1', 'c2', 'c3']);
    expect(await zkTopics(cluster)).toEqual([OFFSETS_TOPIC, 'clicks']);
    await expectKafkaDefaultOffsetsTopic(cluster);
  }, 60_000);
});
