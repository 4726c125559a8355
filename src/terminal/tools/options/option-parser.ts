/**
 * Command-line parsing as jopt-simple 5.0.4 does it for Kafka's tools (`new OptionParser(false)`:
 * long options only, no abbreviations), with jopt's own messages, so that a mistyped option reads
 * exactly as it does with the real tool:
 *
 * - `--topic t`, `--topic=t` and `-topic t` (a recognised long name after one dash);
 * - an option that requires an argument takes the next word whatever it looks like;
 * - words that are not options nor their values are kept as non-option arguments (Kafka ignores them);
 * - `--` ends the options.
 *
 * Messages (OptionException#getMessage): `foo is not a recognized option`,
 * `Option topic requires an argument`,
 * `Found multiple arguments for option partitions, but you asked for only one`,
 * `Cannot parse argument 'abc' of option partitions`.
 */

export type OptionArgument = 'none' | 'required' | 'optional';

export interface OptionSpec {
  readonly name: string;
  /** `none` (a flag, the default), `required` (withRequiredArg) or `optional` (withOptionalArg). */
  readonly argument?: OptionArgument;
}

/** jopt's `OptionException`: what the tool prints (its way) when parsing fails. */
export class OptionException extends Error {
  /** The jopt exception class, for tools that let it escape as a Java stack trace. */
  readonly javaClass: string;
  /**
   * For a failure while parsing a word: whether jopt read it as a long option (`--topic`) or as a
   * short one (`-topic`, `-x`); the two paths show different frames in a stack trace.
   */
  readonly token: 'long' | 'short' | undefined;

  constructor(javaClass: string, message: string, token?: 'long' | 'short') {
    super(message);
    this.name = 'OptionException';
    this.javaClass = javaClass;
    this.token = token;
  }
}

export class ParsedOptions {
  readonly #values = new Map<string, string[]>();
  readonly #seen = new Set<string>();
  /** Words that were neither options nor their arguments, in order. */
  readonly nonOptionArguments: string[] = [];

  /** @internal */
  add(name: string, value?: string): void {
    this.#seen.add(name);
    const values = this.#values.get(name) ?? [];
    if (value !== undefined) values.push(value);
    this.#values.set(name, values);
  }

  has(name: string): boolean {
    return this.#seen.has(name);
  }

  /** Every value given for `name`, in order. */
  valuesOf(name: string): string[] {
    return [...(this.#values.get(name) ?? [])];
  }

  /** The one value of `name` (undefined when absent or given without a value); several values is an error, as in jopt. */
  valueOf(name: string): string | undefined {
    const values = this.#values.get(name) ?? [];
    if (values.length > 1) {
      throw new OptionException('joptsimple.OptionException', `Found multiple arguments for option ${name}, but you asked for only one`);
    }
    return values[0];
  }

  /** `valueOf` read as a Java `Integer` (`ofType(Integer.class)`). */
  intValueOf(name: string): number | undefined {
    return this.#numberOf(name, 'int');
  }

  /** `valueOf` read as a Java `Long`. */
  longValueOf(name: string): number | undefined {
    return this.#numberOf(name, 'long');
  }

  /** The names of the options present, in the order first seen. */
  specified(): string[] {
    return [...this.#seen];
  }

  #numberOf(name: string, type: 'int' | 'long'): number | undefined {
    const text = this.valueOf(name);
    if (text === undefined) return undefined;
    const value = parseJavaInteger(text, type);
    if (value === undefined) throw new OptionException('joptsimple.OptionArgumentConversionException', `Cannot parse argument '${text}' of option ${name}`);
    return value;
  }
}

const INT_RANGE = { int: [-(2 ** 31), 2 ** 31 - 1], long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] } as const;

/** `Integer.valueOf` / `Long.valueOf`: optional sign, decimal digits, in range; nothing else. */
export function parseJavaInteger(text: string, type: 'int' | 'long' = 'int'): number | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const value = Number(text);
  const [min, max] = INT_RANGE[type];
  return value >= min && value <= max ? value : undefined;
}

export function parseOptions(specs: readonly OptionSpec[], args: readonly string[]): ParsedOptions {
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const parsed = new ParsedOptions();
  let index = 0;
  const unrecognized = (name: string, token: 'long' | 'short') => new OptionException('joptsimple.UnrecognizedOptionException', `${name} is not a recognized option`, token);
  // ParserRules: any word starting with `-` other than `-` itself (a negative number too) is an option token.
  const looksLikeOption = (word: string) => word.startsWith('-') && word !== '-';

  const take = (spec: OptionSpec, inlineValue: string | undefined, token: 'long' | 'short') => {
    const argument = spec.argument ?? 'none';
    if (argument === 'none') {
      // NoArgumentOptionSpec#handleOption ignores a value given with `=` (`--list=yes` is `--list`).
      parsed.add(spec.name);
    } else if (inlineValue !== undefined) {
      parsed.add(spec.name, inlineValue);
    } else if (argument === 'required') {
      if (index >= args.length) throw new OptionException('joptsimple.OptionMissingRequiredArgumentException', `Option ${spec.name} requires an argument`, token);
      parsed.add(spec.name, args[index++]);
    } else if (index < args.length && !looksLikeOption(args[index])) {
      parsed.add(spec.name, args[index++]);
    } else {
      parsed.add(spec.name);
    }
  };

  while (index < args.length) {
    const word = args[index++];
    if (word === '--') {
      parsed.nonOptionArguments.push(...args.slice(index));
      break;
    }
    if (!looksLikeOption(word)) {
      parsed.nonOptionArguments.push(word);
      continue;
    }
    const token = word.startsWith('--') ? 'long' : 'short';
    const body = token === 'long' ? word.slice(2) : word.slice(1);
    const equals = body.indexOf('=');
    const name = equals >= 0 ? body.slice(0, equals) : body;
    const inlineValue = equals >= 0 ? body.slice(equals + 1) : undefined;
    const spec = byName.get(name);
    if (!spec) {
      // `-abc` that is no long name is a cluster of short options to jopt: it names the first one it does not know.
      throw unrecognized(token === 'long' ? name : body[0], token);
    }
    take(spec, inlineValue, token);
  }
  return parsed;
}
