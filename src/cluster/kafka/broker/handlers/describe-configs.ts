/**
 * DescribeConfigs (key 32), v0-v2 (kafkajs v2, librdkafka v1). Topics (resource type 2): every topic
 * config with its override from `/config/topics/<t>` (source TOPIC_CONFIG), else the broker setting it
 * follows when the cluster sets that one (STATIC_BROKER_CONFIG: `min.insync.replicas=2` under the course
 * settings, which `kafka-topics --describe` then lists), else its default (DEFAULT_CONFIG). Brokers
 * (type 4): this broker's settings, DEFAULT_CONFIG where they equal Kafka's defaults and
 * STATIC_BROKER_CONFIG otherwise (read-only). Synonyms, most specific first, as Kafka orders them.
 * v0 has is_default where v1+ has config_source; v1+ may ask for synonyms.
 */
import type { DescribeConfigsResourceResult, DescribeConfigsResponse, DescribeConfigsResult, DescribeConfigsSynonym } from '../../protocol/index.ts';
import { API_KEYS, KAFKA_ERRORS } from '../../protocol/index.ts';
import { brokerConfigNames, isKafkaDefault, kafkaBrokerDefaults } from '../../broker-config.ts';
import type { BrokerConfig } from '../../broker-config.ts';
import { topicConfigDefinitions } from '../../controller/topic-configs.ts';
import { defineApiHandler } from '../api-handler.ts';
import type { BrokerServices } from '../broker-services.ts';
import { messageCodec } from '../message-codec.ts';

export const RESOURCE_TOPIC = 2;
export const RESOURCE_BROKER = 4;
const SOURCE_DYNAMIC_TOPIC = 1;
const SOURCE_STATIC_BROKER = 4;
const SOURCE_DEFAULT = 5;

function entry(version: number, name: string, value: string, source: number, readOnly: boolean, synonyms: DescribeConfigsSynonym[] | undefined): DescribeConfigsResourceResult {
  const result: DescribeConfigsResourceResult = { name, value, readOnly, isSensitive: false };
  if (version === 0) result.isDefault = source === SOURCE_DEFAULT;
  else {
    result.configSource = source;
    result.synonyms = synonyms ?? [];
  }
  return result;
}

function describeTopic(services: BrokerServices, name: string, version: number, includeSynonyms: boolean): DescribeConfigsResourceResult[] | null {
  const topic = services.internals.cache.cachedTopic(name);
  if (!topic) return null;
  const config = services.config as BrokerConfig;
  return topicConfigDefinitions.map((definition) => {
    const override = topic.config[definition.name];
    const fallback = definition.defaultValue(config);
    const setting = definition.brokerSetting;
    const brokerSet = setting !== undefined && !isKafkaDefault(config, setting);
    const synonyms: DescribeConfigsSynonym[] = [];
    if (includeSynonyms) {
      if (override !== undefined) synonyms.push({ name: definition.name, value: override, source: SOURCE_DYNAMIC_TOPIC });
      if (definition.brokerSynonym) {
        if (brokerSet) synonyms.push({ name: definition.brokerSynonym, value: fallback, source: SOURCE_STATIC_BROKER });
        const kafkaDefault = setting !== undefined ? kafkaBrokerDefaults[setting] : undefined;
        synonyms.push({ name: definition.brokerSynonym, value: kafkaDefault !== undefined ? String(kafkaDefault) : fallback, source: SOURCE_DEFAULT });
      }
    }
    const source = override !== undefined ? SOURCE_DYNAMIC_TOPIC : brokerSet ? SOURCE_STATIC_BROKER : SOURCE_DEFAULT;
    return entry(version, definition.name, override ?? fallback, source, false, synonyms);
  });
}

function describeBroker(services: BrokerServices, version: number): DescribeConfigsResourceResult[] {
  const config = services.config as BrokerConfig;
  const rows: DescribeConfigsResourceResult[] = [entry(version, 'broker.id', String(services.brokerId), SOURCE_STATIC_BROKER, true, undefined)];
  for (const key of Object.keys(brokerConfigNames) as Array<keyof BrokerConfig>) {
    const source = isKafkaDefault(config, key) ? SOURCE_DEFAULT : SOURCE_STATIC_BROKER;
    rows.push(entry(version, brokerConfigNames[key], String(config[key]), source, true, undefined));
  }
  return rows;
}

export default defineApiHandler({
  ...messageCodec(API_KEYS.DescribeConfigs),
  handle(ctx, request): DescribeConfigsResponse {
    const results = request.resources.map((resource): DescribeConfigsResult => {
      const base = { resourceType: resource.resourceType, resourceName: resource.resourceName };
      let configs: DescribeConfigsResourceResult[] | null;
      if (resource.resourceType === RESOURCE_TOPIC) {
        configs = describeTopic(ctx.services, resource.resourceName, ctx.apiVersion, request.includeSynonyms ?? false);
        if (!configs) return { ...base, errorCode: KAFKA_ERRORS.UNKNOWN_TOPIC_OR_PARTITION.code, errorMessage: `Topic ${resource.resourceName} does not exist.`, configs: [] };
      } else if (resource.resourceType === RESOURCE_BROKER) {
        const id = Number(resource.resourceName);
        if (resource.resourceName !== '' && (!Number.isInteger(id) || !ctx.services.metadata.broker(id))) {
          return { ...base, errorCode: KAFKA_ERRORS.INVALID_REQUEST.code, errorMessage: `Unexpected broker id, expected a live broker but received ${resource.resourceName}`, configs: [] };
        }
        configs = describeBroker(ctx.services, ctx.apiVersion);
      } else {
        return { ...base, errorCode: KAFKA_ERRORS.INVALID_REQUEST.code, errorMessage: `Unsupported resource type ${resource.resourceType}`, configs: [] };
      }
      const keys = resource.configurationKeys;
      if (keys && keys.length > 0) configs = configs.filter((c) => keys.includes(c.name));
      return { ...base, errorCode: 0, errorMessage: null, configs };
    });
    return { throttleTimeMs: 0, results };
  },
  errorResponse(request, errorCode) {
    return {
      throttleTimeMs: 0,
      results: request.resources.map((r) => ({ errorCode, errorMessage: null, resourceType: r.resourceType, resourceName: r.resourceName, configs: [] })),
    };
  },
});
