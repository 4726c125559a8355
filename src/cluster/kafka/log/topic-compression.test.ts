/**
 * A topic's compression.type on produced batches (Kafka's LogValidator): `producer` keeps the bytes,
 * a codec rebuilds the batch with everything but the codec kept, corrupt compressed payloads and
 * decompression bombs answer CORRUPT_MESSAGE with the reason, bad batches pass on to the validation.
 */
import { describe, expect, it } from 'vitest';
import { crc32c } from '../protocol/crc32c.ts';
import { compress, COMPRESSION_CODECS, decodeRecordBatch, encodeRecordBatch, KafkaProtocolError, readRecordBatchHeader, splitRecordBatches } from '../protocol/index.ts';
import type { CompressionName, RecordBatchInput } from '../protocol/index.ts';
import { applyTopicCompression, decompressionCap, targetCompression } from './topic-compression.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const LIMIT = { maxMessageBytes: 1_048_588 };

/** An idempotent producer's batch: headers, a null key, spread timestamps, producer id/epoch/sequence. */
function batchInput(compression: CompressionName): RecordBatchInput {
  return {
    compression,
    producerId: 4711n,
    producerEpoch: 3,
    baseSequence: 42,
    records: [
      { timestamp: 1_700_000_000_000n, key: bytes('k1'), value: bytes('v1'), headers: [{ key: 'trace', value: bytes('t1') }] },
      { timestamp: 1_700_000_000_250n, key: null, value: bytes('v2'.repeat(50)) },
      { timestamp: 1_699_999_999_900n, key: bytes('k3'), value: null, headers: [{ key: 'h', value: null }] },
    ],
  };
}

async function rejection(promise: Promise<unknown>): Promise<KafkaProtocolError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KafkaProtocolError);
  return error as KafkaProtocolError;
}

/** A batch whose compressed payload is `payload`, with a correct CRC (so only decompression can tell). */
async function withPayload(compression: CompressionName, payload: Uint8Array): Promise<Uint8Array> {
  const template = await encodeRecordBatch({ compression, records: [{ value: bytes('x') }] });
  const batch = new Uint8Array(61 + payload.length);
  batch.set(template.subarray(0, 61));
  batch.set(payload, 61);
  const view = new DataView(batch.buffer);
  view.setInt32(8, batch.length - 12);
  view.setUint32(17, crc32c(batch.subarray(21)));
  return batch;
}

describe('topic compression.type', () => {
  it("maps Kafka's values: producer keeps, uncompressed is codec none", () => {
    expect(targetCompression('producer')).toBeUndefined();
    expect(targetCompression('uncompressed')).toBe('none');
    expect(targetCompression('zstd')).toBe('zstd');
  });

  it('producer keeps every batch byte for byte (uncompressed and compressed)', async () => {
    for (const codec of ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const) {
      const records = await encodeRecordBatch(batchInput(codec));
      expect(await applyTopicCompression(records, { compressionType: 'producer', ...LIMIT }), codec).toBe(records);
    }
  });

  for (const [from, to] of [['gzip', 'zstd'], ['none', 'lz4'], ['lz4', 'uncompressed'], ['snappy', 'gzip'], ['zstd', 'snappy']] as const) {
    it(`${to} rebuilds a ${from} batch: records, timestamps, producer id/epoch/sequence kept`, async () => {
      const original = await encodeRecordBatch(batchInput(from));
      const stored = (await applyTopicCompression(original, { compressionType: to, ...LIMIT }))!;
      const before = await decodeRecordBatch(original);
      const after = await decodeRecordBatch(stored);
      expect(after.compression).toBe(to === 'uncompressed' ? 0 : { gzip: 1, snappy: 2, lz4: 3, zstd: 4 }[to]);
      const { compression: _a, crc: _b, batchLength: _c, attributes: _d, ...headerBefore } = before;
      const { compression: _e, crc: _f, batchLength: _g, attributes: _h, ...headerAfter } = after;
      expect(headerAfter).toEqual(headerBefore);
      expect(after.records).toEqual(before.records);
    });
  }

  it('keeps a batch already in the topic codec as sent, and rebuilds only the batches that differ', async () => {
    const zstd = await encodeRecordBatch(batchInput('zstd'));
    expect(await applyTopicCompression(zstd, { compressionType: 'zstd', ...LIMIT })).toBe(zstd);
    const gzip = await encodeRecordBatch({ ...batchInput('gzip'), baseSequence: 45 });
    const both = new Uint8Array([...zstd, ...gzip]);
    const stored = splitRecordBatches((await applyTopicCompression(both, { compressionType: 'zstd', ...LIMIT }))!).batches;
    expect(stored.map((batch) => readRecordBatchHeader(batch).compression)).toEqual([4, 4]);
    expect(stored[0]).toEqual(zstd);
    expect(readRecordBatchHeader(stored[1]).baseSequence).toBe(45);
  });

  it('a compressed payload that does not decompress answers CORRUPT_MESSAGE with the reason, also under producer', async () => {
    const garbage = await withPayload('lz4', Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8));
    for (const compressionType of ['producer', 'zstd']) {
      const error = await rejection(applyTopicCompression(garbage, { compressionType, ...LIMIT }));
      expect(error.code).toBe(2);
      expect(error.message).toMatch(/record batch cannot be read: corrupt lz4 data \(magic 0x4030201 is not an LZ4 frame's 0x184d2204\)/);
    }
  });

  it('a decompression bomb answers CORRUPT_MESSAGE at the cap', async () => {
    const bomb = await encodeRecordBatch({ compression: 'gzip', records: [{ value: new Uint8Array(2 * 1024 * 1024) }] });
    expect(bomb.length).toBeLessThan(10_000);
    const error = await rejection(applyTopicCompression(bomb, { compressionType: 'producer', maxDecompressedBytes: 1024 * 1024, ...LIMIT }));
    expect(error.code).toBe(2);
    expect(error.message).toMatch(/gzip data inflates beyond 1048576 bytes/);
  });

  it('leaves batches with a bad CRC or over max.message.bytes to the validation, unchanged', async () => {
    const batch = await encodeRecordBatch(batchInput('none'));
    const badCrc = batch.slice();
    badCrc[batch.length - 1] ^= 1;
    expect(await applyTopicCompression(badCrc, { compressionType: 'zstd', ...LIMIT })).toBe(badCrc);
    expect(await applyTopicCompression(batch, { compressionType: 'zstd', maxMessageBytes: 100 })).toBe(batch);
    const truncated = batch.subarray(0, 40);
    expect(await applyTopicCompression(truncated, { compressionType: 'zstd', ...LIMIT })).toBe(truncated);
  });

  it('the decompression cap is 64x max.message.bytes, at least 16 MiB and at most 1 GiB', async () => {
    expect(decompressionCap(1_048_588)).toBe(64 * 1_048_588);
    expect(decompressionCap(1000)).toBe(16 * 1024 * 1024);
    expect(decompressionCap(100 * 1024 * 1024)).toBe(1024 * 1024 * 1024);
    // A 17 MiB inflation passes the floor for a small topic limit, a 70 MiB one not the default limit.
    const bomb = await encodeRecordBatch({ compression: 'gzip', records: [{ value: new Uint8Array(70 * 1024 * 1024) }] });
    const error = await rejection(applyTopicCompression(bomb, { compressionType: 'producer', ...LIMIT }));
    expect(error.message).toMatch(new RegExp(`gzip data inflates beyond ${64 * 1_048_588} bytes`));
  });

  it('a batch whose header lies (3 records, lastOffsetDelta 7) is passed on unchanged, never rebuilt into a valid one', async () => {
    const batch = await encodeRecordBatch(batchInput('gzip'));
    const lying = batch.slice();
    const view = new DataView(lying.buffer);
    view.setInt32(23, 7);
    view.setUint32(17, crc32c(lying.subarray(21)));
    expect(await applyTopicCompression(lying, { compressionType: 'zstd', ...LIMIT })).toBe(lying);
  });

  it('names a record whose framing is wrong inside a compressed batch (CORRUPT_MESSAGE), under producer too', async () => {
    // Two records counted, one present: the inner records do not match the header.
    const batch = await encodeRecordBatch({ compression: 'none', records: [{ value: bytes('only') }] });
    const records = batch.subarray(61);
    const gz = await withPayload('gzip', await compress(COMPRESSION_CODECS.gzip, records));
    const view = new DataView(gz.buffer);
    view.setInt32(23, 1);
    view.setInt32(57, 2);
    view.setUint32(17, crc32c(gz.subarray(21)));
    for (const compressionType of ['producer', 'lz4']) {
      const error = await rejection(applyTopicCompression(gz, { compressionType, ...LIMIT }));
      expect(error.message).toBe('CORRUPT_MESSAGE: record batch cannot be read: record 1 of 2 is missing: the records end at byte ' + records.length);
    }
  });

  it('100k tiny records with offset deltas all 0 in a few KB of gzip: rebuilt with deltas 0..n-1 from the bytes', async () => {
    const count = 100_000;
    const body = new Uint8Array(count * 7);
    for (let i = 0; i < count; i++) body.set([0x0c, 0, 0, 0, 1, 1, 0], i * 7);
    const gzipped = await compress(COMPRESSION_CODECS.gzip, body);
    const batch = await withPayload('gzip', gzipped);
    const view = new DataView(batch.buffer);
    view.setInt32(23, count - 1);
    view.setInt32(57, count);
    view.setUint32(17, crc32c(batch.subarray(21)));
    const stored = await applyTopicCompression(batch, { compressionType: 'producer', ...LIMIT });
    expect(stored).not.toBe(batch);
    const decoded = await decodeRecordBatch(stored!);
    expect(readRecordBatchHeader(stored!).compression).toBe(1);
    expect(decoded.records.length).toBe(count);
    expect(decoded.records.every((record, i) => record.offsetDelta === i && record.value === null)).toBe(true);
  });
});
