/**
 * A compacted topic keeps the latest record per key, so a record without a key could never be compacted:
 * Kafka's `LogValidator.validateKey` rejects a produce to a compacted topic holding one with INVALID_RECORD,
 * "Compacted topic cannot accept message without key in topic partition <tp>.". Runs on the produced
 * `records` before their validation: batches that do not frame, parse or pass their CRC are left for it to
 * reject with Kafka's error (CORRUPT_MESSAGE comes first, as in Kafka).
 */
import {
  decompress,
  isRecordBatchCrcValid,
  KAFKA_ERRORS,
  KafkaProtocolError,
  RECORD_BATCH_HEADER_SIZE,
  readRecordBatchHeader,
  splitRecordBatches,
} from '../../protocol/index.ts';
import { scanRecords } from '../record-scan.ts';

export async function requireRecordKeys(records: Uint8Array | null, topicPartition: string): Promise<void> {
  if (!records || records.length === 0) return;
  let batches: Uint8Array[];
  try {
    batches = splitRecordBatches(records).batches;
  } catch {
    return;
  }
  for (const bytes of batches) {
    if (bytes.length <= 16 || bytes[16] !== 2 || !isRecordBatchCrcValid(bytes)) continue;
    // Byte-level (`record-scan.ts`): no record objects for a batch of many small records.
    let anyNullKey: boolean;
    try {
      const header = readRecordBatchHeader(bytes);
      if (header.isControl) continue;
      const body = await decompress(header.compression, bytes.subarray(RECORD_BATCH_HEADER_SIZE));
      anyNullKey = scanRecords(body, header.recordCount).anyNullKey;
    } catch {
      continue;
    }
    if (anyNullKey) {
      throw new KafkaProtocolError(KAFKA_ERRORS.INVALID_RECORD, `Compacted topic cannot accept message without key in topic partition ${topicPartition}.`);
    }
  }
}
