/**
 * kafka-consumer-groups' argument handling, usage errors and help (KAFKA_CLI.md 5.8, A.4): all of it
 * happens before the tool connects anywhere, so no cluster is needed.
 */
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../testing/run-command.ts';
import { testToolEnvironment } from '../../testing/test-tool-environment.ts';
import { usageFailure } from '../../testing/usage-failure.ts';
import { HELP_TABLE, HELP_TABLE_LINES, USAGE_PURPOSE } from './help-table.ts';
import { kafkaConsumerGroups } from './kafka-consumer-groups.ts';

const BOOTSTRAP = ['--bootstrap-server', '127.0.0.1:1'];
const run = (args: string[], files?: Record<string, string>) => runCommand(kafkaConsumerGroups, args, { env: testToolEnvironment({ files }) });

/** A usage error: the message, the help table, all on stderr, exit 1. */
async function expectUsage(args: string[], message: string) {
  const result = await run(args);
  expect(result).toEqual(usageFailure(message, HELP_TABLE));
}

describe('kafka-consumer-groups help and version', () => {
  it('has the 3.9 help table: 79 columns, options in alphabetical order', () => {
    expect(HELP_TABLE_LINES[0]).toBe('Option                                  Description                            ');
    for (const line of HELP_TABLE_LINES) expect(line).toHaveLength(79);
    const options = HELP_TABLE_LINES.filter((line) => /^--[a-z]/.test(line)).map((line) => line.split(' ')[0]);
    expect(options).toEqual([...options].sort());
    expect(options).toContain('--reset-offsets');
  });

  it('prints the purpose and the table on stderr with exit 1 for no arguments and for --help', async () => {
    await expectUsage([], USAGE_PURPOSE);
    await expectUsage(['--help'], USAGE_PURPOSE);
    await expectUsage(['--list', '--help'], USAGE_PURPOSE);
  });

  it('prints the Kafka version for --version, even without --bootstrap-server', async () => {
    expect(await run(['--version'])).toMatchObject({ exitCode: 0, stdout: '3.9.0\n', stderr: '' });
  });

  it('answers to kafka-consumer-groups.sh too, and completes its options', () => {
    expect(kafkaConsumerGroups.aliases).toEqual(['kafka-consumer-groups.sh']);
    expect(kafkaConsumerGroups.completions).toContain('--bootstrap-server');
    expect(kafkaConsumerGroups.completions).toContain('--reset-offsets');
  });
});

describe('kafka-consumer-groups usage errors', () => {
  it('needs --bootstrap-server', async () => {
    await expectUsage(['--list'], 'Missing required argument "[bootstrap-server]"');
  });

  it('needs exactly one action', async () => {
    const message = 'Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets';
    await expectUsage([...BOOTSTRAP], message);
    await expectUsage([...BOOTSTRAP, '--list', '--delete', '--all-groups'], message);
  });

  it('checks --describe, --delete and --reset-offsets as ConsumerGroupCommandOptions does', async () => {
    await expectUsage([...BOOTSTRAP, '--describe'], 'Option [describe] takes one of these options: [list], [describe], [delete], [reset-offsets]');
    await expectUsage([...BOOTSTRAP, '--describe', '--group', 'g', '--members', '--state'], 'Option [describe] takes at most one of these options: [members], [offsets], [state]');
    await expectUsage([...BOOTSTRAP, '--describe', '--group', 'g', '--state', 'stable'], 'Option [describe] does not take a value for [state]');
    await expectUsage([...BOOTSTRAP, '--delete'], 'Option [delete] takes one of these options: [group], [all-groups]');
    await expectUsage([...BOOTSTRAP, '--delete', '--group', 'g', '--topic', 't'], 'The consumer does not support topic-specific offset deletion from a consumer group.');
    await expectUsage([...BOOTSTRAP, '--reset-offsets', '--group', 'g', '--dry-run', '--execute'], 'Option [reset-offsets] only accepts one of [execute] and [dry-run]');
    await expectUsage([...BOOTSTRAP, '--reset-offsets', '--group', 'g', '--to-earliest', '--to-latest', '--dry-run'], 'Option "[to-earliest]" can\'t be used with option "[to-latest]"');
    await expectUsage([...BOOTSTRAP, '--describe', '--group', 'g', '--all-groups'], 'Option "[group]" can\'t be used with option "[all-groups]"');
    await expectUsage([...BOOTSTRAP, '--list', '--group', 'g'], 'Option "[group]" can\'t be used with option "[list]"');
    await expectUsage([...BOOTSTRAP, '--describe', '--group', 'g', '--topic', 't'], 'Option "[topic]" can\'t be used with option "[describe]"');
    await expectUsage([...BOOTSTRAP, '--delete-offsets', '--group', 'g'], 'Option [delete-offsets] takes the following options: [group], [all-groups]');
  });

  it('prints the reset WARN before a later usage error', async () => {
    const result = await run([...BOOTSTRAP, '--reset-offsets', '--to-earliest']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      'WARN: No action will be performed as the --execute option is missing.In a future major release, the default behavior of this command will be to prompt the user before executing the reset rather than doing a dry run. You should add the --dry-run option explicitly if you are scripting this command and want to keep the current default behavior without prompting.\n' +
        `Option [reset-offsets] takes one of these options: [group], [all-groups]\n${HELP_TABLE}`,
    );
  });

  it('lets jopt errors escape main as a Java exception with exit 1', async () => {
    const unknown = await run([...BOOTSTRAP, '--list', '--foo']);
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe(
      'Exception in thread "main" joptsimple.UnrecognizedOptionException: foo is not a recognized option\n' +
        '\tat joptsimple.OptionException.unrecognizedOption(OptionException.java:108)\n' +
        '\tat joptsimple.OptionParser.handleLongOptionToken(OptionParser.java:510)\n' +
        '\tat joptsimple.OptionParserState$2.handleArgument(OptionParserState.java:56)\n' +
        '\tat joptsimple.OptionParser.parse(OptionParser.java:396)\n' +
        '\tat org.apache.kafka.tools.consumer.group.ConsumerGroupCommandOptions.<init>(ConsumerGroupCommandOptions.java:206)\n' +
        '\tat org.apache.kafka.tools.consumer.group.ConsumerGroupCommandOptions.fromArgs(ConsumerGroupCommandOptions.java:123)\n' +
        '\tat org.apache.kafka.tools.consumer.group.ConsumerGroupCommand.main(ConsumerGroupCommand.java:96)\n',
    );
    const unavailable = await run([...BOOTSTRAP, '--list', '--members']);
    expect(unavailable.exitCode).toBe(1);
    expect(unavailable.stderr).toMatch(/^Exception in thread "main" joptsimple\.UnavailableOptionException: Option\(s\) \[members\] are unavailable given other options on the command line\n\tat joptsimple\.OptionParser\.ensureAllowedOptions/);
    const missingValue = await run([...BOOTSTRAP, '--describe', '--group']);
    expect(missingValue.stderr).toMatch(/^Exception in thread "main" joptsimple\.OptionMissingRequiredArgumentException: Option group requires an argument\n/);
  });

  it('rejects an unknown --state for --list with the valid ones', async () => {
    await expectUsage(
      [...BOOTSTRAP, '--list', '--state', 'running'],
      "Invalid state list 'running'. Valid states are: PreparingRebalance, CompletingRebalance, Stable, Dead, Empty, Assigning, Reconciling",
    );
  });
});

describe('kafka-consumer-groups --command-config', () => {
  it('fails as a missing file does when there is no such file (the lab shell has none)', async () => {
    const result = await run([...BOOTSTRAP, '--list', '--command-config', 'client.properties']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('\nError: Executing consumer group command failed due to java.nio.file.NoSuchFileException: client.properties\n');
    expect(result.stderr).toMatch(/^java\.lang\.RuntimeException: java\.nio\.file\.NoSuchFileException: client\.properties\n\tat /);
    expect(result.stderr).toContain('Caused by: java.nio.file.NoSuchFileException: client.properties\n');
  });
});
