/**
 * Kafka's `CommandLineUtils` checks, with its exact messages. A failed check is a `UsageError`: the
 * tool prints the message, a newline and its help table on stderr and exits 1 (`printUsageAndExit`).
 * jopt's `OptionSpec#toString()` is the option's names in brackets: `[topic]`.
 */
import type { ParsedOptions } from './option-parser.ts';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** `Missing required argument "[topic]"` for the first of `names` that is absent. */
export function checkRequiredArgs(options: ParsedOptions, ...names: string[]): void {
  for (const name of names) {
    if (!options.has(name)) throw new UsageError(`Missing required argument "[${name}]"`);
  }
}

/** When `used` is present: `Option "[used]" can't be used with option "[other]"` for the first of `invalid` present. */
export function checkInvalidArgs(options: ParsedOptions, used: string, invalid: readonly string[]): void {
  if (!options.has(used)) return;
  for (const other of invalid) {
    if (options.has(other)) throw new UsageError(`Option "[${used}]" can't be used with option "[${other}]"`);
  }
}

/** `printUsageAndExit`: the message, then the help table, both on stderr; exit status 1. */
export function usageText(message: string, helpTable: string): string {
  return `${message}\n${helpTable}`;
}
