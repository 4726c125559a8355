/**
 * CreateTopics (key 19), v0-v4 (kafkajs v3). Controller only (NOT_CONTROLLER elsewhere: kafkajs refreshes
 * metadata and retries). num_partitions / replication_factor -1 take `num.partitions` /
 * `default.replication.factor` at every version, as Kafka's broker does. Replicas are placed with Kafka's
 * rack-unaware assignment; RF above the live brokers is INVALID_REPLICATION_FACTOR. With timeout_ms > 0
 * the answer waits until every partition has a leader (REQUEST_TIMED_OUT otherwise). Errors and their order
 * are Kafka's (`KafkaApis.handleCreateTopicsRequest`, `TopicAdmin.createTopic`).
 */
import type { CreatableTopicResult, CreateTopicsResponse } from '../../protocol/index.ts';
import { API_KEYS, KAFKA_ERRORS, KafkaProtocolError } from '../../protocol/index.ts';
import { defineApiHandler } from '../api-handler.ts';
import { messageCodec } from '../message-codec.ts';

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
          await admin.createTopic(
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
          if (!request.validateOnly && request.timeoutMs > 0) {
            const ready = await admin.waitForLeaders(topic.name, request.timeoutMs);
            if (!ready) return { name: topic.name, errorCode: KAFKA_ERRORS.REQUEST_TIMED_OUT.code, errorMessage: 'Timed out waiting for the partitions to get leaders.' };
          }
          return { name: topic.name, errorCode: 0, errorMessage: null };
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
