/**
 * kafka-console-consumer's command line, without a cluster: usage errors in the tool's order, --help,
 * --version, the errors that escape main, and what happens before the first poll, byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../testing/run-command.ts';
import { testToolEnvironment } from '../../testing/test-tool-environment.ts';
import { usageFailure } from '../../testing/usage-failure.ts';
import { CONSOLE_CONSUMER_HELP_TABLE } from './help-table.ts';
import { kafkaConsoleConsumer } from './kafka-console-consumer.ts';

const env = testToolEnvironment({ now: Date.UTC(2025, 0, 2, 5, 30, 40, 895) });
const run = (...args: string[]) => runCommand(kafkaConsoleConsumer, args, { env });
const failsWith = async (args: string[], message: string) => expect(await run(...args)).toEqual(usageFailure(message, CONSOLE_CONSUMER_HELP_TABLE));
const BOOTSTRAP = ['--bootstrap-server', 'localhost:9092'];

describe('kafka-console-consumer usage', () => {
  it('answers to its Confluent name and its .sh name, and completes its options', () => {
    expect(kafkaConsoleConsumer.aliases).toEqual(['kafka-console-consumer.sh']);
    expect(kafkaConsoleConsumer.completions).toEqual(expect.arrayContaining(['--from-beginning', '--max-messages', '--property']));
  });

  it('prints its purpose and help for no arguments and --help (exit 1), the version for --version', async () => {
    const purpose = 'This tool helps to read data from Kafka topics and outputs it to standard output.';
    await failsWith([], purpose);
    await failsWith(['--help'], purpose);
    expect(await run('--version')).toEqual({ exitCode: 0, stdout: '3.9.0\n', stderr: '', topics: [] });
  });

  it('names an unknown option and a missing value', async () => {
    await failsWith([...BOOTSTRAP, '--topic', 't', '--foo'], 'foo is not a recognized option');
    await failsWith([...BOOTSTRAP, '--from'], 'from is not a recognized option');
    await failsWith([...BOOTSTRAP, '--topic'], 'Option topic requires an argument');
  });

  it('wants exactly one of --topic and --include (note the trailing space)', async () => {
    await failsWith([...BOOTSTRAP], 'Exactly one of --include/--topic is required. ');
    await failsWith([...BOOTSTRAP, '--topic', 't', '--include', 't.*'], 'Exactly one of --include/--topic is required. ');
    await failsWith(
      [...BOOTSTRAP, '--topic', 't', '--whitelist', 't.*'],
      'Exactly one of --include/--topic is required. --whitelist is DEPRECATED use --include instead; ignored if --include specified.',
    );
  });

  it('checks --partition, --offset and --from-beginning together, before --bootstrap-server', async () => {
    await failsWith(['--include', 't.*', '--partition', '0'], 'The topic is required when partition is specified.');
    await failsWith(['--topic', 't', '--partition', '0', '--from-beginning', '--offset', '3'], 'Options from-beginning and offset cannot be specified together.');
    await failsWith(['--topic', 't', '--offset', '3'], 'The partition is required when offset is specified.');
    await failsWith(['--topic', 't'], 'Missing required argument "[bootstrap-server]"');
  });

  it('checks the group ids (listed in HashSet order) and the group with a partition', async () => {
    await failsWith(
      [...BOOTSTRAP, '--topic', 't', '--group', 'b', '--consumer-property', 'group.id=a'],
      "The group ids provided in different places (directly using '--group', via '--consumer-property', or via '--consumer.config') do not match. Detected group ids: 'a', 'b'",
    );
    await failsWith([...BOOTSTRAP, '--topic', 't', '--partition', '0', '--group', 'g'], 'Options group and partition cannot be specified together.');
  });

  it('refuses --from-beginning with another auto.offset.reset: the message alone', async () => {
    expect(await run(...BOOTSTRAP, '--topic', 't', '--from-beginning', '--consumer-property', 'auto.offset.reset=latest')).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: "Can't simultaneously specify --from-beginning and 'auto.offset.reset=latest', please remove one option\n",
      topics: [],
    });
  });

  it('wants earliest, latest or a non-negative offset', async () => {
    for (const offset of ['-1', 'abc', 'first']) {
      await failsWith([...BOOTSTRAP, '--topic', 't', '--partition', '0', '--offset', offset], `The provided offset value '${offset}' is incorrect. Valid values are 'earliest', 'latest', or a non-negative long.`);
    }
  });

  it('prints an unknown formatter class name with the help table', async () => {
    await failsWith([...BOOTSTRAP, '--topic', 't', '--formatter', 'com.example.Fancy'], 'com.example.Fancy');
  });

  it('lets a bad --timeout-ms or a missing --consumer.config escape main', async () => {
    const timeout = await run(...BOOTSTRAP, '--topic', 't', '--timeout-ms', 'soon');
    expect(timeout.exitCode).toBe(1);
    expect(timeout.stderr.split('\n')[0]).toBe(`Exception in thread "main" joptsimple.OptionArgumentConversionException: Cannot parse argument 'soon' of option timeout-ms`);
    expect(timeout.stderr).toContain('\tat org.apache.kafka.tools.consumer.ConsoleConsumerOptions.<init>(ConsoleConsumerOptions.java:189)\n');
    const config = await run(...BOOTSTRAP, '--topic', 't', '--consumer.config', 'consumer.properties');
    expect(config.stderr.split('\n')[0]).toBe('Exception in thread "main" java.nio.file.NoSuchFileException: consumer.properties');
  });

  it("fails KafkaConsumer's config check in run(): main logs it, exit 1, no count", async () => {
    const result = await run(...BOOTSTRAP, '--topic', 't', '--isolation-level', 'read_all');
    expect(result.exitCode).toBe(1);
    expect(result.stderr.split('\n').slice(0, 2)).toEqual([
      '[2025-01-02 05:30:40,895] ERROR Unknown error when running consumer:  (org.apache.kafka.tools.consumer.ConsoleConsumer)',
      'org.apache.kafka.common.config.ConfigException: Invalid value read_all for configuration isolation.level: String must be one of: read_committed, read_uncommitted',
    ]);
    expect(result.stderr).not.toContain('Processed a total of');
  });

  it('warns about a pre-3.7 formatter name on stderr and uses the new class', async () => {
    const result = await run(...BOOTSTRAP, '--topic', 't', '--formatter', 'kafka.tools.DefaultMessageFormatter', '--isolation-level', 'none');
    expect(result.stderr.split('\n')[0]).toBe(
      'WARNING: kafka.tools.DefaultMessageFormatter is deprecated and will be removed in the next major release. Please use org.apache.kafka.tools.consumer.DefaultMessageFormatter instead',
    );
  });

  it('fails an --include that is no regular expression the same way', async () => {
    const result = await run(...BOOTSTRAP, '--include', 'orders(');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^\[2025-01-02 05:30:40,895\] ERROR Unknown error when running consumer: {2}\(org\.apache\.kafka\.tools\.consumer\.ConsoleConsumer\)\njava\.util\.regex\.PatternSyntaxException: /);
  });
});
