/**
 * Produce (key 0), v3-v7 (both clients send v7; v3+ means RecordBatch v2 only).
 * - acks 0: appended, no response at all; acks 1: answered once the leader appended; acks -1 (all):
 *   answered once the whole ISR has the records (the high watermark passed them) or after timeout_ms
 *   (REQUEST_TIMED_OUT). With acks=all the ISR must have `min.insync.replicas` members before the append
 *   (NOT_ENOUGH_REPLICAS) and after it (NOT_ENOUGH_REPLICAS_AFTER_APPEND).
 * - Checked in Kafka's order: exactly one RecordBatch v2 per partition, zstd only from v7
 *   (log/produce-request-records.ts: INVALID_RECORD, UNSUPPORTED_COMPRESSION_TYPE), then size, CRC and
 *   header (log/record-batch-validation.ts), then the topic's compression.type (log/topic-compression.ts):
 *   compressed records are checked, and rebuilt with the topic's codec unless it is `producer`; at most
 *   COMPRESSION_CONCURRENCY partitions of a request decompress at once.
 * - Errors per partition: UNKNOWN_TOPIC_OR_PARTITION, NOT_LEADER_OR_FOLLOWER, CORRUPT_MESSAGE (CRC, framing,
 *   a compressed payload that does not decompress or parse),
 *   MESSAGE_TOO_LARGE (batch over the topic's max.message.bytes, default message.max.bytes),
 *   UNSUPPORTED_FOR_MESSAGE_FORMAT, INVALID_RECORD (a record without a key in a compacted topic); INVALID_REQUIRED_ACKS for acks outside {-1, 0, 1}.
 * - Response v5+: log_start_offset; log_append_time_ms is -1 (CreateTime).
 * - Idempotent producers (producer id >= 0): the partition's producer state checks the batch in the same
 *   synchronous step as the append (`Partition.appendAsLeader`): a retry of one of the producer's last 5
 *   batches is answered with the original offsets (and, as Kafka does, its max timestamp as
 *   log_append_time_ms) without appending; OUT_OF_ORDER_SEQUENCE_NUMBER, INVALID_PRODUCER_EPOCH otherwise.
 * - Refusals are logged as Kafka's ReplicaManager logs them (`produce-rejection-log.ts`).
 */
import type { PartitionProduceResponse, ProduceRequest, ProduceResponse } from '../../protocol/index.ts';
import { API_KEYS, KAFKA_ERRORS, KafkaProtocolError } from '../../protocol/index.ts';
import { validateProducedRecords } from '../../log/record-batch-validation.ts';
import { isCompactedTopic } from '../../log/cleaner/compaction-config.ts';
import { requireRecordKeys } from '../../log/cleaner/require-record-keys.ts';
import { applyTopicCompression } from '../../log/topic-compression.ts';
import { validateProduceRequestRecords } from '../../log/produce-request-records.ts';
import { concurrencyLimit } from '../concurrency-limit.ts';
import type { ConcurrencyLimit } from '../concurrency-limit.ts';
import { defineApiHandler } from '../api-handler.ts';
import type { RequestContext } from '../api-handler.ts';
import { messageCodec } from '../message-codec.ts';
import { logProduceRejection } from '../produce-rejection-log.ts';

function partitionResult(index: number, errorCode: number, baseOffset = -1n, logStartOffset = -1n, logAppendTimeMs = -1n): PartitionProduceResponse {
  return { index, errorCode, baseOffset, logAppendTimeMs, logStartOffset };
}

/** Compressed partitions of one request checked / recompressed at once (bounded memory). */
const COMPRESSION_CONCURRENCY = 2;

async function producePartition(
  ctx: RequestContext,
  request: ProduceRequest,
  topic: string,
  index: number,
  records: Uint8Array | null,
  limit: ConcurrencyLimit,
): Promise<PartitionProduceResponse> {
  const { replicas, cache } = ctx.services.internals;
  const cached = cache.cachedTopic(topic);
  if (!cached || !cached.assignment.has(index)) return partitionResult(index, KAFKA_ERRORS.UNKNOWN_TOPIC_OR_PARTITION.code);
  const partition = replicas.getPartition(topic, index);
  if (!partition || partition.role !== 'leader') return partitionResult(index, KAFKA_ERRORS.NOT_LEADER_OR_FOLLOWER.code);
  try {
    // The topic's max.message.bytes override, else the broker's message.max.bytes.
    const topicLimit = Number(cached.config['max.message.bytes']);
    const maxBytes = Number.isInteger(topicLimit) && topicLimit > 0 ? topicLimit : ctx.services.config.messageMaxBytes;
    // Kafka's order: one v2 batch per partition, then size / CRC / header, then the records themselves.
    validateProduceRequestRecords(ctx.apiVersion, records);
    const [sent] = validateProducedRecords(records, maxBytes);
    // The topic's compression.type (async: before the synchronous append step).
    const compressionType = cached.config['compression.type'] ?? ctx.services.config.compressionType;
    const compacted = isCompactedTopic(cached.config, ctx.services.config);
    const stored = await limit(async () => {
      const kept = await applyTopicCompression(sent, { compressionType, maxMessageBytes: maxBytes });
      if (compacted) await requireRecordKeys(kept, `${topic}-${index}`);
      return kept;
    });
    const current = replicas.getPartition(topic, index);
    if (current !== partition || current.role !== 'leader') return partitionResult(index, KAFKA_ERRORS.NOT_LEADER_OR_FOLLOWER.code);
    // A recompressed batch is checked again (it may have grown past max.message.bytes).
    const batches = stored === sent ? [sent] : validateProducedRecords(stored, maxBytes);
    const { baseOffset, lastOffset, duplicate } = replicas.appendAsLeader(partition, batches, request.acks);
    if (request.acks === -1) {
      // A duplicate waits too: its original may not be committed yet.
      const error = await partition.waitForCommit(lastOffset, replicas.minInsyncReplicas(topic), request.timeoutMs);
      if (error) return partitionResult(index, KAFKA_ERRORS[error].code, baseOffset, partition.log.logStartOffset);
    }
    // Kafka answers a duplicate with the original batch's offsets and its timestamp as log_append_time.
    return partitionResult(index, 0, baseOffset, partition.log.logStartOffset, duplicate ? duplicate.timestamp : -1n);
  } catch (error) {
    if (error instanceof KafkaProtocolError) {
      logProduceRejection(ctx.logger, topic, index, error);
      return partitionResult(index, error.code);
    }
    throw error;
  }
}

export default defineApiHandler({
  ...messageCodec(API_KEYS.Produce),
  async handle(ctx, request): Promise<ProduceResponse | null> {
    if (request.acks !== 0 && request.acks !== 1 && request.acks !== -1) {
      return this.errorResponse!(request, KAFKA_ERRORS.INVALID_REQUIRED_ACKS.code, ctx.apiVersion);
    }
    const limit = concurrencyLimit(COMPRESSION_CONCURRENCY);
    const responses = await Promise.all(
      request.topicData.map(async (topic) => ({
        name: topic.name,
        partitionResponses: await Promise.all(topic.partitionData.map((p) => producePartition(ctx, request, topic.name, p.index, p.records, limit))),
      })),
    );
    if (request.acks === 0) return null;
    return { responses, throttleTimeMs: 0 };
  },
  errorResponse(request, errorCode) {
    return {
      responses: request.topicData.map((topic) => ({
        name: topic.name,
        partitionResponses: topic.partitionData.map((p) => partitionResult(p.index, errorCode)),
      })),
      throttleTimeMs: 0,
    };
  },
});
