/**
 * `DefaultMessageFormatter` (Kafka 3.9): a record as one line of columns, in a fixed order —
 * timestamp, partition, offset, headers, key, value — each printed column followed by
 * `key.separator` when a later one is printed, the last by `line.separator`. Booleans are true
 * when they say `true` in any case; null fields print `null.literal`; a deserializer, when given,
 * prints its value's `toString()`.
 */
import type { ToolEnvironment } from '../../tool-environment.ts';
import { JavaException } from '../kafka/java-exception.ts';
import { CLASS_FOR_NAME_FRAMES, stackTraceText } from '../kafka/java-stack-trace.ts';
import { log4jLine } from '../kafka/log4j.ts';
import { DeserializationError, deserializerFor } from './deserializers.ts';
import type { Deserializer } from './deserializers.ts';

export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
  /** `CreateTime`, `LogAppendTime`, or `NO_TIMESTAMP_TYPE` (magic v0 records). */
  timestampType: 'CreateTime' | 'LogAppendTime' | 'NO_TIMESTAMP_TYPE';
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers: Array<[string, Uint8Array | null]>;
}

/** What a formatter does with each record (`MessageFormatter#writeTo`). */
export interface MessageFormatter {
  format(record: ConsumedRecord): string;
}

const LOGGER = 'org.apache.kafka.tools.consumer.DefaultMessageFormatter';
const utf8 = new TextDecoder();
const encoder = new TextEncoder();

export class DefaultMessageFormatter implements MessageFormatter {
  readonly #printTimestamp: boolean;
  readonly #printKey: boolean;
  readonly #printValue: boolean;
  readonly #printPartition: boolean;
  readonly #printOffset: boolean;
  readonly #printHeaders: boolean;
  readonly #keySeparator: string;
  readonly #lineSeparator: string;
  readonly #headersSeparator: string;
  readonly #nullLiteral: string;
  readonly #keyDeserializer: Deserializer | undefined;
  readonly #valueDeserializer: Deserializer | undefined;
  readonly #headersDeserializer: Deserializer | undefined;

  /**
   * `configure(configs)`. A deserializer class that does not exist is logged (ERROR with the
   * ClassNotFoundException) on `stderr` and left out, as the Java formatter does.
   */
  constructor(configs: ReadonlyMap<string, string>, log: { env: ToolEnvironment; error: (text: string) => void }) {
    const flag = (name: string, fallback: boolean) => (configs.has(name) ? (configs.get(name) as string).trim().toLowerCase() === 'true' : fallback);
    this.#printTimestamp = flag('print.timestamp', false);
    this.#printKey = flag('print.key', false);
    this.#printOffset = flag('print.offset', false);
    this.#printPartition = flag('print.partition', false);
    this.#printHeaders = flag('print.headers', false);
    this.#printValue = flag('print.value', true);
    this.#keySeparator = configs.get('key.separator') ?? '\t';
    this.#lineSeparator = configs.get('line.separator') ?? '\n';
    this.#headersSeparator = configs.get('headers.separator') ?? ',';
    this.#nullLiteral = configs.get('null.literal') ?? 'null';
    const deserializer = (key: string): Deserializer | undefined => {
      const name = configs.get(key);
      if (name === undefined) return undefined;
      const found = deserializerFor(name);
      if (!found) {
        const exception = new JavaException('java.lang.ClassNotFoundException', name, [...CLASS_FOR_NAME_FRAMES, `${LOGGER}.getDeserializerProperty(DefaultMessageFormatter.java:201)`]);
        log.error(`${log4jLine(log.env, 'ERROR', `Unable to instantiate a deserializer from ${name}`, LOGGER)}${stackTraceText(exception)}`);
      }
      return found;
    };
    this.#keyDeserializer = deserializer('key.deserializer');
    this.#valueDeserializer = deserializer('value.deserializer');
    this.#headersDeserializer = deserializer('headers.deserializer');
  }

  /** `writeTo(record, output)` as text. Throws the deserializers' exceptions. */
  format(record: ConsumedRecord): string {
    let out = '';
    const separator = (column: boolean) => (out += column ? this.#keySeparator : this.#lineSeparator);
    if (this.#printTimestamp) {
      out += record.timestampType === 'NO_TIMESTAMP_TYPE' ? 'NO_TIMESTAMP' : `${record.timestampType}:${record.timestamp}`;
      separator(this.#printPartition || this.#printOffset || this.#printHeaders || this.#printKey || this.#printValue);
    }
    if (this.#printPartition) {
      out += `Partition:${record.partition}`;
      separator(this.#printOffset || this.#printHeaders || this.#printKey || this.#printValue);
    }
    if (this.#printOffset) {
      out += `Offset:${record.offset}`;
      separator(this.#printHeaders || this.#printKey || this.#printValue);
    }
    if (this.#printHeaders) {
      if (record.headers.length === 0) out += 'NO_HEADERS';
      else out += record.headers.map(([key, value]) => `${key}:${this.#field(this.#headersDeserializer, value, 152)}`).join(this.#headersSeparator);
      separator(this.#printKey || this.#printValue);
    }
    if (this.#printKey) {
      out += this.#field(this.#keyDeserializer, record.key, 162);
      separator(this.#printValue);
    }
    if (this.#printValue) {
      out += this.#field(this.#valueDeserializer, record.value, 167);
      out += this.#lineSeparator;
    }
    return out;
  }

  /** `deserialize(record, deserializer, bytes, topic)`: null is `null.literal`'s bytes, then the deserializer if any. */
  #field(deserializer: Deserializer | undefined, bytes: Uint8Array | null, writeToLine: number): string {
    const nonNull = bytes ?? encoder.encode(this.#nullLiteral);
    if (!deserializer) return utf8.decode(nonNull);
    try {
      return deserializer(nonNull);
    } catch (error) {
      if (!(error instanceof DeserializationError)) throw error;
      throw new DeserializationError(
        error.message,
        [
          ...error.frames,
          `${LOGGER}.lambda$deserialize$0(DefaultMessageFormatter.java:117)`,
          'java.base/java.util.Optional.map(Optional.java:260)',
          `${LOGGER}.deserialize(DefaultMessageFormatter.java:117)`,
          `${LOGGER}.writeTo(DefaultMessageFormatter.java:${writeToLine})`,
        ],
        error.cause,
      );
    }
  }
}
