/**
 * The console tools against a bootstrap server nobody listens on: NetworkClient's WARN line for node -1
 * about once a second, then the producer's metadata timeout (`--max-block-ms`) and the consumer's
 * `--timeout-ms`, as Kafka 3.9 prints them. Real clock (the deadlines must pass); loopback only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/terminal/testing/run-command.ts';
import { deadPort } from '../../src/terminal/testing/dead-port.ts';
import { testToolEnvironment } from '../../src/terminal/testing/test-tool-environment.ts';
import { kafkaConsoleConsumer } from '../../src/terminal/tools/kafka-console-consumer/kafka-console-consumer.ts';
import { kafkaConsoleProducer } from '../../src/terminal/tools/kafka-console-producer/kafka-console-producer.ts';

const TS = '\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}\\]';
let port: number;

const connectionWarning = (logContext: string) =>
  `${TS} WARN ${logContext.replace(/[[\]]/g, '\\$&')}Connection to node -1 \\(localhost/127\\.0\\.0\\.1:${port}\\) could not be established\\. Node may not be available\\. \\(org\\.apache\\.kafka\\.clients\\.NetworkClient\\)\\n`;

beforeAll(async () => {
  port = await deadPort();
});

describe('console tools without a broker', () => {
  const env = testToolEnvironment();

  it('producer: the send waits max.block.ms with WARN lines, then ErrorLoggingCallback; exit 0 at the end of input', { timeout: 20_000 }, async () => {
    const result = await runCommand(kafkaConsoleProducer, ['--bootstrap-server', `localhost:${port}`, '--topic', 'orders', '--max-block-ms', '3000'], { env, stdin: ['hello'] });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      new RegExp(
        `^(${connectionWarning('[Producer clientId=console-producer] ')})+` +
          `${TS} ERROR Error when sending message to topic orders with key: null, value: 5 bytes with error: \\(org\\.apache\\.kafka\\.clients\\.producer\\.internals\\.ErrorLoggingCallback\\)\\n` +
          'org\\.apache\\.kafka\\.common\\.errors\\.TimeoutException: Topic orders not present in metadata after 3000 ms\\.\\n$',
      ),
    );
    // About one WARN a second (Java's reconnect backoff grows to 1 s), not one per kafkajs retry.
    expect(result.stderr.match(/ WARN /g)?.length).toBeLessThanOrEqual(8);
  });

  it("producer --sync: send()'s FutureFailure escapes as an ExecutionException, exit 1", { timeout: 20_000 }, async () => {
    const result = await runCommand(kafkaConsoleProducer, ['--bootstrap-server', `localhost:${port}`, '--topic', 'orders', '--max-block-ms', '2000', '--sync'], { env, stdin: ['hello'] });
    expect(result.exitCode).toBe(1);
    const trace = result.stderr.slice(result.stderr.indexOf('java.util.concurrent.ExecutionException'));
    expect(trace).toBe(
      'java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.TimeoutException: Topic orders not present in metadata after 2000 ms.\n' +
        '\tat org.apache.kafka.clients.producer.KafkaProducer$FutureFailure.<init>(KafkaProducer.java:1513)\n' +
        '\tat org.apache.kafka.clients.producer.KafkaProducer.doSend(KafkaProducer.java:1115)\n' +
        '\tat org.apache.kafka.clients.producer.KafkaProducer.send(KafkaProducer.java:993)\n' +
        '\tat org.apache.kafka.clients.producer.KafkaProducer.send(KafkaProducer.java:875)\n' +
        '\tat kafka.tools.ConsoleProducer$.send(ConsoleProducer.scala:116)\n' +
        '\tat kafka.tools.ConsoleProducer$.loopReader(ConsoleProducer.scala:91)\n' +
        '\tat kafka.tools.ConsoleProducer$.main(ConsoleProducer.scala:100)\n' +
        '\tat kafka.tools.ConsoleProducer.main(ConsoleProducer.scala)\n' +
        'Caused by: org.apache.kafka.common.errors.TimeoutException: Topic orders not present in metadata after 2000 ms.\n',
    );
  });

  it('consumer: WARN lines with its random group in the log context until --timeout-ms, then the count (exit 0)', { timeout: 20_000 }, async () => {
    const result = await runCommand(kafkaConsoleConsumer, ['--bootstrap-server', `localhost:${port}`, '--topic', 'orders', '--timeout-ms', '3000'], { env });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('');
    const group = /groupId=(console-consumer-\d{1,5})\]/.exec(result.stderr)?.[1];
    expect(group).toBeDefined();
    expect(result.stderr).toMatch(
      new RegExp(
        `^(${connectionWarning(`[Consumer clientId=console-consumer, groupId=${group}] `)})+` +
          `${TS} ERROR Error processing message, terminating consumer process:  \\(org\\.apache\\.kafka\\.tools\\.consumer\\.ConsoleConsumer\\)\\n` +
          'org\\.apache\\.kafka\\.common\\.errors\\.TimeoutException\\n' +
          'Processed a total of 0 messages\\n$',
      ),
    );
  });

  it('consumer --partition: the same, without joining anything', { timeout: 20_000 }, async () => {
    const result = await runCommand(kafkaConsoleConsumer, ['--bootstrap-server', `localhost:${port}`, '--topic', 'orders', '--partition', '0', '--timeout-ms', '2000'], { env });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(new RegExp(`^(${connectionWarning('[Consumer clientId=console-consumer, groupId=console-consumer-\\d{1,5}] ')})+`));
    expect(result.stderr.endsWith('org.apache.kafka.common.errors.TimeoutException\nProcessed a total of 0 messages\n')).toBe(true);
  });

  it('consumer: Ctrl-C while no broker answers still prints the count, exit 130', { timeout: 20_000 }, async () => {
    const interrupt = new AbortController();
    const running = runCommand(kafkaConsoleConsumer, ['--bootstrap-server', `localhost:${port}`, '--topic', 'orders'], {
      env,
      signal: interrupt.signal,
      onOutput: (stream, text) => {
        if (stream === 'stderr' && text.includes('could not be established')) interrupt.abort();
      },
    });
    const result = await running;
    expect(result.exitCode).toBe(130);
    expect(result.stderr.endsWith('Processed a total of 0 messages\n')).toBe(true);
  });
});
