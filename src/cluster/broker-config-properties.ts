/**
 * Broker settings written as Kafka's `server.properties` lines (`min.insync.replicas=1`), as
 * `kafkalab cluster --broker-config` takes them, turned into a `BrokerConfig` override.
 */
import { brokerConfigNames, defaultBrokerConfig } from './kafka/broker-config.ts';
import type { BrokerConfig } from './kafka/broker-config.ts';

/** A `key=value` line that names no setting the brokers honour, or carries a value of the wrong type. */
export class BrokerPropertyError extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.name = 'BrokerPropertyError';
    this.hint = hint;
  }
}

const keysByName = new Map(Object.entries(brokerConfigNames).map(([key, name]) => [name, key as keyof BrokerConfig]));

/** The Kafka property names the brokers honour, sorted. */
export function brokerPropertyNames(): string[] {
  return [...keysByName.keys()].sort();
}

/** Parses `name=value` lines into settings; throws `BrokerPropertyError` naming the bad line. */
export function parseBrokerProperties(lines: readonly string[]): Partial<BrokerConfig> {
  const config: Record<string, number | boolean | string> = {};
  for (const line of lines) {
    const equals = line.indexOf('=');
    if (equals <= 0) throw new BrokerPropertyError(`"${line}" is not a key=value setting`, 'Write it as Kafka does in server.properties, e.g. min.insync.replicas=1.');
    const name = line.slice(0, equals).trim();
    const text = line.slice(equals + 1).trim();
    const key = keysByName.get(name);
    if (!key) throw new BrokerPropertyError(`unknown broker setting "${name}"`, `Accepted settings: ${brokerPropertyNames().join(', ')}.`);
    const kafkaDefault = defaultBrokerConfig[key];
    const fraction = typeof kafkaDefault === 'number' && !Number.isInteger(kafkaDefault);
    config[key] = typeof kafkaDefault === 'string' ? text : parseValue(name, text, typeof kafkaDefault === 'boolean', MAY_BE_MINUS_ONE.has(key), fraction);
  }
  return config as Partial<BrokerConfig>;
}

/** Settings where Kafka takes -1 for "no limit". */
const MAY_BE_MINUS_ONE: ReadonlySet<keyof BrokerConfig> = new Set(['logRetentionMs', 'logRetentionBytes']);

/** `fraction`: a setting whose Kafka type is double (`log.cleaner.min.cleanable.ratio`). */
function parseValue(name: string, text: string, boolean: boolean, minusOne = false, fraction = false): number | boolean {
  if (boolean) {
    if (text === 'true' || text === 'false') return text === 'true';
    throw new BrokerPropertyError(`${name} must be true or false, got "${text}"`, `e.g. ${name}=false`);
  }
  const value = Number(text);
  if (fraction) {
    if (text === '' || !Number.isFinite(value) || value < 0) {
      throw new BrokerPropertyError(`${name} must be a number of 0 or more, got "${text}"`, `e.g. ${name}=${defaultBrokerConfig[keysByName.get(name)!]}`);
    }
    return value;
  }
  if (text === '' || !Number.isSafeInteger(value) || value < (minusOne ? -1 : 0)) {
    throw new BrokerPropertyError(`${name} must be a whole number of 0 or more, got "${text}"`, `e.g. ${name}=${defaultBrokerConfig[keysByName.get(name)!]}`);
  }
  return value;
}
