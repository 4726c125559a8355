/**
 * Rewrites the offset deltas of a decompressed batch body to 0..n-1 at the byte level (no record
 * objects): Kafka's `LogValidator` rebuilds a compressed batch whose inner offsets are not continuous
 * ("some older clients do not implement the internal offsets correctly"). Only each record's length
 * varint and offset-delta varint change; everything else is copied. The body must have passed
 * `scanRecords` (framing already checked).
 */

/** The body with record i's offset delta set to i. */
export function rewriteOffsetDeltas(body: Uint8Array, recordCount: number): Uint8Array {
  const out = new Uint8Array(rewrittenSize(body, recordCount));
  let from = 0;
  let to = 0;
  for (let index = 0; index < recordCount; index++) {
    const record = readRecordFraming(body, from);
    const newLength = record.length - record.offsetDeltaSize + varintSize(index);
    to = writeVarint(out, to, newLength);
    out.set(body.subarray(record.start, record.offsetDeltaAt), to);
    to += record.offsetDeltaAt - record.start;
    to = writeVarint(out, to, index);
    const restAt = record.offsetDeltaAt + record.offsetDeltaSize;
    out.set(body.subarray(restAt, record.end), to);
    to += record.end - restAt;
    from = record.end;
  }
  return out;
}

function rewrittenSize(body: Uint8Array, recordCount: number): number {
  let from = 0;
  let size = 0;
  for (let index = 0; index < recordCount; index++) {
    const record = readRecordFraming(body, from);
    const newLength = record.length - record.offsetDeltaSize + varintSize(index);
    size += varintSize(newLength) + newLength;
    from = record.end;
  }
  return size;
}

interface RecordFraming {
  readonly length: number;
  /** First byte after the length varint (attributes). */
  readonly start: number;
  readonly offsetDeltaAt: number;
  readonly offsetDeltaSize: number;
  readonly end: number;
}

function readRecordFraming(body: Uint8Array, at: number): RecordFraming {
  const cursor = { at };
  const length = readVarint(body, cursor);
  const start = cursor.at;
  cursor.at += 1; // attributes
  while (body[cursor.at++] & 0x80); // timestamp delta (varlong)
  const offsetDeltaAt = cursor.at;
  readVarint(body, cursor);
  return { length, start, offsetDeltaAt, offsetDeltaSize: cursor.at - offsetDeltaAt, end: start + length };
}

function readVarint(body: Uint8Array, cursor: { at: number }): number {
  let raw = 0;
  for (let shift = 0; ; shift += 7) {
    const byte = body[cursor.at++];
    raw += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2;
  }
}

/** Bytes of a zig-zag varint of a non-negative int32. */
function varintSize(value: number): number {
  let raw = value * 2;
  let size = 1;
  while (raw >= 0x80) {
    raw = Math.floor(raw / 128);
    size++;
  }
  return size;
}

function writeVarint(out: Uint8Array, at: number, value: number): number {
  let raw = value * 2;
  while (raw >= 0x80) {
    out[at++] = (raw & 0x7f) | 0x80;
    raw = Math.floor(raw / 128);
  }
  out[at++] = raw;
  return at;
}
