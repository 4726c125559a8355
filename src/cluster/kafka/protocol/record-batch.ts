/**
 * RecordBatch v2 (magic 2), the only record format the teaching cluster accepts and serves
 * (AK DefaultRecordBatch / DefaultRecord). A `records` field of Produce/Fetch holds zero or more
 * batches back to back.
 *
 * Layout (offsets in bytes):
 *   0 baseOffset int64 | 8 batchLength int32 (bytes after this field) | 12 partitionLeaderEpoch int32
 *   16 magic int8 = 2 | 17 crc uint32 = CRC-32C of bytes [21, end) | 21 attributes int16
 *   23 lastOffsetDelta int32 | 27 baseTimestamp int64 | 35 maxTimestamp int64 | 43 producerId int64
 *   51 producerEpoch int16 | 53 baseSequence int32 | 57 recordCount int32 | 61 records (compressed
 *   as a whole when attributes & 7 != 0; recordCount is never compressed)
 * Record: length varint, attributes int8, timestampDelta varlong, offsetDelta varint, key (varint
 * length, -1 = null), value (same), header count varint, headers [key (varint length + UTF-8),
 * value (varint length, -1 = null)].
 *
 * The broker works on raw bytes: `splitRecordBatches`, `readRecordBatchHeader`, `isRecordBatchCrcValid`,
 * `setBaseOffset`, `setPartitionLeaderEpoch` (both outside the CRC, so no re-encoding). Full decoding
 * and encoding (`decodeRecordBatch(es)`, `encodeRecordBatch`) are async because the codecs are.
 */
import { ProtocolDecodeError, ProtocolEncodeError } from './codec-errors.ts';
import { COMPRESSION_CODECS, compress, decompress, DEFAULT_MAX_DECOMPRESSED_BYTES } from './compression.ts';
import type { CompressionName } from './compression.ts';
import { crc32c } from './crc32c.ts';
import { KafkaReader } from './reader.ts';
import { KafkaWriter } from './writer.ts';

/** Bytes before the records of a batch. */
export const RECORD_BATCH_HEADER_SIZE = 61;
/** Bytes before `batchLength` counts (baseOffset + batchLength). */
export const RECORD_BATCH_LOG_OVERHEAD = 12;
/** Offset of the first byte covered by the CRC. */
const CRC_START = 21;
const MAGIC_OFFSET = 16;
const CRC_OFFSET = 17;
const PARTITION_LEADER_EPOCH_OFFSET = 12;

const TIMESTAMP_TYPE_BIT = 0x08;
const TRANSACTIONAL_BIT = 0x10;
const CONTROL_BIT = 0x20;
const DELETE_HORIZON_BIT = 0x40;

/** Everything before the records, plus the flags unpacked from `attributes`. */
export interface RecordBatchHeader {
  readonly baseOffset: bigint;
  /** Bytes after the batchLength field; the whole batch is `batchLength + 12` bytes. */
  readonly batchLength: number;
  readonly partitionLeaderEpoch: number;
  readonly magic: number;
  readonly crc: number;
  readonly attributes: number;
  /** Codec id, attributes bits 0-2 (see COMPRESSION_CODECS). */
  readonly compression: number;
  readonly timestampType: 'create-time' | 'log-append-time';
  readonly isTransactional: boolean;
  readonly isControl: boolean;
  readonly hasDeleteHorizon: boolean;
  /** Offset of the last record relative to baseOffset (records - 1 for a fresh batch). */
  readonly lastOffsetDelta: number;
  readonly baseTimestamp: bigint;
  readonly maxTimestamp: bigint;
  readonly producerId: bigint;
  readonly producerEpoch: number;
  readonly baseSequence: number;
  readonly recordCount: number;
}

export interface RecordHeader {
  readonly key: string;
  readonly value: Uint8Array | null;
}

/** One decoded record; `offset` and `timestamp` are computed from the batch. */
export interface DecodedRecord {
  readonly offset: bigint;
  /** baseTimestamp + timestampDelta, or the batch maxTimestamp for LogAppendTime batches (as clients read it). */
  readonly timestamp: bigint;
  readonly offsetDelta: number;
  readonly timestampDelta: bigint;
  readonly attributes: number;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers: readonly RecordHeader[];
}

export interface DecodedRecordBatch extends RecordBatchHeader {
  readonly records: readonly DecodedRecord[];
}

/** A record to encode. */
export interface RecordInput {
  /** Absolute timestamp in ms; defaults to the batch's baseTimestamp. */
  readonly timestamp?: bigint;
  readonly key?: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers?: readonly RecordHeader[];
  /** Offset relative to the batch's baseOffset; defaults to the record's index (a compacted batch keeps gaps). */
  readonly offsetDelta?: number;
}

/** A batch to encode. Defaults are what a non-idempotent Java producer writes. */
export interface RecordBatchInput {
  readonly baseOffset?: bigint;
  /** Defaults to -1 (Kafka's NO_PARTITION_LEADER_EPOCH); the broker sets it on append. */
  readonly partitionLeaderEpoch?: number;
  readonly compression?: CompressionName;
  readonly timestampType?: 'create-time' | 'log-append-time';
  readonly isTransactional?: boolean;
  readonly isControl?: boolean;
  /** Attributes bit 6: `baseTimestamp` is the delete horizon the log cleaner set (Kafka 3.x, KIP-534). */
  readonly hasDeleteHorizon?: boolean;
  /** Defaults to the first record's timestamp, else 0. */
  readonly baseTimestamp?: bigint;
  /** Defaults to the largest record timestamp. */
  readonly maxTimestamp?: bigint;
  readonly producerId?: bigint;
  readonly producerEpoch?: number;
  readonly baseSequence?: number;
  /** Defaults to records.length - 1. */
  readonly lastOffsetDelta?: number;
  readonly records: readonly RecordInput[];
}

/**
 * Splits a `records` field into batch views (no copies). A truncated last batch is returned as
 * `partialTail` (bytes) when `allowPartialTail` (fetch responses may end with one) and throws otherwise
 * (a producer never sends one). Throws `ProtocolDecodeError` for a bad batchLength.
 */
export function splitRecordBatches(
  records: Uint8Array,
  options: { readonly allowPartialTail?: boolean } = {},
): { readonly batches: Uint8Array[]; readonly partialTail: number } {
  const batches: Uint8Array[] = [];
  const view = new DataView(records.buffer, records.byteOffset, records.byteLength);
  let at = 0;
  while (at < records.length) {
    const left = records.length - at;
    if (left < RECORD_BATCH_LOG_OVERHEAD) {
      if (options.allowPartialTail === true) return { batches, partialTail: left };
      throw new ProtocolDecodeError(`${left} trailing bytes are too few for a record batch`, at);
    }
    const batchLength = view.getInt32(at + 8);
    if (batchLength < RECORD_BATCH_HEADER_SIZE - RECORD_BATCH_LOG_OVERHEAD) {
      throw new ProtocolDecodeError(`record batch length ${batchLength} is smaller than a batch header`, at + 8);
    }
    const size = RECORD_BATCH_LOG_OVERHEAD + batchLength;
    if (size > left) {
      if (options.allowPartialTail === true) return { batches, partialTail: left };
      throw new ProtocolDecodeError(`record batch of ${size} bytes but only ${left} remain`, at);
    }
    batches.push(records.subarray(at, at + size));
    at += size;
  }
  return { batches, partialTail: 0 };
}

/**
 * Reads the 61-byte header of the batch starting at `offset`. Checks the magic byte (2) and that
 * batchLength is plausible; does not check the CRC or that the whole batch is present.
 */
export function readRecordBatchHeader(bytes: Uint8Array, offset = 0): RecordBatchHeader {
  const reader = new KafkaReader(bytes, offset);
  if (reader.remaining < RECORD_BATCH_HEADER_SIZE) {
    throw new ProtocolDecodeError(`record batch header needs ${RECORD_BATCH_HEADER_SIZE} bytes, ${reader.remaining} remain`, offset);
  }
  const baseOffset = reader.int64();
  const batchLength = reader.int32();
  const partitionLeaderEpoch = reader.int32();
  const magic = reader.int8();
  if (magic !== 2) {
    throw new ProtocolDecodeError(`record batch magic ${magic} is not supported (only RecordBatch v2, magic 2)`, offset + MAGIC_OFFSET);
  }
  if (batchLength < RECORD_BATCH_HEADER_SIZE - RECORD_BATCH_LOG_OVERHEAD) {
    throw new ProtocolDecodeError(`record batch length ${batchLength} is smaller than a batch header`, offset + 8);
  }
  const crc = reader.uint32();
  const attributes = reader.int16();
  return {
    baseOffset,
    batchLength,
    partitionLeaderEpoch,
    magic,
    crc,
    attributes,
    compression: attributes & 0x07,
    timestampType: attributes & TIMESTAMP_TYPE_BIT ? 'log-append-time' : 'create-time',
    isTransactional: (attributes & TRANSACTIONAL_BIT) !== 0,
    isControl: (attributes & CONTROL_BIT) !== 0,
    hasDeleteHorizon: (attributes & DELETE_HORIZON_BIT) !== 0,
    lastOffsetDelta: reader.int32(),
    baseTimestamp: reader.int64(),
    maxTimestamp: reader.int64(),
    producerId: reader.int64(),
    producerEpoch: reader.int16(),
    baseSequence: reader.int32(),
    recordCount: reader.int32(),
  };
}

/** Whether the CRC-32C stored in a whole batch (one element of `splitRecordBatches`) matches its bytes. */
export function isRecordBatchCrcValid(batch: Uint8Array): boolean {
  if (batch.length < RECORD_BATCH_HEADER_SIZE) return false;
  const stored = new DataView(batch.buffer, batch.byteOffset, batch.byteLength).getUint32(CRC_OFFSET);
  return crc32c(batch.subarray(CRC_START)) === stored;
}

/** Overwrites baseOffset in place (outside the CRC: no re-encoding needed). */
export function setBaseOffset(batch: Uint8Array, baseOffset: bigint): void {
  checkHeaderPresent(batch);
  new DataView(batch.buffer, batch.byteOffset, batch.byteLength).setBigInt64(0, BigInt.asIntN(64, baseOffset));
}

/** Overwrites partitionLeaderEpoch in place (outside the CRC: no re-encoding needed). */
export function setPartitionLeaderEpoch(batch: Uint8Array, epoch: number): void {
  checkHeaderPresent(batch);
  new DataView(batch.buffer, batch.byteOffset, batch.byteLength).setInt32(PARTITION_LEADER_EPOCH_OFFSET, epoch);
}

/**
 * Decodes one whole batch, decompressing it (any Kafka codec). Throws `ProtocolDecodeError` for malformed
 * or corrupt compressed bytes and output beyond `maxDecompressedBytes` (CRC is not checked here: see
 * `isRecordBatchCrcValid`), `KafkaProtocolError` UNSUPPORTED_COMPRESSION_TYPE for codec ids 5-7.
 */
export async function decodeRecordBatch(
  batch: Uint8Array,
  options: { readonly maxDecompressedBytes?: number } = {},
): Promise<DecodedRecordBatch> {
  const header = readRecordBatchHeader(batch);
  const size = RECORD_BATCH_LOG_OVERHEAD + header.batchLength;
  if (size !== batch.length) {
    throw new ProtocolDecodeError(`record batch says ${size} bytes but ${batch.length} were given`, 8);
  }
  if (header.recordCount < 0) throw new ProtocolDecodeError(`negative record count ${header.recordCount}`, 57);
  const body = await decompress(header.compression, batch.subarray(RECORD_BATCH_HEADER_SIZE), options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES);
  const reader = new KafkaReader(body);
  if (header.recordCount > reader.remaining) {
    throw new ProtocolDecodeError(`record count ${header.recordCount} exceeds the ${reader.remaining} bytes of records`, 57);
  }
  const records: DecodedRecord[] = [];
  for (let i = 0; i < header.recordCount; i++) records.push(readRecord(reader, header));
  reader.expectEnd(`${header.recordCount} records`);
  return { ...header, records };
}

/** Decodes every whole batch of a `records` field (ignoring a truncated last one, as clients do). */
export async function decodeRecordBatches(
  records: Uint8Array,
  options: { readonly maxDecompressedBytes?: number } = {},
): Promise<DecodedRecordBatch[]> {
  const { batches } = splitRecordBatches(records, { allowPartialTail: true });
  const decoded: DecodedRecordBatch[] = [];
  for (const batch of batches) decoded.push(await decodeRecordBatch(batch, options));
  return decoded;
}

/** Encodes one batch with a correct batchLength and CRC. */
export async function encodeRecordBatch(input: RecordBatchInput): Promise<Uint8Array> {
  const firstTimestamp = input.records[0]?.timestamp;
  const baseTimestamp = input.baseTimestamp ?? firstTimestamp ?? 0n;
  let maxTimestamp = input.maxTimestamp;
  if (maxTimestamp === undefined) {
    maxTimestamp = input.records.length === 0 ? baseTimestamp : -1n;
    for (const record of input.records) {
      const timestamp = record.timestamp ?? baseTimestamp;
      if (timestamp > maxTimestamp) maxTimestamp = timestamp;
    }
  }
  const recordsWriter = new KafkaWriter();
  input.records.forEach((record, index) => writeRecord(recordsWriter, record, record.offsetDelta ?? index, baseTimestamp));
  const codec = COMPRESSION_CODECS[input.compression ?? 'none'];
  const recordBytes = await compress(codec, recordsWriter.toBytes());

  let attributes = codec;
  if (input.timestampType === 'log-append-time') attributes |= TIMESTAMP_TYPE_BIT;
  if (input.isTransactional === true) attributes |= TRANSACTIONAL_BIT;
  if (input.isControl === true) attributes |= CONTROL_BIT;
  if (input.hasDeleteHorizon === true) attributes |= DELETE_HORIZON_BIT;

  const writer = new KafkaWriter(RECORD_BATCH_HEADER_SIZE + recordBytes.length);
  writer.int64(input.baseOffset ?? 0n);
  const lengthAt = writer.reserveInt32();
  writer.int32(input.partitionLeaderEpoch ?? -1);
  writer.int8(2);
  const crcAt = writer.reserveInt32();
  writer
    .int16(attributes)
    .int32(input.lastOffsetDelta ?? input.records.length - 1)
    .int64(baseTimestamp)
    .int64(maxTimestamp)
    .int64(input.producerId ?? -1n)
    .int16(input.producerEpoch ?? -1)
    .int32(input.baseSequence ?? -1)
    .int32(input.records.length)
    .raw(recordBytes);
  writer.int32At(lengthAt, writer.length - RECORD_BATCH_LOG_OVERHEAD);
  const bytes = writer.toBytes();
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).setUint32(crcAt, crc32c(bytes.subarray(CRC_START)));
  return bytes;
}

function readRecord(reader: KafkaReader, header: RecordBatchHeader): DecodedRecord {
  const start = reader.offset;
  const length = reader.varint();
  if (length < 0 || length > reader.remaining) {
    throw new ProtocolDecodeError(`record length ${length} but ${reader.remaining} bytes remain`, start);
  }
  const bodyStart = reader.offset;
  const attributes = reader.int8();
  const timestampDelta = reader.varlong();
  const offsetDelta = reader.varint();
  const key = readVarintBytes(reader);
  const value = readVarintBytes(reader);
  const headerCount = reader.varint();
  if (headerCount < 0 || headerCount > reader.remaining) {
    throw new ProtocolDecodeError(`invalid record header count ${headerCount}`, reader.offset);
  }
  const headers: RecordHeader[] = [];
  for (let i = 0; i < headerCount; i++) {
    const keyStart = reader.offset;
    const headerKey = readVarintBytes(reader);
    if (headerKey === null) throw new ProtocolDecodeError('null record header key', keyStart);
    headers.push({ key: new TextDecoder().decode(headerKey), value: readVarintBytes(reader) });
  }
  if (reader.offset - bodyStart !== length) {
    throw new ProtocolDecodeError(`record length says ${length} bytes but its fields take ${reader.offset - bodyStart}`, start);
  }
  const timestamp = header.timestampType === 'log-append-time' ? header.maxTimestamp : BigInt.asIntN(64, header.baseTimestamp + timestampDelta);
  return {
    offset: BigInt.asIntN(64, header.baseOffset + BigInt(offsetDelta)),
    timestamp,
    offsetDelta,
    timestampDelta,
    attributes,
    key,
    value,
    headers,
  };
}

function readVarintBytes(reader: KafkaReader): Uint8Array | null {
  const start = reader.offset;
  const length = reader.varint();
  if (length === -1) return null;
  if (length < 0) throw new ProtocolDecodeError(`invalid varint length ${length}`, start);
  return reader.raw(length);
}

function writeRecord(writer: KafkaWriter, record: RecordInput, offsetDelta: number, baseTimestamp: bigint): void {
  const body = new KafkaWriter();
  body.int8(0).varlong((record.timestamp ?? baseTimestamp) - baseTimestamp).varint(offsetDelta);
  writeVarintBytes(body, record.key ?? null);
  writeVarintBytes(body, record.value);
  const headers = record.headers ?? [];
  body.varint(headers.length);
  for (const header of headers) {
    if (typeof header.key !== 'string') throw new ProtocolEncodeError('record header keys must be strings');
    writeVarintBytes(body, new TextEncoder().encode(header.key));
    writeVarintBytes(body, header.value);
  }
  const bytes = body.toBytes();
  writer.varint(bytes.length).raw(bytes);
}

function writeVarintBytes(writer: KafkaWriter, value: Uint8Array | null): void {
  if (value === null) writer.varint(-1);
  else writer.varint(value.length).raw(value);
}

function checkHeaderPresent(batch: Uint8Array): void {
  if (batch.length < RECORD_BATCH_HEADER_SIZE) {
    throw new ProtocolEncodeError(`a record batch has at least ${RECORD_BATCH_HEADER_SIZE} bytes, got ${batch.length}`);
  }
}
