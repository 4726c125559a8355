/**
 * kafka-console-producer's command line, without a cluster: the usage errors, --help and --version,
 * and the failures before the first record (bad settings, files, reader class), byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../testing/run-command.ts';
import { testToolEnvironment } from '../../testing/test-tool-environment.ts';
import { usageFailure } from '../../testing/usage-failure.ts';
import { CONSOLE_PRODUCER_HELP_TABLE } from './help-table.ts';
import { kafkaConsoleProducer } from './kafka-console-producer.ts';

const env = testToolEnvironment({ now: Date.UTC(2024, 10, 11, 10, 0, 3, 512) });
const run = (...args: string[]) => runCommand(kafkaConsoleProducer, args, { env, stdin: [] });
const usage = (message: string) => usageFailure(message, CONSOLE_PRODUCER_HELP_TABLE);

describe('kafka-console-producer usage', () => {
  it('answers to its Confluent name and its .sh name, and completes its options', () => {
    expect(kafkaConsoleProducer.name).toBe('kafka-console-producer');
    expect(kafkaConsoleProducer.aliases).toEqual(['kafka-console-producer.sh']);
    expect(kafkaConsoleProducer.completions).toContain('--bootstrap-server');
    expect(kafkaConsoleProducer.completions).toContain('--producer-property');
  });

  it('needs --bootstrap-server before anything else, even with no arguments at all', async () => {
    for (const args of [[], ['--topic', 't']]) {
      expect(await run(...args)).toEqual(usage('Missing required option(s) [bootstrap-server]'));
    }
  });

  it('accepts the deprecated --broker-list instead', async () => {
    expect(await run('--broker-list', 'localhost:9092')).toEqual(usage('Missing required argument "[topic]"'));
  });

  it('needs --topic', async () => {
    expect(await run('--bootstrap-server', 'localhost:9092')).toEqual(usage('Missing required argument "[topic]"'));
  });

  it('names an unknown option, and knows no abbreviations', async () => {
    expect(await run('--bootstrap-server', 'localhost:9092', '--topic', 't', '--foo')).toEqual(usage('foo is not a recognized option'));
    expect(await run('--bootstrap', 'localhost:9092', '--topic', 't')).toEqual(usage('bootstrap is not a recognized option'));
    expect(await run('--bootstrap-server', 'localhost:9092', '--topic')).toEqual(usage('Option topic requires an argument'));
  });

  it('prints its purpose and the help table on stderr for --help (exit 1), the version on stdout for --version', async () => {
    expect(await run('--help')).toEqual(usage('This tool helps to read data from standard input and publish it to Kafka.'));
    expect(await run('--version')).toEqual({ exitCode: 0, stdout: '3.9.0\n', stderr: '', topics: [] });
  });

  it('wants host:port pairs (the message ends with a newline and a space)', async () => {
    expect(await run('--bootstrap-server', 'localhost', '--topic', 't')).toEqual(usage('Please provide valid host:port like host1:9091,host2:9092\n '));
    expect((await run('--bootstrap-server', 'a:1,b', '--topic', 't')).exitCode).toBe(1);
  });

  it("prints jopt's message alone for a bad number, read after the parse", async () => {
    expect(await run('--bootstrap-server', 'localhost:9092', '--topic', 't', '--batch-size', 'abc')).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: "Cannot parse argument 'abc' of option batch-size\n",
      topics: [],
    });
    expect((await run('--bootstrap-server', 'localhost:9092', '--topic', 'a', '--topic', 'b')).stderr).toBe('Found multiple arguments for option topic, but you asked for only one\n');
  });

  it("fails KafkaProducer's config check with ConfigException's stack trace", async () => {
    const result = await run('--bootstrap-server', 'localhost:9092', '--topic', 't', '--request-required-acks', 'two');
    expect(result.exitCode).toBe(1);
    expect(result.stderr.split('\n').slice(0, 3)).toEqual([
      'org.apache.kafka.common.config.ConfigException: Invalid value two for configuration acks: String must be one of: all, -1, 0, 1',
      '\tat org.apache.kafka.common.config.ConfigDef$ValidString.ensureValid(ConfigDef.java:1047)',
      '\tat org.apache.kafka.common.config.ConfigDef.parseValue(ConfigDef.java:540)',
    ]);
    expect(result.stderr).toContain('\tat kafka.tools.ConsoleProducer$.main(ConsoleProducer.scala:99)\n');
    const linger = await run('--bootstrap-server', 'localhost:9092', '--topic', 't', '--producer-property', 'linger.ms=soon');
    expect(linger.stderr.split('\n')[0]).toBe('org.apache.kafka.common.config.ConfigException: Invalid value soon for configuration linger.ms: Not a number of type LONG');
    const codec = await run('--bootstrap-server', 'localhost:9092', '--topic', 't', '--compression-codec', 'brotli');
    expect(codec.stderr.split('\n')[0]).toBe(
      'org.apache.kafka.common.config.ConfigException: Invalid value brotli for configuration compression.type: String must be one of: none, gzip, snappy, lz4, zstd',
    );
  });

  it('has no files in the lab shell: --producer.config fails as a missing file', async () => {
    const result = await run('--bootstrap-server', 'localhost:9092', '--topic', 't', '--producer.config', 'client.properties');
    expect(result.exitCode).toBe(1);
    expect(result.stderr.split('\n')[0]).toBe('java.nio.file.NoSuchFileException: client.properties');
    expect(result.stderr).toContain('\tat kafka.tools.ConsoleProducer$.producerProps(ConsoleProducer.scala:134)\n');
  });

  it("reads --producer.config where there are files, --producer-property over it, the tool's options over both", async () => {
    const files = { 'p.properties': 'acks = 0\nlinger.ms=oops\n' };
    const result = await runCommand(kafkaConsoleProducer, ['--bootstrap-server', 'localhost:9092', '--topic', 't', '--producer.config', 'p.properties'], {
      env: testToolEnvironment({ files }),
      stdin: [],
    });
    // The tool's --timeout (linger.ms) only overrides a value it was given; the file's bad one stays.
    expect(result.stderr.split('\n')[0]).toBe('org.apache.kafka.common.config.ConfigException: Invalid value oops for configuration linger.ms: Not a number of type LONG');
    const fixed = await runCommand(kafkaConsoleProducer, ['--bootstrap-server', 'localhost:9092', '--topic', 't', '--producer.config', 'p.properties', '--timeout', '5'], {
      env: testToolEnvironment({ files }),
      stdin: [],
    });
    expect(fixed).toMatchObject({ exitCode: 0, stderr: '' });
  });

  it('knows only its own line reader class', async () => {
    const result = await run('--bootstrap-server', 'localhost:9092', '--topic', 't', '--line-reader', 'com.example.CsvReader');
    expect(result.exitCode).toBe(1);
    expect(result.stderr.split('\n').slice(0, 2)).toEqual([
      'java.lang.ClassNotFoundException: com.example.CsvReader',
      '\tat java.base/jdk.internal.loader.BuiltinClassLoader.loadClass(BuiltinClassLoader.java:641)',
    ]);
  });

  it("fails the reader's configure before reading a line", async () => {
    const result = await run('--bootstrap-server', 'localhost:9092', '--topic', 't', '--property', 'headers.delimiter=,');
    expect(result.stderr).toBe(
      'org.apache.kafka.common.KafkaException: headers.delimiter and headers.separator may not be equal\n' +
        '\tat kafka.tools.ConsoleProducer$LineMessageReader.configure(ConsoleProducer.scala:375)\n' +
        '\tat kafka.tools.ConsoleProducer$.newReader(ConsoleProducer.scala:46)\n' +
        '\tat kafka.tools.ConsoleProducer$.main(ConsoleProducer.scala:100)\n' +
        '\tat kafka.tools.ConsoleProducer.main(ConsoleProducer.scala)\n',
    );
  });

  it('exits 0 at once on empty piped input, with no prompt', async () => {
    expect(await run('--bootstrap-server', 'localhost:9092', '--topic', 't')).toEqual({ exitCode: 0, stdout: '', stderr: '', topics: [] });
  });
});
