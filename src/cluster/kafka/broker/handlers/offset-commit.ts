/**
 * OffsetCommit (API key 8), versions 0..5: a consumer stores how far it got. The offsets are written to
 * `__consumer_offsets` and acknowledged once the ISR has them, so they survive the coordinator's broker.
 *
 * - v0: no generation or member (a simple commit); v1 adds `generation_id`, `member_id` and a per-partition
 *   `commit_timestamp`; v2-v4 add `retention_time_ms` (ignored: offsets are kept forever here); v3 adds
 *   `throttle_time_ms` to the response. Both clients send v5.
 * - Generation -1 with no member id commits for a group without members (kcat -C, admin tools).
 * - Unknown topics or partitions get UNKNOWN_TOPIC_OR_PARTITION, as Kafka checks its metadata first.
 * - Unlike Kafka (which sent v0 commits to ZooKeeper), v0 commits are stored like the others.
 */
import { KAFKA_ERRORS } from '../../protocol/errors.ts';
import { API_KEYS, type OffsetCommitRequest, type OffsetCommitResponse } from '../../protocol/index.ts';
import type { OffsetToCommit } from '../../group/coordinator-results.ts';
import { coordinatorOf } from '../../group/request-helpers.ts';
import { defineApiHandler } from '../api-handler.ts';
import { messageCodec } from '../message-codec.ts';

function errorResponse(request: OffsetCommitRequest, errorCode: number): OffsetCommitResponse {
  return {
    throttleTimeMs: 0,
    topics: request.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })) })),
  };
}

export default defineApiHandler<OffsetCommitRequest, OffsetCommitResponse>({
  ...messageCodec(API_KEYS.OffsetCommit),
  errorResponse,
  async handle(ctx, request) {
    const coordinator = coordinatorOf(ctx);
    if (!coordinator) return errorResponse(request, KAFKA_ERRORS.COORDINATOR_NOT_AVAILABLE.code);
    const known = (topic: string, partition: number) => {
      const metadata = ctx.services.metadata.topic(topic);
      return metadata !== undefined && partition >= 0 && partition < metadata.partitionCount;
    };
    const errors = new Map<string, number>();
    const toCommit: OffsetToCommit[] = [];
    for (const topic of request.topics) {
      for (const p of topic.partitions) {
        if (!known(topic.name, p.partitionIndex)) {
          errors.set(`${p.partitionIndex}:${topic.name}`, KAFKA_ERRORS.UNKNOWN_TOPIC_OR_PARTITION.code);
          continue;
        }
        toCommit.push({
          topic: topic.name,
          partition: p.partitionIndex,
          offset: p.committedOffset,
          leaderEpoch: -1,
          metadata: p.committedMetadata,
          commitTimestamp: p.commitTimestamp,
        });
      }
    }
    if (toCommit.length > 0) {
      const results = await coordinator.commitOffsets({
        groupId: request.groupId,
        generationId: request.generationId ?? -1,
        memberId: request.memberId ?? '',
        groupInstanceId: null,
        offsets: toCommit,
      });
      for (const r of results) errors.set(`${r.partition}:${r.topic}`, r.errorCode);
    }
    return {
      throttleTimeMs: 0,
      topics: request.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: errors.get(`${p.partitionIndex}:${t.name}`) ?? 0 })),
      })),
    };
  },
});
