/**
 * IncrementalAlterConfigs (key 44), v0-v1 (`kafka-configs --alter --add-config/--delete-config`, Java
 * `Admin.incrementalAlterConfigs`, librdkafka). Each config names an operation: SET (0), DELETE (1), APPEND
 * (2) and SUBTRACT (3) for list configs (INVALID_CONFIG "Config value append is not allowed for config
 * key: x" otherwise), applied to the resource's stored set (`prepareIncrementalConfigs`), which is then
 * validated and written as AlterConfigs does (`../config-alteration.ts`). validate_only checks and stops.
 */
import type { IncrementalAlterConfigsResponse } from '../../protocol/index.ts';
import { API_KEYS, KAFKA_ERRORS } from '../../protocol/index.ts';
import { defineApiHandler } from '../api-handler.ts';
import {
  alterBrokerResource,
  alterTopicResource,
  applyConfigOps,
  brokerListDefault,
  checkConfigNames,
  CONFIG_OPS,
  duplicateResources,
  outcomeOf,
  RESOURCE_BROKER,
  RESOURCE_TOPIC,
  topicListDefault,
  unsupportedResource,
} from '../config-alteration.ts';
import type { ConfigOp } from '../config-alteration.ts';
import { messageCodec } from '../message-codec.ts';
import { KafkaProtocolError } from '../../protocol/index.ts';

export default defineApiHandler({
  ...messageCodec(API_KEYS.IncrementalAlterConfigs),
  async handle(ctx, request): Promise<IncrementalAlterConfigsResponse> {
    const duplicates = duplicateResources(request.resources);
    const responses = [];
    for (const resource of request.resources) {
      const base = { resourceType: resource.resourceType, resourceName: resource.resourceName };
      if (duplicates.has(`${resource.resourceType}:${resource.resourceName}`)) {
        responses.push({ ...base, errorCode: KAFKA_ERRORS.INVALID_REQUEST.code, errorMessage: 'Each resource must appear at most once.' });
        continue;
      }
      const outcome = await outcomeOf(ctx, resource, async () => {
        const ops: ConfigOp[] = resource.configs.map((c) => {
          const op = CONFIG_OPS[c.configOperation];
          if (op === undefined) throw new KafkaProtocolError(KAFKA_ERRORS.INVALID_REQUEST, `Unknown operations type ${c.configOperation}`);
          return { name: c.name, op, value: c.value };
        });
        checkConfigNames(ops);
        if (resource.resourceType === RESOURCE_TOPIC) {
          await alterTopicResource(ctx, resource.resourceName, (current) => applyConfigOps(current, ops, topicListDefault(ctx.services.config)), request.validateOnly);
        } else if (resource.resourceType === RESOURCE_BROKER) {
          await alterBrokerResource(ctx, resource.resourceName, (current) => applyConfigOps(current, ops, brokerListDefault), request.validateOnly);
        } else unsupportedResource(resource.resourceType, true);
      });
      responses.push({ ...base, ...outcome });
    }
    return { throttleTimeMs: 0, responses };
  },
  errorResponse(request, errorCode) {
    return { throttleTimeMs: 0, responses: request.resources.map((r) => ({ errorCode, errorMessage: null, resourceType: r.resourceType, resourceName: r.resourceName })) };
  },
});
