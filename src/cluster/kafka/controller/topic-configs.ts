/**
 * Topic-level configs as Kafka 3.9 defines them (`LogConfig`): name, type, and the broker configs that give
 * their default, in Kafka's order (`ServerTopicConfigSynonyms.ALL_TOPIC_CONFIG_SYNONYMS`: `retention.ms` <-
 * `log.retention.ms`, `log.retention.minutes`, `log.retention.hours`). The default is the first of those
 * the broker has a value for (dynamic, static or Kafka's default), converted to the topic's unit, so a
 * dynamic broker config (`/config/brokers/<default>`) changes the default of every topic without an override.
 */
import type { BrokerConfig } from '../broker-config.ts';
import { effectiveBrokerValue } from '../dynamic-broker-config.ts';
import type { ConfigValueType } from './config-value-text.ts';

type ConfigType = ConfigValueType;

/** One broker config behind a topic config, and the factor its value is multiplied by (`ConfigSynonym`). */
export interface BrokerSynonym {
  readonly name: string;
  /** `HOURS_TO_MILLISECONDS` (3600000), `MINUTES_TO_MILLISECONDS` (60000); 1 otherwise. */
  readonly factor: number;
}

export interface TopicConfigDefinition {
  readonly name: string;
  readonly type: ConfigType;
  /** Allowed values of an enum (or list of enums). */
  readonly values?: readonly string[];
  /** The broker configs giving the default, highest precedence first (empty: no server default). */
  readonly brokerSynonyms: readonly BrokerSynonym[];
  /** The first of them (Kafka's `TOPIC_CONFIG_SYNONYMS`), what DescribeConfigs lists synonyms from. */
  readonly brokerSynonym?: string;
  /** The default for `broker` (its effective broker configs), or the fixed one without server default. */
  readonly defaultValue: (broker: BrokerConfig) => string;
}

const LONG_MAX = '9223372036854775807';
const HOURS = 3_600_000;
const MINUTES = 60_000;

function topicConfig(
  name: string,
  type: ConfigType,
  synonyms: ReadonlyArray<string | [string, number]>,
  fallback: string,
  values?: readonly string[],
): TopicConfigDefinition {
  const brokerSynonyms = synonyms.map((s) => (typeof s === 'string' ? { name: s, factor: 1 } : { name: s[0], factor: s[1] }));
  return {
    name,
    type,
    values,
    brokerSynonyms,
    brokerSynonym: brokerSynonyms[0]?.name,
    defaultValue: (broker) => {
      for (const synonym of brokerSynonyms) {
        const value = effectiveBrokerValue(broker, synonym.name);
        if (value === null) continue;
        return synonym.factor === 1 ? value : String(BigInt(value.trim()) * BigInt(synonym.factor));
      }
      return fallback;
    },
  };
}

export const topicConfigDefinitions: readonly TopicConfigDefinition[] = [
  topicConfig('cleanup.policy', 'list', ['log.cleanup.policy'], 'delete', ['delete', 'compact']),
  topicConfig('compression.gzip.level', 'int', ['compression.gzip.level'], '-1'),
  topicConfig('compression.lz4.level', 'int', ['compression.lz4.level'], '9'),
  topicConfig('compression.type', 'enum', ['compression.type'], 'producer', ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer']),
  topicConfig('compression.zstd.level', 'int', ['compression.zstd.level'], '3'),
  topicConfig('delete.retention.ms', 'long', ['log.cleaner.delete.retention.ms'], '86400000'),
  topicConfig('file.delete.delay.ms', 'long', ['log.segment.delete.delay.ms'], '60000'),
  topicConfig('flush.messages', 'long', ['log.flush.interval.messages'], LONG_MAX),
  topicConfig('flush.ms', 'long', ['log.flush.interval.ms', 'log.flush.scheduler.interval.ms'], LONG_MAX),
  topicConfig('follower.replication.throttled.replicas', 'list', [], ''),
  topicConfig('index.interval.bytes', 'int', ['log.index.interval.bytes'], '4096'),
  topicConfig('leader.replication.throttled.replicas', 'list', [], ''),
  topicConfig('local.retention.bytes', 'long', ['log.local.retention.bytes'], '-2'),
  topicConfig('local.retention.ms', 'long', ['log.local.retention.ms'], '-2'),
  topicConfig('max.compaction.lag.ms', 'long', ['log.cleaner.max.compaction.lag.ms'], LONG_MAX),
  topicConfig('max.message.bytes', 'int', ['message.max.bytes'], '1048588'),
  topicConfig('message.downconversion.enable', 'boolean', ['log.message.downconversion.enable'], 'true'),
  topicConfig('message.format.version', 'string', ['log.message.format.version'], '3.0-IV1'),
  topicConfig('message.timestamp.after.max.ms', 'long', ['log.message.timestamp.after.max.ms'], LONG_MAX),
  topicConfig('message.timestamp.before.max.ms', 'long', ['log.message.timestamp.before.max.ms'], LONG_MAX),
  topicConfig('message.timestamp.difference.max.ms', 'long', ['log.message.timestamp.difference.max.ms'], LONG_MAX),
  topicConfig('message.timestamp.type', 'enum', ['log.message.timestamp.type'], 'CreateTime', ['CreateTime', 'LogAppendTime']),
  topicConfig('min.cleanable.dirty.ratio', 'double', ['log.cleaner.min.cleanable.ratio'], '0.5'),
  topicConfig('min.compaction.lag.ms', 'long', ['log.cleaner.min.compaction.lag.ms'], '0'),
  topicConfig('min.insync.replicas', 'int', ['min.insync.replicas'], '1'),
  topicConfig('preallocate', 'boolean', ['log.preallocate'], 'false'),
  topicConfig('remote.log.copy.disable', 'boolean', [], 'false'),
  topicConfig('remote.log.delete.on.disable', 'boolean', [], 'false'),
  topicConfig('remote.storage.enable', 'boolean', [], 'false'),
  topicConfig('retention.bytes', 'long', ['log.retention.bytes'], '-1'),
  topicConfig('retention.ms', 'long', ['log.retention.ms', ['log.retention.minutes', MINUTES], ['log.retention.hours', HOURS]], '604800000'),
  topicConfig('segment.bytes', 'int', ['log.segment.bytes'], '1073741824'),
  topicConfig('segment.index.bytes', 'int', ['log.index.size.max.bytes'], '10485760'),
  topicConfig('segment.jitter.ms', 'long', ['log.roll.jitter.ms', ['log.roll.jitter.hours', HOURS]], '0'),
  topicConfig('segment.ms', 'long', ['log.roll.ms', ['log.roll.hours', HOURS]], '604800000'),
  topicConfig('unclean.leader.election.enable', 'boolean', ['unclean.leader.election.enable'], 'false'),
];

const byName = new Map(topicConfigDefinitions.map((d) => [d.name, d]));

export function topicConfigDefinition(name: string): TopicConfigDefinition | undefined {
  return byName.get(name);
}

/** Lower bounds Kafka's `LogConfig` puts on numeric topic configs (`atLeast(...)`). */
const MINIMUMS: Readonly<Record<string, number>> = {
  'min.insync.replicas': 1,
  'segment.bytes': 14,
  'segment.ms': 1,
  'segment.jitter.ms': 0,
  'retention.ms': -1,
  'index.interval.bytes': 0,
};

/** Kafka's validation of topic config overrides: the first problem, or null. */
export function validateTopicConfig(configs: Record<string, string>): string | null {
  for (const [name, value] of Object.entries(configs)) {
    const definition = byName.get(name);
    if (!definition) return `Unknown topic config name: ${name}`;
    const bad = `Invalid value ${value} for configuration ${name}`;
    switch (definition.type) {
      case 'int':
      case 'long':
        if (!/^-?\d+$/.test(value.trim())) return `${bad}: Not a number of type ${definition.type.toUpperCase()}`;
        if (name in MINIMUMS && Number(value) < MINIMUMS[name]) return `${bad}: Value must be at least ${MINIMUMS[name]}`;
        break;
      case 'double':
        if (Number.isNaN(Number(value))) return `${bad}: Not a number of type DOUBLE`;
        break;
      case 'boolean':
        if (!/^(true|false)$/i.test(value.trim())) return `${bad}: Expected value to be either true or false`;
        break;
      case 'enum':
        if (!definition.values!.includes(value)) return `${bad}: String must be one of: ${definition.values!.join(', ')}`;
        break;
      case 'list':
        if (definition.values && !value.split(',').every((v) => definition.values!.includes(v.trim()))) {
          return `${bad}: String must be one of: ${definition.values.join(', ')}`;
        }
        break;
      case 'string':
        break;
    }
  }
  return null;
}
