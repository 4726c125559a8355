/**
 * DescribeConfigs (key 32), v0-v2 (kafkajs v2, librdkafka v1), as Kafka's `ConfigHelper` answers it.
 *
 * Topics (resource type 2): every `LogConfig` config, its override from `/config/topics/<t>` (source
 * TOPIC_CONFIG) or its default from the broker configs behind it. Brokers (type 4): every broker config
 * of this broker with its effective value (read-only unless Kafka can change it dynamically); the empty
 * name describes the cluster-wide dynamic defaults (`/config/brokers/<default>`) only.
 *
 * Synonyms (`configSynonyms`): for each broker synonym name in Kafka's order, first the per-broker dynamic
 * values (DYNAMIC_BROKER_CONFIG), then the cluster defaults (DYNAMIC_DEFAULT_BROKER_CONFIG), the static
 * ones (STATIC_BROKER_CONFIG: what the cluster options set, as `server.properties` would) and Kafka's
 * defaults (DEFAULT_CONFIG), dropping leading entries until the first with the name described, exactly
 * as Kafka does (so `retention.ms` on defaults has no synonym: only `log.retention.hours` has a default).
 * The source is the first synonym's. v0 has is_default where v1+ has config_source.
 */
import type { DescribeConfigsResourceResult, DescribeConfigsResponse, DescribeConfigsResult, DescribeConfigsSynonym } from '../../protocol/index.ts';
import { API_KEYS, KAFKA_ERRORS } from '../../protocol/index.ts';
import { brokerConfigEntries, brokerConfigEntry, brokerConfigSynonyms } from '../../broker-config-catalog.ts';
import { defineApiHandler } from '../api-handler.ts';
import type { BrokerServices } from '../broker-services.ts';
import { messageCodec } from '../message-codec.ts';
import { SOURCE_DEFAULT, SOURCE_DYNAMIC_DEFAULT_BROKER, SOURCE_STATIC_BROKER, configSynonyms, topicConfigEntries } from '../topic-config-entries.ts';

export { SOURCE_DEFAULT, SOURCE_DYNAMIC_BROKER, SOURCE_DYNAMIC_DEFAULT_BROKER, SOURCE_STATIC_BROKER, SOURCE_TOPIC_CONFIG, configSynonyms } from '../topic-config-entries.ts';

export const RESOURCE_TOPIC = 2;
export const RESOURCE_BROKER = 4;

function entry(version: number, name: string, value: string | null, source: number, readOnly: boolean, synonyms: DescribeConfigsSynonym[], includeSynonyms: boolean): DescribeConfigsResourceResult {
  const result: DescribeConfigsResourceResult = { name, value, readOnly, isSensitive: false };
  if (version === 0) result.isDefault = source === SOURCE_DEFAULT;
  else {
    result.configSource = source;
    result.synonyms = includeSynonyms ? synonyms : [];
  }
  return result;
}

function describeTopic(services: BrokerServices, name: string, version: number, includeSynonyms: boolean): DescribeConfigsResourceResult[] | null {
  const topic = services.internals.cache.cachedTopic(name);
  if (!topic) return null;
  return topicConfigEntries(services, topic.config).map((e) => entry(version, e.name, e.value, e.source, false, e.synonyms, includeSynonyms));
}

/** This broker's configs (`perBroker`), or only the cluster-wide dynamic defaults. */
function describeBroker(services: BrokerServices, version: number, includeSynonyms: boolean, perBroker: boolean): DescribeConfigsResourceResult[] {
  const dynamic = services.internals.dynamicConfig;
  const describe = (name: string, value: string | null) => {
    let synonyms = configSynonyms(dynamic, name, brokerConfigSynonyms(name));
    if (!perBroker) synonyms = synonyms.filter((s) => s.source === SOURCE_DYNAMIC_DEFAULT_BROKER);
    const source = synonyms[0]?.source ?? SOURCE_DEFAULT;
    const readOnly = !brokerConfigEntry(name)?.dynamic;
    return entry(version, name, value, source, readOnly, synonyms, includeSynonyms);
  };
  if (!perBroker) return Object.entries(dynamic.clusterDefault).map(([name, value]) => describe(name, value));
  const rows = [entry(version, 'broker.id', String(services.brokerId), SOURCE_STATIC_BROKER, true, [{ name: 'broker.id', value: String(services.brokerId), source: SOURCE_STATIC_BROKER }], includeSynonyms)];
  for (const { name } of brokerConfigEntries()) if (name !== 'broker.id') rows.push(describe(name, dynamic.value(name)));
  // Custom (unknown to Kafka) names set dynamically are listed too.
  for (const name of new Set([...Object.keys(dynamic.perBroker), ...Object.keys(dynamic.clusterDefault)])) {
    if (!brokerConfigEntry(name)) rows.push(describe(name, dynamic.value(name)));
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
        const name = resource.resourceName;
        if (name !== '' && !/^-?\d+$/.test(name)) {
          return { ...base, errorCode: KAFKA_ERRORS.INVALID_REQUEST.code, errorMessage: `Broker id must be an integer, but it is: ${name}`, configs: [] };
        }
        if (name !== '' && Number(name) !== ctx.services.brokerId) {
          return { ...base, errorCode: KAFKA_ERRORS.INVALID_REQUEST.code, errorMessage: `Unexpected broker id, expected ${ctx.services.brokerId} or empty string, but received ${name}`, configs: [] };
        }
        configs = describeBroker(ctx.services, ctx.apiVersion, request.includeSynonyms ?? false, name !== '');
      } else {
        return { ...base, errorCode: KAFKA_ERRORS.INVALID_REQUEST.code, errorMessage: `Unsupported resource type: ${resource.resourceType}`, configs: [] };
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
