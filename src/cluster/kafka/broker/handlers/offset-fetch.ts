/**
 * OffsetFetch (API key 9), versions 0..5: the committed offsets of a group, -1 where nothing is committed.
 *
 * - v0-v1: listed partitions only, and a group-level error is repeated on every partition (no top-level
 *   error field). v2 adds the top-level `error_code` and `topics = null` for "every committed partition";
 *   v3 adds `throttle_time_ms`; v5 the partitions' `committed_leader_epoch`.
 * - kafkajs sends v4 (it has no v0 and ignores the advertised minimum), librdkafka v5. kafkajs throws on
 *   any error, top-level or per partition.
 */
import { KAFKA_ERRORS } from '../../protocol/errors.ts';
import { API_KEYS, type OffsetFetchRequest, type OffsetFetchResponse, type OffsetFetchResponseTopic } from '../../protocol/index.ts';
import type { FetchedOffset } from '../../group/coordinator-results.ts';
import { coordinatorOf } from '../../group/request-helpers.ts';
import { defineApiHandler } from '../api-handler.ts';
import { messageCodec } from '../message-codec.ts';

function errorResponse(request: OffsetFetchRequest, errorCode: number, version: number): OffsetFetchResponse {
  if (version >= 2) return { throttleTimeMs: 0, errorCode, topics: [] };
  // v0-v1 carry the error on each requested partition.
  const topics = (request.topics ?? []).map((t) => ({
    name: t.name,
    partitions: t.partitionIndexes.map((partitionIndex) => ({ partitionIndex, committedOffset: -1n, committedLeaderEpoch: -1, metadata: '', errorCode })),
  }));
  return { throttleTimeMs: 0, errorCode, topics };
}

function byTopic(offsets: readonly FetchedOffset[]): OffsetFetchResponseTopic[] {
  const topics = new Map<string, OffsetFetchResponseTopic>();
  for (const o of offsets) {
    let topic = topics.get(o.topic);
    if (!topic) topics.set(o.topic, (topic = { name: o.topic, partitions: [] }));
    topic.partitions.push({
      partitionIndex: o.partition,
      committedOffset: o.offset,
      committedLeaderEpoch: o.leaderEpoch,
      metadata: o.metadata,
      errorCode: o.errorCode,
    });
  }
  return [...topics.values()];
}

export default defineApiHandler<OffsetFetchRequest, OffsetFetchResponse>({
  ...messageCodec(API_KEYS.OffsetFetch),
  errorResponse,
  handle(ctx, request) {
    const coordinator = coordinatorOf(ctx);
    if (!coordinator) return errorResponse(request, KAFKA_ERRORS.COORDINATOR_NOT_AVAILABLE.code, ctx.apiVersion);
    const wanted = request.topics === null ? null : request.topics.map((t) => ({ topic: t.name, partitions: t.partitionIndexes }));
    const result = coordinator.fetchOffsets(request.groupId, wanted);
    if (result.errorCode !== 0) return errorResponse(request, result.errorCode, ctx.apiVersion);
    return { throttleTimeMs: 0, errorCode: 0, topics: byTopic(result.offsets) };
  },
});
