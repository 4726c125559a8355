/**
 * Builds and reads plain (uncompressed) RecordBatch v2 buffers for the broker's own writes, such as the
 * group coordinator's `__consumer_offsets` records. Client batches are never rebuilt: they are stored as
 * produced.
 */
import { crc32c } from '../protocol/crc32c.ts';
import { KafkaReader, KafkaWriter } from '../protocol/index.ts';
import { BATCH_HEADER_BYTES } from './partition-log.ts';

export interface SimpleRecord {
  key: Uint8Array | null;
  value: Uint8Array | null;
}

/** One uncompressed batch of `records` (baseOffset 0, CreateTime `timestamp`, no producer id). */
export function buildRecordBatch(records: readonly SimpleRecord[], timestamp = BigInt(Date.now())): Uint8Array {
  const body = new KafkaWriter();
  records.forEach((record, index) => {
    const inner = new KafkaWriter();
    inner.int8(0);
    inner.varlong(0n);
    inner.varint(index);
    if (record.key === null) inner.varint(-1);
    else inner.varint(record.key.length).raw(record.key);
    if (record.value === null) inner.varint(-1);
    else inner.varint(record.value.length).raw(record.value);
    inner.varint(0);
    const bytes = inner.toBytes();
    body.varint(bytes.length).raw(bytes);
  });
  const recordBytes = body.toBytes();
  const out = new Uint8Array(BATCH_HEADER_BYTES + recordBytes.length);
  const view = new DataView(out.buffer);
  view.setBigInt64(0, 0n);
  view.setInt32(8, out.length - 12);
  view.setInt32(12, -1);
  view.setInt8(16, 2);
  view.setInt16(21, 0);
  view.setInt32(23, records.length - 1);
  view.setBigInt64(27, timestamp);
  view.setBigInt64(35, timestamp);
  view.setBigInt64(43, -1n);
  view.setInt16(51, -1);
  view.setInt32(53, -1);
  view.setInt32(57, records.length);
  out.set(recordBytes, BATCH_HEADER_BYTES);
  view.setUint32(17, crc32c(out.subarray(21)));
  return out;
}

/** The records of an uncompressed batch with their absolute offsets; compressed or control batches yield nothing. */
export function readRecordBatch(batch: Uint8Array): Array<{ offset: bigint } & SimpleRecord> {
  const view = new DataView(batch.buffer, batch.byteOffset, batch.byteLength);
  const attributes = view.getInt16(21);
  if ((attributes & 0x07) !== 0 || (attributes & 0x20) !== 0) return [];
  const baseOffset = view.getBigInt64(0);
  const count = view.getInt32(57);
  const reader = new KafkaReader(batch, BATCH_HEADER_BYTES);
  const out: Array<{ offset: bigint } & SimpleRecord> = [];
  for (let i = 0; i < count; i++) {
    const length = reader.varint();
    const end = reader.offset + length;
    reader.int8();
    reader.varlong();
    const offsetDelta = reader.varint();
    const keyLength = reader.varint();
    const key = keyLength < 0 ? null : reader.raw(keyLength).slice();
    const valueLength = reader.varint();
    const value = valueLength < 0 ? null : reader.raw(valueLength).slice();
    reader.skip(end - reader.offset);
    out.push({ offset: baseOffset + BigInt(offsetDelta), key, value });
  }
  return out;
}
