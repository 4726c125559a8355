/**
 * The part of Apache commons-cli's `DefaultParser` that ZooKeeper's shell commands use: single-letter
 * options (`-s`, `-v 3`, `-v3`, `-se`), arguments anywhere, `--` ending the options. A parse failure is
 * printed as the commons-cli exception (`org.apache.commons.cli.UnrecognizedOptionException: ...`).
 */
import { CliError } from './cli-error.ts';

export interface CliOption {
  /** The letter (`s`), or `?` for help. */
  readonly name: string;
  readonly hasArg: boolean;
  /** The help text (`ls -?` prints it). */
  readonly description: string;
}

export interface ParsedCommandLine {
  /** The words that are not options, the command's name first (`['ls', '/brokers']`). */
  readonly args: string[];
  has(name: string): boolean;
  value(name: string): string | undefined;
}

export function parseCommandLine(options: readonly CliOption[], tokens: readonly string[]): ParsedCommandLine {
  const byName = new Map(options.map((option) => [option.name, option]));
  const args: string[] = [];
  const seen = new Map<string, string | undefined>();
  let current: CliOption | undefined;
  let skipParsing = false;

  // commons-cli 1.4 `isShortOption`: a dash and a known letter (`-s`, `-v3`, `-se`).
  const isOption = (token: string) => token.startsWith('-') && token.length >= 2 && byName.has(token[1]);
  const isNegativeNumber = (token: string) => /^-\d+(\.\d+)?$/.test(token);
  const requireValue = () => {
    if (current && seen.get(current.name) === undefined) {
      throw new CliError(`org.apache.commons.cli.MissingArgumentException: Missing argument for option: ${current.name}`);
    }
  };
  const take = (option: CliOption, value?: string) => {
    requireValue();
    seen.set(option.name, value);
    current = option.hasArg && value === undefined ? option : undefined;
  };
  const unknown = (token: string) => {
    if (token.startsWith('-') && token.length > 1) {
      throw new CliError(`org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: ${token}`);
    }
    args.push(token);
  };

  for (const token of tokens) {
    if (skipParsing) {
      args.push(token);
    } else if (token === '--') {
      skipParsing = true;
    } else if (current && (!isOption(token) || isNegativeNumber(token))) {
      seen.set(current.name, token);
      current = undefined;
    } else if (token.startsWith('--')) {
      unknown(token);
    } else if (token.startsWith('-') && token !== '-') {
      shortOptions(token);
    } else {
      unknown(token);
    }
  }
  requireValue();
  return { args, has: (name) => seen.has(name), value: (name) => seen.get(name) };

  function shortOptions(token: string): void {
    const text = token.slice(1);
    const equals = text.indexOf('=');
    const exact = byName.get(equals === -1 ? text : text.slice(0, equals));
    if (exact && equals !== -1) {
      if (!exact.hasArg) return unknown(token);
      return take(exact, text.slice(equals + 1));
    }
    if (exact) return take(exact);
    if (equals !== -1) return unknown(token);
    const first = byName.get(text[0]);
    if (first?.hasArg) return take(first, text.slice(1));
    // Concatenated flags (`-se`): each letter an option; one taking a value takes the rest of the token.
    for (let i = 0; i < text.length; i++) {
      const option = byName.get(text[i]);
      if (!option) return unknown(token);
      if (option.hasArg && i + 1 < text.length) return take(option, text.slice(i + 1));
      take(option);
    }
  }
}
