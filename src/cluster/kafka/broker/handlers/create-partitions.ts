/**
 * CreatePartitions (key 37), v0-v1 (kafkajs v1, librdkafka v0). Controller only. Grows a topic: new
 * partitions are placed like Kafka's `AdminZkClient.addPartitions` (continuing the rack-unaware layout
 * from partition 0's first replica) unless assignments are given; waits for their leaders. Errors as
 * Kafka's (`KafkaApis.handleCreatePartitionsRequest`, `TopicAdmin.createPartitions`).
 */
import type { CreatePartitionsResponse } from '../../protocol/index.ts';
import { API_KEYS, KAFKA_ERRORS, KafkaProtocolError } from '../../protocol/index.ts';
import { defineApiHandler } from '../api-handler.ts';
import { messageCodec } from '../message-codec.ts';

export default defineApiHandler({
  ...messageCodec(API_KEYS.CreatePartitions),
  async handle(ctx, request): Promise<CreatePartitionsResponse> {
    const { controller, admin } = ctx.services.internals;
    if (!controller.isActive) return this.errorResponse!(request, KAFKA_ERRORS.NOT_CONTROLLER.code, ctx.apiVersion);
    const seen = new Map<string, number>();
    for (const topic of request.topics) seen.set(topic.name, (seen.get(topic.name) ?? 0) + 1);
    const results = await Promise.all(
      request.topics.map(async (topic) => {
        if ((seen.get(topic.name) ?? 0) > 1) return { name: topic.name, errorCode: KAFKA_ERRORS.INVALID_REQUEST.code, errorMessage: 'Duplicate topic in request.' };
        try {
          await admin.createPartitions(topic.name, topic.count, topic.assignments?.map((a) => a.brokerIds) ?? null, request.validateOnly);
          if (!request.validateOnly) {
            // As CreateTopics: timeout_ms <= 0 still adds the partitions and answers REQUEST_TIMED_OUT.
            const ready = request.timeoutMs > 0 && (await admin.waitForLeaders(topic.name, request.timeoutMs, topic.count));
            if (!ready) {
              return { name: topic.name, errorCode: KAFKA_ERRORS.REQUEST_TIMED_OUT.code, errorMessage: request.timeoutMs > 0 ? 'Timed out waiting for the new partitions to get leaders.' : null };
            }
          }
          return { name: topic.name, errorCode: 0, errorMessage: null };
        } catch (error) {
          if (error instanceof KafkaProtocolError) return { name: topic.name, errorCode: error.code, errorMessage: error.message.replace(/^[A-Z_]+: /, '') };
          throw error;
        }
      }),
    );
    return { throttleTimeMs: 0, results };
  },
  errorResponse(request, errorCode) {
    return { throttleTimeMs: 0, results: request.topics.map((t) => ({ name: t.name, errorCode, errorMessage: null })) };
  },
});
