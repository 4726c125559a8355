/**
 * A compacted topic keeps the latest record per key, so a record without a key could never be compacted:
 * Kafka's `LogValidator.validateKey` rejects a produce to a compacted topic holding one with INVALID_RECORD,
 * "Compacted topic cannot accept message without key in topic partition <tp>.". Runs on the produced
 * `records` before their validation: batches that do not frame, parse or pass their CRC are left for it to
 * reject with Kafka's error (CORRUPT_MESSAGE comes first, as in Kafka).
 */
import { decodeRecordBatch, isRecordBatchCrcValid, KAFKA_ERRORS, KafkaProtocolError, splitRecordBatches } from '../../protocol/index.ts';
import type { DecodedRecordBatch } from '../../protocol/index.ts';

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
    let batch: DecodedRecordBatch;
    try {
      batch = await decodeRecordBatch(bytes);
    } catch {
      continue;
    }
    if (batch.isControl) continue;
    if (batch.records.some((record) => record.key === null)) {
      throw new KafkaProtocolError(KAFKA_ERRORS.INVALID_RECORD, `Compacted topic cannot accept message without key in topic partition ${topicPartition}.`);
    }
  }
}
