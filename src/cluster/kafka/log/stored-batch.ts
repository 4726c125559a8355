/**
 * A RecordBatch v2 as the log keeps it: the bytes as received (offsets assigned in place) and the header fields
 * the log looks at (`DefaultRecordBatch.java`), read once.
 */

/** Byte positions in a RecordBatch v2 header (`DefaultRecordBatch.java`). */
export const BASE_OFFSET = 0;
export const BATCH_LENGTH = 8;
export const PARTITION_LEADER_EPOCH = 12;
export const MAGIC = 16;
export const LAST_OFFSET_DELTA = 23;
export const MAX_TIMESTAMP = 35;
/** Smallest valid batch: the 61-byte header. */
export const BATCH_HEADER_BYTES = 61;

export interface StoredBatch {
  readonly baseOffset: bigint;
  readonly lastOffset: bigint;
  readonly leaderEpoch: number;
  readonly maxTimestamp: bigint;
  readonly bytes: Uint8Array;
}

export function batchView(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Reads the header fields the log needs. The caller has validated the batch (size, magic, CRC). */
export function describeBatch(bytes: Uint8Array): StoredBatch {
  const v = batchView(bytes);
  const baseOffset = v.getBigInt64(BASE_OFFSET);
  return {
    baseOffset,
    lastOffset: baseOffset + BigInt(v.getInt32(LAST_OFFSET_DELTA)),
    leaderEpoch: v.getInt32(PARTITION_LEADER_EPOCH),
    maxTimestamp: v.getBigInt64(MAX_TIMESTAMP),
    bytes,
  };
}

/**
 * Splits concatenated batches (a Fetch response's records, a segment file) into whole batches, stopping
 * at a truncated or torn tail, as a follower, a consumer or log recovery after a crash must. (The codec's
 * `splitRecordBatches` throws on a torn tail; here the whole batches before it are kept.)
 */
export function splitBatches(records: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  const view = batchView(records);
  let position = 0;
  while (records.length - position >= BATCH_HEADER_BYTES) {
    const size = view.getInt32(position + BATCH_LENGTH) + 12;
    if (size < BATCH_HEADER_BYTES || position + size > records.length || records[position + MAGIC] !== 2) break;
    out.push(records.subarray(position, position + size));
    position += size;
  }
  return out;
}
