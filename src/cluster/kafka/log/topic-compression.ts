/**
 * A topic's `compression.type`, applied to produced batches before they are validated and appended,
 * as Kafka's `LogValidator.validateMessagesAndAssignOffsetsCompressed` does:
 * - every compressed batch is decompressed and its records read (a corrupt payload or records that do
 *   not parse answer CORRUPT_MESSAGE with the reason; the decompressed-size cap holds);
 * - `producer` keeps each batch as sent; `uncompressed`, `gzip`, `snappy`, `lz4` and `zstd` rebuild a
 *   batch whose codec differs, with the records (keys, values, headers, timestamps) and the producer
 *   id / epoch / base sequence and transactional flag kept, offsets deltas 0..n-1;
 * - a compressed batch whose inner offset deltas are not 0..n-1 is rebuilt too (Kafka rewrites them).
 * Async (codecs are), so the produce path runs it before its synchronous validate-and-append step.
 * Batches this step cannot frame, or whose CRC or size is wrong, are passed on unchanged: the
 * validation (`record-batch-validation.ts`) rejects them with Kafka's error.
 */
import {
  COMPRESSION_CODECS,
  compressionName,
  decodeRecordBatch,
  encodeRecordBatch,
  isRecordBatchCrcValid,
  KAFKA_ERRORS,
  KafkaProtocolError,
  ProtocolDecodeError,
  readRecordBatchHeader,
  splitRecordBatches,
} from '../protocol/index.ts';
import type { CompressionName, DecodedRecordBatch } from '../protocol/index.ts';

/** The values `compression.type` takes (topic and broker): `producer` or a codec. */
export const COMPRESSION_TYPES = ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer'] as const;

/** The codec `compression.type` asks for, or undefined for `producer` (and values that are not Kafka's). */
export function targetCompression(compressionType: string): CompressionName | undefined {
  if (compressionType === 'uncompressed') return 'none';
  if (compressionType === 'producer' || !(compressionType in COMPRESSION_CODECS)) return undefined;
  return compressionType as CompressionName;
}

export interface TopicCompressionOptions {
  /** The topic's (or broker's) `compression.type`. */
  readonly compressionType: string;
  /** Batches larger than this are left for the validation to reject (MESSAGE_TOO_LARGE) as sent. */
  readonly maxMessageBytes: number;
  /** Cap on one batch's decompressed records (default: the codec layer's). */
  readonly maxDecompressedBytes?: number;
}

/**
 * The produce request's `records` as the log should store them: the same bytes when nothing changes
 * (the common case: `producer` with uncompressed batches costs one split), else the batches rebuilt.
 */
export async function applyTopicCompression(records: Uint8Array | null, options: TopicCompressionOptions): Promise<Uint8Array | null> {
  if (!records || records.length === 0) return records;
  let batches: Uint8Array[];
  try {
    batches = splitRecordBatches(records).batches;
  } catch {
    return records;
  }
  const target = targetCompression(options.compressionType);
  let changed = false;
  const stored: Uint8Array[] = [];
  for (const batch of batches) {
    const rebuilt = await rebuildIfNeeded(batch, target, options);
    changed ||= rebuilt !== batch;
    stored.push(rebuilt);
  }
  return changed ? concat(stored) : records;
}

async function rebuildIfNeeded(batch: Uint8Array, target: CompressionName | undefined, options: TopicCompressionOptions): Promise<Uint8Array> {
  if (batch.length > options.maxMessageBytes || batch.length <= 16 || batch[16] !== 2) return batch;
  let codec: number;
  try {
    codec = readRecordBatchHeader(batch).compression;
  } catch {
    return batch;
  }
  const targetCodec = target === undefined ? codec : COMPRESSION_CODECS[target];
  if (codec === COMPRESSION_CODECS.none && targetCodec === codec) return batch;
  if (!isRecordBatchCrcValid(batch)) return batch;
  const decoded = await decodeForValidation(batch, options);
  if (decoded.isControl) return batch;
  const offsetsInOrder = decoded.records.every((record, index) => record.offsetDelta === index);
  if (targetCodec === codec && offsetsInOrder) return batch;
  return encodeRecordBatch({
    baseOffset: decoded.baseOffset,
    partitionLeaderEpoch: decoded.partitionLeaderEpoch,
    compression: target ?? compressionName(codec),
    timestampType: decoded.timestampType,
    isTransactional: decoded.isTransactional,
    baseTimestamp: decoded.baseTimestamp,
    maxTimestamp: decoded.maxTimestamp,
    producerId: decoded.producerId,
    producerEpoch: decoded.producerEpoch,
    baseSequence: decoded.baseSequence,
    records: decoded.records.map((record) => ({
      // baseTimestamp + delta, also for LogAppendTime batches (whose decoded timestamp is the max).
      timestamp: BigInt.asIntN(64, decoded.baseTimestamp + record.timestampDelta),
      key: record.key,
      value: record.value,
      headers: record.headers,
    })),
  });
}

async function decodeForValidation(batch: Uint8Array, options: TopicCompressionOptions): Promise<DecodedRecordBatch> {
  try {
    return await decodeRecordBatch(batch, { maxDecompressedBytes: options.maxDecompressedBytes });
  } catch (error) {
    if (error instanceof ProtocolDecodeError) {
      throw new KafkaProtocolError(KAFKA_ERRORS.CORRUPT_MESSAGE, `record batch cannot be read: ${error.reason}`);
    }
    throw error;
  }
}

function concat(batches: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(batches.reduce((sum, batch) => sum + batch.length, 0));
  let at = 0;
  for (const batch of batches) {
    out.set(batch, at);
    at += batch.length;
  }
  return out;
}
