import { describe, expect, it } from 'vitest';
import { thrownBy } from '../../testing/thrown-by.ts';
import { LineMessageReader, ReaderError } from './line-message-reader.ts';

const reader = (props: Record<string, string> = {}) => new LineMessageReader(new Map(Object.entries({ topic: 'orders', ...props })));

const thrown = (action: () => unknown) => thrownBy(action, ReaderError);

function parseLines(instance: LineMessageReader, ...lines: string[]) {
  return lines.map((line) => {
    instance.lineNumber++;
    return instance.parse(line);
  });
}

describe('LineMessageReader', () => {
  it('reads each line as a value with a null key; an empty line is an empty value', () => {
    expect(parseLines(reader(), 'hello world', '')).toEqual([
      { key: null, value: 'hello world', headers: [] },
      { key: null, value: '', headers: [] },
    ]);
  });

  it('splits the key at the first key.separator (TAB by default) with parse.key=true, in any case', () => {
    expect(parseLines(reader({ 'parse.key': 'TRUE' }), 'k1\tv1\tmore')).toEqual([{ key: 'k1', value: 'v1\tmore', headers: [] }]);
    expect(parseLines(reader({ 'parse.key': 'true', 'key.separator': ':' }), 'k1:v1', ':v', 'a::b')).toEqual([
      { key: 'k1', value: 'v1', headers: [] },
      { key: '', value: 'v', headers: [] },
      { key: 'a', value: ':b', headers: [] },
    ]);
  });

  it("fails on a line without the separator with Kafka's message, line numbers from 1", () => {
    const instance = reader({ 'parse.key': 'true', 'key.separator': ':' });
    parseLines(instance, 'a:1', 'b:2');
    instance.lineNumber++;
    const error = thrown(() => instance.parse('mitesh'));
    expect(String(error)).toBe("org.apache.kafka.common.KafkaException: No key separator found on line number 3: 'mitesh'");
    expect(error.frames).toEqual([
      'kafka.tools.ConsoleProducer$LineMessageReader.parse(ConsoleProducer.scala:438)',
      'kafka.tools.ConsoleProducer$LineMessageReader$$anon$2.hasNext(ConsoleProducer.scala:408)',
      'kafka.tools.ConsoleProducer$.loopReader(ConsoleProducer.scala:91)',
      'kafka.tools.ConsoleProducer$.main(ConsoleProducer.scala:100)',
      'kafka.tools.ConsoleProducer.main(ConsoleProducer.scala)',
    ]);
  });

  it('sends the whole line with a null key when ignore.error=true', () => {
    expect(parseLines(reader({ 'parse.key': 'true', 'key.separator': ':', 'ignore.error': 'true' }), 'no separator')).toEqual([{ key: null, value: 'no separator', headers: [] }]);
  });

  it('reads headers before the key with parse.headers=true', () => {
    expect(parseLines(reader({ 'parse.headers': 'true', 'parse.key': 'true' }), 'h1:v1,h2:v2\tkey\tvalue')).toEqual([
      { key: 'key', value: 'value', headers: [['h1', 'v1'], ['h2', 'v2']] },
    ]);
    expect(() => parseLines(reader({ 'parse.headers': 'true' }), 'h1\tvalue')).toThrow("No header key separator found in pair 'h1' on line number 1");
    expect(() => parseLines(reader({ 'parse.headers': 'true' }), 'no delimiter')).toThrow("No headers delimiter found on line number 1: 'no delimiter'");
  });

  it('turns fields equal to null.marker into null', () => {
    expect(parseLines(reader({ 'parse.key': 'true', 'key.separator': ':', 'null.marker': 'NULL' }), 'NULL:NULL', 'k:NULL')).toEqual([
      { key: null, value: null, headers: [] },
      { key: 'k', value: null, headers: [] },
    ]);
  });

  it('refuses separators that may not be equal, as configure does', () => {
    expect(() => reader({ 'headers.delimiter': ',' })).toThrow('headers.delimiter and headers.separator may not be equal');
    expect(() => reader({ 'null.marker': '\t' })).toThrow('null.marker and key.separator may not be equal');
    const error = thrown(() => reader({ 'headers.separator': ':' }));
    expect(String(error)).toBe('org.apache.kafka.common.KafkaException: headers.separator and headers.key.separator may not be equal');
    expect(error.frames[0]).toBe('kafka.tools.ConsoleProducer$LineMessageReader.configure(ConsoleProducer.scala:379)');
  });
});
