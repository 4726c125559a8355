/**
 * Kafka 3.9's topic configs as the tool checks them before creating a topic (`LogConfig.validate`):
 * an unknown name is `InvalidConfigurationException: Unknown topic config name: foo`; a value that
 * does not parse or fails its validator is `ConfigException: Invalid value abc for configuration
 * retention.ms: Not a number of type LONG` (ConfigDef's wording); then the one cross-check
 * (min.compaction.lag.ms <= max.compaction.lag.ms).
 *
 * This is the tool's list (the 36 names of `--help`), not the broker's: the broker checks again.
 */
import { JavaException, kafkaException } from '../kafka/java-exception.ts';

type ConfigType = 'INT' | 'LONG' | 'DOUBLE' | 'BOOLEAN' | 'STRING' | 'LIST';
type Value = number | boolean | string | string[];
/** Returns a ConfigDef message (`Value must be at least 1`) for a bad parsed value, or undefined. */
type Validator = (value: Value, name: string) => { message: string; shown?: string } | undefined;

interface ConfigDefinition {
  readonly type: ConfigType;
  readonly validator?: Validator;
}

const LONG_MAX = 9223372036854775807n;

function range(min?: number, max?: number): Validator {
  return (value) => {
    const n = value as number;
    if (min !== undefined && n < min) return { message: `Value must be at least ${min}` };
    if (max !== undefined && n > max) return { message: `Value must be no more than ${max}` };
    return undefined;
  };
}

function oneOf(...allowed: string[]): Validator {
  return (value) => (allowed.includes(value as string) ? undefined : { message: `String must be one of: ${allowed.join(', ')}` });
}

/** `ValidList.in`: each element must be one of `allowed` (the message names the element). */
function eachOneOf(...allowed: string[]): Validator {
  return (value) => {
    const bad = (value as string[]).find((element) => !allowed.includes(element));
    return bad === undefined ? undefined : { message: `String must be one of: ${allowed.join(', ')}`, shown: bad };
  };
}

const throttledReplicas: Validator = (value, name) => {
  const proposed = (value as string[]).map((element) => element.trim());
  if (proposed.every((s) => /^([0-9]+:[0-9]+)?$/.test(s)) || proposed.join('') === '*') return undefined;
  return { message: `${name} must be the literal '*' or a list of replicas in the following format: [partitionId]:[brokerId],[partitionId]:[brokerId],...`, shown: `[${proposed.join(', ')}]` };
};

const gzipLevel: Validator = (value) => {
  const level = value as number;
  return level > 9 || (level < 1 && level !== -1) ? { message: 'Value must be between 1 and 9 or equal to -1' } : undefined;
};

/** `MetadataVersionValidator`: an inter-broker protocol version Kafka 3.9 knows (`3.0`, `2.8-IV1`, `0.10.2`). */
const IBP_RELEASES = ['0.8.0', '0.8.1', '0.8.2', '0.9.0', '0.10.0', '0.10.1', '0.10.2', '0.11.0', '1.0', '1.1', '2.0', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7', '2.8', '3.0', '3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7', '3.8', '3.9'];
const IBP_VERSIONS = new Set([
  ...IBP_RELEASES,
  ...['0.10.0-IV0', '0.10.0-IV1', '0.10.1-IV0', '0.10.1-IV1', '0.10.1-IV2', '0.10.2-IV0', '0.11.0-IV0', '0.11.0-IV1', '0.11.0-IV2', '1.0-IV0', '1.1-IV0'],
  ...['2.0-IV0', '2.0-IV1', '2.1-IV0', '2.1-IV1', '2.1-IV2', '2.2-IV0', '2.2-IV1', '2.3-IV0', '2.3-IV1', '2.4-IV0', '2.4-IV1', '2.5-IV0', '2.6-IV0'],
  ...['2.7-IV0', '2.7-IV1', '2.7-IV2', '2.8-IV0', '2.8-IV1', '3.0-IV0', '3.0-IV1', '3.1-IV0', '3.2-IV0', '3.3-IV0', '3.3-IV1', '3.3-IV2', '3.3-IV3'],
  ...['3.4-IV0', '3.5-IV0', '3.5-IV1', '3.5-IV2', '3.6-IV0', '3.6-IV1', '3.6-IV2', '3.7-IV0', '3.7-IV1', '3.7-IV2', '3.7-IV3', '3.7-IV4', '3.8-IV0', '3.9-IV0', '4.0-IV0', '4.0-IV1'],
]);
const metadataVersion: Validator = (value) => {
  const text = value as string;
  const segments = text.split('.');
  const wanted = text.startsWith('0.') ? 3 : 2;
  const key = wanted >= segments.length ? text : segments.slice(0, wanted).join('.');
  return IBP_VERSIONS.has(key) ? undefined : { message: `Version ${text} is not a valid version` };
};

/** `LogConfig.configNames()` with ConfigDef types and validators (Kafka 3.9.0). */
const DEFINITIONS: ReadonlyMap<string, ConfigDefinition> = new Map<string, ConfigDefinition>([
  ['cleanup.policy', { type: 'LIST', validator: eachOneOf('compact', 'delete') }],
  ['compression.gzip.level', { type: 'INT', validator: gzipLevel }],
  ['compression.lz4.level', { type: 'INT', validator: range(1, 17) }],
  ['compression.type', { type: 'STRING', validator: oneOf('uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer') }],
  ['compression.zstd.level', { type: 'INT', validator: range(-131072, 22) }],
  ['delete.retention.ms', { type: 'LONG', validator: range(0) }],
  ['file.delete.delay.ms', { type: 'LONG', validator: range(0) }],
  ['flush.messages', { type: 'LONG', validator: range(1) }],
  ['flush.ms', { type: 'LONG', validator: range(0) }],
  ['follower.replication.throttled.replicas', { type: 'LIST', validator: throttledReplicas }],
  ['index.interval.bytes', { type: 'INT', validator: range(0) }],
  ['leader.replication.throttled.replicas', { type: 'LIST', validator: throttledReplicas }],
  ['local.retention.bytes', { type: 'LONG', validator: range(-2) }],
  ['local.retention.ms', { type: 'LONG', validator: range(-2) }],
  ['max.compaction.lag.ms', { type: 'LONG', validator: range(1) }],
  ['max.message.bytes', { type: 'INT', validator: range(0) }],
  ['message.downconversion.enable', { type: 'BOOLEAN' }],
  ['message.format.version', { type: 'STRING', validator: metadataVersion }],
  ['message.timestamp.after.max.ms', { type: 'LONG', validator: range(0) }],
  ['message.timestamp.before.max.ms', { type: 'LONG', validator: range(0) }],
  ['message.timestamp.difference.max.ms', { type: 'LONG', validator: range(0) }],
  ['message.timestamp.type', { type: 'STRING', validator: oneOf('CreateTime', 'LogAppendTime') }],
  ['min.cleanable.dirty.ratio', { type: 'DOUBLE', validator: range(0, 1) }],
  ['min.compaction.lag.ms', { type: 'LONG', validator: range(0) }],
  ['min.insync.replicas', { type: 'INT', validator: range(1) }],
  ['preallocate', { type: 'BOOLEAN' }],
  ['remote.log.copy.disable', { type: 'BOOLEAN' }],
  ['remote.log.delete.on.disable', { type: 'BOOLEAN' }],
  ['remote.storage.enable', { type: 'BOOLEAN' }],
  ['retention.bytes', { type: 'LONG' }],
  ['retention.ms', { type: 'LONG', validator: range(-1) }],
  ['segment.bytes', { type: 'INT', validator: range(14) }],
  ['segment.index.bytes', { type: 'INT', validator: range(4) }],
  ['segment.jitter.ms', { type: 'LONG', validator: range(0) }],
  ['segment.ms', { type: 'LONG', validator: range(1) }],
  ['unclean.leader.election.enable', { type: 'BOOLEAN' }],
]);

/** The topic config names the tool accepts, sorted (as `--help` lists them). */
export const TOPIC_CONFIG_NAMES: readonly string[] = [...DEFINITIONS.keys()];

/** Where `LogConfig.validate` was called from (the tool's frames), for the stack trace of a ConfigException. */
export function validateTopicConfigs(configs: ReadonlyMap<string, string>, callerFrames: readonly string[]): void {
  for (const name of configs.keys()) {
    if (!DEFINITIONS.has(name)) throw kafkaException('InvalidConfigurationException', `Unknown topic config name: ${name}`);
  }
  const parsed = new Map<string, Value>();
  for (const [name, text] of configs) parsed.set(name, parseValue(name, text, DEFINITIONS.get(name)!, callerFrames));
  const minLag = (parsed.get('min.compaction.lag.ms') as number | undefined) ?? 0;
  const maxLag = (parsed.get('max.compaction.lag.ms') as number | undefined) ?? Number(LONG_MAX);
  if (minLag > maxLag) {
    throw kafkaException('InvalidConfigurationException', `conflict topic config setting min.compaction.lag.ms (${minLag}) > max.compaction.lag.ms (${maxLag})`);
  }
}

function parseValue(name: string, text: string, definition: ConfigDefinition, callerFrames: readonly string[]): Value {
  const fail = (message: string, shown: string = text): JavaException =>
    new JavaException('org.apache.kafka.common.config.ConfigException', `Invalid value ${shown} for configuration ${name}: ${message}`, [
      'org.apache.kafka.common.config.ConfigDef.parseType(ConfigDef.java:776)',
      'org.apache.kafka.common.config.ConfigDef.parseValue(ConfigDef.java:531)',
      'org.apache.kafka.common.config.ConfigDef.parse(ConfigDef.java:524)',
      'org.apache.kafka.storage.internals.log.LogConfig.validate(LogConfig.java:751)',
      'org.apache.kafka.storage.internals.log.LogConfig.validate(LogConfig.java:741)',
      ...callerFrames,
    ]);
  const trimmed = text.trim();
  let value: Value;
  switch (definition.type) {
    case 'INT':
    case 'LONG': {
      const limit = definition.type === 'INT' ? 2n ** 31n : 2n ** 63n;
      if (!/^[+-]?\d+$/.test(trimmed) || BigInt(trimmed) >= limit || BigInt(trimmed) < -limit) throw fail(`Not a number of type ${definition.type}`);
      value = Number(trimmed);
      break;
    }
    case 'DOUBLE':
      value = Number(trimmed);
      if (trimmed === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?$/.test(trimmed) || Number.isNaN(value)) throw fail('Not a number of type DOUBLE');
      break;
    case 'BOOLEAN':
      if (!/^(true|false)$/i.test(trimmed)) throw fail('Expected value to be either true or false');
      value = trimmed.toLowerCase() === 'true';
      break;
    case 'LIST':
      value = trimmed === '' ? [] : trimmed.split(/\s*,\s*/);
      break;
    case 'STRING':
      value = trimmed;
      break;
  }
  const problem = definition.validator?.(value, name);
  // Java prints a parsed Double with its fraction (`2.0`).
  const shown = definition.type === 'DOUBLE' && Number.isInteger(value) ? `${value}.0` : String(value);
  if (problem) throw fail(problem.message, problem.shown ?? shown);
  return value;
}
