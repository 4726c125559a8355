/**
 * OffsetForLeaderEpoch (key 23), v3 only, inter-broker (not advertised to clients). A follower that
 * (re)starts following asks, for its latest leader epoch, where that epoch ends in the leader's log; it
 * truncates anything beyond (KIP-101). Only the current leader answers (NOT_LEADER_OR_FOLLOWER,
 * FENCED/UNKNOWN_LEADER_EPOCH otherwise).
 */
import { KAFKA_ERRORS, KafkaReader, KafkaWriter } from '../../protocol/index.ts';
import {
  decodeOffsetForLeaderEpochRequest,
  encodeOffsetForLeaderEpochResponse,
  OFFSET_FOR_LEADER_EPOCH,
} from '../../network/inter-broker-messages.ts';
import type { OffsetForLeaderEpochRequest, OffsetForLeaderEpochResponse } from '../../network/inter-broker-messages.ts';
import { defineApiHandler } from '../api-handler.ts';

export default defineApiHandler<OffsetForLeaderEpochRequest, OffsetForLeaderEpochResponse>({
  apiKey: OFFSET_FOR_LEADER_EPOCH.apiKey,
  name: 'OffsetForLeaderEpoch',
  minVersion: OFFSET_FOR_LEADER_EPOCH.version,
  maxVersion: OFFSET_FOR_LEADER_EPOCH.version,
  advertised: false,
  decode(body) {
    const reader = new KafkaReader(body);
    const value = decodeOffsetForLeaderEpochRequest(reader);
    reader.expectEnd('OffsetForLeaderEpochRequest v3');
    return value;
  },
  encode(response) {
    const writer = new KafkaWriter();
    encodeOffsetForLeaderEpochResponse(writer, response);
    return writer.toBytes();
  },
  handle(ctx, request) {
    const { replicas } = ctx.services.internals;
    return {
      throttleTimeMs: 0,
      topics: request.topics.map((topic) => ({
        topic: topic.topic,
        partitions: topic.partitions.map((p) => {
          const answer = { partition: p.partition, errorCode: 0, leaderEpoch: -1, endOffset: -1n };
          const partition = replicas.getPartition(topic.topic, p.partition);
          if (!partition || partition.role !== 'leader') return { ...answer, errorCode: KAFKA_ERRORS.NOT_LEADER_OR_FOLLOWER.code };
          if (p.currentLeaderEpoch >= 0 && p.currentLeaderEpoch < partition.leaderEpoch) return { ...answer, errorCode: KAFKA_ERRORS.FENCED_LEADER_EPOCH.code };
          if (p.currentLeaderEpoch > partition.leaderEpoch) return { ...answer, errorCode: KAFKA_ERRORS.UNKNOWN_LEADER_EPOCH.code };
          const { epoch, endOffset } = partition.log.endOffsetForEpoch(p.leaderEpoch);
          return { ...answer, leaderEpoch: epoch, endOffset };
        }),
      })),
    };
  },
});
