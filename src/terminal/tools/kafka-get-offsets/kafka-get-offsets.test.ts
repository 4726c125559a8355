/**
 * kafka-get-offsets' argument handling and the errors it reports before connecting (KAFKA_CLI.md 9, A.5).
 */
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../testing/run-command.ts';
import { testToolEnvironment } from '../../testing/test-tool-environment.ts';
import { usageFailure } from '../../testing/usage-failure.ts';
import { HELP_TABLE, HELP_TABLE_LINES, USAGE_PURPOSE } from './help-table.ts';
import { kafkaGetOffsets } from './kafka-get-offsets.ts';
import { parseOffsetSpec } from './offset-spec.ts';
import { topicAndPartitionsFilter, topicPartitionsFilter } from './topic-partition-filter.ts';

const BOOTSTRAP = ['--bootstrap-server', '127.0.0.1:1'];
const run = (args: string[]) => runCommand(kafkaGetOffsets, args, { env: testToolEnvironment() });

async function expectError(args: string[], message: string) {
  expect(await run(args)).toEqual({ exitCode: 1, stdout: '', stderr: `Error occurred: ${message}\n`, topics: [] });
}

describe('kafka-get-offsets help and version', () => {
  it('has the 3.9 help table, 79 columns wide', () => {
    for (const line of HELP_TABLE_LINES) expect(line).toHaveLength(79);
    expect(HELP_TABLE_LINES.filter((line) => /^--[a-z]/.test(line)).map((line) => line.split(' ')[0])).toEqual([
      '--bootstrap-server',
      '--broker-list',
      '--command-config',
      '--exclude-internal-topics',
      '--help',
      '--partitions',
      '--time',
      '--topic',
      '--topic-partitions',
      '--version',
    ]);
  });

  it('prints the purpose and the table for no arguments and --help (stderr, exit 1), the version for --version', async () => {
    expect(await run([])).toEqual(usageFailure(USAGE_PURPOSE, HELP_TABLE));
    expect(await run(['--help'])).toEqual(usageFailure(USAGE_PURPOSE, HELP_TABLE));
    expect(await run(['--version'])).toMatchObject({ exitCode: 0, stdout: '3.9.0\n', stderr: '' });
  });
});

describe('kafka-get-offsets errors', () => {
  it('reports jopt errors and the missing bootstrap server as Error occurred', async () => {
    await expectError(['--topic', 't'], 'Missing required option(s) [bootstrap-server]');
    await expectError([...BOOTSTRAP, '--foo'], 'foo is not a recognized option');
    await expectError([...BOOTSTRAP, '--topic'], 'Option topic requires an argument');
  });

  it('refuses a bootstrap server that is no host:port with the help table', async () => {
    expect(await run(['--bootstrap-server', 'localhost'])).toEqual(usageFailure('Please provide valid host:port like host1:9091,host2:9092\n', HELP_TABLE));
  });

  it('checks --time, --partitions and --topic-partitions before connecting', async () => {
    await expectError(
      [...BOOTSTRAP, '--time', 'abc'],
      'Malformed time argument abc. Please use -1 or latest / -2 or earliest / -3 or max-timestamp / -4 or earliest-local / -5 or latest-tiered, or a specified long format timestamp',
    );
    await expectError([...BOOTSTRAP, '--topic-partitions', 't:0', '--topic', 't'], '--topic-partitions cannot be used with --topic or --partitions');
    await expectError([...BOOTSTRAP, '--partitions', '0,x'], '--partitions expects a comma separated list of numeric partition ids, but received: 0,x');
  });

  it('fails as a missing file for --command-config when there is no file', async () => {
    const result = await run([...BOOTSTRAP, '--command-config', 'admin.properties']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^Error occurred: admin\.properties\njava\.nio\.file\.NoSuchFileException: admin\.properties\n\tat /);
    expect(result.stderr.endsWith(')\n\n')).toBe(true);
  });

  it('answers to kafka-get-offsets.sh too', () => {
    expect(kafkaGetOffsets.aliases).toEqual(['kafka-get-offsets.sh']);
    expect(kafkaGetOffsets.completions).toContain('--topic-partitions');
  });
});

describe('kafka-get-offsets filters and times', () => {
  it('reads --time names and numbers as parseOffsetSpec does', () => {
    expect(parseOffsetSpec('latest')).toBe('latest');
    expect(parseOffsetSpec('-1')).toBe('latest');
    expect(parseOffsetSpec('-2')).toBe('earliest');
    expect(parseOffsetSpec('max-timestamp')).toEqual({ timestamp: -3 });
    expect(parseOffsetSpec('-5')).toEqual({ timestamp: -5 });
    expect(parseOffsetSpec('1700000000000')).toEqual({ timestamp: 1700000000000 });
  });

  it('matches --topic as a whole-name regex, with --partitions', () => {
    const filter = topicAndPartitionsFilter('ord.*', '0,2');
    expect(filter.isTopicAllowed('orders')).toBe(true);
    expect(filter.isTopicAllowed('my-orders')).toBe(false);
    expect([0, 1, 2].filter((p) => filter.isTopicPartitionAllowed('orders', p))).toEqual([0, 2]);
  });

  it('reads --topic-partitions rules: a number, lo-hi (hi excluded), lo-, -hi, and any topic', () => {
    const filter = topicPartitionsFilter('a:1,b:1-3,c:5-,d:-2,:9');
    const allowed = (topic: string) => Array.from({ length: 11 }, (_, p) => p).filter((p) => filter.isTopicPartitionAllowed(topic, p));
    expect(allowed('a')).toEqual([1, 9]);
    expect(allowed('b')).toEqual([1, 2, 9]);
    expect(allowed('c')).toEqual([5, 6, 7, 8, 9, 10]);
    expect(allowed('d')).toEqual([0, 1, 9]);
    expect(allowed('zzz')).toEqual([9]);
  });
});
