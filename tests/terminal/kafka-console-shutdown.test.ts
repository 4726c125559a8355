/**
 * Ctrl-C always ends the console tools, and ends their clients with them. The consumer leaves its
 * group on the way out when it can; when it cannot (its coordinator broker was killed and kafkajs is
 * parked in a JoinGroup at the new one) it still returns well within the shell's 2 s grace with its
 * count line, and afterwards none of its connections is open, it opens no new one, and the group
 * loses the member once its session runs out. The producer leaves no socket open either, after
 * Ctrl-C or the end of its input. One cluster of its own (a broker is killed, in the last test).
 */
import kafkajs from 'kafkajs';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TcpTransport } from '../../src/cluster/transport/tcp-transport.ts';
import type { Connection, Listener, Transport } from '../../src/cluster/transport/transport.ts';
import { runCommand, ScriptedInput } from '../../src/terminal/testing/run-command.ts';
import type { CommandRun } from '../../src/terminal/testing/run-command.ts';
import { testToolEnvironment } from '../../src/terminal/testing/test-tool-environment.ts';
import { kafkaConsoleConsumer } from '../../src/terminal/tools/kafka-console-consumer/kafka-console-consumer.ts';
import { kafkaConsoleProducer } from '../../src/terminal/tools/kafka-console-producer/kafka-console-producer.ts';
import { coordinatorId, eventually, startGroupTestCluster } from '../support/kafka-cluster.ts';
import { suiteCluster } from './support/suite-cluster.ts';

/** The shell's grace after Ctrl-C (run-line.ts): a tool must be back well before it. */
const SHELL_GRACE_MS = 2_000;

/** Loopback TCP that counts the connections a tool asks for and keeps those it got. */
class WatchedTransport implements Transport {
  readonly #inner = new TcpTransport();
  readonly connections: Connection[] = [];
  attempts = 0;

  listen(host: string, port: number, onConnection: (connection: Connection) => void): Promise<Listener> {
    return this.#inner.listen(host, port, onConnection);
  }

  async connect(host: string, port: number): Promise<Connection> {
    this.attempts++;
    const connection = await this.#inner.connect(host, port);
    this.connections.push(connection);
    return connection;
  }

  open(): string[] {
    return this.connections.filter((connection) => !connection.closed).map((connection) => connection.remote);
  }
}

const cluster = suiteCluster(() => startGroupTestCluster());
let admin: Admin;

beforeAll(async () => {
  admin = new kafkajs.Kafka({ brokers: cluster().bootstrap, logLevel: kafkajs.logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({
    topics: [
      { topic: 'test', numPartitions: 2, replicationFactor: 3 },
      { topic: 'typed', numPartitions: 1, replicationFactor: 3 },
    ],
    waitForLeaders: true,
  });
  const producer = new kafkajs.Kafka({ brokers: cluster().bootstrap, logLevel: kafkajs.logLevel.NOTHING }).producer();
  await producer.connect();
  await producer.send({ topic: 'test', messages: [{ value: 'one' }, { value: 'two' }, { value: 'three' }] });
  await producer.disconnect();
});

afterAll(async () => {
  await admin?.disconnect();
});

const describeGroup = async (group: string) => (await admin.describeGroups([group])).groups[0];

/** The consumer of `test` on its own watched transport, interrupted by `interrupt()`; `printed` counts its records. */
function startConsumer(args: string[]) {
  const transport = new WatchedTransport();
  const controller = new AbortController();
  let printed = 0;
  const run = runCommand(kafkaConsoleConsumer, ['--bootstrap-server', cluster().bootstrap.join(','), '--topic', 'test', ...args], {
    env: testToolEnvironment({ transport }),
    signal: controller.signal,
    onOutput: (stream, text) => {
      if (stream === 'stdout') printed += text.split('\n').length - 1;
    },
  });
  const interrupt = async (): Promise<CommandRun & { tookMs: number }> => {
    const at = Date.now();
    controller.abort();
    const result = await run;
    return { ...result, tookMs: Date.now() - at };
  };
  return { transport, interrupt, printed: () => printed };
}

describe('the console producer ends its client', () => {
  /** The producer of `typed` at a terminal on its own watched transport; resolves its run once `line` was sent and the next prompt is out. */
  async function producerAfterOneLine(line: string, signal: AbortSignal) {
    const transport = new WatchedTransport();
    const stdin = new ScriptedInput();
    let prompts = 0;
    let nextPrompt = () => {};
    const run = runCommand(kafkaConsoleProducer, ['--bootstrap-server', cluster().bootstrap.join(','), '--topic', 'typed', '--sync'], {
      env: testToolEnvironment({ transport }),
      stdin,
      signal,
      onOutput: (stream, text) => {
        if (stream !== 'stdout' || text !== '>') return;
        prompts++;
        if (prompts === 1) stdin.push(line);
        else nextPrompt();
      },
    });
    await new Promise<void>((resolve) => (nextPrompt = resolve));
    return { transport, stdin, run };
  }

  it('on Ctrl-C at its prompt: back at once, exit 130, no socket left', { timeout: 30_000 }, async () => {
    const controller = new AbortController();
    const producer = await producerAfterOneLine('interrupted', controller.signal);
    const at = Date.now();
    controller.abort();
    const result = await producer.run;
    expect(Date.now() - at).toBeLessThan(SHELL_GRACE_MS);
    expect(result).toMatchObject({ exitCode: 130, stderr: '' });
    expect(producer.transport.connections.length).toBeGreaterThan(0);
    expect(producer.transport.open()).toEqual([]);
  });

  it('at the end of its input (Ctrl-D): exit 0, no socket left', { timeout: 30_000 }, async () => {
    const producer = await producerAfterOneLine('ended', new AbortController().signal);
    producer.stdin.end();
    const result = await producer.run;
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(producer.transport.open()).toEqual([]);
  });
});

describe('Ctrl-C ends the console consumer and its client', () => {
  it('leaves the group on the way out when the coordinator answers: the group is empty at once, no socket left', { timeout: 60_000 }, async () => {
    const consumer = startConsumer(['--group', 'left', '--from-beginning']);
    await eventually('the three records', () => consumer.printed() === 3, 30_000);
    const result = await consumer.interrupt();
    expect(result.tookMs).toBeLessThan(SHELL_GRACE_MS);
    expect(result.exitCode).toBe(130);
    expect(result.stdout.split('\n').sort()).toEqual(['', 'one', 'three', 'two']);
    expect(result.stderr).toBe('Processed a total of 3 messages\n');
    expect(consumer.transport.open()).toEqual([]);
    // Java's close() leaves the group: nobody waits for a session (45 s by default) to run out.
    expect(await describeGroup('left')).toMatchObject({ state: 'Empty', members: [] });
  });

  it('with --partition: back at once with the count, no socket left', { timeout: 60_000 }, async () => {
    const consumer = startConsumer(['--partition', '0', '--offset', 'earliest']);
    await eventually('a record of partition 0', () => consumer.printed() > 0, 30_000);
    const result = await consumer.interrupt();
    expect(result.tookMs).toBeLessThan(SHELL_GRACE_MS);
    expect(result.exitCode).toBe(130);
    expect(result.stderr).toBe(`Processed a total of ${consumer.printed()} messages\n`);
    expect(consumer.transport.open()).toEqual([]);
  });

  it('returns within 2 s after its coordinator was killed, then opens nothing, and the group loses the member', { timeout: 120_000 }, async () => {
    // A short session (the broker's minimum is 6 s), so that the members that cannot leave expire soon.
    const consumer = startConsumer(['--group', 'gz', '--from-beginning', '--consumer-property', 'session.timeout.ms=10000']);
    await eventually('the three records', () => consumer.printed() === 3, 30_000);
    const killed = await eventually('the coordinator of gz', () => coordinatorId(cluster(), 'gz'));
    await cluster().kill(killed);
    // Once the killed broker's ZooKeeper session expires, another one loads the group (its old member
    // included) and the consumer, back with a new JoinGroup, waits there for the old member: the
    // moment a Ctrl-C used to hang in (kafkajs' disconnect waits for the join) and leave it behind.
    await eventually(
      'the consumer waiting in a rebalance at the new coordinator',
      async () => {
        const coordinator = coordinatorId(cluster(), 'gz');
        if (coordinator === undefined || coordinator === killed) return false;
        const group = await describeGroup('gz');
        return group.state === 'PreparingRebalance' && group.members.length === 2;
      },
      40_000,
      200,
    );

    const result = await consumer.interrupt();
    const attemptsAtReturn = consumer.transport.attempts;
    expect(result.tookMs).toBeLessThan(SHELL_GRACE_MS);
    expect(result.exitCode).toBe(130);
    expect(result.stderr.endsWith('Processed a total of 3 messages\n')).toBe(true);
    expect(consumer.transport.open()).toEqual([]);

    // Neither member can be renewed: both expire, and the group is empty.
    await eventually('gz without members', async () => {
      const group = await describeGroup('gz');
      return group.state === 'Empty' && group.members.length === 0;
    }, 60_000, 500);
    expect(consumer.transport.attempts).toBe(attemptsAtReturn);
    expect(consumer.transport.open()).toEqual([]);
  });
});
