/**
 * ListOffsets (key 2), v0-v3 (kafkajs v3, librdkafka v2; min 0 keeps librdkafka's OFFSET_TIME feature).
 * timestamp -1 = latest (the high watermark; = LSO without transactions), -2 = earliest (log start), other
 * values = the first record whose timestamp is >= it (looking inside batches), or -1 when none. v0 answers a list
 * (old_style_offsets). Only the leader answers (NOT_LEADER_OR_FOLLOWER elsewhere).
 */
import type { ListOffsetsPartitionResponse, ListOffsetsResponse } from '../../protocol/index.ts';
import { API_KEYS, KAFKA_ERRORS } from '../../protocol/index.ts';
import { defineApiHandler } from '../api-handler.ts';
import { messageCodec } from '../message-codec.ts';

const LATEST = -1n;
const EARLIEST = -2n;

function result(version: number, partitionIndex: number, errorCode: number, offset = -1n, timestamp = -1n): ListOffsetsPartitionResponse {
  if (version === 0) return { partitionIndex, errorCode, oldStyleOffsets: offset >= 0n ? [offset] : [] };
  return { partitionIndex, errorCode, timestamp, offset };
}

export default defineApiHandler({
  ...messageCodec(API_KEYS.ListOffsets),
  async handle(ctx, request): Promise<ListOffsetsResponse> {
    const { replicas, cache } = ctx.services.internals;
    const version = ctx.apiVersion;
    return {
      throttleTimeMs: 0,
      topics: await Promise.all(request.topics.map(async (topic) => ({
        name: topic.name,
        partitions: await Promise.all(topic.partitions.map(async (p) => {
          const cached = cache.cachedTopic(topic.name);
          if (!cached || !cached.assignment.has(p.partitionIndex)) return result(version, p.partitionIndex, KAFKA_ERRORS.UNKNOWN_TOPIC_OR_PARTITION.code);
          const partition = replicas.getPartition(topic.name, p.partitionIndex);
          // Followers (replica_id >= 0, debugging tools) may ask any replica; clients only the leader.
          if (!partition || (request.replicaId < 0 && partition.role !== 'leader')) {
            return result(version, p.partitionIndex, KAFKA_ERRORS.NOT_LEADER_OR_FOLLOWER.code);
          }
          const hw = request.replicaId >= 0 ? partition.logEndOffset : partition.highWatermark;
          if (p.timestamp === LATEST) return result(version, p.partitionIndex, 0, hw);
          if (p.timestamp === EARLIEST) return result(version, p.partitionIndex, 0, partition.log.logStartOffset);
          const found = await partition.log.offsetForTimestamp(p.timestamp);
          if (!found || found.offset >= hw) return result(version, p.partitionIndex, 0, -1n, -1n);
          return result(version, p.partitionIndex, 0, found.offset, found.timestamp);
        })),
      }))),
    };
  },
  errorResponse(request, errorCode, version) {
    return {
      throttleTimeMs: 0,
      topics: request.topics.map((topic) => ({ name: topic.name, partitions: topic.partitions.map((p) => result(version, p.partitionIndex, errorCode)) })),
    };
  },
});
