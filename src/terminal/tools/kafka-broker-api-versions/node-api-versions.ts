/**
 * `NodeApiVersions.toString(true)` of Kafka 3.9's client: what a broker's ApiVersions answer looks like
 * to the tool. One line per API in ascending key order, `\t`-indented and joined with `,\n`:
 *
 *   Produce(0): 0 to 11 [usable: 11]       a range the client can use (usable = min(client, broker) max)
 *   Envelope(58): 0 [usable: 0]            min = max
 *   Foo(9): 3 to 4 [unusable: node too new] / [unusable: node too old]
 *   UNKNOWN(99): 0 to 1                    a key this client does not know
 *   DescribeQuorum(55): UNSUPPORTED        a client API the broker did not list
 */
import { CLIENT_API_KEYS } from './client-api-keys.ts';

export interface ApiVersionRange {
  readonly apiKey: number;
  readonly minVersion: number;
  readonly maxVersion: number;
}

function versionText(range: ApiVersionRange): string {
  const known = CLIENT_API_KEYS.get(range.apiKey);
  const versions = range.minVersion === range.maxVersion ? `${range.minVersion}` : `${range.minVersion} to ${range.maxVersion}`;
  if (!known) return `UNKNOWN(${range.apiKey}): ${versions}`;
  let usable: string;
  if (known.latestVersion < range.minVersion) usable = '[unusable: node too new]';
  else if (range.maxVersion < known.oldestVersion) usable = '[unusable: node too old]';
  else usable = `[usable: ${Math.min(known.latestVersion, range.maxVersion)}]`;
  return `${known.name}(${known.id}): ${versions} ${usable}`;
}

/** The `(\n\t...,\n\t...\n)` block for one broker's advertised ranges. */
export function nodeApiVersionsText(ranges: readonly ApiVersionRange[]): string {
  // A TreeMap keyed by api key: a later entry for the same key replaces an earlier one, as in Java.
  const lines = new Map<number, string>();
  for (const range of ranges) lines.set(range.apiKey, versionText(range));
  for (const key of CLIENT_API_KEYS.values()) {
    if (key.clientApi && !lines.has(key.id)) lines.set(key.id, `${key.name}(${key.id}): UNSUPPORTED`);
  }
  const sorted = [...lines.entries()].sort(([a], [b]) => a - b).map(([, text]) => text);
  return `(\n\t${sorted.join(',\n\t')}\n)`;
}
