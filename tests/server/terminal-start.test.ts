import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROMPT } from '../../src/terminal/shell/lab-shell.ts';
import { startKafkalab, type RunningKafkalab } from '../support/start-kafkalab.ts';
import { TerminalClient } from './support/terminal-client.ts';

/** `kafkalab start` (a real child process) serves the terminal; stopping it ends the sessions with it. */
describe('kafkalab start serves /api/terminal', () => {
  let server: RunningKafkalab;
  let port: number;

  beforeAll(async () => {
    server = await startKafkalab(['--port', '0', '--no-cluster', '--no-build'], 60_000);
    port = Number(new URL(server.url).port);
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  it("gives the page a lab shell driving the server's cluster", async () => {
    const client = await TerminalClient.attach(port);
    await client.waitForOutput(DEFAULT_PROMPT);
    const from = client.output.length;
    client.type('kafkalab status\r');
    const screen = await client.waitForOutput(DEFAULT_PROMPT, { from });
    expect(screen).toMatch(/kafka-1/);
    expect(screen).toMatch(/zookeeper-1/);

    // Ctrl-C in the server's terminal stops the server; the page's socket is closed, not left hanging.
    const exited = new Promise<number | null>((resolve) => server.process.once('exit', resolve));
    server.process.kill('SIGINT');
    expect((await client.closed).code).toBeGreaterThanOrEqual(1000);
    expect(await exited).toBe(0);
  });
});
