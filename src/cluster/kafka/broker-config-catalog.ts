/**
 * Kafka 3.9's broker configs beyond the ones `broker-config.ts` models as settings: their Kafka default
 * (`KafkaConfig.defaultValues`, null when Kafka has none, as `log.retention.ms`), their type, and whether
 * they can be changed at run time (`DynamicBrokerConfig.AllDynamicConfigs`: cluster-wide, or per-broker
 * only). DescribeConfigs, AlterConfigs/IncrementalAlterConfigs on brokers and the topic-config defaults read
 * it. Settings of `BrokerConfig` are looked up by their Kafka name through `brokerConfigNames`.
 */
import { brokerConfigNames, kafkaBrokerDefaults } from './broker-config.ts';
import type { BrokerConfig } from './broker-config.ts';

export type BrokerConfigType = 'int' | 'long' | 'short' | 'double' | 'boolean' | 'string' | 'list' | 'class' | 'password';

export interface BrokerConfigEntry {
  readonly name: string;
  readonly type: BrokerConfigType;
  /** Kafka's default as DescribeConfigs prints it; null when Kafka has none. */
  readonly kafkaDefault: string | null;
  /** `cluster-wide` / `per-broker` when AlterConfigs may change it at run time, else null (static). */
  readonly dynamic: 'cluster-wide' | 'per-broker' | null;
  /** Allowed values (enums). */
  readonly values?: readonly string[];
}

const LONG_MAX = '9223372036854775807';
const INT_MAX = '2147483647';

function entry(name: string, type: BrokerConfigType, kafkaDefault: string | null, dynamic: BrokerConfigEntry['dynamic'] = 'cluster-wide', values?: readonly string[]): BrokerConfigEntry {
  return { name, type, kafkaDefault, dynamic, values };
}

/** Broker configs not (yet) modelled by `BrokerConfig`: the log defaults of topics, the cleaner, thread pools, sockets. */
const catalogEntries: readonly BrokerConfigEntry[] = [
  // DynamicLogConfig.ReconfigurableConfigs: the first broker synonym of every topic config (not log.message.format.version).
  entry('log.segment.bytes', 'int', '1073741824'),
  entry('log.roll.ms', 'long', null),
  entry('log.roll.hours', 'int', '168', null),
  entry('log.roll.jitter.ms', 'long', null),
  entry('log.roll.jitter.hours', 'int', '0', null),
  entry('log.index.size.max.bytes', 'int', '10485760'),
  entry('log.flush.interval.messages', 'long', LONG_MAX),
  entry('log.flush.interval.ms', 'long', null),
  entry('log.flush.scheduler.interval.ms', 'long', LONG_MAX, null),
  entry('log.retention.bytes', 'long', '-1'),
  entry('log.retention.ms', 'long', null),
  entry('log.retention.minutes', 'int', null, null),
  entry('log.retention.hours', 'int', '168', null),
  entry('log.index.interval.bytes', 'int', '4096'),
  entry('log.cleaner.delete.retention.ms', 'long', '86400000'),
  entry('log.cleaner.min.compaction.lag.ms', 'long', '0'),
  entry('log.cleaner.max.compaction.lag.ms', 'long', LONG_MAX),
  entry('log.segment.delete.delay.ms', 'long', '60000'),
  entry('log.cleaner.min.cleanable.ratio', 'double', '0.5'),
  entry('log.cleanup.policy', 'list', 'delete', 'cluster-wide', ['compact', 'delete']),
  entry('compression.type', 'string', 'producer', 'cluster-wide', ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer']),
  entry('compression.gzip.level', 'int', '-1'),
  entry('compression.lz4.level', 'int', '9'),
  entry('compression.zstd.level', 'int', '3'),
  entry('log.preallocate', 'boolean', 'false'),
  entry('log.message.format.version', 'string', '3.0-IV1', null),
  entry('log.message.timestamp.type', 'string', 'CreateTime', 'cluster-wide', ['CreateTime', 'LogAppendTime']),
  entry('log.message.timestamp.difference.max.ms', 'long', LONG_MAX),
  entry('log.message.timestamp.before.max.ms', 'long', LONG_MAX),
  entry('log.message.timestamp.after.max.ms', 'long', LONG_MAX),
  entry('log.message.downconversion.enable', 'boolean', 'true'),
  entry('log.local.retention.ms', 'long', '-2'),
  entry('log.local.retention.bytes', 'long', '-2'),
  // LogCleaner.ReconfigurableConfigs
  entry('log.cleaner.threads', 'int', '1'),
  entry('log.cleaner.dedupe.buffer.size', 'long', '134217728'),
  entry('log.cleaner.io.buffer.load.factor', 'double', '0.9'),
  entry('log.cleaner.io.buffer.size', 'int', '524288'),
  entry('log.cleaner.io.max.bytes.per.second', 'double', '1.7976931348623157E308'),
  entry('log.cleaner.backoff.ms', 'long', '15000'),
  entry('log.cleaner.enable', 'boolean', 'true', null),
  // DynamicThreadPool.ReconfigurableConfigs, SocketServer.ReconfigurableConfigs, the producer state ones.
  entry('num.io.threads', 'int', '8'),
  entry('num.network.threads', 'int', '3'),
  entry('num.replica.fetchers', 'int', '1'),
  entry('num.recovery.threads.per.data.dir', 'int', '1'),
  entry('background.threads', 'int', '10'),
  entry('max.connections', 'int', INT_MAX),
  entry('max.connections.per.ip', 'int', INT_MAX),
  entry('max.connections.per.ip.overrides', 'string', ''),
  entry('max.connection.creation.rate', 'int', INT_MAX),
  entry('metric.reporters', 'list', ''),
  entry('producer.id.expiration.ms', 'int', '86400000'),
  entry('transaction.partition.verification.enable', 'boolean', 'true'),
  // Static ones a learner meets.
  entry('zookeeper.connect', 'string', null, null),
  entry('log.dirs', 'string', null, null),
  entry('log.dir', 'string', '/tmp/kafka-logs', null),
];

/** Settings of `BrokerConfig` that Kafka can change at run time; the others are static. */
const dynamicSettings: ReadonlySet<string> = new Set(['min.insync.replicas', 'unclean.leader.election.enable', 'message.max.bytes']);

function typeOfSetting(value: unknown): BrokerConfigType {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) <= 2 ** 31 - 1 ? 'int' : 'long';
  return 'string';
}

const byName = new Map<string, BrokerConfigEntry>(catalogEntries.map((e) => [e.name, e]));
/** Kafka name -> `BrokerConfig` key, for the settings the brokers model. */
export const brokerSettingByName: ReadonlyMap<string, keyof BrokerConfig> = new Map(
  (Object.entries(brokerConfigNames) as Array<[keyof BrokerConfig, string]>).map(([key, name]) => [name, key]),
);
for (const [name, key] of brokerSettingByName) {
  const kafkaDefault = kafkaBrokerDefaults[key];
  const known = byName.get(name);
  byName.set(name, {
    name,
    type: known?.type ?? typeOfSetting(kafkaDefault),
    // log.retention.ms has no default in Kafka even where the setting carries its effective value.
    kafkaDefault: known ? known.kafkaDefault : kafkaDefault === undefined ? null : String(kafkaDefault),
    dynamic: known?.dynamic ?? (dynamicSettings.has(name) ? 'cluster-wide' : null),
    values: known?.values,
  });
}

export function brokerConfigEntry(name: string): BrokerConfigEntry | undefined {
  return byName.get(name);
}

/** Every broker config DescribeConfigs lists, sorted by name as Kafka's `KafkaConfig` map is not (clients sort). */
export function brokerConfigEntries(): BrokerConfigEntry[] {
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** `DynamicBrokerConfig.brokerConfigSynonyms`: the names that set the same thing, highest precedence first. */
export function brokerConfigSynonyms(name: string): string[] {
  switch (name) {
    case 'log.roll.ms':
    case 'log.roll.hours':
      return ['log.roll.ms', 'log.roll.hours'];
    case 'log.roll.jitter.ms':
    case 'log.roll.jitter.hours':
      return ['log.roll.jitter.ms', 'log.roll.jitter.hours'];
    case 'log.flush.interval.ms':
      return ['log.flush.interval.ms', 'log.flush.scheduler.interval.ms'];
    case 'log.retention.ms':
    case 'log.retention.minutes':
    case 'log.retention.hours':
      return ['log.retention.ms', 'log.retention.minutes', 'log.retention.hours'];
    default:
      return [name];
  }
}

/**
 * Kafka's `ConfigDef` parse of a broker config value: the `ConfigException` message when it is not one
 * (`Invalid value x for configuration y: Not a number of type INT`), or null.
 */
export function invalidBrokerValueReason(entry: BrokerConfigEntry, value: string): string | null {
  const bad = `Invalid value ${value} for configuration ${entry.name}`;
  const trimmed = value.trim();
  switch (entry.type) {
    case 'int':
    case 'short':
    case 'long': {
      if (!/^-?\d+$/.test(trimmed)) return `${bad}: Not a number of type ${entry.type.toUpperCase()}`;
      const limit = entry.type === 'int' ? 2n ** 31n : entry.type === 'short' ? 2n ** 15n : 2n ** 63n;
      const n = BigInt(trimmed);
      if (n >= limit || n < -limit) return `${bad}: Not a number of type ${entry.type.toUpperCase()}`;
      return null;
    }
    case 'double':
      return trimmed === '' || Number.isNaN(Number(trimmed)) ? `${bad}: Not a number of type DOUBLE` : null;
    case 'boolean':
      return /^(true|false)$/i.test(trimmed) ? null : `${bad}: Expected value to be either true or false`;
    default:
      if (entry.values && entry.type === 'string' && !entry.values.includes(trimmed)) return `${bad}: String must be one of: ${entry.values.join(', ')}`;
      if (entry.values && entry.type === 'list' && !trimmed.split(',').every((v) => entry.values!.includes(v.trim()))) {
        return `${bad}: String must be one of: ${entry.values.join(', ')}`;
      }
      return null;
  }
}
