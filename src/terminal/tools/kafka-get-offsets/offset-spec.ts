/**
 * `--time` as `GetOffsetShell.parseOffsetSpec` reads it: a name (`latest`, `earliest`, `max-timestamp`,
 * `earliest-local`, `latest-tiered`) or a Java long, where -1 .. -5 stand for those names.
 */
import type { OffsetQuery } from '../kafka/tool-admin.ts';
import { TerseException } from './get-offsets-options.ts';

const NAMED: Record<string, OffsetQuery> = {
  earliest: 'earliest',
  latest: 'latest',
  'max-timestamp': { timestamp: -3 },
  'earliest-local': { timestamp: -4 },
  'latest-tiered': { timestamp: -5 },
};

export function parseOffsetSpec(text: string): OffsetQuery {
  const named = NAMED[text];
  if (named) return named;
  if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new TerseException(
      `Malformed time argument ${text}. Please use -1 or latest / -2 or earliest / -3 or max-timestamp / -4 or earliest-local / -5 or latest-tiered, or a specified long format timestamp`,
    );
  }
  const timestamp = Number(text);
  if (timestamp === -2) return 'earliest';
  if (timestamp === -1) return 'latest';
  return { timestamp };
}
