/**
 * Producer sequence numbers are int32 counters that wrap from Int32 max back to 0 (Kafka's
 * `DefaultRecordBatch.incrementSequence` / `decrementSequence`, `ProducerAppendInfo.inSequence`).
 */

export const MAX_SEQUENCE = 0x7fffffff;
/** `RecordBatch.NO_SEQUENCE`: a batch without a producer id. */
export const NO_SEQUENCE = -1;

/** `sequence + increment`, wrapping past Int32 max to 0. */
export function incrementSequence(sequence: number, increment: number): number {
  if (sequence > MAX_SEQUENCE - increment) return increment - (MAX_SEQUENCE - sequence) - 1;
  return sequence + increment;
}

/** `sequence - decrement`, wrapping below 0 to Int32 max. */
export function decrementSequence(sequence: number, decrement: number): number {
  if (sequence < decrement) return MAX_SEQUENCE - (decrement - sequence) + 1;
  return sequence - decrement;
}

/** Whether `next` directly follows `last` (0 follows Int32 max). */
export function inSequence(last: number, next: number): boolean {
  return next === last + 1 || (next === 0 && last === MAX_SEQUENCE);
}
