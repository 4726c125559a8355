/**
 * A compacted topic keeps the latest record per key, so a record without a key could never be compacted:
 * Kafka's `LogValidator.validateKey` rejects a produce to a compacted topic holding one with INVALID_RECORD,
 * "Compacted topic cannot accept message without key in topic partition <tp>.".
 */
import { decodeRecordBatch, KAFKA_ERRORS, KafkaProtocolError } from '../../protocol/index.ts';

export async function requireRecordKeys(batches: readonly Uint8Array[], topicPartition: string): Promise<void> {
  for (const bytes of batches) {
    const batch = await decodeRecordBatch(bytes);
    if (batch.isControl) continue;
    if (batch.records.some((record) => record.key === null)) {
      throw new KafkaProtocolError(KAFKA_ERRORS.INVALID_RECORD, `Compacted topic cannot accept message without key in topic partition ${topicPartition}.`);
    }
  }
}
