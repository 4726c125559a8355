/**
 * Idempotent produce on the wire, as Kafka 3.9 answers it: InitProducerId hands out producer ids from
 * blocks each broker takes in `/latest_producer_id_block`; a replayed batch (same producer id, epoch and
 * sequence) is acknowledged with its original offset and stored once; a sequence gap is
 * OUT_OF_ORDER_SEQUENCE_NUMBER, an older epoch INVALID_PRODUCER_EPOCH; a transactional id is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEYS, decodeResponseFrame, encodeRequestFrame, KAFKA_ERRORS } from '../../src/cluster/kafka/protocol/index.ts';
import { RawKafkaConnection } from '../support/raw-kafka-connection.ts';
import { createLogger } from '../../src/cluster/logger.ts';
import type { LogLine } from '../../src/cluster/logger.ts';
import { startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';
import { kafkaClient } from '../support/kafka-clients.ts';
import { initProducerId, produceRecords, producerBatch } from '../support/raw-producer.ts';

const TOPIC = 'idem-wire';

describe('idempotent produce on the wire', () => {
  let cluster: KafkaTestCluster;
  let leaderPort: number;
  const lines: LogLine[] = [];

  /** The partition's log end offset on its leader, as ListOffsets (latest) answers it. */
  async function logEnd(): Promise<bigint> {
    const admin = kafkaClient(cluster, 'offsets').admin();
    await admin.connect();
    try {
      const [offsets] = await admin.fetchTopicOffsets(TOPIC);
      return BigInt(offsets.high);
    } finally {
      await admin.disconnect();
    }
  }

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ config: { minInsyncReplicas: 2, offsetsTopicNumPartitions: 3 }, logger: createLogger((line) => lines.push(line), 'info') });
    const admin = kafkaClient(cluster, 'setup').admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
    const { topics } = await admin.fetchTopicMetadata({ topics: [TOPIC] });
    await admin.disconnect();
    leaderPort = cluster.broker(topics[0].partitions[0].leader).port;
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('hands out producer ids from one ZooKeeper block per broker, never the same block twice', async () => {
    const answers = await Promise.all(cluster.ids.flatMap((id) => [initProducerId(cluster.broker(id).port), initProducerId(cluster.broker(id).port)]));
    for (const answer of answers) expect(answer).toMatchObject({ errorCode: 0, producerEpoch: 0 });
    const ids = answers.map((a) => a.producerId);
    expect(new Set(ids).size).toBe(ids.length);
    // Each broker's ids come from its own block of 1000: the three blocks are 0-999, 1000-1999, 2000-2999.
    const blocks = cluster.ids.map((_, i) => ids[2 * i] / 1000n);
    expect([...blocks].sort()).toEqual([0n, 1n, 2n]);
    for (let i = 0; i < cluster.ids.length; i++) expect(ids[2 * i + 1]).toBe(ids[2 * i] + 1n);

    const zk = await cluster.zookeeperClient();
    const { data, stat } = await zk.getData('/latest_producer_id_block');
    const block = JSON.parse(new TextDecoder().decode(data)) as Record<string, unknown>;
    expect(block).toEqual({ version: 1, broker: expect.any(Number), block_start: '2000', block_end: '2999' });
    const lastBroker = cluster.ids[blocks.indexOf(2n)];
    expect(block.broker).toBe(lastBroker);
    expect(stat.version).toBe(3);
  });

  it('acknowledges a replayed batch with its original offset and stores it once', async () => {
    expect((await produceRecords(leaderPort, TOPIC, 0, await producerBatch({ producerId: -1n, epoch: -1, sequence: -1, values: ['plain'] }))).errorCode).toBe(0);
    const { producerId } = await initProducerId(leaderPort);
    const batch = await producerBatch({ producerId, epoch: 0, sequence: 0, values: ['a', 'b', 'c'] });
    const first = await produceRecords(leaderPort, TOPIC, 0, batch);
    expect(first).toMatchObject({ errorCode: 0, baseOffset: 1n, logAppendTimeMs: -1n });
    const end = await logEnd();
    expect(end).toBe(4n);
    const replay = await produceRecords(leaderPort, TOPIC, 0, batch);
    expect(replay).toMatchObject({ errorCode: 0, baseOffset: 1n });
    expect(await logEnd()).toBe(end);
    // acks=1 and acks=0 replays are recognised too.
    expect(await produceRecords(leaderPort, TOPIC, 0, batch, 1)).toMatchObject({ errorCode: 0, baseOffset: 1n });
    // acks=0 has no answer: a Metadata request after it on the same connection is answered once the broker
    // handled it (one request at a time, in order); the log end has not moved.
    const raw = await RawKafkaConnection.open(leaderPort);
    try {
      const produce = { transactionalId: null, acks: 0, timeoutMs: 10_000, topicData: [{ name: TOPIC, partitionData: [{ index: 0, records: batch }] }] };
      raw.send(encodeRequestFrame(API_KEYS.Produce, 7, 100, 'acks0-replay', produce));
      raw.send(encodeRequestFrame(API_KEYS.Metadata, 9, 101, 'acks0-replay', { topics: [{ name: TOPIC }], allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false }));
      const reply = decodeResponseFrame(API_KEYS.Metadata, 9, await raw.nextFrame());
      expect(reply.correlationId, 'the Metadata answer comes first: acks=0 sends none').toBe(101);
    } finally {
      raw.destroy();
    }
    expect(await logEnd()).toBe(end);
    const next = await produceRecords(leaderPort, TOPIC, 0, await producerBatch({ producerId, epoch: 0, sequence: 3, values: ['d'] }), 1);
    expect(next).toMatchObject({ errorCode: 0, baseOffset: 4n });
    expect(await logEnd()).toBe(5n);
  });

  it('refuses a sequence gap with OUT_OF_ORDER_SEQUENCE_NUMBER and an older epoch with INVALID_PRODUCER_EPOCH', async () => {
    const { producerId } = await initProducerId(leaderPort);
    expect((await produceRecords(leaderPort, TOPIC, 0, await producerBatch({ producerId, epoch: 0, sequence: 0, values: ['x', 'y'] }))).errorCode).toBe(0);
    const before = await logEnd();
    const gap = await produceRecords(leaderPort, TOPIC, 0, await producerBatch({ producerId, epoch: 0, sequence: 5, values: ['gap'] }));
    expect(gap).toMatchObject({ errorCode: KAFKA_ERRORS.OUT_OF_ORDER_SEQUENCE_NUMBER.code, baseOffset: -1n });
    // A newer epoch starts at sequence 0 (a producer bumps its epoch itself); then the old one is fenced.
    const midway = await produceRecords(leaderPort, TOPIC, 0, await producerBatch({ producerId, epoch: 1, sequence: 2, values: ['midway'] }));
    expect(midway.errorCode).toBe(KAFKA_ERRORS.OUT_OF_ORDER_SEQUENCE_NUMBER.code);
    expect((await produceRecords(leaderPort, TOPIC, 0, await producerBatch({ producerId, epoch: 1, sequence: 0, values: ['new epoch'] }))).errorCode).toBe(0);
    const stale = await produceRecords(leaderPort, TOPIC, 0, await producerBatch({ producerId, epoch: 0, sequence: 2, values: ['stale'] }));
    expect(stale).toMatchObject({ errorCode: KAFKA_ERRORS.INVALID_PRODUCER_EPOCH.code, baseOffset: -1n });
    expect(await logEnd()).toBe(before + 1n);
    // Logged as Kafka's ReplicaManager does: a sequence error at ERROR, a fenced epoch at INFO.
    const appendErrors = lines.filter((line) => line.message === `Error processing append operation on partition ${TOPIC}-0`);
    expect(appendErrors.map((line) => [line.level, String(line.fields?.error).split(':')[0]])).toEqual([
      ['error', 'OUT_OF_ORDER_SEQUENCE_NUMBER'],
      ['error', 'OUT_OF_ORDER_SEQUENCE_NUMBER'],
      ['info', 'INVALID_PRODUCER_EPOCH'],
    ]);
  });

  it('recognises a replay on a topic whose compression.type recompresses every batch', async () => {
    const admin = kafkaClient(cluster, 'setup-gzip').admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'idem-gzip', numPartitions: 1, replicationFactor: 3, configEntries: [{ name: 'compression.type', value: 'gzip' }] }], waitForLeaders: true });
    const { topics } = await admin.fetchTopicMetadata({ topics: ['idem-gzip'] });
    await admin.disconnect();
    const port = cluster.broker(topics[0].partitions[0].leader).port;
    const { producerId } = await initProducerId(port);
    const batch = await producerBatch({ producerId, epoch: 0, sequence: 0, values: ['g1', 'g2'] });
    expect(await produceRecords(port, 'idem-gzip', 0, batch)).toMatchObject({ errorCode: 0, baseOffset: 0n });
    expect(await produceRecords(port, 'idem-gzip', 0, batch)).toMatchObject({ errorCode: 0, baseOffset: 0n });
    const gap = await producerBatch({ producerId, epoch: 0, sequence: 7, values: ['g8'] });
    expect((await produceRecords(port, 'idem-gzip', 0, gap)).errorCode).toBe(KAFKA_ERRORS.OUT_OF_ORDER_SEQUENCE_NUMBER.code);
    const partition = cluster.broker(topics[0].partitions[0].leader).services.internals.replicas.getPartition('idem-gzip', 0)!;
    expect(partition.logEndOffset).toBe(2n);
    expect(partition.log.batches()[0].bytes[22] & 0x07).toBe(1);
  });

  it('refuses a transactional id: transactions are not supported', async () => {
    const answer = await initProducerId(leaderPort, 'tx-1');
    expect(answer).toMatchObject({ errorCode: KAFKA_ERRORS.TRANSACTIONAL_ID_AUTHORIZATION_FAILED.code, producerId: -1n, producerEpoch: -1 });
  });
});
