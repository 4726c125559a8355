/**
 * What Kafka checks on a partition's `records` before anything else (`ProduceRequest.validateRecords`,
 * clients/src/main/java/org/apache/kafka/common/requests/ProduceRequest.java): from Produce v3 on,
 * exactly one RecordBatch v2 per partition (INVALID_RECORD otherwise), and zstd only from v7
 * (UNSUPPORTED_COMPRESSION_TYPE). One batch per partition also keeps a request's work bounded and
 * an idempotent producer's duplicate check whole (a duplicate cannot hide a new batch behind it).
 * Framing errors are left to `record-batch-validation.ts` (CORRUPT_MESSAGE).
 */
import { COMPRESSION_CODECS, KAFKA_ERRORS, KafkaProtocolError } from '../protocol/index.ts';

/** baseOffset + batchLength: the bytes a batch's length does not count. */
const RECORD_BATCH_LOG_OVERHEAD = 12;

/** `LegacyRecord.RECORD_OVERHEAD_V0`: below this a batch size is corrupt whatever its magic. */
const MIN_RECORD_OVERHEAD = 14;
const MAGIC_OFFSET = 16;
const ATTRIBUTES_OFFSET = 21;
/** Produce v7 is the first that may carry zstd (KIP-110). */
const FIRST_ZSTD_PRODUCE_VERSION = 7;

export function validateProduceRequestRecords(version: number, records: Uint8Array | null): void {
  if (version < 3) return;
  if (!records || records.length < RECORD_BATCH_LOG_OVERHEAD) {
    throw new KafkaProtocolError(KAFKA_ERRORS.INVALID_RECORD, `Produce requests with version ${version} must have at least one record batch per partition`);
  }
  const view = new DataView(records.buffer, records.byteOffset, records.byteLength);
  const firstSize = RECORD_BATCH_LOG_OVERHEAD + view.getInt32(8);
  // A first batch that cannot be framed is corrupt (CORRUPT_MESSAGE, as Kafka's batch iterator throws).
  if (firstSize < RECORD_BATCH_LOG_OVERHEAD + MIN_RECORD_OVERHEAD || firstSize > records.length) return;
  if (records[MAGIC_OFFSET] !== 2) {
    throw new KafkaProtocolError(KAFKA_ERRORS.INVALID_RECORD, `Produce requests with version ${version} are only allowed to contain record batches with magic version 2`);
  }
  if (version < FIRST_ZSTD_PRODUCE_VERSION && firstSize > ATTRIBUTES_OFFSET + 1 && (view.getInt16(ATTRIBUTES_OFFSET) & 0x07) === COMPRESSION_CODECS.zstd) {
    throw new KafkaProtocolError(KAFKA_ERRORS.UNSUPPORTED_COMPRESSION_TYPE, `Produce requests with version ${version} are not allowed to use ZStandard compression`);
  }
  // A whole second batch (trailing bytes that do not frame one are left to the CORRUPT_MESSAGE checks).
  const rest = records.length - firstSize;
  const secondLength = rest >= RECORD_BATCH_LOG_OVERHEAD ? view.getInt32(firstSize + 8) : -1;
  if (secondLength >= MIN_RECORD_OVERHEAD && rest >= RECORD_BATCH_LOG_OVERHEAD + secondLength) {
    throw new KafkaProtocolError(KAFKA_ERRORS.INVALID_RECORD, `Produce requests with version ${version} are only allowed to contain exactly one record batch per partition`);
  }
}
