/**
 * CreateTopics (key 19), v0-v7 (kafkajs v3, @platformatic/kafka v7, our kafka-topics v7). Controller only
 * (NOT_CONTROLLER elsewhere: clients refresh metadata and retry). num_partitions / replication_factor -1
 * take `num.partitions` / `default.replication.factor` at every version, as Kafka's broker does. Replicas
 * are placed with Kafka's rack-unaware assignment; RF above the live brokers is INVALID_REPLICATION_FACTOR.
 * With timeout_ms > 0 the answer waits until every partition has a leader (REQUEST_TIMED_OUT otherwise).
 * Errors and their order are Kafka's (`KafkaApis.handleCreateTopicsRequest`, `TopicAdmin.createTopic`).
 *
 * v5+ (flexible) also answers, per topic, the partition count and replication factor of its assignment and
 * its effective configs with their sources (`ZkAdminManager.maybePopulateMetadataAndConfigs`, also for
 * validate_only); v7 the new topic's id (zero when only validated). A topic that fails gets -1, -1 and no
 * configs (`handleCreateTopicsResults`), but keeps an id already assigned (a topic that timed out waiting
 * for its leaders exists), as Kafka's answer does.
 */
import type { CreatableTopicConfigs, CreatableTopicResult, CreateTopicsResponse } from '../../protocol/index.ts';
import { API_KEYS, KAFKA_ERRORS, KafkaProtocolError, uuidFromText } from '../../protocol/index.ts';
import type { CreatedTopic } from '../../controller/topic-admin.ts';
import { defineApiHandler } from '../api-handler.ts';
import type { BrokerServices } from '../broker-services.ts';
import { messageCodec } from '../message-codec.ts';
import { topicConfigEntries } from '../topic-config-entries.ts';

/** The first version answering counts and configs (v5), and the topic id (v7). */
const METADATA_AND_CONFIGS_VERSION = 5;
const TOPIC_ID_VERSION = 7;

/** What v5+ adds to a created (or validated) topic's result. */
function createdTopicResult(services: BrokerServices, created: CreatedTopic, overrides: Record<string, string>, version: number): Partial<CreatableTopicResult> {
  const result: Partial<CreatableTopicResult> = {};
  if (version >= METADATA_AND_CONFIGS_VERSION) {
    result.numPartitions = created.numPartitions;
    result.replicationFactor = created.replicationFactor;
    result.configs = topicConfigEntries(services, overrides).map(
      (e): CreatableTopicConfigs => ({ name: e.name, value: e.value, readOnly: false, configSource: e.source, isSensitive: false }),
    );
  }
  if (version >= TOPIC_ID_VERSION && created.topicId !== null) result.topicId = uuidFromText(created.topicId);
  return result;
}

export default defineApiHandler({
  ...messageCodec(API_KEYS.CreateTopics),
  async handle(ctx, request): Promise<CreateTopicsResponse> {
    const { controller, admin } = ctx.services.internals;
    if (!controller.isActive) return this.errorResponse!(request, KAFKA_ERRORS.NOT_CONTROLLER.code, ctx.apiVersion);
    const seen = new Map<string, number>();
    for (const topic of request.topics) seen.set(topic.name, (seen.get(topic.name) ?? 0) + 1);
    const topics = await Promise.all(
      request.topics.map(async (topic): Promise<CreatableTopicResult> => {
        if (topic.name === '__cluster_metadata') {
          return { name: topic.name, errorCode: KAFKA_ERRORS.INVALID_REQUEST.code, errorMessage: 'Creation of internal topic __cluster_metadata is prohibited.' };
        }
        if ((seen.get(topic.name) ?? 0) > 1) {
          return { name: topic.name, errorCode: KAFKA_ERRORS.INVALID_REQUEST.code, errorMessage: 'Found multiple entries for this topic.' };
        }
        try {
          const configs: Record<string, string> = {};
          for (const config of topic.configs) if (config.value !== null) configs[config.name] = config.value;
          const nullConfigs = topic.configs.filter((c) => c.value === null).map((c) => c.name);
          const created = await admin.createTopic(
            {
              name: topic.name,
              numPartitions: topic.numPartitions,
              replicationFactor: topic.replicationFactor,
              assignments: new Map(topic.assignments.map((a) => [a.partitionIndex, a.brokerIds])),
              configs,
              nullConfigs,
            },
            request.validateOnly ?? false,
          );
          const filled = createdTopicResult(ctx.services, created, configs, ctx.apiVersion);
          if (!request.validateOnly) {
            // `ZkAdminManager.createTopics`: with no time to wait (timeout_ms <= 0) the topic is created
            // all the same and answered REQUEST_TIMED_OUT.
            const ready = request.timeoutMs > 0 && (await admin.waitForLeaders(topic.name, request.timeoutMs));
            if (!ready) {
              const errorMessage = request.timeoutMs > 0 ? 'Timed out waiting for the partitions to get leaders.' : null;
              return { name: topic.name, topicId: filled.topicId, errorCode: KAFKA_ERRORS.REQUEST_TIMED_OUT.code, errorMessage };
            }
          }
          return { name: topic.name, errorCode: 0, errorMessage: null, ...filled };
        } catch (error) {
          if (error instanceof KafkaProtocolError) {
            const message = error.message.replace(/^[A-Z_]+: /, '');
            ctx.logger.info('Error processing create topic request', { topic: topic.name, error: error.entry.name, message });
            return { name: topic.name, errorCode: error.code, errorMessage: message };
          }
          throw error;
        }
      }),
    );
    return { throttleTimeMs: 0, topics };
  },
  errorResponse(request, errorCode) {
    return { throttleTimeMs: 0, topics: request.topics.map((t) => ({ name: t.name, errorCode, errorMessage: null })) };
  },
});
