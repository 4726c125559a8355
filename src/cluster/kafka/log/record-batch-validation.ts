/**
 * What a leader checks before appending produced records (a subset of Kafka's `LogValidator`): whole
 * RecordBatch v2 batches only (magic 2), CRC-32C correct, header counts consistent, each batch within
 * `max.message.bytes`. The bytes are kept as they are (compressed batches included). Splitting, header
 * and CRC come from the codec (`protocol/record-batch.ts`).
 */
import {
  isRecordBatchCrcValid,
  KAFKA_ERRORS,
  KafkaProtocolError,
  ProtocolDecodeError,
  readRecordBatchHeader,
  splitRecordBatches,
} from '../protocol/index.ts';
import { retainedBytes } from './retained-bytes.ts';

function corrupt(detail: string): KafkaProtocolError {
  return new KafkaProtocolError(KAFKA_ERRORS.CORRUPT_MESSAGE, detail);
}

/**
 * Splits and validates produced records; returns the batches to store (rewritten in place on append):
 * copies, or the received bytes where the batch fills its own buffer (`retainedBytes`).
 */
export function validateProducedRecords(records: Uint8Array | null, maxMessageBytes: number): Uint8Array[] {
  if (!records || records.length === 0) throw corrupt('the produce request carries no record batch');
  let batches: Uint8Array[];
  try {
    batches = splitRecordBatches(records).batches;
  } catch (error) {
    if (error instanceof ProtocolDecodeError) throw corrupt(error.message);
    throw error;
  }
  return batches.map((batch) => {
    if (batch.length > maxMessageBytes) {
      throw new KafkaProtocolError(KAFKA_ERRORS.MESSAGE_TOO_LARGE, `record batch of ${batch.length} bytes exceeds max.message.bytes=${maxMessageBytes}`);
    }
    const magic = batch.length > 16 ? batch[16] : -1;
    if (magic !== 2) {
      throw new KafkaProtocolError(KAFKA_ERRORS.UNSUPPORTED_FOR_MESSAGE_FORMAT, `message format v${magic} is not supported, only v2 (RecordBatch)`);
    }
    let header;
    try {
      header = readRecordBatchHeader(batch);
    } catch (error) {
      if (error instanceof ProtocolDecodeError) throw corrupt(error.message);
      throw error;
    }
    if (!isRecordBatchCrcValid(batch)) throw corrupt('record batch CRC-32C does not match its bytes');
    if (header.recordCount <= 0 || header.lastOffsetDelta !== header.recordCount - 1) {
      throw corrupt(`record batch with ${header.recordCount} records and last offset delta ${header.lastOffsetDelta}`);
    }
    return retainedBytes(batch);
  });
}
