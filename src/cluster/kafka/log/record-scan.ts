/**
 * Checks the records of a decompressed batch body without building them (Kafka's `LogValidator`
 * iterates a compressed batch with `skipKeyValueIterator`, reading each record's framing only):
 * every record's length, attributes, timestamp delta, offset delta, key / value / header lengths must
 * fit the record's declared size exactly, and there must be exactly `recordCount` records filling the
 * body. Answers whether the offset deltas run 0..n-1 (else Kafka rebuilds the batch with them
 * rewritten) and whether a key is null (refused on compacted topics). Errors name what is wrong (the caller maps them to CORRUPT_MESSAGE).
 */
import { ProtocolDecodeError } from '../protocol/index.ts';

export interface RecordScan {
  /** True when record i has offset delta i for every i (the batch can be kept as sent). */
  readonly offsetsInOrder: boolean;
  /** True when some record has a null key (a compacted topic refuses it). */
  readonly anyNullKey: boolean;
}

/** Scans `recordCount` records in `body` (the decompressed records of one batch). */
export function scanRecords(body: Uint8Array, recordCount: number): RecordScan {
  const cursor = { at: 0 };
  let offsetsInOrder = true;
  let anyNullKey = false;
  for (let index = 0; index < recordCount; index++) {
    if (cursor.at >= body.length) throw new ProtocolDecodeError(`record ${index} of ${recordCount} is missing: the records end at byte ${body.length}`, cursor.at);
    const length = readVarint(body, cursor, 'record length');
    const start = cursor.at;
    const end = start + length;
    if (length < 0 || end > body.length) {
      throw new ProtocolDecodeError(`record ${index} says ${length} bytes but ${body.length - start} remain`, start);
    }
    const record = { at: start };
    const within = (what: string) => {
      if (record.at > end) throw new ProtocolDecodeError(`record ${index}: ${what} runs past the record's ${length} bytes`, start);
    };
    record.at += 1; // attributes
    within('attributes');
    readVarlong(body, record, end, 'timestamp delta');
    const offsetDelta = readVarint(body, record, 'offset delta', end);
    if (offsetDelta !== index) offsetsInOrder = false;
    if (skipBytes(body, record, end, 'key') < 0) anyNullKey = true;
    within('key');
    skipBytes(body, record, end, 'value');
    within('value');
    const headers = readVarint(body, record, 'header count', end);
    if (headers < 0) throw new ProtocolDecodeError(`record ${index}: negative header count ${headers}`, record.at);
    for (let h = 0; h < headers; h++) {
      const keyLength = readVarint(body, record, 'header key length', end);
      if (keyLength < 0) throw new ProtocolDecodeError(`record ${index}: header ${h} has a null key`, record.at);
      record.at += keyLength;
      within(`header ${h} key`);
      skipBytes(body, record, end, `header ${h} value`);
      within(`header ${h} value`);
    }
    if (record.at !== end) {
      throw new ProtocolDecodeError(`record ${index}: expected to read ${length} bytes in record payload, but read ${record.at - start}`, start);
    }
    cursor.at = end;
  }
  if (cursor.at !== body.length) {
    throw new ProtocolDecodeError(`${body.length - cursor.at} bytes after the ${recordCount} records the batch header counts`, cursor.at);
  }
  return { offsetsInOrder, anyNullKey };
}

/** A zig-zag varint (int32); `limit` bounds where it may be read. */
function readVarint(body: Uint8Array, cursor: { at: number }, what: string, limit = body.length): number {
  let raw = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    if (cursor.at >= limit) throw new ProtocolDecodeError(`${what}: varint runs past the end`, cursor.at);
    const byte = body[cursor.at++];
    raw += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2;
  }
  throw new ProtocolDecodeError(`${what}: varint longer than 5 bytes`, cursor.at);
}

/** A zig-zag varlong, skipped (its value is not needed to validate the framing). */
function readVarlong(body: Uint8Array, cursor: { at: number }, limit: number, what: string): void {
  for (let i = 0; i < 10; i++) {
    if (cursor.at >= limit) throw new ProtocolDecodeError(`${what}: varlong runs past the end`, cursor.at);
    if ((body[cursor.at++] & 0x80) === 0) return;
  }
  throw new ProtocolDecodeError(`${what}: varlong longer than 10 bytes`, cursor.at);
}

/** A varint length then that many bytes (-1 is null); returns the length. */
function skipBytes(body: Uint8Array, cursor: { at: number }, limit: number, what: string): number {
  const length = readVarint(body, cursor, `${what} length`, limit);
  if (length < -1) throw new ProtocolDecodeError(`${what}: invalid length ${length}`, cursor.at);
  if (length > 0) cursor.at += length;
  return length;
}
