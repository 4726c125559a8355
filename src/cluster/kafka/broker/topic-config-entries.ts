/**
 * A topic's effective configs as Kafka's `ConfigHelper.createTopicConfigEntry` lists them: every
 * `LogConfig` config, its override (source TOPIC_CONFIG) or its default from the broker configs behind it
 * (per-broker dynamic, cluster-wide dynamic, static, Kafka's default). DescribeConfigs answers a topic
 * with it, from the overrides in `/config/topics/<t>`; CreateTopics v5+ answers a new topic with it, from
 * the configs of the request (`ZkAdminManager.maybePopulateMetadataAndConfigs`).
 */
import type { DescribeConfigsSynonym } from '../protocol/index.ts';
import type { BrokerConfig } from '../broker-config.ts';
import { brokerConfigSynonyms } from '../broker-config-catalog.ts';
import { topicConfigDefinitions } from '../controller/topic-configs.ts';
import { configValueText } from '../controller/config-value-text.ts';
import type { DynamicBrokerConfig } from '../dynamic-broker-config.ts';
import type { BrokerServices } from './broker-services.ts';

/** Kafka's `ConfigSource` ids. */
export const SOURCE_TOPIC_CONFIG = 1;
export const SOURCE_DYNAMIC_BROKER = 2;
export const SOURCE_DYNAMIC_DEFAULT_BROKER = 3;
export const SOURCE_STATIC_BROKER = 4;
export const SOURCE_DEFAULT = 5;

/** One config of a topic (never read-only, never sensitive: `LogConfig` has no password configs). */
export interface TopicConfigEntry {
  readonly name: string;
  readonly value: string;
  /** The first synonym's source, DEFAULT_CONFIG without synonyms. */
  readonly source: number;
  /** All synonyms, the topic override first; DescribeConfigs shows them when asked. */
  readonly synonyms: DescribeConfigsSynonym[];
}

/**
 * `ConfigHelper.configSynonyms`: for each broker synonym name in Kafka's order, first the per-broker
 * dynamic values, then the cluster defaults, the static ones and Kafka's defaults, dropping leading
 * entries until the first with the name described.
 */
export function configSynonyms(dynamic: DynamicBrokerConfig, name: string, synonyms: readonly string[]): DescribeConfigsSynonym[] {
  const all: DescribeConfigsSynonym[] = [];
  const add = (lookup: (n: string) => string | null | undefined, source: number) => {
    for (const synonym of synonyms) {
      const value = lookup(synonym);
      if (value !== null && value !== undefined) all.push({ name: synonym, value, source });
    }
  };
  add((n) => dynamic.perBroker[n], SOURCE_DYNAMIC_BROKER);
  add((n) => dynamic.clusterDefault[n], SOURCE_DYNAMIC_DEFAULT_BROKER);
  add((n) => dynamic.staticValue(n), SOURCE_STATIC_BROKER);
  add((n) => dynamic.defaultValue(n), SOURCE_DEFAULT);
  const first = all.findIndex((s) => s.name === name);
  return first === -1 ? [] : all.slice(first);
}

/** Every config of a topic with these overrides, on this broker. */
export function topicConfigEntries(services: BrokerServices, overrides: Readonly<Record<string, string>>): TopicConfigEntry[] {
  const config = services.config as BrokerConfig;
  const dynamic = services.internals.dynamicConfig;
  return topicConfigDefinitions.map((definition) => {
    // Printed as Kafka prints the parsed value (`ConfigDef.convertToString`), not as it was sent.
    const override = Object.hasOwn(overrides, definition.name) ? configValueText(definition.type, overrides[definition.name]) : undefined;
    const value = override ?? configValueText(definition.type, definition.defaultValue(config));
    const synonyms = definition.brokerSynonym ? configSynonyms(dynamic, definition.brokerSynonym, brokerConfigSynonyms(definition.brokerSynonym)) : [];
    if (override !== undefined) synonyms.unshift({ name: definition.name, value: override, source: SOURCE_TOPIC_CONFIG });
    return { name: definition.name, value, source: synonyms[0]?.source ?? SOURCE_DEFAULT, synonyms };
  });
}
