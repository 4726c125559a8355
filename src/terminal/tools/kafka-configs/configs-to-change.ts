/**
 * What `--alter` changes, read as ConfigCommand reads it (`parseConfigsToBeAdded`,
 * `parseConfigsToBeDeleted`):
 *
 * - `--add-config k1=v1,k2=[a,b]`: split on commas outside square brackets, each part on `=` outside
 *   brackets (exactly two pieces, else `requirement failed: Invalid entity config: ...`), brackets
 *   removed from values, keys and values trimmed; `--add-config-file` reads a properties file instead;
 * - a key with a character other than `[a-zA-Z0-9._-]` is refused;
 * - `message.format.version` prints its deprecation warning on stdout;
 * - `--delete-config k1,k2` (repeatable; jopt splits on commas and drops empty pieces), trimmed.
 */
import type { OutputStream } from '../../command.ts';
import type { ToolEnvironment } from '../../tool-environment.ts';
import type { ParsedOptions } from '../options/option-parser.ts';
import { IllegalArgumentError } from './config-command-errors.ts';
import { loadOptionalProps } from '../kafka/java-properties.ts';
import { CONFIG_COMMAND_SITES } from './config-command-frames.ts';

/** A comma or `=` that is not inside square brackets (`(?=[^\]]*(?:\[|$))`). */
const OUTSIDE_BRACKETS = '(?=[^\\]]*(?:\\[|$))';
const PAIR_SEPARATOR = new RegExp(`,${OUTSIDE_BRACKETS}`);
const KEY_VALUE_SEPARATOR = new RegExp(`\\s*=\\s*${OUTSIDE_BRACKETS}`);

/** Java's `String#split(regex)` with limit 0: trailing empty strings removed. */
function javaSplit(text: string, separator: RegExp): string[] {
  const parts = text.split(separator);
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** The configs to set, in the order given; `stdout` gets the warning ConfigCommand prints while reading them. */
export async function parseConfigsToBeAdded(options: ParsedOptions, env: ToolEnvironment, stdout: OutputStream): Promise<Map<string, string>> {
  const configs = await loadOptionalProps(env, options.valueOf('add-config-file'), CONFIG_COMMAND_SITES.addConfigFile);
  if (options.has('add-config')) {
    const pairs = javaSplit(options.valueOf('add-config')!, PAIR_SEPARATOR).map((pair) => pair.split(KEY_VALUE_SEPARATOR));
    if (!pairs.every((pair) => pair.length === 2)) {
      throw new IllegalArgumentError('requirement failed: Invalid entity config: all configs to be added must be in the format "key=val".');
    }
    for (const [key, value] of pairs) configs.set(key.trim(), value.replace(/[[\]]/g, '').trim());
  }
  const messageFormat = configs.get('message.format.version');
  if (messageFormat !== undefined) {
    await stdout.write(
      `WARNING: The configuration message.format.version=${messageFormat} is specified. ` +
        'This configuration will be ignored if the version is newer than the inter.broker.protocol.version specified in the broker or ' +
        'if the inter.broker.protocol.version is 3.0 or newer. This configuration is deprecated and it will be removed in Apache Kafka 4.0.\n',
    );
  }
  for (const key of configs.keys()) {
    if (!/^[a-zA-Z0-9._-]*$/.test(key)) throw new IllegalArgumentError(`Invalid character found for config key: ${key}`);
  }
  return configs;
}

export function parseConfigsToBeDeleted(options: ParsedOptions): string[] {
  return options.valuesOf('delete-config').flatMap((argument) => {
    const tokens = argument.split(',').filter((token) => token !== '');
    return (tokens.length > 0 ? tokens : [argument]).map((token) => token.trim());
  });
}
