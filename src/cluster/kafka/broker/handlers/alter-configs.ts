/**
 * AlterConfigs (key 33), v0-v1 (kafkajs admin.alterConfigs). Topic resources (type 2): the given configs
 * replace the topic's overrides in `/config/topics/<t>` (AlterConfigs is not incremental), with a
 * `/config/changes` notification as Kafka writes. Unknown names or bad values: INVALID_CONFIG. Broker
 * resources are static in the teaching cluster (INVALID_REQUEST with a hint).
 */
import type { AlterConfigsResponse } from '../../protocol/index.ts';
import { API_KEYS, KAFKA_ERRORS, KafkaProtocolError } from '../../protocol/index.ts';
import { defineApiHandler } from '../api-handler.ts';
import { messageCodec } from '../message-codec.ts';
import { RESOURCE_TOPIC } from './describe-configs.ts';

export default defineApiHandler({
  ...messageCodec(API_KEYS.AlterConfigs),
  async handle(ctx, request): Promise<AlterConfigsResponse> {
    const responses = await Promise.all(
      request.resources.map(async (resource) => {
        const base = { resourceType: resource.resourceType, resourceName: resource.resourceName };
        if (resource.resourceType !== RESOURCE_TOPIC) {
          return { ...base, errorCode: KAFKA_ERRORS.INVALID_REQUEST.code, errorMessage: 'Broker configs are static in the teaching cluster: set them in the cluster options and restart the broker.' };
        }
        const configs: Record<string, string> = {};
        for (const config of resource.configs) if (config.value !== null) configs[config.name] = config.value;
        try {
          await ctx.services.internals.admin.setTopicConfig(resource.resourceName, configs, request.validateOnly);
          return { ...base, errorCode: 0, errorMessage: null };
        } catch (error) {
          if (error instanceof KafkaProtocolError) return { ...base, errorCode: error.code, errorMessage: error.message.replace(/^[A-Z_]+: /, '') };
          throw error;
        }
      }),
    );
    return { throttleTimeMs: 0, responses };
  },
  errorResponse(request, errorCode) {
    return { throttleTimeMs: 0, responses: request.resources.map((r) => ({ errorCode, errorMessage: null, resourceType: r.resourceType, resourceName: r.resourceName })) };
  },
});
