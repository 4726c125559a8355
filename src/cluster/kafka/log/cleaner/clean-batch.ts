/**
 * Cleaning one record batch (Kafka's `LogCleaner.cleanInto` record filter run through
 * `MemoryRecords.filterTo`, Kafka 3.9):
 * - a record is kept when it is past the offset map's range, or holds its key's latest offset and either has a
 *   value or is a tombstone whose delete horizon has not passed; a record without a key goes;
 * - a batch whose records are all kept, and which needs no delete horizon, is kept byte for byte;
 * - otherwise the survivors are re-encoded with the batch's own codec, base offset, last offset delta,
 *   producer id/epoch/base sequence and leader epoch, each record at its original offset (gaps stay);
 *   the first cleaning that keeps a tombstone stamps the batch's delete horizon (`now + delete.retention.ms`)
 *   into its base timestamp and sets attributes bit 6, and a later cleaning past that horizon drops it;
 * - a batch left with no record is dropped, except an idempotent producer's last batch (its header carries
 *   the producer's last sequence) and the last batch of the cleaning round (it carries the round's last
 *   offset): those stay as an empty header (`DefaultRecordBatch.writeEmptyHeader`).
 * Control batches (transaction markers) are kept as they are. The codec is whatever the batch says: the
 * cleaner decodes and encodes through `protocol/record-batch.ts` and never names one.
 */
import { compressionName, decodeRecordBatch, encodeRecordBatch } from '../../protocol/index.ts';
import type { DecodedRecord, DecodedRecordBatch, RecordBatchInput } from '../../protocol/index.ts';
import type { OffsetMap } from './offset-map.ts';

export interface BatchCleaningContext {
  /** Latest offset per key over the round's dirty range. */
  readonly map: OffsetMap;
  /** Wall-clock ms of the cleaning (delete horizons are compared with it). */
  readonly now: number;
  /** The topic's `delete.retention.ms`. */
  readonly deleteRetentionMs: number;
  /** Last data offset of each active idempotent producer (Kafka's `lastRecordsOfActiveProducers`). */
  readonly lastOffsetOfProducers: ReadonlyMap<bigint, bigint>;
  /** The round's first uncleanable offset: the batch ending just before it is kept even when emptied. */
  readonly upperBoundOffset: bigint;
}

export interface CleanedBatch {
  /** The batch to write in the cleaned segment, or null when it goes. */
  readonly bytes: Uint8Array | null;
  readonly recordsRead: number;
  readonly recordsRetained: number;
}

/** Kafka's `RecordBatch.NO_TIMESTAMP`. */
const NO_TIMESTAMP = -1n;

export async function cleanBatch(bytes: Uint8Array, context: BatchCleaningContext): Promise<CleanedBatch> {
  const batch = await decodeRecordBatch(bytes);
  const recordsRead = batch.records.length;
  if (batch.isControl) return { bytes, recordsRead, recordsRetained: recordsRead };

  const retained = batch.records.filter((record) => shouldRetainRecord(batch, record, context));
  const lastOffset = batch.baseOffset + BigInt(batch.lastOffsetDelta);
  if (retained.length === 0) {
    const keepEmpty = isLastBatchOfActiveProducer(batch, lastOffset, context) || lastOffset + 1n === context.upperBoundOffset;
    return { bytes: keepEmpty ? await emptyBatch(batch) : null, recordsRead, recordsRetained: 0 };
  }
  const hasTombstone = retained.some((record) => record.value === null);
  const needsDeleteHorizon = hasTombstone && !batch.hasDeleteHorizon;
  if (retained.length === recordsRead && !needsDeleteHorizon) return { bytes, recordsRead, recordsRetained: recordsRead };

  const deleteHorizonMs = needsDeleteHorizon ? BigInt(context.now + context.deleteRetentionMs) : batch.hasDeleteHorizon ? batch.baseTimestamp : NO_TIMESTAMP;
  return { bytes: await rewriteBatch(batch, retained, deleteHorizonMs), recordsRead, recordsRetained: retained.length };
}

/** Kafka's `Cleaner.shouldRetainRecord` for RecordBatch v2. */
function shouldRetainRecord(batch: DecodedRecordBatch, record: DecodedRecord, context: BatchCleaningContext): boolean {
  if (record.offset > context.map.latestOffset) return true;
  if (record.key === null) return false;
  const isLatestForKey = record.offset >= context.map.get(record.key);
  const retainTombstone = !batch.hasDeleteHorizon || BigInt(context.now) < batch.baseTimestamp;
  return isLatestForKey && (record.value !== null || retainTombstone);
}

function isLastBatchOfActiveProducer(batch: DecodedRecordBatch, lastOffset: bigint, context: BatchCleaningContext): boolean {
  return batch.producerId >= 0n && context.lastOffsetOfProducers.get(batch.producerId) === lastOffset;
}

/** Kafka's `MemoryRecords.buildRetainedRecordsInto`: same header, survivors at their own offsets. */
async function rewriteBatch(batch: DecodedRecordBatch, retained: readonly DecodedRecord[], deleteHorizonMs: bigint): Promise<Uint8Array> {
  const hasDeleteHorizon = deleteHorizonMs >= 0n;
  let maxTimestamp = NO_TIMESTAMP;
  if (batch.timestampType === 'log-append-time') maxTimestamp = batch.maxTimestamp;
  else for (const record of retained) if (record.timestamp > maxTimestamp) maxTimestamp = record.timestamp;
  const input: RecordBatchInput = {
    ...headerOf(batch),
    compression: codecOf(batch),
    hasDeleteHorizon,
    baseTimestamp: hasDeleteHorizon ? deleteHorizonMs : retained[0].timestamp,
    maxTimestamp,
    records: retained.map((record) => ({
      offsetDelta: record.offsetDelta,
      timestamp: record.timestamp,
      key: record.key,
      value: record.value,
      headers: record.headers,
    })),
  };
  return encodeRecordBatch(input);
}

/** Kafka's `DefaultRecordBatch.writeEmptyHeader`: no records, no codec, no base timestamp. */
function emptyBatch(batch: DecodedRecordBatch): Promise<Uint8Array> {
  return encodeRecordBatch({ ...headerOf(batch), compression: 'none', baseTimestamp: NO_TIMESTAMP, maxTimestamp: batch.maxTimestamp, records: [] });
}

function headerOf(batch: DecodedRecordBatch) {
  return {
    baseOffset: batch.baseOffset,
    partitionLeaderEpoch: batch.partitionLeaderEpoch,
    timestampType: batch.timestampType,
    isTransactional: batch.isTransactional,
    isControl: batch.isControl,
    producerId: batch.producerId,
    producerEpoch: batch.producerEpoch,
    baseSequence: batch.baseSequence,
    lastOffsetDelta: batch.lastOffsetDelta,
  } as const;
}

function codecOf(batch: DecodedRecordBatch) {
  const name = compressionName(batch.compression);
  if (name === undefined) throw new RangeError(`record batch at offset ${batch.baseOffset} has unknown codec id ${batch.compression}`);
  return name;
}
