/**
 * Metadata (key 3), v0-v6 (kafkajs v6, librdkafka v4).
 * - Topics: v0 empty = all; v1+ null = all, empty = none.
 * - Unknown topic: UNKNOWN_TOPIC_OR_PARTITION, or, with allow_auto_topic_creation (v4+; always before) and
 *   `auto.create.topics.enable`, the topic is created and answered LEADER_NOT_AVAILABLE (clients retry).
 * - Only live brokers are listed; a partition without a leader gets LEADER_NOT_AVAILABLE, leader -1. No other
 *   partition error is ever set (kafkajs aborts its whole refresh on any other one).
 * - v5+: offline_replicas = assigned replicas whose broker is not registered.
 */
import type { MetadataResponse, MetadataResponsePartition, MetadataResponseTopic } from '../../protocol/index.ts';
import { API_KEYS, KAFKA_ERRORS } from '../../protocol/index.ts';
import { invalidTopicNameReason } from '../../controller/topic-admin.ts';
import { OFFSETS_TOPIC } from '../../metadata/zk-metadata-cache.ts';
import { defineApiHandler } from '../api-handler.ts';
import type { BrokerServices } from '../broker-services.ts';
import { messageCodec } from '../message-codec.ts';

function describeTopic(services: BrokerServices, name: string): MetadataResponseTopic | undefined {
  const topic = services.internals.cache.cachedTopic(name);
  if (!topic) return undefined;
  const live = services.internals.cache.liveBrokerIds();
  const partitions: MetadataResponsePartition[] = [];
  for (const [index, replicas] of [...topic.assignment].sort((a, b) => a[0] - b[0])) {
    const state = topic.states.get(index);
    if (!state) {
      // Created but not yet given a leader by the controller.
      return { errorCode: KAFKA_ERRORS.LEADER_NOT_AVAILABLE.code, name, isInternal: name === OFFSETS_TOPIC, partitions: [] };
    }
    const leaderAlive = state.leader >= 0 && live.has(state.leader);
    partitions.push({
      errorCode: leaderAlive ? 0 : KAFKA_ERRORS.LEADER_NOT_AVAILABLE.code,
      partitionIndex: index,
      leaderId: leaderAlive ? state.leader : -1,
      replicaNodes: replicas,
      isrNodes: state.isr,
      offlineReplicas: replicas.filter((id) => !live.has(id)),
    });
  }
  return { errorCode: 0, name, isInternal: name === OFFSETS_TOPIC, partitions };
}

export default defineApiHandler({
  ...messageCodec(API_KEYS.Metadata),
  async handle(ctx, request): Promise<MetadataResponse> {
    const { services } = ctx;
    const cache = services.internals.cache;
    const allowAutoCreate = (ctx.apiVersion < 4 || request.allowAutoTopicCreation !== false) && services.config.autoCreateTopicsEnable;
    const wantsAll = request.topics === null || (ctx.apiVersion === 0 && request.topics.length === 0);
    const topics: MetadataResponseTopic[] = [];
    if (wantsAll) {
      for (const topic of cache.topics()) {
        const described = describeTopic(services, topic.name);
        if (described) topics.push(described);
      }
    } else {
      for (const { name } of request.topics ?? []) {
        const described = describeTopic(services, name);
        if (described) {
          topics.push(described);
          continue;
        }
        let errorCode: number = KAFKA_ERRORS.UNKNOWN_TOPIC_OR_PARTITION.code;
        if (invalidTopicNameReason(name) !== null) errorCode = KAFKA_ERRORS.INVALID_TOPIC_EXCEPTION.code;
        else if (allowAutoCreate && name !== OFFSETS_TOPIC) {
          errorCode = KAFKA_ERRORS[await services.internals.admin.autoCreateTopic(name)].code;
        }
        topics.push({ errorCode, name, isInternal: name === OFFSETS_TOPIC, partitions: [] });
      }
    }
    return {
      throttleTimeMs: 0,
      brokers: cache.liveBrokers().map((b) => ({ nodeId: b.id, host: b.host, port: b.port, rack: b.rack })),
      clusterId: cache.clusterId(),
      controllerId: cache.controllerId() ?? -1,
      topics,
    };
  },
});
