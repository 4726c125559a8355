/**
 * The producer fields of a RecordBatch v2 header, read straight from the bytes (positions from
 * `DefaultRecordBatch.java`; see `protocol/record-batch.ts`): what producer state needs, without
 * decoding the batch. `hasProducerId` is the cheap test that keeps non-idempotent batches (producerId -1)
 * off every producer-state path.
 */
import { incrementSequence, NO_SEQUENCE } from './producer-sequence.ts';

const BASE_OFFSET = 0;
const ATTRIBUTES = 21;
const LAST_OFFSET_DELTA = 23;
const MAX_TIMESTAMP = 35;
const PRODUCER_ID = 43;
const PRODUCER_EPOCH = 51;
const BASE_SEQUENCE = 53;
const TRANSACTIONAL_BIT = 0x10;
const CONTROL_BIT = 0x20;

export interface ProducerBatch {
  readonly producerId: bigint;
  readonly producerEpoch: number;
  readonly baseSequence: number;
  /** `DefaultRecordBatch.lastSequence`: baseSequence + lastOffsetDelta, wrapping; -1 without a sequence. */
  readonly lastSequence: number;
  readonly baseOffset: bigint;
  readonly lastOffsetDelta: number;
  readonly maxTimestamp: bigint;
  readonly isTransactional: boolean;
  readonly isControl: boolean;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** True when the batch carries a producer id (idempotent or transactional producer), i.e. not -1. */
export function hasProducerId(bytes: Uint8Array): boolean {
  // -1 is eight 0xff bytes; comparing them allocates nothing (this runs for every produced batch).
  for (let i = PRODUCER_ID; i < PRODUCER_ID + 8; i++) if (bytes[i] !== 0xff) return true;
  return false;
}

/** The producer fields of a whole, validated batch. */
export function readProducerBatch(bytes: Uint8Array): ProducerBatch {
  const v = view(bytes);
  const attributes = v.getInt16(ATTRIBUTES);
  const baseSequence = v.getInt32(BASE_SEQUENCE);
  const lastOffsetDelta = v.getInt32(LAST_OFFSET_DELTA);
  return {
    producerId: v.getBigInt64(PRODUCER_ID),
    producerEpoch: v.getInt16(PRODUCER_EPOCH),
    baseSequence,
    lastSequence: baseSequence === NO_SEQUENCE ? NO_SEQUENCE : incrementSequence(baseSequence, lastOffsetDelta),
    baseOffset: v.getBigInt64(BASE_OFFSET),
    lastOffsetDelta,
    maxTimestamp: v.getBigInt64(MAX_TIMESTAMP),
    isTransactional: (attributes & TRANSACTIONAL_BIT) !== 0,
    isControl: (attributes & CONTROL_BIT) !== 0,
  };
}
