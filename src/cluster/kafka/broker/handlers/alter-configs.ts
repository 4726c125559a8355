/**
 * AlterConfigs (key 33), v0-v1 (kafkajs admin.alterConfigs, `kafka-configs --alter` before 2.3). Not
 * incremental: the given configs replace the resource's whole stored set. Topics (type 2): the overrides in
 * `/config/topics/<t>` (INVALID_CONFIG for unknown names or bad values). Brokers (type 4): this broker's
 * dynamic configs `/config/brokers/<id>`, or the cluster default `/config/brokers/<default>` for an empty
 * name; configs Kafka cannot change at run time are refused (INVALID_REQUEST "Cannot update these configs
 * dynamically: Set(...)"). Each write leaves a `/config/changes` notification. See `../config-alteration.ts`.
 */
import type { AlterConfigsResponse } from '../../protocol/index.ts';
import { API_KEYS } from '../../protocol/index.ts';
import { defineApiHandler } from '../api-handler.ts';
import { alterResources, checkConfigNames } from '../config-alteration.ts';
import { messageCodec } from '../message-codec.ts';

export default defineApiHandler({
  ...messageCodec(API_KEYS.AlterConfigs),
  async handle(ctx, request): Promise<AlterConfigsResponse> {
    const responses = await alterResources(ctx, request.resources, request.validateOnly, (resource) => {
      checkConfigNames(resource.configs.map((c) => ({ name: c.name, op: 'SET', value: c.value })));
      const configs = Object.fromEntries(resource.configs.map((c) => [c.name, c.value ?? '']));
      return () => configs;
    });
    return { throttleTimeMs: 0, responses };
  },
  errorResponse(request, errorCode) {
    return { throttleTimeMs: 0, responses: request.resources.map((r) => ({ errorCode, errorMessage: null, resourceType: r.resourceType, resourceName: r.resourceName })) };
  },
});
