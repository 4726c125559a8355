/**
 * AlterConfigs (key 33), v0-v1 (kafkajs admin.alterConfigs, `kafka-configs --alter` before 2.3). Not
 * incremental: the given configs replace the resource's whole stored set. Topics (type 2): the overrides in
 * `/config/topics/<t>` (INVALID_CONFIG for unknown names or bad values). Brokers (type 4): this broker's
 * dynamic configs `/config/brokers/<id>`, or the cluster default `/config/brokers/<default>` for an empty
 * name; configs Kafka cannot change at run time are refused (INVALID_REQUEST "Cannot update these configs
 * dynamically: Set(...)"). Each write leaves a `/config/changes` notification. See `../config-alteration.ts`.
 */
import type { AlterConfigsResponse } from '../../protocol/index.ts';
import { API_KEYS, KAFKA_ERRORS } from '../../protocol/index.ts';
import { defineApiHandler } from '../api-handler.ts';
import {
  alterBrokerResource,
  alterTopicResource,
  checkConfigNames,
  duplicateResources,
  outcomeOf,
  RESOURCE_BROKER,
  RESOURCE_TOPIC,
  unsupportedResource,
} from '../config-alteration.ts';
import { messageCodec } from '../message-codec.ts';

export default defineApiHandler({
  ...messageCodec(API_KEYS.AlterConfigs),
  async handle(ctx, request): Promise<AlterConfigsResponse> {
    const duplicates = duplicateResources(request.resources);
    const responses = [];
    for (const resource of request.resources) {
      const base = { resourceType: resource.resourceType, resourceName: resource.resourceName };
      if (duplicates.has(`${resource.resourceType}:${resource.resourceName}`)) {
        responses.push({ ...base, errorCode: KAFKA_ERRORS.INVALID_REQUEST.code, errorMessage: 'Each resource must appear at most once.' });
        continue;
      }
      const outcome = await outcomeOf(ctx, resource, async () => {
        checkConfigNames(resource.configs.map((c) => ({ name: c.name, op: 'SET', value: c.value })));
        const configs = Object.fromEntries(resource.configs.map((c) => [c.name, c.value ?? '']));
        if (resource.resourceType === RESOURCE_TOPIC) await alterTopicResource(ctx, resource.resourceName, () => configs, request.validateOnly);
        else if (resource.resourceType === RESOURCE_BROKER) await alterBrokerResource(ctx, resource.resourceName, () => configs, request.validateOnly);
        else unsupportedResource(resource.resourceType, false);
      });
      responses.push({ ...base, ...outcome });
    }
    return { throttleTimeMs: 0, responses };
  },
  errorResponse(request, errorCode) {
    return { throttleTimeMs: 0, responses: request.resources.map((r) => ({ errorCode, errorMessage: null, resourceType: r.resourceType, resourceName: r.resourceName })) };
  },
});
