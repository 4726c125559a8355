/**
 * IncrementalAlterConfigs (key 44), v0-v1 (`kafka-configs --alter --add-config/--delete-config`, Java
 * `Admin.incrementalAlterConfigs`, librdkafka). Each config names an operation: SET (0), DELETE (1), APPEND
 * (2) and SUBTRACT (3) for list configs (INVALID_CONFIG "Config value append is not allowed for config
 * key: x" otherwise), applied to the resource's stored set (`prepareIncrementalConfigs`), which is then
 * validated and written as AlterConfigs does (`../config-alteration.ts`). validate_only checks and stops.
 */
import type { IncrementalAlterConfigsResponse } from '../../protocol/index.ts';
import { API_KEYS, KAFKA_ERRORS, KafkaProtocolError } from '../../protocol/index.ts';
import { defineApiHandler } from '../api-handler.ts';
import { alterResources, applyConfigOps, checkConfigNames, CONFIG_OPS } from '../config-alteration.ts';
import type { ConfigOp } from '../config-alteration.ts';
import { messageCodec } from '../message-codec.ts';

export default defineApiHandler({
  ...messageCodec(API_KEYS.IncrementalAlterConfigs),
  async handle(ctx, request): Promise<IncrementalAlterConfigsResponse> {
    const responses = await alterResources(ctx, request.resources, request.validateOnly, (resource) => {
      const ops: ConfigOp[] = resource.configs.map((c) => {
        const op = CONFIG_OPS[c.configOperation];
        if (op === undefined) throw new KafkaProtocolError(KAFKA_ERRORS.INVALID_REQUEST, `Unknown operations type ${c.configOperation}`);
        return { name: c.name, op, value: c.value };
      });
      checkConfigNames(ops);
      return (current, listDefault) => applyConfigOps(current, ops, listDefault);
    });
    return { throttleTimeMs: 0, responses };
  },
  errorResponse(request, errorCode) {
    return { throttleTimeMs: 0, responses: request.resources.map((r) => ({ errorCode, errorMessage: null, resourceType: r.resourceType, resourceName: r.resourceName })) };
  },
});
