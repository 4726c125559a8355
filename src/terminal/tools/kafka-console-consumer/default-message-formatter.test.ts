import { describe, expect, it } from 'vitest';
import { testToolEnvironment } from '../../testing/test-tool-environment.ts';
import { DefaultMessageFormatter } from './default-message-formatter.ts';
import type { ConsumedRecord } from './default-message-formatter.ts';
import { DeserializationError } from './deserializers.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const record = (fields: Partial<ConsumedRecord> = {}): ConsumedRecord => ({
  topic: 'orders',
  partition: 0,
  offset: '0',
  timestamp: '1785772164675',
  timestampType: 'CreateTime',
  key: null,
  value: bytes('a'),
  headers: [],
  ...fields,
});
const env = testToolEnvironment({ now: Date.UTC(2025, 0, 2, 5, 30, 40, 895) });

function formatter(properties: Record<string, string>, errors: string[] = []) {
  return new DefaultMessageFormatter(new Map(Object.entries(properties)), { env, error: (text) => errors.push(text) });
}

describe('DefaultMessageFormatter', () => {
  it('prints the value and a newline by default', () => {
    expect(formatter({}).format(record({ value: bytes('hello') }))).toBe('hello\n');
    expect(formatter({}).format(record({ value: null }))).toBe('null\n');
  });

  it("prints KAFKA_CLI.md 4.3's samples", () => {
    const keyed = formatter({ 'print.key': 'true', 'key.separator': ':' });
    expect(keyed.format(record({ key: bytes('k1'), value: bytes('v1') })) + keyed.format(record({ value: bytes('hello') }))).toBe('k1:v1\nnull:hello\n');
    const columns = formatter({ 'print.timestamp': 'true', 'print.offset': 'true', 'print.key': 'true' });
    expect(columns.format(record()) + columns.format(record({ offset: '1', timestamp: '1785772164705', value: bytes('b') }))).toBe(
      'CreateTime:1785772164675\tOffset:0\tnull\ta\nCreateTime:1785772164705\tOffset:1\tnull\tb\n',
    );
  });

  it('orders the columns timestamp, partition, offset, headers, key, value', () => {
    const all = formatter({ 'print.timestamp': 'TRUE', 'print.partition': 'true', 'print.offset': 'true', 'print.headers': 'true', 'print.key': ' true ' });
    const headers: ConsumedRecord['headers'] = [['h1', bytes('v1')], ['h2', null]];
    expect(all.format(record({ partition: 1, offset: '7', key: bytes('k'), headers }))).toBe('CreateTime:1785772164675\tPartition:1\tOffset:7\th1:v1,h2:null\tk\ta\n');
    expect(all.format(record({ timestampType: 'LogAppendTime' }))).toBe('LogAppendTime:1785772164675\tPartition:0\tOffset:0\tNO_HEADERS\tnull\ta\n');
    expect(all.format(record({ timestampType: 'NO_TIMESTAMP_TYPE' }))).toMatch(/^NO_TIMESTAMP\t/);
  });

  it('ends the last printed column with line.separator, and prints nothing with every column off', () => {
    expect(formatter({ 'print.key': 'true', 'print.value': 'false' }).format(record({ key: bytes('k') }))).toBe('k\n');
    expect(formatter({ 'print.value': 'false' }).format(record())).toBe('');
    expect(formatter({ 'print.partition': 'true', 'line.separator': '|', 'key.separator': ' -> ' }).format(record())).toBe('Partition:0 -> a|');
    expect(formatter({ 'print.headers': 'true', 'headers.separator': ';', 'null.literal': '<none>' }).format(record({ headers: [['a', null], ['b', bytes('2')]] }))).toBe('a:<none>;b:2\ta\n');
  });

  it("prints deserialized values with Kafka's deserializers", () => {
    const long = new Uint8Array(8);
    new DataView(long.buffer).setBigInt64(0, -42n);
    const value = formatter({ 'value.deserializer': 'org.apache.kafka.common.serialization.LongDeserializer', 'key.deserializer': 'org.apache.kafka.common.serialization.StringDeserializer', 'print.key': 'true' });
    expect(value.format(record({ key: bytes('k'), value: long }))).toBe('k\t-42\n');
  });

  it('throws the deserializer\'s SerializationException with the formatter frames', () => {
    const value = formatter({ 'value.deserializer': 'org.apache.kafka.common.serialization.IntegerDeserializer' });
    let error: unknown;
    try {
      value.format(record({ value: bytes('abc') }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DeserializationError);
    expect(String(error)).toBe('org.apache.kafka.common.errors.SerializationException: Size of data received by IntegerDeserializer is not 4');
    expect((error as DeserializationError).frames).toEqual([
      'org.apache.kafka.common.serialization.IntegerDeserializer.deserialize(IntegerDeserializer.java:30)',
      'org.apache.kafka.common.serialization.IntegerDeserializer.deserialize(IntegerDeserializer.java:24)',
      'org.apache.kafka.common.serialization.Deserializer.deserialize(Deserializer.java:62)',
      'org.apache.kafka.tools.consumer.DefaultMessageFormatter.lambda$deserialize$0(DefaultMessageFormatter.java:117)',
      'java.base/java.util.Optional.map(Optional.java:260)',
      'org.apache.kafka.tools.consumer.DefaultMessageFormatter.deserialize(DefaultMessageFormatter.java:117)',
      'org.apache.kafka.tools.consumer.DefaultMessageFormatter.writeTo(DefaultMessageFormatter.java:167)',
    ]);
  });

  it('logs a deserializer class that does not exist and prints the raw bytes', () => {
    const errors: string[] = [];
    const raw = formatter({ 'value.deserializer': 'com.example.Nope' }, errors);
    expect(errors.join('').split('\n').slice(0, 2)).toEqual([
      '[2025-01-02 05:30:40,895] ERROR Unable to instantiate a deserializer from com.example.Nope (org.apache.kafka.tools.consumer.DefaultMessageFormatter)',
      'java.lang.ClassNotFoundException: com.example.Nope',
    ]);
    expect(raw.format(record({ value: bytes('x') }))).toBe('x\n');
  });
});
