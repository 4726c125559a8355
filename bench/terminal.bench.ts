/**
 * The page terminal's figures, over the real WebSocket (`/api/terminal`) to the course server running
 * alone in a fresh Node process (bench/support/terminal-server-process.ts: the embedded runtime with its
 * cluster up, the lab shell); the page's side is a `ws` client in this process that acknowledges output
 * as xterm.js does once drawn.
 * - keystroke echo latency: one `input` message per key into the lab shell's prompt, time until the
 *   echoed character is back in an `output` message; p50/p95/max over N keys (the line is cleared with
 *   Ctrl-U every 60 keys);
 * - output throughput: `kafka-console-consumer --from-beginning --max-messages 100000` over a topic of
 *   100 000 records (~100 characters per line), from Enter to its "Processed a total of 100000 messages"
 *   line at a page that acknowledges each message at once: characters/s and records/s;
 * - a long pasted line: `echo <N characters> | wc -c` sent as the page sends a paste (input messages of
 *   `maxInputChars`), time until wc's count is back; twice the line should take about twice the time (the
 *   lab shell's line editor is linear; the cluster runs in the same process and waits meanwhile);
 * - flow control: the same consumer at a page that acknowledges each message 50 ms late, and at one that
 *   acknowledges nothing for 2 s (then everything): the most output the page ever held unacknowledged,
 *   and the server process's growth over its state right before the run (after a full GC): live heap
 *   after a full GC in the middle of the run, RSS then and at its peak. Bounded by the watermarks, not
 *   by the 10 MB the consumer prints. For comparison, the consumer alone (no terminal).
 *
 *   sh scripts/with-node.sh node bench/terminal.bench.ts
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import kafkajs from 'kafkajs';
import { labCommandRegistry } from '../src/terminal/lab-commands.ts';
import { runCommand } from '../src/terminal/testing/run-command.ts';
import { testToolEnvironment } from '../src/terminal/testing/test-tool-environment.ts';
import { DEFAULT_PROMPT } from '../src/terminal/shell/lab-shell.ts';
import { TERMINAL_FLOW, TERMINAL_LIMITS } from '../src/terminal/terminal-protocol.ts';
import { TerminalClient } from '../tests/server/support/terminal-client.ts';
import { mb, spawnJsonChild } from './support/json-child.ts';

const { Kafka, logLevel } = kafkajs;

const KEYSTROKES = 300;
const RECORDS = 100_000;
const TOPIC = 'bench-terminal';
const SLOW_ACK_MS = 50;

interface Ready {
  port: number;
  bootstrap: string[];
}
interface Memory {
  rss: number;
  heapUsed: number;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (value: number) => value.toFixed(1);
const signedMb = (bytes: number) => `${bytes < 0 ? '-' : '+'}${mb(Math.abs(bytes))}`;

async function shell(port: number, ackDelayMs: number | null = 0): Promise<TerminalClient> {
  const client = await TerminalClient.attach(port, {}, { ackDelayMs });
  await client.waitForOutput(DEFAULT_PROMPT);
  return client;
}

async function keystrokeLatency(port: number): Promise<number[]> {
  const client = await shell(port);
  const latencies: number[] = [];
  for (let i = 0; i < KEYSTROKES; i++) {
    if (i > 0 && i % 60 === 0) {
      const from = client.output.length;
      client.type('\x15');
      await client.waitForOutput(/[^]/, { from });
    }
    const from = client.output.length;
    const started = performance.now();
    client.type('x');
    await client.waitForOutput('x', { from });
    latencies.push(performance.now() - started);
  }
  await client.close();
  return latencies;
}

const PASTE_LENGTHS = [200_000, 400_000, 800_000];

/** Seconds from the first input message of `echo <length × a> | wc -c` to wc's answer on the screen. */
async function pasteSeconds(port: number, length: number): Promise<number> {
  const client = await shell(port);
  const line = `echo ${'a'.repeat(length)} | wc -c\r`;
  const from = client.output.length;
  const started = performance.now();
  for (let i = 0; i < line.length; i += TERMINAL_LIMITS.maxInputChars) client.type(line.slice(i, i + TERMINAL_LIMITS.maxInputChars));
  await client.waitForOutput(`\r\n${length + 1}\r\n`, { from, timeoutMs: 120_000 });
  const seconds = (performance.now() - started) / 1000;
  await client.close();
  return seconds;
}

async function produceRecords(bootstrap: string[]): Promise<void> {
  const kafka = new Kafka({ clientId: 'bench-terminal', brokers: bootstrap, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  const filler = 'x'.repeat(85);
  for (let start = 0; start < RECORDS; start += 2000) {
    const messages = Array.from({ length: 2000 }, (_, i) => ({ value: `record ${String(start + i).padStart(6, '0')} ${filler}` }));
    await producer.send({ topic: TOPIC, messages });
  }
  await producer.disconnect();
}

interface ConsumeRun {
  seconds: number;
  chars: number;
  maxUnacked: number;
  /** The server's highest RSS and heap (garbage included) during the run. */
  peak: Memory;
  /** The server's memory after a full GC in the middle of the run (the live data). */
  midRun: Memory;
  /** ... and after a full GC right before the run (the shell at its prompt). */
  before: Memory;
}

type Server = Awaited<ReturnType<typeof spawnJsonChild<Ready>>>;

const consumerLine = (bootstrap: string) => `kafka-console-consumer --bootstrap-server ${bootstrap} --topic ${TOPIC} --from-beginning --max-messages ${RECORDS}`;

/**
 * Runs the consumer at a page acking with `ackDelayMs` (null: nothing until `releaseAfterMs`, then all),
 * watching the server's memory; a full GC in the server once the page has 3 MB (or, stalled, after 1.5 s).
 */
async function consume(port: number, server: Server, bootstrap: string, ackDelayMs: number | null, releaseAfterMs = 0): Promise<ConsumeRun> {
  const client = await shell(port, ackDelayMs);
  let maxUnacked = 0;
  client.socket.on('message', () => (maxUnacked = Math.max(maxUnacked, client.unacked)));
  const before = await server.request<Memory>({ cmd: 'gc' });
  await server.request<Memory>({ cmd: 'watch' });
  const from = client.output.length;
  const started = performance.now();
  client.type(`${consumerLine(bootstrap)}\r`);
  let midRun: Memory;
  if (ackDelayMs === null) {
    await new Promise((resolve) => setTimeout(resolve, releaseAfterMs * 0.75));
    midRun = await server.request<Memory>({ cmd: 'gc' });
    await new Promise((resolve) => setTimeout(resolve, releaseAfterMs * 0.25));
    // The page draws again: acknowledge what it holds, then every message at once.
    const release = () => client.unacked > 0 && client.ack(client.unacked);
    release();
    client.socket.on('message', () => queueMicrotask(release));
  } else {
    await client.waitUntil(() => client.outputLength - from >= 3_000_000, '3 MB of output', 600_000);
    midRun = await server.request<Memory>({ cmd: 'gc' });
  }
  await client.waitForOutput(`Processed a total of ${RECORDS} messages`, { from, timeoutMs: 600_000 });
  const seconds = (performance.now() - started) / 1000;
  const peak = await server.request<Memory>({ cmd: 'peak' });
  const chars = client.outputLength - from;
  await client.waitForOutput(DEFAULT_PROMPT, { from });
  await client.close();
  return { seconds, chars, maxUnacked, peak, midRun, before };
}

/** The same consumer without a terminal, output dropped: in this process (not the cluster's), or in the server's. */
async function toolAloneSeconds(bootstrap: string, server?: Server): Promise<number> {
  const argv = consumerLine(bootstrap).split(' ');
  if (server) {
    const run = await server.request<{ seconds: number; stderr: string }>({ cmd: 'run', argv });
    if (!run.stderr.includes(`Processed a total of ${RECORDS} messages`)) throw new Error(`the consumer alone said: ${run.stderr}`);
    return run.seconds;
  }
  const started = performance.now();
  const run = await runCommand(labCommandRegistry().find(argv[0])!, argv.slice(1), { env: testToolEnvironment(), onOutput: () => {} });
  if (!run.stderr.includes(`Processed a total of ${RECORDS} messages`)) throw new Error(`the consumer alone said: ${run.stderr.slice(-500)}`);
  return (performance.now() - started) / 1000;
}

export async function main(): Promise<void> {
  const server = await spawnJsonChild<Ready>(join(import.meta.dirname, 'support', 'terminal-server-process.ts'));
  try {
    const { port, bootstrap } = server.ready;
    const latencies = await keystrokeLatency(port);
    console.log(`keystroke echo latency (one input message per key into the lab shell's prompt, until its echo is back in an output message; ${KEYSTROKES} keys):`);
    console.log(`  p50 ${ms(percentile(latencies, 50))} ms, p95 ${ms(percentile(latencies, 95))} ms, max ${ms(Math.max(...latencies))} ms`);

    console.log(`a long pasted line (echo <N characters> | wc -c in input messages of ${TERMINAL_LIMITS.maxInputChars.toLocaleString('en')} characters, until wc's count is back):`);
    for (const length of PASTE_LENGTHS) {
      const seconds = await pasteSeconds(port, length);
      console.log(`  ${length.toLocaleString('en')} characters: ${ms(seconds * 1000)} ms (${Math.round(length / seconds).toLocaleString('en')} characters/s)`);
    }

    if (!labCommandRegistry().find('kafka-console-consumer')) {
      console.log('output throughput and flow control: skipped, the lab shell has no kafka-console-consumer yet');
      return;
    }
    await produceRecords(bootstrap);
    const broker = `localhost:${bootstrap[0].split(':').at(-1)}`;

    // The flow-control runs first: the consumer run without a terminal in the server leaves garbage
    // behind for a while (its clients' timers), which would blur the memory figures.
    const fast = await consume(port, server, broker, 0);
    const slow = await consume(port, server, broker, SLOW_ACK_MS);
    const stalled = await consume(port, server, broker, null, 2000);
    const inServer = await toolAloneSeconds(broker, server);
    const apart = await toolAloneSeconds(broker);

    console.log(`output throughput (${consumerLine('...')}, ~100-character records, page acking at once; Enter to "Processed a total of ${RECORDS} messages"):`);
    console.log(`  ${fast.seconds.toFixed(2)} s, ${Math.round(fast.chars / fast.seconds).toLocaleString('en')} chars/s, ${Math.round(RECORDS / fast.seconds).toLocaleString('en')} records/s (${mb(fast.chars)} of output)`);
    console.log(`  the same consumer without a terminal, output dropped, in the server process (beside the cluster, as above): ${inServer.toFixed(2)} s, ${Math.round(RECORDS / inServer).toLocaleString('en')} records/s`);
    console.log(`  ... in another process (the bench's): ${apart.toFixed(2)} s, ${Math.round(RECORDS / apart).toLocaleString('en')} records/s`);

    const growth = ({ before, midRun, peak }: ConsumeRun) =>
      `live heap mid-run ${signedMb(midRun.heapUsed - before.heapUsed)} (after a full GC; before the run ${mb(before.heapUsed)}), ` +
      `RSS mid-run ${signedMb(midRun.rss - before.rss)}, peak RSS ${signedMb(peak.rss - before.rss)} (before: ${mb(before.rss)}; peak heap with garbage ${signedMb(peak.heapUsed - before.heapUsed)})`;
    console.log(`flow control, page acking each output message ${SLOW_ACK_MS} ms late (same consumer, ${mb(slow.chars)} of output in ${slow.seconds.toFixed(1)} s):`);
    console.log(`  most output unacknowledged at the page: ${slow.maxUnacked.toLocaleString('en')} chars (high watermark ${TERMINAL_FLOW.highWatermark.toLocaleString('en')}, batch ${TERMINAL_FLOW.batchMaxChars.toLocaleString('en')})`);
    console.log(`  server over its idle state right before: ${growth(slow)}`);
    console.log('flow control, page acknowledging nothing for 2 s, then everything (same consumer):');
    console.log(`  most output unacknowledged at the page: ${stalled.maxUnacked.toLocaleString('en')} chars`);
    console.log(`  server over its idle state right before: ${growth(stalled)}`);
  } finally {
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
  process.exit(0);
}
