/**
 * DeleteRecords (key 21), v0-v2 (kafkajs v0, librdkafka/`kafka-delete-records` v1-2; v2 is flexible).
 * Kafka's `ReplicaManager.deleteRecords` / `Partition.deleteRecordsOnLeader`: on the partition's leader, the log
 * start offset moves to the requested offset (-1 = the high watermark); the records below it can no longer be
 * read (the segments holding only such records go at the next retention check). The answer waits
 * (`DelayedDeleteRecords`, up to timeout_ms) until every alive replica's log start offset, which followers send
 * in their fetches, reached it, and reports that low watermark.
 *
 * Errors: UNKNOWN_TOPIC_OR_PARTITION, NOT_LEADER_OR_FOLLOWER elsewhere than the leader, INVALID_TOPIC_EXCEPTION
 * for `__consumer_offsets` (internal), POLICY_VIOLATION when `cleanup.policy` has no `delete`,
 * OFFSET_OUT_OF_RANGE below -1 or beyond the high watermark, REQUEST_TIMED_OUT when the replicas did not
 * follow in time.
 */
import type { DeleteRecordsPartitionResult, DeleteRecordsResponse } from '../../protocol/index.ts';
import { API_KEYS, KAFKA_ERRORS } from '../../protocol/index.ts';
import { OFFSETS_TOPIC } from '../../metadata/zk-metadata-cache.ts';
import type { ZkMetadataCache } from '../../metadata/zk-metadata-cache.ts';
import type { Partition } from '../../replication/partition.ts';
import { defineApiHandler } from '../api-handler.ts';
import type { RequestContext } from '../api-handler.ts';
import { messageCodec } from '../message-codec.ts';

/** DeleteRecordsRequest.HIGH_WATERMARK. */
const HIGH_WATERMARK = -1n;

interface Pending {
  readonly partition: Partition;
  readonly target: bigint;
  readonly result: DeleteRecordsPartitionResult;
}

/**
 * Kafka's `lowWatermarkIfLeader`: the smallest log start offset among the leader and the alive replicas. An
 * alive follower that has not fetched yet counts with its unknown start (-1), which holds the answer back.
 */
export function lowWatermark(partition: Partition, cache: ZkMetadataCache): bigint {
  const alive = cache.liveBrokerIds();
  let low = partition.log.logStartOffset;
  for (const [id, progress] of partition.followers) {
    if (alive.has(id) && progress.logStartOffset < low) low = progress.logStartOffset;
  }
  return low;
}

function deleteOnLeader(ctx: RequestContext, topic: string, index: number, offset: bigint): Pending | DeleteRecordsPartitionResult {
  const { replicas, cache } = ctx.services.internals;
  const fail = (name: keyof typeof KAFKA_ERRORS, detail: string): DeleteRecordsPartitionResult => {
    ctx.logger.info(`DeleteRecords refused: ${detail}`, { topic, partition: index, error: name });
    return { partitionIndex: index, lowWatermark: -1n, errorCode: KAFKA_ERRORS[name].code };
  };
  const cached = cache.cachedTopic(topic);
  if (!cached || !cached.assignment.has(index)) return fail('UNKNOWN_TOPIC_OR_PARTITION', `no partition ${topic}-${index}`);
  if (topic === OFFSETS_TOPIC) return fail('INVALID_TOPIC_EXCEPTION', `cannot delete records of internal topic ${topic}`);
  const partition = replicas.getPartition(topic, index);
  if (!partition || partition.role !== 'leader') return fail('NOT_LEADER_OR_FOLLOWER', `broker ${ctx.services.brokerId} does not lead ${topic}-${index}`);
  if (!partition.log.config.deleteEnabled) return fail('POLICY_VIOLATION', `records of ${topic}-${index} can not be deleted due to the configured policy`);
  const target = offset === HIGH_WATERMARK ? partition.highWatermark : offset;
  if (target < 0n || target > partition.highWatermark) {
    return fail('OFFSET_OUT_OF_RANGE', `offset ${offset} of ${topic}-${index} is outside [0, high watermark ${partition.highWatermark}]`);
  }
  if (partition.log.maybeIncrementLogStartOffset(target, partition.highWatermark)) {
    ctx.logger.info('log start offset moved by DeleteRecords', { topic, partition: index, logStartOffset: String(partition.log.logStartOffset) });
  }
  return { partition, target, result: { partitionIndex: index, lowWatermark: -1n, errorCode: KAFKA_ERRORS.REQUEST_TIMED_OUT.code } };
}

export default defineApiHandler({
  ...messageCodec(API_KEYS.DeleteRecords),
  async handle(ctx, request): Promise<DeleteRecordsResponse> {
    const { replicas, cache } = ctx.services.internals;
    const pending: Pending[] = [];
    const topics = request.topics.map((topic) => ({
      name: topic.name,
      partitions: topic.partitions.map((p) => {
        const outcome = deleteOnLeader(ctx, topic.name, p.partitionIndex, p.offset);
        if (!('partition' in outcome)) return outcome;
        pending.push(outcome);
        return outcome.result;
      }),
    }));
    const settle = () => {
      for (const entry of pending) {
        if (entry.result.errorCode === 0) continue;
        if (entry.partition.role !== 'leader') {
          entry.result.errorCode = KAFKA_ERRORS.NOT_LEADER_OR_FOLLOWER.code;
          continue;
        }
        const low = lowWatermark(entry.partition, cache);
        if (low >= entry.target) {
          entry.result.errorCode = 0;
          entry.result.lowWatermark = low;
        }
      }
      return pending.every((e) => e.result.errorCode !== KAFKA_ERRORS.REQUEST_TIMED_OUT.code);
    };
    const deadline = Date.now() + Math.max(0, request.timeoutMs);
    while (!settle() && !ctx.signal.aborted && Date.now() < deadline) {
      const waiting = pending.filter((e) => e.result.errorCode === KAFKA_ERRORS.REQUEST_TIMED_OUT.code).map((e) => e.partition);
      await replicas.waitForProgress(waiting, deadline - Date.now(), ctx.signal);
    }
    return { throttleTimeMs: 0, topics };
  },
  errorResponse(request, errorCode) {
    return {
      throttleTimeMs: 0,
      topics: request.topics.map((topic) => ({
        name: topic.name,
        partitions: topic.partitions.map((p) => ({ partitionIndex: p.partitionIndex, lowWatermark: -1n, errorCode })),
      })),
    };
  },
});
