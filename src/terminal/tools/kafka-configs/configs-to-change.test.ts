import { describe, expect, it } from 'vitest';
import { testCommandContext } from '../../testing/run-command.ts';
import { testToolEnvironment } from '../../testing/test-tool-environment.ts';
import { IllegalArgumentError } from './config-command-errors.ts';
import { CONFIG_COMMAND_OPTIONS } from './config-command-options.ts';
import { parseOptions } from '../options/option-parser.ts';
import { parseConfigsToBeAdded, parseConfigsToBeDeleted } from './configs-to-change.ts';

const added = async (args: string[], files?: Record<string, string>) => {
  const { context, stdout } = testCommandContext(['kafka-configs', ...args], { env: testToolEnvironment({ files }) });
  const configs = await parseConfigsToBeAdded(parseOptions(CONFIG_COMMAND_OPTIONS, args), context.env, context.stdout);
  return { configs: Object.fromEntries(configs), stdout: stdout() };
};

describe('--add-config / --delete-config (ConfigCommand.parseConfigsToBeAdded/Deleted)', () => {
  it('splits on commas outside square brackets and drops the brackets', async () => {
    expect((await added(['--add-config', 'k1=v1,k2=[v1,v2,v2],k3=v3'])).configs).toEqual({ k1: 'v1', k2: 'v1,v2,v2', k3: 'v3' });
    expect((await added(['--add-config', ' retention.ms = 1000 , cleanup.policy=[compact,delete]'])).configs).toEqual({ 'retention.ms': '1000', 'cleanup.policy': 'compact,delete' });
    // An empty value is allowed; a trailing comma is dropped, as Java's split does.
    expect((await added(['--add-config', 'ssl.endpoint.identification.algorithm=,'])).configs).toEqual({ 'ssl.endpoint.identification.algorithm': '' });
  });

  it('refuses a pair that is not key=val, and keys with other characters', async () => {
    const message = 'requirement failed: Invalid entity config: all configs to be added must be in the format "key=val".';
    for (const value of ['retention.ms', 'a=1=2', 'a=1,,b=2', ',a=1']) {
      await expect(added(['--add-config', value]), value).rejects.toThrow(new IllegalArgumentError(message));
    }
    await expect(added(['--add-config', 'a b=1'])).rejects.toThrow('Invalid character found for config key: a b');
  });

  it('reads --add-config-file as a properties file and warns about message.format.version on stdout', async () => {
    const result = await added(['--add-config-file', 'c.properties'], { 'c.properties': '# comment\nretention.ms = 5\nmessage.format.version: 2.8\n' });
    expect(result.configs).toEqual({ 'retention.ms': '5', 'message.format.version': '2.8' });
    expect(result.stdout).toBe(
      'WARNING: The configuration message.format.version=2.8 is specified. This configuration will be ignored if the version is newer than the inter.broker.protocol.version specified in the broker or if the inter.broker.protocol.version is 3.0 or newer. This configuration is deprecated and it will be removed in Apache Kafka 4.0.\n',
    );
  });

  it('splits --delete-config on commas like jopt (empty pieces dropped), repeated options included', () => {
    const options = parseOptions(CONFIG_COMMAND_OPTIONS, ['--delete-config', 'a, b,,c', '--delete-config', 'd']);
    expect(parseConfigsToBeDeleted(options)).toEqual(['a', 'b', 'c', 'd']);
  });
});
