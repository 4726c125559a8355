import { describe, expect, it } from 'vitest';
import { thrownBy } from '../../testing/thrown-by.ts';
import { OptionException, parseJavaInteger, parseOptions, type OptionSpec } from './option-parser.ts';

const specs: OptionSpec[] = [
  { name: 'bootstrap-server', argument: 'required' },
  { name: 'topic', argument: 'required' },
  { name: 'partitions', argument: 'required' },
  { name: 'list' },
  { name: 'describe' },
  { name: 'config', argument: 'required' },
  { name: 'maybe', argument: 'optional' },
];

const messageOf = (args: string[]) => thrownBy(() => parseOptions(specs, args), OptionException).message;

describe('parseOptions (jopt-simple 5.0.4 rules, no abbreviations)', () => {
  it('reads `--name value`, `--name=value` and `-name value`', () => {
    const parsed = parseOptions(specs, ['--topic', 't1', '--bootstrap-server=localhost:9092', '-partitions', '3', '--list']);
    expect(parsed.valueOf('topic')).toBe('t1');
    expect(parsed.valueOf('bootstrap-server')).toBe('localhost:9092');
    expect(parsed.intValueOf('partitions')).toBe(3);
    expect(parsed.has('list')).toBe(true);
    expect(parsed.has('describe')).toBe(false);
  });

  it('a required argument takes the next word even when it starts with a dash', () => {
    expect(parseOptions(specs, ['--topic', '--list']).valueOf('topic')).toBe('--list');
  });

  it('an optional argument does not swallow the next option', () => {
    const parsed = parseOptions(specs, ['--maybe', '--list']);
    expect(parsed.has('maybe')).toBe(true);
    expect(parsed.valueOf('maybe')).toBeUndefined();
    expect(parsed.has('list')).toBe(true);
    expect(parseOptions(specs, ['--maybe', 'x']).valueOf('maybe')).toBe('x');
  });

  it('a flag given a value with `=` ignores it, as NoArgumentOptionSpec does', () => {
    const parsed = parseOptions(specs, ['--list=yes']);
    expect(parsed.has('list')).toBe(true);
    expect(parsed.valuesOf('list')).toEqual([]);
  });

  it('keeps words that are no option as non-option arguments, and everything after `--`', () => {
    const parsed = parseOptions(specs, ['--list', 'extra', '--', '--topic']);
    expect(parsed.nonOptionArguments).toEqual(['extra', '--topic']);
    expect(parsed.has('topic')).toBe(false);
  });

  it("gives jopt's messages", () => {
    expect(messageOf(['--foo'])).toBe('foo is not a recognized option');
    expect(messageOf(['--foo=bar'])).toBe('foo is not a recognized option');
    expect(messageOf(['--top', 'x'])).toBe('top is not a recognized option');
    expect(messageOf(['-x'])).toBe('x is not a recognized option');
    expect(messageOf(['-zk'])).toBe('z is not a recognized option');
    expect(messageOf(['-5'])).toBe('5 is not a recognized option');
    expect(messageOf(['--topic'])).toBe('Option topic requires an argument');
  });

  it('reports several values, and unparseable numbers, when the value is read', () => {
    const parsed = parseOptions(specs, ['--partitions', '1', '--partitions', '2', '--topic', 'abc']);
    expect(parsed.valuesOf('partitions')).toEqual(['1', '2']);
    expect(() => parsed.valueOf('partitions')).toThrow('Found multiple arguments for option partitions, but you asked for only one');
    const bad = parseOptions(specs, ['--partitions', 'abc']);
    expect(() => bad.intValueOf('partitions')).toThrow("Cannot parse argument 'abc' of option partitions");
    expect(() => parseOptions(specs, ['--partitions', '2147483648']).intValueOf('partitions')).toThrow("Cannot parse argument '2147483648' of option partitions");
  });

  it('parses integers as Integer.valueOf does', () => {
    expect(parseJavaInteger('+7')).toBe(7);
    expect(parseJavaInteger('-1')).toBe(-1);
    expect(parseJavaInteger('1.0')).toBeUndefined();
    expect(parseJavaInteger(' 1')).toBeUndefined();
    expect(parseJavaInteger('')).toBeUndefined();
  });
});
