/**
 * kafka-console-producer and kafka-console-consumer against the embedded cluster: lines typed at the
 * producer's `>` prompt come back out of the consumer, with the options learners use (keys,
 * partitions, groups, offsets, patterns, timeouts), Ctrl-C and the final count, the per-record
 * errors, and flow control for 100 000 records. One cluster for the whole file.
 */
import kafkajs from 'kafkajs';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutputStream } from '../../src/terminal/command.ts';
import { runCommand, ScriptedInput } from '../../src/terminal/testing/run-command.ts';
import type { CommandRun } from '../../src/terminal/testing/run-command.ts';
import { testToolEnvironment } from '../../src/terminal/testing/test-tool-environment.ts';
import { kafkaConsoleConsumer } from '../../src/terminal/tools/kafka-console-consumer/kafka-console-consumer.ts';
import { kafkaConsoleProducer } from '../../src/terminal/tools/kafka-console-producer/kafka-console-producer.ts';
import { murmur2, toPositive } from '../../src/terminal/tools/kafka-console-producer/murmur2.ts';
import { ShellDriver } from '../../src/terminal/shell/testing/shell-driver.ts';
import { eventually, startGroupTestCluster } from '../support/kafka-cluster.ts';
import { suiteCluster } from './support/suite-cluster.ts';

const NOW = Date.UTC(2024, 11, 21, 19, 59, 56, 399);
const TIMESTAMP = '2024-12-21 19:59:56,399';
/** A fixed clock: byte-exact log lines and record timestamps. */
const env = testToolEnvironment({ now: NOW });

const cluster = suiteCluster(() => startGroupTestCluster());
let admin: Admin;
let bootstrap: string[];

beforeAll(async () => {
  bootstrap = ['--bootstrap-server', cluster().bootstrap.join(',')];
  admin = new kafkajs.Kafka({ brokers: cluster().bootstrap, logLevel: kafkajs.logLevel.NOTHING }).admin();
  await admin.connect();
});

afterAll(async () => {
  await admin?.disconnect();
});

async function createTopic(topic: string, numPartitions = 1, configEntries: Array<{ name: string; value: string }> = []) {
  await admin.createTopics({ topics: [{ topic, numPartitions, replicationFactor: 3, configEntries }], waitForLeaders: true });
}

const produce = (args: string[], lines: string[]) => runCommand(kafkaConsoleProducer, [...bootstrap, ...args], { env, stdin: lines });
const consume = (args: string[], signal?: AbortSignal, onOutput?: (stream: 'stdout' | 'stderr', text: string) => void) =>
  runCommand(kafkaConsoleConsumer, [...bootstrap, ...args], { env, signal, onOutput });

/** Types `lines` at the terminal, each once the `>` prompt for it is out, then Ctrl-D. */
function typeAtPrompt(args: string[], lines: string[], onPrompt?: (count: number) => void): Promise<CommandRun> {
  const stdin = new ScriptedInput();
  let prompts = 0;
  return runCommand(kafkaConsoleProducer, [...bootstrap, ...args], {
    env,
    stdin,
    onOutput: (stream, text) => {
      if (stream !== 'stdout' || text !== '>') return;
      prompts++;
      onPrompt?.(prompts);
      if (prompts <= lines.length) stdin.push(lines[prompts - 1]);
      else stdin.end();
    },
  });
}

async function endOffsets(topic: string) {
  return (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => [partition, Number(high)]).sort((a, b) => a[0] - b[0]);
}

describe('kafka-console-producer and kafka-console-consumer', () => {
  it('prints > before every line read, sends each line, and the consumer prints them back', async () => {
    const produced = await typeAtPrompt(['--topic', 'greetings'], ['hello', 'world']);
    expect(produced.exitCode).toBe(0);
    // Two lines and the end of input: three prompts, no newline (the shell prompt follows the last one).
    expect(produced.stdout).toBe('>>>');
    expect(produced.topics).toEqual(['greetings']);
    // The topic did not exist: auto-created, its first metadata answer had no leader yet.
    expect(produced.stderr).toMatch(
      new RegExp(
        `^(\\[${TIMESTAMP}\\] WARN \\[Producer clientId=console-producer\\] The metadata response from the cluster reported a recoverable issue with correlation id \\d+ : \\{greetings=LEADER_NOT_AVAILABLE\\} \\(org\\.apache\\.kafka\\.clients\\.NetworkClient\\)\\n)+$`,
      ),
    );

    const consumed = await consume(['--topic', 'greetings', '--from-beginning', '--max-messages', '2']);
    expect(consumed).toEqual({ exitCode: 0, stdout: 'hello\nworld\n', stderr: 'Processed a total of 2 messages\n', topics: ['greetings'] });
  });

  it("works in the lab shell as the seed's lesson types it: > prompts, Ctrl-D, then ^C and the count", async () => {
    await createTopic('seed', 2);
    const driver = new ShellDriver({ commands: [kafkaConsoleProducer, kafkaConsoleConsumer], env });
    const server = cluster().bootstrap[0];
    const lineDone = (count: number) => driver.until(() => driver.reports.length >= count, `line ${count} to finish`);
    driver.type(`kafka-console-producer --bootstrap-server ${server} --topic seed\r`);
    await driver.untilShown('>');
    driver.type('hello from the shell\r');
    await driver.until(() => driver.lines().some((row) => row === '>'), 'the second prompt');
    driver.type('\x04');
    await lineDone(1);
    // Ctrl-D ends the input at the third prompt; the shell's prompt comes after it (on its row or the next: the shell's choice).
    const rows = driver.lines();
    const typed = rows.indexOf('>hello from the shell');
    expect(rows[typed - 1]).toBe(`$ kafka-console-producer --bootstrap-server ${server} --topic seed`);
    expect(rows.slice(typed + 1).join('\n')).toMatch(/^>(\$|\n\$)$/);
    expect(driver.reports[0]).toMatchObject({ exitCode: 0, commands: [expect.objectContaining({ topics: ['seed'] })] });

    driver.type(`kafka-console-consumer --bootstrap-server ${server} --topic seed --from-beginning\r`);
    await driver.until(() => driver.lines().includes('hello from the shell'), 'the record');
    driver.type('\x03');
    await lineDone(2);
    expect(driver.reports[1]).toMatchObject({ exitCode: 130 });
    expect(driver.lines().slice(-2)).toEqual(['^CProcessed a total of 1 messages', '$']);
  });

  it('sends no prompt for piped input and an empty line as an empty record', async () => {
    await createTopic('piped');
    expect(await produce(['--topic', 'piped'], ['one', '', 'three'])).toEqual({ exitCode: 0, stdout: '', stderr: '', topics: ['piped'] });
    const consumed = await consume(['--topic', 'piped', '--from-beginning', '--max-messages', '3', '--property', 'print.offset=true']);
    expect(consumed.stdout).toBe('Offset:0\tone\nOffset:1\t\nOffset:2\tthree\n');
  });

  it('hashes keys to partitions as Java does, and prints timestamp, partition, offset, headers and key columns', async () => {
    await createTopic('keyed', 3);
    const keys = ['user-1', 'user-2', 'user-3', 'user-1'];
    const produced = await produce(['--topic', 'keyed', '--property', 'parse.key=true', '--property', 'key.separator=:'], keys.map((key, i) => `${key}:v${i}`));
    expect(produced).toMatchObject({ exitCode: 0, stderr: '' });
    const consumed = await consume([
      '--topic',
      'keyed',
      '--from-beginning',
      '--max-messages',
      '4',
      ...['print.timestamp', 'print.partition', 'print.offset', 'print.headers', 'print.key'].flatMap((name) => ['--property', `${name}=true`]),
    ]);
    const partitionOf = (key: string) => toPositive(murmur2(new TextEncoder().encode(key))) % 3;
    const offsets = new Map<number, number>();
    const expected = keys.map((key, i) => {
      const partition = partitionOf(key);
      const offset = offsets.get(partition) ?? 0;
      offsets.set(partition, offset + 1);
      return `CreateTime:${NOW}\tPartition:${partition}\tOffset:${offset}\tNO_HEADERS\t${key}\tv${i}`;
    });
    expect(consumed.stdout.trimEnd().split('\n').sort()).toEqual(expected.sort());
  });

  it('reads headers and null markers, and prints them with a custom separator', async () => {
    await createTopic('headed');
    const lines = ['trace:abc,tenant:eu\tk1\tfirst', 'trace:def\tNULL\tNULL'];
    await produce(['--topic', 'headed', '--property', 'parse.headers=true', '--property', 'parse.key=true', '--property', 'null.marker=NULL'], lines);
    const consumed = await consume(['--topic', 'headed', '--from-beginning', '--max-messages', '2', '--property', 'print.headers=true', '--property', 'print.key=true', '--property', 'key.separator= | ']);
    expect(consumed.stdout).toBe('trace:abc,tenant:eu | k1 | first\ntrace:def | null | null\n');
  });

  it('stops at a line without the key separator with the stack trace, after sending the lines before it', async () => {
    await createTopic('no-separator');
    const produced = await produce(['--topic', 'no-separator', '--property', 'parse.key=true', '--property', 'key.separator=:'], ['a:1', 'b:2', 'mitesh', 'c:3']);
    expect(produced.exitCode).toBe(1);
    expect(produced.stderr).toBe(
      "org.apache.kafka.common.KafkaException: No key separator found on line number 3: 'mitesh'\n" +
        '\tat kafka.tools.ConsoleProducer$LineMessageReader.parse(ConsoleProducer.scala:438)\n' +
        '\tat kafka.tools.ConsoleProducer$LineMessageReader$$anon$2.hasNext(ConsoleProducer.scala:408)\n' +
        '\tat kafka.tools.ConsoleProducer$.loopReader(ConsoleProducer.scala:91)\n' +
        '\tat kafka.tools.ConsoleProducer$.main(ConsoleProducer.scala:100)\n' +
        '\tat kafka.tools.ConsoleProducer.main(ConsoleProducer.scala)\n',
    );
    expect(await endOffsets('no-separator')).toEqual([[0, 2]]);
  });

  it('takes acks from --request-required-acks or --producer-property, and gzip from a bare --compression-codec', async () => {
    await createTopic('settings');
    expect(await produce(['--topic', 'settings', '--request-required-acks', '1'], ['a'])).toMatchObject({ exitCode: 0, stderr: '' });
    expect(await produce(['--topic', 'settings', '--producer-property', 'acks=all', '--sync'], ['b'])).toMatchObject({ exitCode: 0, stderr: '' });
    expect(await produce(['--topic', 'settings', '--compression-codec'], ['c'])).toMatchObject({ exitCode: 0, stderr: '' });
    expect(await produce(['--topic', 'settings', '--request-required-acks', '0', '--batch-size', '1'], ['d', 'e'])).toMatchObject({ exitCode: 0, stderr: '' });
    const consumed = await consume(['--topic', 'settings', '--from-beginning', '--max-messages', '5']);
    expect(consumed.stdout).toBe('a\nb\nc\nd\ne\n');
  });

  it('sends with --compression-codec snappy, lz4 and zstd, and the console consumer reads them', async () => {
    await createTopic('codecs');
    for (const codec of ['snappy', 'lz4', 'zstd']) {
      expect(await produce(['--topic', 'codecs', '--compression-codec', codec, '--sync'], [`${codec}-1`, `${codec}-2`])).toMatchObject({ exitCode: 0, stderr: '' });
    }
    expect(await endOffsets('codecs')).toEqual([[0, 6]]);
    const consumed = await consume(['--topic', 'codecs', '--from-beginning', '--max-messages', '6']);
    expect(consumed.stdout).toBe('snappy-1\nsnappy-2\nlz4-1\nlz4-2\nzstd-1\nzstd-2\n');
  });

  it('commits only what a --group consumer printed; the next one goes on from there', async () => {
    await createTopic('orders');
    await produce(['--topic', 'orders'], ['r0', 'r1', 'r2', 'r3', 'r4']);
    const first = await consume(['--topic', 'orders', '--group', 'billing', '--from-beginning', '--max-messages', '2']);
    expect(first).toEqual({ exitCode: 0, stdout: 'r0\nr1\n', stderr: 'Processed a total of 2 messages\n', topics: ['orders'] });
    const second = await consume(['--topic', 'orders', '--group', 'billing', '--max-messages', '3']);
    expect(second.stdout).toBe('r2\nr3\nr4\n');
    const offsets = await admin.fetchOffsets({ groupId: 'billing', topics: ['orders'] });
    expect(offsets[0].partitions).toEqual([expect.objectContaining({ partition: 0, offset: '5' })]);
  });

  it('ends after --timeout-ms without a record with the TimeoutException line and the count (exit 0)', async () => {
    await createTopic('quiet');
    await produce(['--topic', 'quiet'], ['only']);
    const consumed = await consume(['--topic', 'quiet', '--from-beginning', '--timeout-ms', '1500']);
    expect(consumed).toEqual({
      exitCode: 0,
      stdout: 'only\n',
      stderr:
        `[${TIMESTAMP}] ERROR Error processing message, terminating consumer process:  (org.apache.kafka.tools.consumer.ConsoleConsumer)\n` +
        'org.apache.kafka.common.errors.TimeoutException\n' +
        'Processed a total of 1 messages\n',
      topics: ['quiet'],
    });
  });

  it('a consumer without --group joins a random console-consumer-NNNNN group and commits nothing', async () => {
    await createTopic('anonymous');
    await produce(['--topic', 'anonymous'], ['x']);
    const before = new Set((await admin.listGroups()).groups.map((group) => group.groupId));
    expect(await consume(['--topic', 'anonymous', '--from-beginning', '--max-messages', '1'])).toMatchObject({ stdout: 'x\n' });
    const added = (await admin.listGroups()).groups.map((group) => group.groupId).filter((id) => !before.has(id));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^console-consumer-\d{1,5}$/);
    const offsets = await admin.fetchOffsets({ groupId: added[0], topics: ['anonymous'] });
    expect(offsets[0].partitions[0].offset).toBe('-1');
  });

  it('reads one partition from an offset with --partition/--offset, without any group', async () => {
    await createTopic('assigned', 2);
    const lines = Array.from({ length: 12 }, (_, i) => `key-${i}:value-${i}`);
    await produce(['--topic', 'assigned', '--property', 'parse.key=true', '--property', 'key.separator=:'], lines);
    const inPartition1 = lines.filter((line) => toPositive(murmur2(new TextEncoder().encode(line.split(':')[0]))) % 2 === 1).map((line) => line.split(':')[1]);
    const groupsBefore = (await admin.listGroups()).groups.length;

    const fromOne = await consume(['--topic', 'assigned', '--partition', '1', '--offset', '1', '--max-messages', String(inPartition1.length - 1)]);
    expect(fromOne.stdout).toBe(inPartition1.slice(1).map((value) => `${value}\n`).join(''));
    const earliest = await consume(['--topic', 'assigned', '--partition', '1', '--offset', 'earliest', '--max-messages', '1', '--property', 'print.offset=true']);
    expect(earliest.stdout).toBe(`Offset:0\t${inPartition1[0]}\n`);
    const latest = await consume(['--topic', 'assigned', '--partition', '1', '--timeout-ms', '1000']);
    expect(latest).toMatchObject({ stdout: '', stderr: expect.stringContaining('Processed a total of 0 messages\n') });
    expect((await admin.listGroups()).groups.length).toBe(groupsBefore);
  });

  it('subscribes to the topics a whole --include pattern matches', async () => {
    await createTopic('metrics-cpu');
    await createTopic('metrics-disk');
    await createTopic('metrics-cpu-old');
    await produce(['--topic', 'metrics-cpu'], ['cpu 1']);
    await produce(['--topic', 'metrics-disk'], ['disk 1']);
    await produce(['--topic', 'metrics-cpu-old'], ['old 1']);
    const consumed = await consume(['--include', 'metrics-(cpu|disk)', '--from-beginning', '--timeout-ms', '3000']);
    expect(consumed.stdout.trimEnd().split('\n').sort()).toEqual(['cpu 1', 'disk 1']);
    expect(consumed.topics.sort()).toEqual(['metrics-cpu', 'metrics-disk']);
  });

  it('Ctrl-C stops the consumer with the count (exit 130)', async () => {
    await createTopic('live');
    const interrupt = new AbortController();
    const running = consume(['--topic', 'live', '--from-beginning'], interrupt.signal, (stream, text) => {
      if (stream === 'stdout' && text === 'first\n') interrupt.abort();
    });
    await produce(['--topic', 'live'], ['first']);
    expect(await running).toEqual({ exitCode: 130, stdout: 'first\n', stderr: 'Processed a total of 1 messages\n', topics: ['live'] });
  });

  it('Ctrl-C ends the producer at once (exit 130): a line still lingering is lost', async () => {
    await createTopic('interrupted');
    const stdin = new ScriptedInput();
    const interrupt = new AbortController();
    let prompts = 0;
    const result = await runCommand(kafkaConsoleProducer, [...bootstrap, '--topic', 'interrupted'], {
      env,
      stdin,
      signal: interrupt.signal,
      onOutput: (stream, text) => {
        if (stream !== 'stdout' || text !== '>') return;
        if (++prompts === 1) stdin.push('typed, then Ctrl-C');
        // The line is in its batch, which waits linger.ms (1000 ms): Ctrl-C now.
        else interrupt.abort();
      },
    });
    expect(result).toEqual({ exitCode: 130, stdout: '>>', stderr: '', topics: [] });
    expect(await endOffsets('interrupted')).toEqual([[0, 0]]);
  });

  it('prints the count and main\'s ERROR when a deserializer fails, or skips the record with --skip-message-on-error', async () => {
    await createTopic('numbers');
    await produce(['--topic', 'numbers'], ['abcd', 'x', 'wxyz']);
    const args = ['--topic', 'numbers', '--from-beginning', '--max-messages', '3', '--value-deserializer', 'org.apache.kafka.common.serialization.IntegerDeserializer'];
    const failed = await consume(args);
    expect(failed.exitCode).toBe(1);
    expect(failed.stdout).toBe(`${0x61626364}\n`);
    expect(failed.stderr.split('\n').slice(0, 3)).toEqual([
      'Processed a total of 2 messages',
      `[${TIMESTAMP}] ERROR Unknown error when running consumer:  (org.apache.kafka.tools.consumer.ConsoleConsumer)`,
      'org.apache.kafka.common.errors.SerializationException: Size of data received by IntegerDeserializer is not 4',
    ]);
    const skipped = await consume([...args, '--skip-message-on-error']);
    expect(skipped.exitCode).toBe(0);
    expect(skipped.stdout).toBe(`${0x61626364}\n${0x7778797a}\n`);
    expect(skipped.stderr).toContain(`[${TIMESTAMP}] ERROR Error processing message, skipping this message:  (org.apache.kafka.tools.consumer.ConsoleConsumer)\n`);
    expect(skipped.stderr.endsWith('Processed a total of 3 messages\n')).toBe(true);
  });

  it('stops when nobody reads its output any more', async () => {
    await createTopic('piped-out');
    await produce(['--topic', 'piped-out'], ['1', '2', '3', '4']);
    let text = '';
    let writes = 0;
    const stdout: OutputStream = {
      get closed() {
        return writes >= 2;
      },
      write: async (chunk) => {
        text += chunk;
        writes++;
      },
    };
    const { exitCode, stderr } = await runCommand(kafkaConsoleConsumer, [...bootstrap, '--topic', 'piped-out', '--from-beginning'], { env, stdout });
    expect(exitCode).toBe(0);
    expect(text).toBe('1\n2\n');
    expect(stderr).toBe('Unable to write to standard out, closing consumer.\nProcessed a total of 2 messages\n');
  });

  it('keeps at most one record between the brokers and a slow screen: 100 000 records, one write pending at a time', { timeout: 180_000 }, async () => {
    await createTopic('firehose', 2);
    const lines = Array.from({ length: 100_000 }, (_, i) => `record-${i}`);
    const produced = await produce(['--topic', 'firehose'], lines);
    expect(produced).toMatchObject({ exitCode: 0, stderr: '' });
    expect((await endOffsets('firehose')).reduce((sum, [, high]) => sum + high, 0)).toBe(100_000);

    let pending = 0;
    let maxPending = 0;
    let written = 0;
    const stdout: OutputStream = {
      closed: false,
      write: (text) => {
        pending++;
        maxPending = Math.max(maxPending, pending);
        written += text.length;
        // A screen that takes its time: every write completes on a later turn of the event loop.
        return new Promise((resolve) =>
          setImmediate(() => {
            pending--;
            resolve();
          }),
        );
      },
    };
    const { exitCode, stderr } = await runCommand(kafkaConsoleConsumer, [...bootstrap, '--topic', 'firehose', '--from-beginning', '--max-messages', '100000'], { env, stdout });
    expect(exitCode).toBe(0);
    expect(stderr).toBe('Processed a total of 100000 messages\n');
    expect(written).toBe(lines.reduce((sum, line) => sum + line.length + 1, 0));
    expect(maxPending).toBe(1);
  });

  it('retries a record the leader refuses (NOT_ENOUGH_REPLICAS) with the Sender\'s WARN lines, then logs it', { timeout: 60_000 }, async () => {
    await createTopic('strict', 1, [{ name: 'min.insync.replicas', value: '3' }]);
    await cluster().stop(3);
    try {
      await eventually('the ISR to shrink', async () => (await admin.fetchTopicMetadata({ topics: ['strict'] })).topics[0].partitions[0].isr.length === 2);
      const produced = await produce(['--topic', 'strict', '--message-send-max-retries', '2', '--retry-backoff-ms', '10'], ['important']);
      expect(produced.exitCode).toBe(0);
      const warn = (left: number) =>
        `\\[${TIMESTAMP}\\] WARN \\[Producer clientId=console-producer\\] Got error produce response with correlation id \\d+ on topic-partition strict-0, retrying \\(${left} attempts left\\)\\. Error: NOT_ENOUGH_REPLICAS \\(org\\.apache\\.kafka\\.clients\\.producer\\.internals\\.Sender\\)\\n`;
      expect(produced.stderr).toMatch(
        new RegExp(
          `^${warn(1)}${warn(0)}` +
            `\\[${TIMESTAMP}\\] ERROR Error when sending message to topic strict with key: null, value: 9 bytes with error: \\(org\\.apache\\.kafka\\.clients\\.producer\\.internals\\.ErrorLoggingCallback\\)\\n` +
            'org\\.apache\\.kafka\\.common\\.errors\\.NotEnoughReplicasException: Messages are rejected since there are fewer in-sync replicas than required\\.\\n$',
        ),
      );
    } finally {
      await cluster().start(3);
    }
  });
});
