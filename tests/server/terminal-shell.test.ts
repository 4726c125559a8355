import kafkajs from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_LEARNER } from '../../src/server/labs/learner.ts';
import { EmbeddedRuntime } from '../../src/server/runtime/embedded-runtime.ts';
import type { CommandReporting } from '../../src/server/terminal/command-activity.ts';
import { labCommandRegistry } from '../../src/terminal/lab-commands.ts';
import { DEFAULT_PROMPT, LabShell } from '../../src/terminal/shell/lab-shell.ts';
import { TERMINAL_FLOW } from '../../src/terminal/terminal-protocol.ts';
import { testToolEnvironment } from '../../src/terminal/testing/test-tool-environment.ts';
import { startLabServer, type LabServer } from './support/lab-server.ts';
import { listenOnLoopback, runLine, terminalClients } from './support/terminal-sessions.ts';

// The lab shell reports its lines in the shape the server records (a compile-time check).
const reporting: CommandReporting = new LabShell({ commands: labCommandRegistry(), env: testToolEnvironment() });
void reporting.onCommand(() => {})();

/**
 * The page's terminal end to end: a WebSocket to `kafkalab start`'s app, the embedded runtime's lab shell
 * (the real one), the embedded cluster, and the lab engine's activity log. Keystrokes in, screen out.
 */
describe('/api/terminal: the lab shell over the WebSocket', () => {
  let runtime: EmbeddedRuntime;
  let server: LabServer;
  let port: number;
  let zookeeperPort: number;
  let kafkaPort: number;
  const { attach } = terminalClients(() => port, { prompt: DEFAULT_PROMPT });
  const commandsSince = (at: number) => server.engine.activity.since(LOCAL_LEARNER, at).filter((entry) => entry.kind === 'command');

  beforeAll(async () => {
    runtime = new EmbeddedRuntime({ zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0] });
    const status = await runtime.up();
    zookeeperPort = status.nodes.find((node) => node.name === 'zookeeper-1')!.port;
    kafkaPort = status.nodes.find((node) => node.name === 'kafka-1')!.port;
    server = await startLabServer({ runtime });
    port = await listenOnLoopback(server.app);
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
    await runtime?.[Symbol.asyncDispose]();
  });

  it("runs a Kafka tool typed key by key against the cluster, and records the line as the learner's activity", async () => {
    const client = await attach();
    const before = Date.now();
    const line = `zookeeper-shell localhost:${zookeeperPort} ls /brokers/ids`;
    const screen = await runLine(client, line, { keyByKey: true });
    expect(screen).toContain(`${line}\r\nConnecting to localhost:${zookeeperPort}\r\n`);
    expect(screen).toContain('[1, 2, 3]\r\n');
    expect(commandsSince(before)).toEqual([
      {
        at: expect.any(Number),
        kind: 'command',
        detail: line,
        command: { exitCode: 0, commands: [{ argv: ['zookeeper-shell', `localhost:${zookeeperPort}`, 'ls', '/brokers/ids'], exitCode: 0, topics: [] }] },
      },
    ]);
  });

  it('records each command of a pipeline, and a command that is not there', async () => {
    const client = await attach();
    const before = Date.now();
    const srvr = await runLine(client, `echo srvr | nc localhost ${zookeeperPort}`);
    expect(srvr).toMatch(/Zookeeper version: /);
    const missing = await runLine(client, 'bash');
    expect(missing).toContain('command not found');
    expect(commandsSince(before).map((entry) => entry.command)).toEqual([
      {
        exitCode: 0,
        commands: [
          { argv: ['echo', 'srvr'], exitCode: 0, topics: [] },
          { argv: ['nc', 'localhost', String(zookeeperPort)], exitCode: 0, topics: [] },
        ],
      },
      { exitCode: 127, commands: [{ argv: ['bash'], exitCode: 127, topics: [] }] },
    ]);
  });

  it("drives the cluster with kafkalab, as the learner's own node action", async () => {
    const client = await attach();
    const before = Date.now();
    await runLine(client, 'kafkalab stop kafka-3');
    expect((await runtime.status()).nodes.find((node) => node.name === 'kafka-3')?.state).toBe('stopped');
    await runLine(client, 'kafkalab start kafka-3');
    expect((await runtime.status()).nodes.find((node) => node.name === 'kafka-3')?.state).toBe('running');
    const activity = server.engine.activity.since(LOCAL_LEARNER, before).map((entry) => `${entry.kind}: ${entry.detail}`);
    expect(activity).toEqual(['node-action: kafka-3 stop', 'command: kafkalab stop kafka-3', 'node-action: kafka-3 start', 'command: kafkalab start kafka-3']);
  });

  it('Ctrl-C stops a running tool and gives the prompt back', async () => {
    const client = await attach();
    const before = Date.now();
    const from = client.output.length;
    client.type(`zookeeper-shell localhost:${zookeeperPort}\r`);
    await client.waitForOutput('JLine support is disabled', { from });
    const interrupted = client.output.length;
    client.type('\x03');
    await client.waitForOutput(DEFAULT_PROMPT, { from: interrupted });
    expect(commandsSince(before).map((entry) => entry.command?.exitCode)).toEqual([130]);
  });

  it('a page that reconnects finds its shell as it left it, half-typed line included', async () => {
    const first = await attach();
    first.type('echo hel');
    await first.waitForOutput('echo hel');
    await first.close();
    const second = await attach({ session: first.session });
    expect(second.messages[0]).toEqual({ type: 'attached', session: first.session, resumed: true });
    await second.waitForOutput(`${DEFAULT_PROMPT}echo hel`);
    const screen = await runLine(second, 'lo');
    expect(screen).toContain('lo\r\nhello\r\n');
  });

  it('flow control: a page that stops drawing holds the consumer back at the watermark; nothing is lost once it draws again', async () => {
    const records = 20_000;
    const kafka = new kafkajs.Kafka({ brokers: [`localhost:${kafkaPort}`], logLevel: kafkajs.logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    // One partition: the records come back in the order written.
    await admin.createTopics({ topics: [{ topic: 'flow', numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    for (let start = 0; start < records; start += 2000) {
      await producer.send({ topic: 'flow', messages: Array.from({ length: 2000 }, (_, i) => ({ value: `record ${String(start + i).padStart(5, '0')} ${'x'.repeat(80)}` })) });
    }
    await producer.disconnect();

    const stalled = await attach({}, { ackDelayMs: null });
    const from = stalled.outputLength;
    stalled.type(`kafka-console-consumer --bootstrap-server localhost:${kafkaPort} --topic flow --from-beginning --max-messages ${records}\r`);
    await stalled.waitUntil(() => stalled.unacked > TERMINAL_FLOW.highWatermark, 'output past the high watermark');
    // The consumer reads 20 000 records in well under a second when the page draws (see the bench);
    // held back, the page gets no more than one batch past the watermark however long it waits.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(stalled.outputLength - from).toBeLessThanOrEqual(TERMINAL_FLOW.highWatermark + TERMINAL_FLOW.batchMaxChars + 200);
    expect(stalled.output).not.toContain('Processed a total');

    stalled.ackFromNow();
    const screen = await stalled.waitForOutput(`Processed a total of ${records} messages`, { from, timeoutMs: 60_000 });
    const lines = screen.split('\r\n').filter((line) => line.startsWith('record '));
    expect(lines).toHaveLength(records);
    expect(lines.every((line, i) => line.startsWith(`record ${String(i).padStart(5, '0')} `))).toBe(true);
  });

  it('ends with the shell: exit sends its status and closes the socket', async () => {
    const client = await attach();
    client.type('exit 4\r');
    expect(await client.closed).toMatchObject({ code: 1000 });
    expect(client.messages.at(-1)).toEqual({ type: 'exit', code: 4 });
  });
});
