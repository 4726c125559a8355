/**
 * The last data offset of each idempotent producer that writes to a log (Kafka's
 * `UnifiedLog.lastRecordsOfActiveProducers`, from the producer state). The cleaner keeps the batch ending
 * there, even emptied, so a producer's next sequence number still follows on after compaction. Read from
 * the batch headers when no producer state is at hand; producers silent for longer than
 * `producer.id.expiration.ms` are no longer active, as in Kafka's producer state expiry.
 */
import { describeBatch } from '../partition-log.ts';
import type { CleanerSegment } from './cleanable-log.ts';

/** Byte position of `producerId` in a RecordBatch v2 header. */
const PRODUCER_ID = 43;
/** Attributes bit 5: a control batch (a transaction marker carries no data offset). */
const CONTROL_BIT = 0x20;

/** Kafka's `producer.id.expiration.ms` default: one day. */
export const DEFAULT_PRODUCER_ID_EXPIRATION_MS = 86_400_000;

export function lastOffsetsOfActiveProducers(
  segments: readonly CleanerSegment[],
  now: number,
  expirationMs = DEFAULT_PRODUCER_ID_EXPIRATION_MS,
): Map<bigint, bigint> {
  const last = new Map<bigint, { offset: bigint; timestamp: bigint }>();
  for (const segment of segments) {
    for (const { bytes } of segment.batches) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const producerId = view.getBigInt64(PRODUCER_ID);
      if (producerId < 0n || (view.getInt16(21) & CONTROL_BIT) !== 0) continue;
      const batch = describeBatch(bytes);
      last.set(producerId, { offset: batch.lastOffset, timestamp: batch.maxTimestamp });
    }
  }
  const active = new Map<bigint, bigint>();
  const expiredBefore = BigInt(now - expirationMs);
  for (const [producerId, { offset, timestamp }] of last) if (timestamp >= expiredBefore) active.set(producerId, offset);
  return active;
}
