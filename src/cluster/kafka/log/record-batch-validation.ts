/**
 * What a leader checks before appending produced records (a subset of Kafka's `LogValidator`): whole
 * RecordBatch v2 batches only, CRC-32C correct, header counts consistent, each batch within
 * `max.message.bytes`. The bytes are kept as they are (compressed batches included).
 */
import { crc32c } from '../protocol/crc32c.ts';
import { KAFKA_ERRORS, KafkaProtocolError } from '../protocol/index.ts';
import { BATCH_HEADER_BYTES } from './partition-log.ts';

function corrupt(detail: string): KafkaProtocolError {
  return new KafkaProtocolError(KAFKA_ERRORS.CORRUPT_MESSAGE, detail);
}

/** Splits and validates produced records; returns copies of the batches (safe to store and rewrite). */
export function validateProducedRecords(records: Uint8Array | null, maxMessageBytes: number): Uint8Array[] {
  if (!records || records.length === 0) throw corrupt('the produce request carries no record batch');
  const batches: Uint8Array[] = [];
  let position = 0;
  while (position < records.length) {
    const remaining = records.length - position;
    if (remaining < BATCH_HEADER_BYTES) throw corrupt(`${remaining} trailing bytes are not a whole record batch`);
    const view = new DataView(records.buffer, records.byteOffset + position, remaining);
    const size = view.getInt32(8) + 12;
    if (size < BATCH_HEADER_BYTES || size > remaining) throw corrupt(`record batch length ${size - 12} does not fit the ${remaining} bytes left`);
    const magic = view.getInt8(16);
    if (magic !== 2) {
      throw new KafkaProtocolError(KAFKA_ERRORS.UNSUPPORTED_FOR_MESSAGE_FORMAT, `message format v${magic} is not supported, only v2 (RecordBatch)`);
    }
    if (size > maxMessageBytes) {
      throw new KafkaProtocolError(KAFKA_ERRORS.MESSAGE_TOO_LARGE, `record batch of ${size} bytes exceeds max.message.bytes=${maxMessageBytes}`);
    }
    const batch = records.subarray(position, position + size);
    const expected = view.getUint32(17);
    const actual = crc32c(batch.subarray(21));
    if (expected !== actual) throw corrupt(`record batch CRC is ${expected.toString(16)}, computed ${actual.toString(16)}`);
    const lastOffsetDelta = view.getInt32(23);
    const recordCount = view.getInt32(57);
    if (recordCount <= 0 || lastOffsetDelta < 0 || lastOffsetDelta !== recordCount - 1) {
      throw corrupt(`record batch with ${recordCount} records and last offset delta ${lastOffsetDelta}`);
    }
    batches.push(batch.slice());
    position += size;
  }
  return batches;
}
