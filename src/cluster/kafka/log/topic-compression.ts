/**
 * A topic's `compression.type`, applied to produced batches before they are validated and appended,
 * as Kafka's `LogValidator.validateMessagesAndAssignOffsetsCompressed` does:
 * - runs after the header, CRC and size checks (`record-batch-validation.ts`), as Kafka's order is:
 *   a bad header is refused as sent, never "repaired" by a rebuild;
 * - every compressed batch is decompressed and its records' framing checked without building them
 *   (`record-scan.ts`; a corrupt payload or records that do not parse answer CORRUPT_MESSAGE with the
 *   reason); the decompressed size is capped by a multiple of max.message.bytes (`decompressionCap`);
 * - `producer` keeps each batch as sent; `uncompressed`, `gzip`, `snappy`, `lz4` and `zstd` rebuild a
 *   batch whose codec differs: the header kept (producer id / epoch / base sequence, timestamps,
 *   transactional flag) but for codec, length and CRC, the record bytes recompressed as they were;
 * - a compressed batch whose inner offset deltas are not 0..n-1 is rebuilt with them rewritten
 *   (`record-offset-rewrite.ts`, as Kafka does).
 * Async (codecs are), so the produce path runs it before its synchronous validate-and-append step.
 * Batches this step cannot frame, or whose CRC or size is wrong, are passed on unchanged: the
 * validation (`record-batch-validation.ts`) rejects them with Kafka's error.
 */
import {
  COMPRESSION_CODECS,
  compress,
  crc32c,
  decompress,
  isRecordBatchCrcValid,
  KAFKA_ERRORS,
  KafkaProtocolError,
  ProtocolDecodeError,
  RECORD_BATCH_HEADER_SIZE,
  readRecordBatchHeader,
  splitRecordBatches,
} from '../protocol/index.ts';
import type { CompressionName } from '../protocol/index.ts';
import { rewriteOffsetDeltas } from './record-offset-rewrite.ts';
import { scanRecords } from './record-scan.ts';

/** RecordBatch v2 layout (`DefaultRecordBatch`): what a rebuild rewrites in the header. */
const BATCH_LENGTH_OFFSET = 8;
const RECORD_BATCH_LOG_OVERHEAD = 12;
const CRC_OFFSET = 17;
/** Also where the CRC-32C's coverage starts. */
const ATTRIBUTES_OFFSET = 21;
const CODEC_BITS = 0x07;

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
  let header;
  try {
    header = readRecordBatchHeader(batch);
  } catch {
    return batch;
  }
  const codec = header.compression;
  const targetCodec = target === undefined ? codec : COMPRESSION_CODECS[target];
  if (codec === COMPRESSION_CODECS.none && targetCodec === codec) return batch;
  if (!isRecordBatchCrcValid(batch) || header.recordCount <= 0 || header.lastOffsetDelta !== header.recordCount - 1) return batch;
  if (header.isControl) return batch;
  const maxDecompressedBytes = options.maxDecompressedBytes ?? decompressionCap(options.maxMessageBytes);
  // Byte-level throughout: the records are checked and, if need be, their offset deltas rewritten
  // without building one object per record (a small batch may hold millions of tiny records).
  const body = await corruptOnDecodeError(() => decompress(codec, batch.subarray(RECORD_BATCH_HEADER_SIZE), maxDecompressedBytes));
  const { offsetsInOrder } = await corruptOnDecodeError(async () => scanRecords(body, header.recordCount));
  if (targetCodec === codec && offsetsInOrder) return batch;
  const records = await compress(targetCodec, offsetsInOrder ? body : rewriteOffsetDeltas(body, header.recordCount));
  return withRecords(batch, targetCodec, records);
}

/** The batch's header (codec bits set to `codec`) over new record bytes, with its length and CRC. */
function withRecords(batch: Uint8Array, codec: number, records: Uint8Array): Uint8Array {
  const out = new Uint8Array(RECORD_BATCH_HEADER_SIZE + records.length);
  out.set(batch.subarray(0, RECORD_BATCH_HEADER_SIZE));
  out.set(records, RECORD_BATCH_HEADER_SIZE);
  const view = new DataView(out.buffer);
  view.setInt32(BATCH_LENGTH_OFFSET, out.length - RECORD_BATCH_LOG_OVERHEAD);
  view.setInt16(ATTRIBUTES_OFFSET, (view.getInt16(ATTRIBUTES_OFFSET) & ~CODEC_BITS) | codec);
  view.setUint32(CRC_OFFSET, crc32c(out.subarray(ATTRIBUTES_OFFSET)));
  return out;
}

/**
 * How many decompressed bytes one batch may inflate to: 64 times the topic's max.message.bytes
 * (64 MiB at the default), at least 16 MiB (zstd-jni's streaming frames may use an 8 MiB window) and at
 * most 1 GiB. Kafka has no such cap (the JVM heap is the limit); the multiple covers what real
 * producers write (batch.size 16 KiB, their compression ratios far below 64 on record data).
 */
export function decompressionCap(maxMessageBytes: number): number {
  return Math.min(2 ** 30, Math.max(16 * 2 ** 20, 64 * maxMessageBytes));
}

/** Runs a decoding step; its `ProtocolDecodeError` becomes CORRUPT_MESSAGE with the reason. */
async function corruptOnDecodeError<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
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
