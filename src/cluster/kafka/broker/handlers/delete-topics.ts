/**
 * DeleteTopics (key 20), v0-v1 (kafkajs v1). Controller only. The topic is queued under
 * `/admin/delete_topics`; the controller removes its znodes and every replica drops its log. Answers once
 * the topic is gone from the metadata, or REQUEST_TIMED_OUT after timeout_ms.
 */
import type { DeleteTopicsResponse } from '../../protocol/index.ts';
import { API_KEYS, KAFKA_ERRORS, KafkaProtocolError } from '../../protocol/index.ts';
import { OFFSETS_TOPIC } from '../../metadata/zk-metadata-cache.ts';
import { defineApiHandler } from '../api-handler.ts';
import { messageCodec } from '../message-codec.ts';

export default defineApiHandler({
  ...messageCodec(API_KEYS.DeleteTopics),
  async handle(ctx, request): Promise<DeleteTopicsResponse> {
    const { controller, admin } = ctx.services.internals;
    if (!controller.isActive) return this.errorResponse!(request, KAFKA_ERRORS.NOT_CONTROLLER.code, ctx.apiVersion);
    const responses = await Promise.all(
      [...new Set(request.topicNames)].map(async (name) => {
        if (name === OFFSETS_TOPIC) return { name, errorCode: KAFKA_ERRORS.INVALID_TOPIC_EXCEPTION.code };
        try {
          await admin.deleteTopic(name);
          const gone = await admin.waitForDeletion(name, Math.max(0, request.timeoutMs));
          return { name, errorCode: gone ? 0 : KAFKA_ERRORS.REQUEST_TIMED_OUT.code };
        } catch (error) {
          if (error instanceof KafkaProtocolError) return { name, errorCode: error.code };
          throw error;
        }
      }),
    );
    return { throttleTimeMs: 0, responses };
  },
  errorResponse(request, errorCode) {
    return { throttleTimeMs: 0, responses: request.topicNames.map((name) => ({ name, errorCode })) };
  },
});
