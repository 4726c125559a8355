/**
 * ConsoleProducer's `LineMessageReader` (Kafka 3.9): one input line is one record. With
 * `parse.headers=true` the line starts with `h1:v1,h2:v2` and `headers.delimiter`; with
 * `parse.key=true` the key comes next, up to the first `key.separator`. A line without the separator
 * stops the tool with a KafkaException unless `ignore.error=true` (key null, whole line as value).
 * Properties are read as Java does: `parse.key`, `parse.headers`, `ignore.error` are true when they
 * say `true` in any case; `null.marker` turns equal fields into null.
 */
import { JavaException } from '../kafka/java-exception.ts';

export interface LineRecord {
  key: string | null;
  value: string | null;
  headers: Array<[key: string, value: string | null]>;
}

const KAFKA_EXCEPTION = 'org.apache.kafka.common.KafkaException';
const MAIN_FRAMES = ['kafka.tools.ConsoleProducer$.main(ConsoleProducer.scala:100)', 'kafka.tools.ConsoleProducer.main(ConsoleProducer.scala)'];

/** A KafkaException from the reader, with the frames ConsoleProducer's `printStackTrace` shows. */
export class ReaderError extends JavaException {
  constructor(message: string, frames: readonly string[]) {
    super(KAFKA_EXCEPTION, message, frames);
  }
}

/** Source lines of the configure checks (ConsoleProducer.scala 3.9), for the stack trace. */
const CONFIGURE_CHECKS: ReadonlyArray<[line: number, first: keyof Separators, second: keyof Separators]> = [
  [375, 'headers.delimiter', 'headers.separator'],
  [377, 'headers.delimiter', 'headers.key.separator'],
  [379, 'headers.separator', 'headers.key.separator'],
];
const NULL_MARKER_CHECKS: ReadonlyArray<[line: number, other: keyof Separators]> = [
  [383, 'key.separator'],
  [385, 'headers.separator'],
  [387, 'headers.delimiter'],
  [389, 'headers.key.separator'],
];

interface Separators {
  'key.separator': string;
  'headers.delimiter': string;
  'headers.separator': string;
  'headers.key.separator': string;
}

const isTrue = (value: string | undefined) => value !== undefined && value.trim().toLowerCase() === 'true';

export class LineMessageReader {
  readonly #parseKey: boolean;
  readonly #parseHeaders: boolean;
  readonly #ignoreError: boolean;
  readonly #separators: Separators;
  readonly #headersSeparatorPattern: RegExp;
  readonly #nullMarker: string | undefined;
  /** Counts lines read, from 1 (incremented before each read, as the Scala iterator does). */
  lineNumber = 0;

  /** `configure(props)`: throws `ReaderError` for separators that may not be equal. */
  constructor(props: ReadonlyMap<string, string>) {
    this.#parseKey = isTrue(props.get('parse.key'));
    this.#parseHeaders = isTrue(props.get('parse.headers'));
    this.#ignoreError = isTrue(props.get('ignore.error'));
    this.#separators = {
      'key.separator': props.get('key.separator') ?? '\t',
      'headers.delimiter': props.get('headers.delimiter') ?? '\t',
      'headers.separator': props.get('headers.separator') ?? ',',
      'headers.key.separator': props.get('headers.key.separator') ?? ':',
    };
    this.#headersSeparatorPattern = javaPattern(this.#separators['headers.separator']);
    this.#nullMarker = props.get('null.marker');
    const configureFrames = (line: number) => [
      `kafka.tools.ConsoleProducer$LineMessageReader.configure(ConsoleProducer.scala:${line})`,
      'kafka.tools.ConsoleProducer$.newReader(ConsoleProducer.scala:46)',
      ...MAIN_FRAMES,
    ];
    for (const [line, first, second] of CONFIGURE_CHECKS) {
      if (this.#separators[first] === this.#separators[second]) throw new ReaderError(`${first} and ${second} may not be equal`, configureFrames(line));
    }
    for (const [line, other] of NULL_MARKER_CHECKS) {
      if (this.#nullMarker === this.#separators[other]) throw new ReaderError(`null.marker and ${other} may not be equal`, configureFrames(line));
    }
  }

  /** The record for one line (call after incrementing `lineNumber`). Throws `ReaderError`. */
  parse(line: string): LineRecord {
    const headers = this.#field(this.#parseHeaders, line, 0, this.#separators['headers.delimiter'], 'headers delimiter', 405);
    const headerOffset = headers === null ? 0 : headers.length + this.#separators['headers.delimiter'].length;
    const key = this.#field(this.#parseKey, line, headerOffset, this.#separators['key.separator'], 'key separator', 408);
    const keyOffset = key === null ? 0 : key.length + this.#separators['key.separator'].length;
    const value = line.slice(headerOffset + keyOffset);
    return {
      key: key !== null && key !== this.#nullMarker ? key : null,
      value: value !== this.#nullMarker ? value : null,
      headers: headers !== null && headers !== this.#nullMarker ? this.#splitHeaders(headers) : [],
    };
  }

  #field(enabled: boolean, line: string, start: number, demarcation: string, name: string, hasNextLine: number): string | null {
    if (!enabled) return null;
    const index = line.indexOf(demarcation, start);
    if (index >= 0) return line.slice(start, index);
    if (this.#ignoreError) return null;
    throw new ReaderError(`No ${name} found on line number ${this.lineNumber}: '${line}'`, [
      'kafka.tools.ConsoleProducer$LineMessageReader.parse(ConsoleProducer.scala:438)',
      `kafka.tools.ConsoleProducer$LineMessageReader$$anon$2.hasNext(ConsoleProducer.scala:${hasNextLine})`,
      'kafka.tools.ConsoleProducer$.loopReader(ConsoleProducer.scala:91)',
      ...MAIN_FRAMES,
    ]);
  }

  #splitHeaders(headers: string): Array<[string, string | null]> {
    const keySeparator = this.#separators['headers.key.separator'];
    // [inferred] frames: the Scala closure inside splitHeaders, then the iterator that called it.
    const frames = [
      'kafka.tools.ConsoleProducer$LineMessageReader.$anonfun$splitHeaders$1(ConsoleProducer.scala:446)',
      'kafka.tools.ConsoleProducer$LineMessageReader.splitHeaders(ConsoleProducer.scala:444)',
      'kafka.tools.ConsoleProducer$LineMessageReader$$anon$2.hasNext(ConsoleProducer.scala:420)',
      'kafka.tools.ConsoleProducer$.loopReader(ConsoleProducer.scala:91)',
      ...MAIN_FRAMES,
    ];
    return javaSplit(headers, this.#headersSeparatorPattern).map((pair): [string, string | null] => {
      const index = pair.indexOf(keySeparator);
      if (index < 0) {
        if (this.#ignoreError) return [pair, null];
        throw new ReaderError(`No header key separator found in pair '${pair}' on line number ${this.lineNumber}`, frames);
      }
      const headerKey = pair.slice(0, index);
      if (headerKey === this.#nullMarker) {
        throw new ReaderError(`Header keys should not be equal to the null marker '${this.#nullMarker}' as they can't be null`, frames);
      }
      const headerValue = pair.slice(index + keySeparator.length);
      return [headerKey, headerValue === this.#nullMarker ? null : headerValue];
    });
  }
}

/** `Pattern.compile(separator)`: the separator is a regular expression (`,` in practice). */
function javaPattern(separator: string): RegExp {
  try {
    return new RegExp(separator, 'gu');
  } catch {
    return new RegExp(separator.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gu');
  }
}

/** `Pattern#split(input)`: trailing empty strings dropped; no match gives the input itself. */
function javaSplit(input: string, pattern: RegExp): string[] {
  const parts = input.split(pattern);
  if (parts.length === 1) return parts;
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
