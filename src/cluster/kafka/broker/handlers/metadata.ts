/**
 * Metadata (key 3), v0-v12 (kafkajs v6, librdkafka 2.0.2 v4, our tools v12; v9+ is flexible).
 * - Topics: v0 empty = all; v1+ null = all, empty = none.
 * - Unknown topic: UNKNOWN_TOPIC_OR_PARTITION, or, with allow_auto_topic_creation (v4+; always before) and
 *   `auto.create.topics.enable`, the topic is created and answered LEADER_NOT_AVAILABLE (clients retry).
 *   `__consumer_offsets` too, with the offsets topic's settings (Kafka's AutoTopicCreationManager.creatableTopic);
 *   with fewer live brokers than `offsets.topic.replication.factor` the answer is INVALID_REPLICATION_FACTOR.
 * - Only live brokers are listed, each at the address of the listener the request came through (Kafka's
 *   `getAliveBrokerNodes(request.context.listenerName)`); brokers without that listener are left out.
 * - A partition without a live leader gets LEADER_NOT_AVAILABLE, leader -1. A live leader lacking the request's
 *   listener gets the same, leader -1, and from v6 LISTENER_NOT_FOUND (ZkMetadataCache's
 *   errorUnavailableListeners); that only happens with brokers configured with different listener names. No other
 *   partition error is ever set (kafkajs aborts its whole refresh on any other one).
 * - v5+: offline_replicas = assigned replicas whose broker is not registered. v7+: the leader epoch.
 * - v8+: authorized operations only when asked for (-2147483648 otherwise). With no authorizer Kafka's
 *   AuthHelper reports every operation the resource type supports; this broker has none either.
 * - v10+: topic ids from `/brokers/topics/<t>` (the zero id while a topic has none). v12: topics asked by id
 *   (names are then ignored); an unknown id is answered UNKNOWN_TOPIC_ID with a null name, first. A null
 *   name or a topic id before v12 makes the whole answer INVALID_REQUEST, as KafkaApis does.
 */
import type { MetadataRequest, MetadataResponse, MetadataResponsePartition, MetadataResponseTopic } from '../../protocol/index.ts';
import { API_KEYS, KAFKA_ERRORS, KafkaProtocolError, isZeroUuid, uuidFromText, uuidToText } from '../../protocol/index.ts';
import { invalidTopicNameReason } from '../../controller/topic-admin.ts';
import type { CachedTopic } from '../../metadata/zk-metadata-cache.ts';
import { OFFSETS_TOPIC } from '../../metadata/zk-metadata-cache.ts';
import { defineApiHandler } from '../api-handler.ts';
import { CLUSTER_OPERATIONS, OPERATIONS_NOT_ASKED, TOPIC_OPERATIONS } from '../authorized-operations.ts';
import type { BrokerServices } from '../broker-services.ts';
import { endpointOn } from '../listener-endpoint.ts';
import { messageCodec } from '../message-codec.ts';

const ZERO_UUID = new Uint8Array(16);

/** The 16 bytes of a cached topic's id ('' while the topic has none). */
function topicIdBytes(topic: CachedTopic | undefined): Uint8Array {
  return topic?.topicId ? uuidFromText(topic.topicId) : ZERO_UUID;
}

/** Who is asking: the request's version and the listener it came through. */
interface Asker {
  readonly version: number;
  readonly listenerName: string;
}

function describeTopic(services: BrokerServices, name: string, asker: Asker): MetadataResponseTopic | undefined {
  const cache = services.internals.cache;
  const topic = cache.cachedTopic(name);
  if (!topic) return undefined;
  const live = cache.liveBrokerIds();
  const topicId = topicIdBytes(topic);
  const partitions: MetadataResponsePartition[] = [];
  for (const [index, replicas] of [...topic.assignment].sort((a, b) => a[0] - b[0])) {
    const state = topic.states.get(index);
    if (!state) {
      // Created but not yet given a leader by the controller.
      return { errorCode: KAFKA_ERRORS.LEADER_NOT_AVAILABLE.code, name, topicId, isInternal: name === OFFSETS_TOPIC, partitions: [] };
    }
    const leaderAlive = state.leader >= 0 && live.has(state.leader);
    const leaderReachable = leaderAlive && cache.broker(state.leader)?.listeners.has(asker.listenerName) === true;
    let errorCode = 0;
    if (!leaderAlive) errorCode = KAFKA_ERRORS.LEADER_NOT_AVAILABLE.code;
    else if (!leaderReachable) errorCode = asker.version >= 6 ? KAFKA_ERRORS.LISTENER_NOT_FOUND.code : KAFKA_ERRORS.LEADER_NOT_AVAILABLE.code;
    partitions.push({
      errorCode,
      partitionIndex: index,
      leaderId: leaderReachable ? state.leader : -1,
      leaderEpoch: state.leaderEpoch,
      replicaNodes: replicas,
      isrNodes: state.isr,
      offlineReplicas: replicas.filter((id) => !live.has(id)),
    });
  }
  return { errorCode: 0, name, topicId, isInternal: name === OFFSETS_TOPIC, partitions };
}

/** KafkaApis' checks of v10/v11 requests, which carry the v12 fields but may not use them. */
function checkTopicFields(request: MetadataRequest, version: number): void {
  for (const topic of request.topics ?? []) {
    if (topic.name === null && version < 12) {
      throw new KafkaProtocolError(KAFKA_ERRORS.INVALID_REQUEST, `Topic name can not be null for version ${version}`);
    }
    if (topic.topicId !== undefined && !isZeroUuid(topic.topicId) && version < 12) {
      throw new KafkaProtocolError(KAFKA_ERRORS.INVALID_REQUEST, `Topic IDs are not supported in requests for version ${version}`);
    }
  }
}

/** The topics asked for by id (v12), answered as KafkaApis does: unknown ids first, then the known topics. */
function describeTopicsById(services: BrokerServices, ids: readonly Uint8Array[], asker: Asker): MetadataResponseTopic[] {
  const byId = new Map<string, string>();
  for (const topic of services.internals.cache.cachedTopics()) if (topic.topicId) byId.set(topic.topicId, topic.name);
  const unknown: MetadataResponseTopic[] = [];
  const known = new Set<string>();
  for (const id of ids) {
    const name = byId.get(uuidToText(id));
    if (name === undefined) unknown.push({ errorCode: KAFKA_ERRORS.UNKNOWN_TOPIC_ID.code, name: null, topicId: id, isInternal: false, partitions: [] });
    else known.add(name);
  }
  const described = [...known].flatMap((name) => describeTopic(services, name, asker) ?? []);
  return [...unknown, ...described];
}

export default defineApiHandler({
  ...messageCodec(API_KEYS.Metadata),
  async handle(ctx, request): Promise<MetadataResponse> {
    const { services } = ctx;
    const version = ctx.apiVersion;
    const cache = services.internals.cache;
    const asker: Asker = { version, listenerName: ctx.listenerName };
    checkTopicFields(request, version);
    const allowAutoCreate = (version < 4 || request.allowAutoTopicCreation !== false) && services.config.autoCreateTopicsEnable;
    const wantsAll = request.topics === null || (version === 0 && request.topics.length === 0);
    const ids = (request.topics ?? []).flatMap((topic) => (topic.topicId !== undefined && !isZeroUuid(topic.topicId) ? [topic.topicId] : []));
    const topics: MetadataResponseTopic[] = [];
    if (wantsAll) {
      for (const topic of cache.topics()) {
        const described = describeTopic(services, topic.name, asker);
        if (described) topics.push(described);
      }
    } else if (ids.length > 0) {
      topics.push(...describeTopicsById(services, ids, asker));
    } else {
      for (const { name } of request.topics ?? []) {
        if (name === null) {
          // v12, neither name nor id: nothing to look up (Kafka finds no topic named null either).
          topics.push({ errorCode: KAFKA_ERRORS.UNKNOWN_TOPIC_OR_PARTITION.code, name, topicId: ZERO_UUID, isInternal: false, partitions: [] });
          continue;
        }
        const described = describeTopic(services, name, asker);
        if (described) {
          topics.push(described);
          continue;
        }
        let errorCode: number = KAFKA_ERRORS.UNKNOWN_TOPIC_OR_PARTITION.code;
        if (invalidTopicNameReason(name) !== null) errorCode = KAFKA_ERRORS.INVALID_TOPIC_EXCEPTION.code;
        else if (allowAutoCreate) {
          errorCode = KAFKA_ERRORS[await services.internals.admin.autoCreateTopic(name)].code;
        }
        topics.push({ errorCode, name, topicId: topicIdBytes(cache.cachedTopic(name)), isInternal: name === OFFSETS_TOPIC, partitions: [] });
      }
    }
    if (version >= 8 && request.includeTopicAuthorizedOperations === true) {
      for (const topic of topics) if (topic.errorCode !== KAFKA_ERRORS.UNKNOWN_TOPIC_ID.code) topic.topicAuthorizedOperations = TOPIC_OPERATIONS;
    }
    return {
      throttleTimeMs: 0,
      brokers: cache.liveBrokers().flatMap((broker) => {
        const endpoint = endpointOn(broker, ctx.listenerName);
        return endpoint ? [{ nodeId: endpoint.id, host: endpoint.host, port: endpoint.port, rack: endpoint.rack }] : [];
      }),
      clusterId: cache.clusterId(),
      controllerId: cache.controllerId() ?? -1,
      topics,
      clusterAuthorizedOperations: version <= 10 && request.includeClusterAuthorizedOperations === true ? CLUSTER_OPERATIONS : OPERATIONS_NOT_ASKED,
    };
  },
  /** `MetadataRequest.getErrorResponse`: every topic asked for, with the error (null names as ""). */
  errorResponse(request, errorCode) {
    return {
      throttleTimeMs: 0,
      brokers: [],
      controllerId: -1,
      topics: (request.topics ?? []).map((topic) => ({ errorCode, name: topic.name ?? '', topicId: topic.topicId ?? ZERO_UUID, isInternal: false, partitions: [] })),
    };
  },
});
