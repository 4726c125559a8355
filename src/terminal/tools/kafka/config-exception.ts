/**
 * Kafka's `ConfigException` from parsing a client's configuration (`ConfigDef.parse`), with ConfigDef's
 * messages and the frames its stack trace shows (Kafka 3.9 line numbers). The client's constructor
 * frames follow (`callerFrames`).
 */
import { JavaException } from './java-exception.ts';

const AFTER_PARSE_VALUE = [
  'org.apache.kafka.common.config.ConfigDef.parse(ConfigDef.java:524)',
  'org.apache.kafka.common.config.AbstractConfig.<init>(AbstractConfig.java:115)',
  'org.apache.kafka.common.config.AbstractConfig.<init>(AbstractConfig.java:133)',
];

export class ConfigException extends JavaException {
  /** `thrownAt`: a value that is not of the key's type (`parseType`), or one its validator refuses. */
  constructor(key: string, value: string, reason: string, thrownAt: 'parseType' | 'validator', callerFrames: readonly string[]) {
    const first =
      thrownAt === 'parseType'
        ? ['org.apache.kafka.common.config.ConfigDef.parseType(ConfigDef.java:776)', 'org.apache.kafka.common.config.ConfigDef.parseValue(ConfigDef.java:531)']
        : ['org.apache.kafka.common.config.ConfigDef$ValidString.ensureValid(ConfigDef.java:1047)', 'org.apache.kafka.common.config.ConfigDef.parseValue(ConfigDef.java:540)'];
    super('org.apache.kafka.common.config.ConfigException', `Invalid value ${value} for configuration ${key}: ${reason}`, [...first, ...AFTER_PARSE_VALUE, ...callerFrames]);
  }
}

/** Reads typed values of a client configuration as ConfigDef does (trimmed), throwing ConfigException. */
export class ConfigReader {
  readonly #props: ReadonlyMap<string, string>;
  readonly #callerFrames: readonly string[];

  constructor(props: ReadonlyMap<string, string>, callerFrames: readonly string[]) {
    this.#props = props;
    this.#callerFrames = callerFrames;
  }

  string(key: string, fallback: string): string {
    return (this.#props.get(key) ?? fallback).trim();
  }

  /** `in(...)`: one of `valid`, exactly. */
  oneOf(key: string, fallback: string, valid: readonly string[]): string {
    const value = this.string(key, fallback);
    if (!valid.includes(value)) throw new ConfigException(key, value, `String must be one of: ${valid.join(', ')}`, 'validator', this.#callerFrames);
    return value;
  }

  int(key: string, fallback: number): number {
    return this.#number(key, fallback, 'INT');
  }

  long(key: string, fallback: number): number {
    return this.#number(key, fallback, 'LONG');
  }

  boolean(key: string, fallback: boolean): boolean {
    const raw = this.#props.get(key);
    if (raw === undefined) return fallback;
    const value = raw.trim().toLowerCase();
    if (value !== 'true' && value !== 'false') throw new ConfigException(key, raw, 'Expected value to be either true or false', 'parseType', this.#callerFrames);
    return value === 'true';
  }

  #number(key: string, fallback: number, type: 'INT' | 'LONG'): number {
    const raw = this.#props.get(key);
    if (raw === undefined) return fallback;
    const text = raw.trim();
    const limit = type === 'INT' ? 2 ** 31 : 2 ** 63;
    const value = Number(text);
    if (!/^[+-]?\d+$/.test(text) || value >= limit || value < -limit) throw new ConfigException(key, raw, `Not a number of type ${type}`, 'parseType', this.#callerFrames);
    return value;
  }
}
