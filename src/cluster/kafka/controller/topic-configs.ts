/**
 * Topic-level configs as Kafka 3.4 defines them (`LogConfig`): name, type and default. The defaults of
 * some follow a broker setting (`min.insync.replicas`, `max.message.bytes` <- `message.max.bytes`, ...).
 * The in-memory log honours `min.insync.replicas`; the others are stored and shown (DescribeConfigs,
 * `kafka-configs --describe`) but change nothing.
 */
import type { BrokerConfig } from '../broker-config.ts';

type ConfigType = 'int' | 'long' | 'double' | 'boolean' | 'string' | 'list' | 'enum';

export interface TopicConfigDefinition {
  readonly name: string;
  readonly type: ConfigType;
  /** Allowed values of an enum (or list of enums). */
  readonly values?: readonly string[];
  /** The default, possibly from the broker's settings. */
  readonly defaultValue: (broker: BrokerConfig) => string;
  /** The broker setting that provides the default (DescribeConfigs synonyms). */
  readonly brokerSynonym?: string;
  /** The teaching broker's setting behind `brokerSynonym`, when it has one (it may be set, not defaulted). */
  readonly brokerSetting?: keyof BrokerConfig;
}

const LONG_MAX = '9223372036854775807';
const fixed = (value: string) => () => value;

export const topicConfigDefinitions: readonly TopicConfigDefinition[] = [
  { name: 'cleanup.policy', type: 'list', values: ['delete', 'compact'], defaultValue: fixed('delete'), brokerSynonym: 'log.cleanup.policy' },
  {
    name: 'compression.type',
    type: 'enum',
    values: ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer'],
    defaultValue: (b) => b.compressionType,
    brokerSynonym: 'compression.type',
    brokerSetting: 'compressionType',
  },
  { name: 'delete.retention.ms', type: 'long', defaultValue: fixed('86400000'), brokerSynonym: 'log.cleaner.delete.retention.ms' },
  { name: 'file.delete.delay.ms', type: 'long', defaultValue: fixed('60000'), brokerSynonym: 'log.segment.delete.delay.ms' },
  { name: 'flush.messages', type: 'long', defaultValue: fixed(LONG_MAX), brokerSynonym: 'log.flush.interval.messages' },
  { name: 'flush.ms', type: 'long', defaultValue: fixed(LONG_MAX), brokerSynonym: 'log.flush.interval.ms' },
  { name: 'follower.replication.throttled.replicas', type: 'list', defaultValue: fixed('') },
  { name: 'index.interval.bytes', type: 'int', defaultValue: fixed('4096'), brokerSynonym: 'log.index.interval.bytes' },
  { name: 'leader.replication.throttled.replicas', type: 'list', defaultValue: fixed('') },
  { name: 'max.compaction.lag.ms', type: 'long', defaultValue: fixed(LONG_MAX), brokerSynonym: 'log.cleaner.max.compaction.lag.ms' },
  { name: 'max.message.bytes', type: 'int', defaultValue: (b) => String(b.messageMaxBytes), brokerSynonym: 'message.max.bytes', brokerSetting: 'messageMaxBytes' },
  { name: 'message.downconversion.enable', type: 'boolean', defaultValue: fixed('true'), brokerSynonym: 'log.message.downconversion.enable' },
  { name: 'message.format.version', type: 'string', defaultValue: fixed('3.0-IV1'), brokerSynonym: 'log.message.format.version' },
  { name: 'message.timestamp.difference.max.ms', type: 'long', defaultValue: fixed(LONG_MAX), brokerSynonym: 'log.message.timestamp.difference.max.ms' },
  {
    name: 'message.timestamp.type',
    type: 'enum',
    values: ['CreateTime', 'LogAppendTime'],
    defaultValue: fixed('CreateTime'),
    brokerSynonym: 'log.message.timestamp.type',
  },
  { name: 'min.cleanable.dirty.ratio', type: 'double', defaultValue: fixed('0.5'), brokerSynonym: 'log.cleaner.min.cleanable.ratio' },
  { name: 'min.compaction.lag.ms', type: 'long', defaultValue: fixed('0'), brokerSynonym: 'log.cleaner.min.compaction.lag.ms' },
  { name: 'min.insync.replicas', type: 'int', defaultValue: (b) => String(b.minInsyncReplicas), brokerSynonym: 'min.insync.replicas', brokerSetting: 'minInsyncReplicas' },
  { name: 'preallocate', type: 'boolean', defaultValue: fixed('false'), brokerSynonym: 'log.preallocate' },
  { name: 'retention.bytes', type: 'long', defaultValue: fixed('-1'), brokerSynonym: 'log.retention.bytes' },
  { name: 'retention.ms', type: 'long', defaultValue: (b) => String(b.logRetentionMs), brokerSynonym: 'log.retention.ms', brokerSetting: 'logRetentionMs' },
  { name: 'segment.bytes', type: 'int', defaultValue: fixed('1073741824'), brokerSynonym: 'log.segment.bytes' },
  { name: 'segment.index.bytes', type: 'int', defaultValue: fixed('10485760'), brokerSynonym: 'log.index.size.max.bytes' },
  { name: 'segment.jitter.ms', type: 'long', defaultValue: fixed('0'), brokerSynonym: 'log.roll.jitter.ms' },
  { name: 'segment.ms', type: 'long', defaultValue: fixed('604800000'), brokerSynonym: 'log.roll.ms' },
  {
    name: 'unclean.leader.election.enable',
    type: 'boolean',
    defaultValue: (b) => String(b.uncleanLeaderElectionEnable),
    brokerSynonym: 'unclean.leader.election.enable',
    brokerSetting: 'uncleanLeaderElectionEnable',
  },
];

const byName = new Map(topicConfigDefinitions.map((d) => [d.name, d]));

export function topicConfigDefinition(name: string): TopicConfigDefinition | undefined {
  return byName.get(name);
}

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
        if (name === 'min.insync.replicas' && Number(value) < 1) return `${bad}: Value must be at least 1`;
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
