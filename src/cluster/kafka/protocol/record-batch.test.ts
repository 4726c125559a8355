import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ProtocolDecodeError } from './codec-errors.ts';
import { KafkaProtocolError } from './errors.ts';
import { API_KEYS } from './messages/index.ts';
import {
  decodeRecordBatch,
  decodeRecordBatches,
  encodeRecordBatch,
  isRecordBatchCrcValid,
  readRecordBatchHeader,
  setBaseOffset,
  setPartitionLeaderEpoch,
  splitRecordBatches,
} from './record-batch.ts';
import { decodeRequestFrame } from './request-codec.ts';

const require = createRequire(import.meta.url);
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (bytes: Uint8Array | null): string | null => (bytes === null ? null : new TextDecoder().decode(bytes));

interface KafkajsEncoder {
  buffer: Buffer;
}
type KafkajsRequest = { encode: () => Promise<KafkajsEncoder> };
const kafkajsProduceV7 = require('kafkajs/src/protocol/requests/produce/v7/request') as (args: object) => KafkajsRequest;
const kafkajsFrame = require('kafkajs/src/protocol/request') as (args: object) => Promise<KafkajsEncoder>;

/** The bytes kafkajs 2.2.4 puts on the wire for producer.send (Produce v7), minus the size prefix. */
async function kafkajsProduce(compression: number): Promise<Uint8Array> {
  const request = kafkajsProduceV7({
    acks: -1,
    timeout: 30000,
    compression,
    topicData: [
      {
        topic: 'orders',
        partitions: [
          {
            partition: 2,
            firstSequence: 0,
            messages: [
              { key: 'k1', value: 'hello', timestamp: 1700000000000, headers: { trace: 'abc', multi: ['x', 'y'] } },
              { key: null, value: 'world', timestamp: 1700000000500 },
              { key: 'k3', value: null, timestamp: 1700000000250 },
            ],
          },
        ],
      },
    ],
  });
  const frame = await kafkajsFrame({ correlationId: 7, clientId: 'kjs', request });
  return new Uint8Array(frame.buffer.subarray(4));
}

describe('RecordBatch v2 written by kafkajs 2.2.4', () => {
  for (const [name, codec] of [['uncompressed', 0], ['gzip', 1]] as const) {
    it(`decodes a ${name} producer batch from a kafkajs Produce v7 request`, async () => {
      const outcome = decodeRequestFrame(await kafkajsProduce(codec));
      if (outcome.kind !== 'request' || outcome.apiKey !== API_KEYS.Produce) throw new Error('expected a Produce request');
      expect(outcome.body).toMatchObject({ transactionalId: null, acks: -1, timeoutMs: 30000 });
      const [topic] = outcome.body.topicData;
      expect(topic.name).toBe('orders');
      const [partition] = topic.partitionData;
      expect(partition.index).toBe(2);
      const records = partition.records;
      if (records === null) throw new Error('records are null');

      const { batches, partialTail } = splitRecordBatches(records);
      expect(batches).toHaveLength(1);
      expect(partialTail).toBe(0);
      expect(isRecordBatchCrcValid(batches[0])).toBe(true);
      const header = readRecordBatchHeader(batches[0]);
      expect(header).toMatchObject({
        baseOffset: 0n,
        magic: 2,
        compression: codec,
        timestampType: 'create-time',
        isTransactional: false,
        isControl: false,
        lastOffsetDelta: 2,
        recordCount: 3,
        producerId: -1n,
        producerEpoch: 0,
        baseSequence: 0,
        baseTimestamp: 1700000000000n,
      });

      const batch = await decodeRecordBatch(batches[0]);
      expect(batch.records.map((r) => [r.offset, r.timestamp, text(r.key), text(r.value)])).toEqual([
        [0n, 1700000000000n, 'k1', 'hello'],
        [1n, 1700000000500n, null, 'world'],
        [2n, 1700000000250n, 'k3', null],
      ]);
      expect(batch.records[0].headers.map((h) => [h.key, text(h.value)])).toEqual([['trace', 'abc'], ['multi', 'x'], ['multi', 'y']]);
    });
  }
});

describe('RecordBatch v2 written by us, read by kafkajs 2.2.4', () => {
  it('decodes with the kafkajs fetch decoder (uncompressed and gzip)', async () => {
    const Decoder = require('kafkajs/src/protocol/decoder') as new (buffer: Buffer) => object;
    const decodeKafkajsBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder') as (decoder: object) => Promise<{
      firstOffset: string;
      records: { offset: string; timestamp: string; key: Buffer | null; value: Buffer | null; headers: Record<string, Buffer | Buffer[]> }[];
    }>;
    for (const compression of ['none', 'gzip'] as const) {
      const bytes = await encodeRecordBatch({
        baseOffset: 40n,
        compression,
        producerEpoch: 0,
        records: [
          { timestamp: 1700000000000n, key: utf8('a'), value: utf8('first'), headers: [{ key: 'h', value: utf8('v') }] },
          { timestamp: 1700000000001n, key: null, value: utf8('second') },
        ],
      });
      expect(isRecordBatchCrcValid(bytes)).toBe(true);
      const decoded = await decodeKafkajsBatch(new Decoder(Buffer.from(bytes)));
      expect(decoded.firstOffset).toBe('40');
      expect(decoded.records.map((r) => [r.offset, r.timestamp, r.key?.toString() ?? null, r.value?.toString() ?? null])).toEqual([
        ['40', '1700000000000', 'a', 'first'],
        ['41', '1700000000001', null, 'second'],
      ]);
      expect(decoded.records[0].headers.h.toString()).toBe('v');
    }
  });
});

describe('RecordBatch v2 helpers', () => {
  const sample = () =>
    encodeRecordBatch({
      records: [
        { timestamp: 1000n, key: utf8('k'), value: utf8('v1') },
        { timestamp: 3000n, value: utf8('v2') },
        { timestamp: 2000n, value: null, headers: [{ key: 'n', value: null }] },
      ],
    });

  it('round-trips and fills lastOffsetDelta, base and max timestamps', async () => {
    const bytes = await sample();
    const batch = await decodeRecordBatch(bytes);
    expect(batch).toMatchObject({ lastOffsetDelta: 2, baseTimestamp: 1000n, maxTimestamp: 3000n, recordCount: 3, producerId: -1n, partitionLeaderEpoch: -1 });
    expect(batch.records.map((r) => r.timestamp)).toEqual([1000n, 3000n, 2000n]);
    expect(batch.records[2].headers).toEqual([{ key: 'n', value: null }]);
    expect(batch.batchLength).toBe(bytes.length - 12);
  });

  it('rewrites baseOffset and partitionLeaderEpoch in place without breaking the CRC', async () => {
    const bytes = await sample();
    setBaseOffset(bytes, 1234567890123n);
    setPartitionLeaderEpoch(bytes, 7);
    expect(isRecordBatchCrcValid(bytes)).toBe(true);
    const batch = await decodeRecordBatch(bytes);
    expect(batch.baseOffset).toBe(1234567890123n);
    expect(batch.partitionLeaderEpoch).toBe(7);
    expect(batch.records.map((r) => r.offset)).toEqual([1234567890123n, 1234567890124n, 1234567890125n]);
    bytes[bytes.length - 1] ^= 0xff;
    expect(isRecordBatchCrcValid(bytes)).toBe(false);
  });

  it('splits concatenated batches and reports a partial tail only when allowed', async () => {
    const one = await sample();
    const two = await encodeRecordBatch({ baseOffset: 3n, records: [{ value: utf8('x') }] });
    const joined = new Uint8Array(one.length + two.length);
    joined.set(one);
    joined.set(two, one.length);
    expect(splitRecordBatches(joined).batches.map((b) => b.length)).toEqual([one.length, two.length]);
    const truncated = joined.subarray(0, joined.length - 5);
    expect(() => splitRecordBatches(truncated)).toThrow(ProtocolDecodeError);
    expect(splitRecordBatches(truncated, { allowPartialTail: true })).toMatchObject({ partialTail: two.length - 5 });
    expect((await decodeRecordBatches(truncated)).map((b) => b.baseOffset)).toEqual([0n]);
    expect(splitRecordBatches(new Uint8Array(0)).batches).toEqual([]);
  });

  it('uses the batch maxTimestamp for LogAppendTime batches', async () => {
    const batch = await decodeRecordBatch(await encodeRecordBatch({ timestampType: 'log-append-time', maxTimestamp: 99n, records: [{ timestamp: 5n, value: null }] }));
    expect(batch.records[0].timestamp).toBe(99n);
  });

  it('encodes and decodes every Kafka codec; codec ids 5-7 answer UNSUPPORTED_COMPRESSION_TYPE', async () => {
    for (const compression of ['gzip', 'snappy', 'lz4', 'zstd'] as const) {
      const input = { compression, records: [{ timestamp: 7n, key: new TextEncoder().encode('k'), value: new TextEncoder().encode(compression.repeat(40)) }] };
      const decoded = await decodeRecordBatch(await encodeRecordBatch(input));
      expect(decoded.compression).toBe({ gzip: 1, snappy: 2, lz4: 3, zstd: 4 }[compression]);
      expect(new TextDecoder().decode(decoded.records[0].value!)).toBe(compression.repeat(40));
    }
    for (const codec of [5, 6, 7]) {
      const bytes = await sample();
      bytes[22] = (bytes[22] & ~7) | codec;
      const error = await decodeRecordBatch(bytes).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KafkaProtocolError);
      expect((error as KafkaProtocolError).code).toBe(76);
    }
  });

  it('rejects other magic bytes, corrupt gzip and decompression bombs with ProtocolDecodeError', async () => {
    const bytes = await sample();
    bytes[16] = 1;
    expect(() => readRecordBatchHeader(bytes)).toThrow(/magic 1/);

    const gzip = await encodeRecordBatch({ compression: 'gzip', records: [{ value: new Uint8Array(100000) }] });
    await expect(decodeRecordBatch(gzip, { maxDecompressedBytes: 1000 })).rejects.toThrow(/inflates beyond 1000 bytes/);
    const corrupt = gzip.slice();
    corrupt.fill(0x55, 70, 90);
    await expect(decodeRecordBatch(corrupt)).rejects.toBeInstanceOf(ProtocolDecodeError);
  });
});
