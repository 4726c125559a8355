/**
 * What a leader checks on a produce request, in Kafka's order (ProduceRequest.validateRecords, then
 * the batch header / CRC / size, then the records): exactly one batch per partition (INVALID_RECORD, so
 * a duplicate cannot hide a new batch of an idempotent producer behind it), zstd only from Produce v7
 * (UNSUPPORTED_COMPRESSION_TYPE), a bad header refused as sent even on a topic that recompresses, and
 * a small gzip batch of very many tiny records with bad inner offsets stored with them rewritten.
 */
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEYS, crc32c, decodeRecordBatch, encodeRecordBatch, encodeRequestFrame, KAFKA_ERRORS } from '../../src/cluster/kafka/protocol/index.ts';
import { startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';
import { kafkaClient } from '../support/kafka-clients.ts';
import { RawKafkaConnection } from '../support/raw-kafka-connection.ts';
import { initProducerId, produceRecords, producerBatch, rawCall } from '../support/raw-producer.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Sets header fields of a batch and makes its CRC right again (only the header is wrong then). */
function withHeader(batch: Uint8Array, edit: (view: DataView) => void): Uint8Array {
  const copy = batch.slice();
  const view = new DataView(copy.buffer);
  edit(view);
  view.setUint32(17, crc32c(copy.subarray(21)));
  return copy;
}

describe('produce request checks, in Kafka order', () => {
  let cluster: KafkaTestCluster;
  let port: number;

  const log = (topic: string) => cluster.broker(1).services.internals.replicas.getPartition(topic, 0)!.log;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ ids: [1], config: { offsetsTopicReplicationFactor: 1, offsetsTopicNumPartitions: 1 } });
    port = cluster.broker(1).port;
    const admin = kafkaClient(cluster, 'setup').admin();
    await admin.connect();
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [
          { topic: 'plain', numPartitions: 1, replicationFactor: 1 },
          { topic: 'idem', numPartitions: 1, replicationFactor: 1 },
          { topic: 'zstd-topic', numPartitions: 1, replicationFactor: 1, configEntries: [{ name: 'compression.type', value: 'zstd' }] },
          { topic: 'tiny', numPartitions: 1, replicationFactor: 1 },
        ],
      });
    } finally {
      await admin.disconnect();
    }
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('refuses two batches for one partition with INVALID_RECORD and stores neither', async () => {
    const one = await encodeRecordBatch({ records: [{ value: bytes('one') }] });
    const two = await encodeRecordBatch({ records: [{ value: bytes('two') }] });
    const answer = await produceRecords(port, 'plain', 0, concat(one, two));
    expect(answer).toMatchObject({ errorCode: KAFKA_ERRORS.INVALID_RECORD.code, baseOffset: -1n });
    expect(log('plain').logEndOffset).toBe(0n);
    expect((await produceRecords(port, 'plain', 0, one)).errorCode).toBe(0);
    expect(log('plain').logEndOffset).toBe(1n);
  });

  it('an idempotent [duplicate, new] pair is refused as a whole, so the new batch is never acknowledged and lost', async () => {
    const { producerId } = await initProducerId(port);
    const first = await producerBatch({ producerId, epoch: 0, sequence: 0, values: ['a'] });
    const second = await producerBatch({ producerId, epoch: 0, sequence: 1, values: ['b'] });
    expect(await produceRecords(port, 'idem', 0, first)).toMatchObject({ errorCode: 0, baseOffset: 0n });
    expect((await produceRecords(port, 'idem', 0, concat(first, second))).errorCode).toBe(KAFKA_ERRORS.INVALID_RECORD.code);
    // The producer's retry of the new batch alone is stored (it was not taken as a duplicate).
    expect(await produceRecords(port, 'idem', 0, second)).toMatchObject({ errorCode: 0, baseOffset: 1n });
    expect(log('idem').logEndOffset).toBe(2n);
  });

  it('a gzip batch of 3 records with lastOffsetDelta 7 is refused on a compression.type=zstd topic, not repaired', async () => {
    const batch = await encodeRecordBatch({ compression: 'gzip', records: ['a', 'b', 'c'].map((v) => ({ value: bytes(v) })) });
    const lying = withHeader(batch, (view) => view.setInt32(23, 7));
    expect((await produceRecords(port, 'zstd-topic', 0, lying)).errorCode).toBe(KAFKA_ERRORS.CORRUPT_MESSAGE.code);
    expect(log('zstd-topic').logEndOffset).toBe(0n);
    expect((await produceRecords(port, 'zstd-topic', 0, batch)).errorCode).toBe(0);
    expect(log('zstd-topic').logEndOffset).toBe(3n);
  });

  it('zstd needs Produce v7: v6 answers UNSUPPORTED_COMPRESSION_TYPE', async () => {
    const batch = await encodeRecordBatch({ compression: 'zstd', records: [{ value: bytes('z') }] });
    const body = { transactionalId: null, acks: -1, timeoutMs: 10_000, topicData: [{ name: 'plain', partitionData: [{ index: 0, records: batch }] }] };
    const before = log('plain').logEndOffset;
    const v6 = await rawCall(port, API_KEYS.Produce, 6, body);
    expect(v6.responses[0].partitionResponses[0].errorCode).toBe(KAFKA_ERRORS.UNSUPPORTED_COMPRESSION_TYPE.code);
    expect(log('plain').logEndOffset).toBe(before);
    const v7 = await rawCall(port, API_KEYS.Produce, 7, body);
    expect(v7.responses[0].partitionResponses[0].errorCode).toBe(0);
  });

  it('10 KB of gzip holding 300k tiny records with offset deltas all 0: stored with deltas 0..n-1, the connection kept', async () => {
    const count = 300_000;
    const record = Uint8Array.of(0x0c, 0, 0, 0, 1, 1, 0); // length 6, offset delta 0, null key, null value, no headers
    const body = new Uint8Array(count * record.length);
    for (let i = 0; i < count; i++) body.set(record, i * record.length);
    const gz = zlib.gzipSync(body, { level: 9 });
    const template = await encodeRecordBatch({ compression: 'gzip', records: [{ value: bytes('x') }] });
    const batch = new Uint8Array(61 + gz.length);
    batch.set(template.subarray(0, 61));
    batch.set(gz, 61);
    const stated = withHeader(batch, (view) => {
      view.setInt32(8, batch.length - 12);
      view.setInt32(23, count - 1);
      view.setInt32(57, count);
    });
    expect(stated.length).toBeLessThan(20_000);
    const raw = await RawKafkaConnection.open(port);
    try {
      // acks=0 first (no answer), then a small acks=1 request on the same connection: answered after it.
      raw.send(encodeRequestFrame(API_KEYS.Produce, 7, 1, 'tiny', { transactionalId: null, acks: 0, timeoutMs: 10_000, topicData: [{ name: 'tiny', partitionData: [{ index: 0, records: stated }] }] }));
      const probe = await encodeRecordBatch({ records: [{ value: bytes('after') }] });
      raw.send(encodeRequestFrame(API_KEYS.Produce, 7, 2, 'tiny', { transactionalId: null, acks: 1, timeoutMs: 10_000, topicData: [{ name: 'tiny', partitionData: [{ index: 0, records: probe }] }] }));
      await raw.nextFrame(20_000);
    } finally {
      raw.destroy();
    }
    expect(log('tiny').logEndOffset).toBe(BigInt(count + 1));
    const [stored] = log('tiny').batches();
    const decoded = await decodeRecordBatch(stored.bytes);
    expect(decoded.records.length).toBe(count);
    expect(decoded.records.every((r, i) => r.offsetDelta === i)).toBe(true);
  });
});
