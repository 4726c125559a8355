/**
 * Log recovery on load (Kafka's `LogLoader.recoverLog` / `LogSegment.recover`): the batches that may not have
 * reached the disk whole before a crash — every segment from the one holding the recovery point on, and at
 * least the last segment — are checked (size, magic, CRC-32C); the log is cut at the first invalid batch and
 * the segments after it are dropped.
 */
import { isRecordBatchCrcValid } from '../protocol/index.ts';
import { describeBatch } from './stored-batch.ts';

/** How many of a segment's `batches` are valid: the whole run before the first whose CRC does not match. */
export function validBatchCount(batches: readonly Uint8Array[]): number {
  const bad = batches.findIndex((batch) => !isRecordBatchCrcValid(batch));
  return bad === -1 ? batches.length : bad;
}

/**
 * Whether the segment needs recovering: it is the last one, or it holds batches at or past the recovery point
 * (unknown recovery point: every segment).
 */
export function needsRecovery(batches: readonly Uint8Array[], isLast: boolean, recoveryPoint: bigint | undefined): boolean {
  if (isLast || recoveryPoint === undefined) return true;
  const last = batches[batches.length - 1];
  return last !== undefined && describeBatch(last).lastOffset >= recoveryPoint;
}
