/**
 * kafka-topics' argument checking, without a cluster: the usage errors of KAFKA_CLI.md 2.5 with their
 * stream and exit code, the help table, --version, and the Java stack traces of what escapes to
 * `mainNoExit` (samples from the reference, with Kafka 3.9.0's line numbers).
 */
import { describe, expect, it } from 'vitest';
import type { Transport } from '../../../cluster/transport/transport.ts';
import { runCommand } from '../../testing/run-command.ts';
import { testToolEnvironment } from '../../testing/test-tool-environment.ts';
import { usageFailure } from '../../testing/usage-failure.ts';
import { TOPIC_COMMAND_HELP_TABLE } from './help-table.ts';
import { kafkaTopicsCommand } from './kafka-topics-command.ts';
import { TOPIC_COMMAND_OPTION_NAMES } from './topic-command-options.ts';

/** Usage checks happen before any connection: a transport that fails the test if used. */
const noNetwork: Transport = {
  listen: () => Promise.reject(new Error('no listening in these tests')),
  connect: (host, port) => Promise.reject(new Error(`unexpected connection to ${host}:${port}`)),
};

function topics(...args: string[]) {
  return runCommand(kafkaTopicsCommand, args, { env: testToolEnvironment({ transport: noNetwork }) });
}

const BOOTSTRAP = ['--bootstrap-server', 'localhost:9092'];

describe('the help table', () => {
  it('is jopt-simple 5.0.4 at 80 columns: every line padded to 80', () => {
    const lines = TOPIC_COMMAND_HELP_TABLE.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(128);
    for (const line of lines) expect(line.length).toBe(80);
  });

  it('lists exactly the options the tool accepts', () => {
    const listed = [...TOPIC_COMMAND_HELP_TABLE.matchAll(/^(--[a-z][a-z-]*)/gm)].map((match) => match[1]);
    expect(listed).toEqual([...TOPIC_COMMAND_OPTION_NAMES]);
  });

  it('follows "Create, delete, describe, or change a topic." on stderr when run without arguments (exit 1)', async () => {
    const run = await topics();
    expect(run).toEqual(usageFailure('Create, delete, describe, or change a topic.', TOPIC_COMMAND_HELP_TABLE));
  });

  it('follows the tool\'s purpose for --help, also on stderr with exit 1', async () => {
    const run = await topics('--help');
    expect(run).toEqual(usageFailure('This tool helps to create, delete, describe, or change a topic.', TOPIC_COMMAND_HELP_TABLE));
  });
});

it('--version prints the Kafka version on stdout and exits 0', async () => {
  expect(await topics('--version')).toEqual({ exitCode: 0, stdout: '3.9.0\n', stderr: '', topics: [] });
});

describe('usage errors: the message, then the help table, on stderr, exit 1', () => {
  const cases: Array<[string, string[]]> = [
    ['Command must include exactly one action: --list, --describe, --create, --alter or --delete', [...BOOTSTRAP]],
    ['Command must include exactly one action: --list, --describe, --create, --alter or --delete', [...BOOTSTRAP, '--list', '--describe']],
    ['Missing required argument "[topic]"', [...BOOTSTRAP, '--create', '--partitions', '1']],
    ['Missing required argument "[topic]"', [...BOOTSTRAP, '--delete']],
    ['Missing required argument "[partitions]"', [...BOOTSTRAP, '--alter', '--topic', 't']],
    [
      'Option combination "[[bootstrap-server], [config]]" can\'t be used with option "[alter]" (the kafka-configs CLI supports altering topic configs with a --bootstrap-server option)',
      [...BOOTSTRAP, '--alter', '--topic', 't', '--config', 'retention.ms=1'],
    ],
    ['Option "[config]" can\'t be used with option "[describe]"', [...BOOTSTRAP, '--describe', '--config', 'a=b']],
    ['Option "[config]" can\'t be used with option "[list]"', [...BOOTSTRAP, '--list', '--config', 'a=b']],
    ['Option "[partitions]" can\'t be used with option "[describe]"', [...BOOTSTRAP, '--describe', '--partitions', '3']],
    ['Option "[replication-factor]" can\'t be used with option "[alter]"', [...BOOTSTRAP, '--alter', '--topic', 't', '--partitions', '3', '--replication-factor', '2']],
    ['Option "[replica-assignment]" can\'t be used with option "[partitions]"', [...BOOTSTRAP, '--create', '--topic', 't', '--replica-assignment', '1:2', '--partitions', '1']],
    ['Option "[replica-assignment]" can\'t be used with option "[replication-factor]"', [...BOOTSTRAP, '--create', '--topic', 't', '--replica-assignment', '1:2', '--replication-factor', '2']],
    ['Option "[if-exists]" can\'t be used with option "[create]"', [...BOOTSTRAP, '--create', '--topic', 't', '--if-exists']],
    ['Option "[if-not-exists]" can\'t be used with option "[describe]"', [...BOOTSTRAP, '--describe', '--if-not-exists']],
    ['Option "[exclude-internal]" can\'t be used with option "[create]"', [...BOOTSTRAP, '--create', '--topic', 't', '--exclude-internal']],
    ['Option "[under-replicated-partitions]" can\'t be used with option "[list]"', [...BOOTSTRAP, '--list', '--under-replicated-partitions']],
    ['Option "[unavailable-partitions]" can\'t be used with option "[topics-with-overrides]"', [...BOOTSTRAP, '--describe', '--unavailable-partitions', '--topics-with-overrides']],
    ['Option "[topics-with-overrides]" can\'t be used with option "[list]"', [...BOOTSTRAP, '--list', '--topics-with-overrides']],
    ['Option "[delete-config]" can\'t be used with option "[bootstrap-server]"', [...BOOTSTRAP, '--alter', '--topic', 't', '--partitions', '2', '--delete-config', 'x']],
    ['--topic or --topic-id is required to describe a topic', [...BOOTSTRAP, '--describe', '--if-exists']],
  ];
  it.each(cases)('%s', async (message, args) => {
    const run = await topics(...args);
    expect(run).toEqual(usageFailure(message, TOPIC_COMMAND_HELP_TABLE));
  });
});

it('prints the --topic/--topic-id notice on stdout as the checks run, even when a later check fails', async () => {
  const run = await topics(...BOOTSTRAP, '--describe', '--if-exists', '--topic', 't', '--topic-id', 'x', '--partitions', '2');
  expect(run.exitCode).toBe(1);
  expect(run.stdout).toBe('Only topic id will be used when both --topic and --topic-id are specified and topicId is not Uuid.ZERO_UUID\n');
  expect(run.stderr).toBe(`Option "[partitions]" can't be used with option "[describe]"\n${TOPIC_COMMAND_HELP_TABLE}`);
});

describe('what escapes to mainNoExit: the message, then the stack trace and a blank line, on stderr, exit 1', () => {
  it('no --bootstrap-server (no help table)', async () => {
    const run = await topics('--list');
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      '--bootstrap-server must be specified\n' +
        'java.lang.IllegalArgumentException: --bootstrap-server must be specified\n' +
        '\tat org.apache.kafka.tools.TopicCommand$TopicCommandOptions.checkRequiredArgs(TopicCommand.java:978)\n' +
        '\tat org.apache.kafka.tools.TopicCommand$TopicCommandOptions.checkArgs(TopicCommand.java:971)\n' +
        '\tat org.apache.kafka.tools.TopicCommand$TopicCommandOptions.<init>(TopicCommand.java:835)\n' +
        '\tat org.apache.kafka.tools.TopicCommand.execute(TopicCommand.java:100)\n' +
        '\tat org.apache.kafka.tools.TopicCommand.mainNoExit(TopicCommand.java:90)\n' +
        '\tat org.apache.kafka.tools.TopicCommand.main(TopicCommand.java:85)\n' +
        '\n',
    );
  });

  it('an unknown option: the old --zookeeper', async () => {
    const run = await topics('--zookeeper', 'localhost:2181', '--list');
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'zookeeper is not a recognized option\n' +
        'joptsimple.UnrecognizedOptionException: zookeeper is not a recognized option\n' +
        '\tat joptsimple.OptionException.unrecognizedOption(OptionException.java:108)\n' +
        '\tat joptsimple.OptionParser.handleLongOptionToken(OptionParser.java:510)\n' +
        '\tat joptsimple.OptionParserState$2.handleArgument(OptionParserState.java:56)\n' +
        '\tat joptsimple.OptionParser.parse(OptionParser.java:396)\n' +
        '\tat org.apache.kafka.tools.TopicCommand$TopicCommandOptions.<init>(TopicCommand.java:830)\n' +
        '\tat org.apache.kafka.tools.TopicCommand.execute(TopicCommand.java:100)\n' +
        '\tat org.apache.kafka.tools.TopicCommand.mainNoExit(TopicCommand.java:90)\n' +
        '\tat org.apache.kafka.tools.TopicCommand.main(TopicCommand.java:85)\n' +
        '\n',
    );
  });

  it('no abbreviations: --top is unknown too', async () => {
    const run = await topics(...BOOTSTRAP, '--list', '--top', 't');
    expect(run.stderr.split('\n').slice(0, 2)).toEqual(['top is not a recognized option', 'joptsimple.UnrecognizedOptionException: top is not a recognized option']);
  });

  it('a short option cluster names its first unknown letter', async () => {
    const run = await topics(...BOOTSTRAP, '--list', '-x');
    expect(run.exitCode).toBe(1);
    expect(run.stderr.split('\n').slice(0, 4)).toEqual([
      'x is not a recognized option',
      'joptsimple.UnrecognizedOptionException: x is not a recognized option',
      '\tat joptsimple.OptionException.unrecognizedOption(OptionException.java:108)',
      '\tat joptsimple.OptionParser.validateOptionCharacters(OptionParser.java:633)',
    ]);
  });

  it('an option missing its value at the end', async () => {
    const run = await topics(...BOOTSTRAP, '--describe', '--topic');
    expect(run.exitCode).toBe(1);
    expect(run.stderr.split('\n').slice(0, 3)).toEqual([
      'Option topic requires an argument',
      'joptsimple.OptionMissingRequiredArgumentException: Option topic requires an argument',
      '\tat joptsimple.RequiredArgumentOptionSpec.detectOptionArgument(RequiredArgumentOptionSpec.java:48)',
    ]);
  });

  it('a --command-config the lab shell has no file for: NoSuchFileException', async () => {
    const run = await topics(...BOOTSTRAP, '--list', '--command-config', 'client.properties');
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n').slice(0, 3)).toEqual([
      'client.properties',
      'java.nio.file.NoSuchFileException: client.properties',
      '\tat java.base/sun.nio.fs.UnixException.translateToIOException(UnixException.java:92)',
    ]);
    expect(run.stderr.endsWith('\tat org.apache.kafka.tools.TopicCommand.main(TopicCommand.java:85)\n\n')).toBe(true);
  });

  it('default.api.timeout.ms below request.timeout.ms fails creating the admin client, with the cause', async () => {
    const env = testToolEnvironment({ transport: noNetwork, files: { 'client.properties': 'default.api.timeout.ms=3000\n' } });
    const run = await runCommand(kafkaTopicsCommand, [...BOOTSTRAP, '--list', '--command-config', 'client.properties'], { env });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe(
      'Failed to create new KafkaAdminClient\n' +
        'org.apache.kafka.common.KafkaException: Failed to create new KafkaAdminClient\n' +
        '\tat org.apache.kafka.clients.admin.KafkaAdminClient.createInternal(KafkaAdminClient.java:561)\n' +
        '\tat org.apache.kafka.clients.admin.KafkaAdminClient.createInternal(KafkaAdminClient.java:512)\n' +
        '\tat org.apache.kafka.clients.admin.Admin.create(Admin.java:137)\n' +
        '\tat org.apache.kafka.tools.TopicCommand$TopicService.createAdminClient(TopicCommand.java:456)\n' +
        '\tat org.apache.kafka.tools.TopicCommand$TopicService.<init>(TopicCommand.java:445)\n' +
        '\tat org.apache.kafka.tools.TopicCommand.execute(TopicCommand.java:101)\n' +
        '\tat org.apache.kafka.tools.TopicCommand.mainNoExit(TopicCommand.java:90)\n' +
        '\tat org.apache.kafka.tools.TopicCommand.main(TopicCommand.java:85)\n' +
        'Caused by: org.apache.kafka.common.config.ConfigException: The specified value of default.api.timeout.ms must be no smaller than the value of request.timeout.ms.\n' +
        '\tat org.apache.kafka.clients.admin.KafkaAdminClient.configureDefaultApiTimeoutMs(KafkaAdminClient.java:639)\n' +
        '\tat org.apache.kafka.clients.admin.KafkaAdminClient.<init>(KafkaAdminClient.java:600)\n' +
        '\tat org.apache.kafka.clients.admin.KafkaAdminClient.createInternal(KafkaAdminClient.java:556)\n' +
        '\t... 7 more\n' +
        '\n',
    );
  });

  it('a bootstrap address without a port', async () => {
    const run = await topics('--bootstrap-server', 'localhost', '--list');
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('Caused by: org.apache.kafka.common.config.ConfigException: Invalid url in bootstrap.servers: localhost\n');
  });
});

describe('values read by the action fail inside it: "Error while executing topic command" on stdout, the trace as an ERROR line', () => {
  const env = () => testToolEnvironment({ transport: noNetwork, now: Date.UTC(2024, 11, 4, 6, 23, 49, 820) });
  const ts = '[2024-12-04 06:23:49,820]';

  it('--partitions abc', async () => {
    const run = await runCommand(kafkaTopicsCommand, [...BOOTSTRAP, '--create', '--topic', 't', '--partitions', 'abc'], { env: env() });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe("Error while executing topic command : Cannot parse argument 'abc' of option partitions\n");
    expect(run.stderr.startsWith(`${ts} ERROR joptsimple.OptionArgumentConversionException: Cannot parse argument 'abc' of option partitions\n`)).toBe(true);
    expect(run.stderr).toContain('Caused by: joptsimple.internal.ReflectionException: java.lang.NumberFormatException: For input string: "abc"\n');
    expect(run.stderr.endsWith('\n (org.apache.kafka.tools.TopicCommand)\n')).toBe(true);
  });

  it('--partitions 0 is refused by the tool before anything is sent', async () => {
    const run = await runCommand(kafkaTopicsCommand, [...BOOTSTRAP, '--create', '--topic', 't', '--partitions', '0'], { env: env() });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('Error while executing topic command : The partitions must be greater than 0\n');
    expect(run.stderr).toBe(
      `${ts} ERROR java.lang.IllegalArgumentException: The partitions must be greater than 0\n` +
        '\tat org.apache.kafka.tools.TopicCommand$TopicService.createTopic(TopicCommand.java:473)\n' +
        '\tat org.apache.kafka.tools.TopicCommand$TopicService.createTopic(TopicCommand.java:465)\n' +
        '\tat org.apache.kafka.tools.TopicCommand.execute(TopicCommand.java:105)\n' +
        '\tat org.apache.kafka.tools.TopicCommand.mainNoExit(TopicCommand.java:90)\n' +
        '\tat org.apache.kafka.tools.TopicCommand.main(TopicCommand.java:85)\n' +
        ' (org.apache.kafka.tools.TopicCommand)\n',
    );
  });

  it('--replication-factor 0', async () => {
    const run = await runCommand(kafkaTopicsCommand, [...BOOTSTRAP, '--create', '--topic', 't', '--replication-factor', '0'], { env: env() });
    expect(run.stdout).toBe('Error while executing topic command : The replication factor must be between 1 and 32767 inclusive\n');
    expect(run.stderr).toContain('\tat org.apache.kafka.tools.TopicCommand$TopicService.createTopic(TopicCommand.java:470)\n');
  });

  it('an unknown --config name: one line, as Kafka API exceptions have no frames', async () => {
    const run = await runCommand(kafkaTopicsCommand, [...BOOTSTRAP, '--create', '--topic', 't', '--config', 'foo=1'], { env: env() });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('Error while executing topic command : Unknown topic config name: foo\n');
    expect(run.stderr).toBe(`${ts} ERROR org.apache.kafka.common.errors.InvalidConfigurationException: Unknown topic config name: foo\n (org.apache.kafka.tools.TopicCommand)\n`);
  });

  it('a --config that is not key=val', async () => {
    const run = await runCommand(kafkaTopicsCommand, [...BOOTSTRAP, '--create', '--topic', 't', '--config', 'retention.ms'], { env: env() });
    expect(run.stdout).toBe('Error while executing topic command : requirement failed: Invalid topic config: all configs to be added must be in the format "key=val".\n');
  });

  it('a --config value of the wrong type', async () => {
    const run = await runCommand(kafkaTopicsCommand, [...BOOTSTRAP, '--create', '--topic', 't', '--config', 'retention.ms=abc'], { env: env() });
    expect(run.stdout).toBe('Error while executing topic command : Invalid value abc for configuration retention.ms: Not a number of type LONG\n');
    expect(run.stderr.startsWith(`${ts} ERROR org.apache.kafka.common.config.ConfigException: Invalid value abc for configuration retention.ms: Not a number of type LONG\n\tat `)).toBe(true);
  });

  it('--topic given twice', async () => {
    const run = await runCommand(kafkaTopicsCommand, [...BOOTSTRAP, '--create', '--topic', 'a', '--topic', 'b'], { env: env() });
    expect(run.stdout).toBe('Error while executing topic command : Found multiple arguments for option topic, but you asked for only one\n');
    expect(run.stderr.split('\n')[0]).toBe(`${ts} ERROR joptsimple.MultipleArgumentsForOptionException: Found multiple arguments for option topic, but you asked for only one`);
  });

  it('a --replica-assignment with a duplicate broker', async () => {
    const run = await runCommand(kafkaTopicsCommand, [...BOOTSTRAP, '--create', '--topic', 't', '--replica-assignment', '1:1'], { env: env() });
    expect(run.stdout).toBe('Error while executing topic command : Partition replica lists may not contain duplicate entries: 1\n');
  });
});
