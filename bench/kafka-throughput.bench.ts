/**
 * Produce and consume throughput of the embedded Kafka cluster with real clients, the cluster alone in its
 * own Node process (bench/support/kafka-cluster-process.ts: the course defaults, 3 ZooKeeper members,
 * 3 brokers, min ISR 2, in-memory log dirs) and the clients outside it:
 * - kcat produce: `kcat -P -l <file>` of N lines of 1 KB (1023 bytes + the newline delimiter) to a topic of
 *   3 partitions, RF 3, acks=all, linger.ms=5, librdkafka's default batch limits; the time is spawn to
 *   exit (kcat exits once every message is acknowledged). Its exit status and its delivery report
 *   (`-v`: "% ... messages delivered"/"failed") are checked, and the partitions' end offsets must add up to
 *   N, so a figure never counts a message the cluster did not take. One warm-up run (JIT, connections)
 *   first, then RUNS measured runs: their median and each;
 * - kcat consume: `kcat -C -o beginning -e` of everything the measured runs wrote (spawn to exit);
 * - kafkajs produce: acks=all, batches of KAFKAJS_BATCH 1 KB messages, KAFKAJS_IN_FLIGHT sends in flight.
 * Goal: kcat produce >= 60k msg/s.
 *
 *   sh scripts/with-node.sh node bench/kafka-throughput.bench.ts
 *   KAFKALAB_BENCH_MESSAGES=200000 sh scripts/with-node.sh node bench/kafka-throughput.bench.ts
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import kafkajs from 'kafkajs';
import { spawnClusterChild } from './support/cluster-child.ts';
import type { ClusterUsage } from './support/cluster-child.ts';
import { mb } from './support/json-child.ts';

const { Kafka, logLevel } = kafkajs;

const KCAT = process.env.KCAT ?? '/usr/bin/kcat';
const MESSAGES = Number(process.env.KAFKALAB_BENCH_MESSAGES ?? 100_000);
const WARMUP_MESSAGES = 20_000;
const RUNS = 3;
const VALUE_BYTES = 1024;
const PARTITIONS = 3;
const LINGER_MS = 5;
const KAFKAJS_MESSAGES = 50_000;
const KAFKAJS_BATCH = 500;
const KAFKAJS_IN_FLIGHT = 3;



interface KcatRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function runKcat(args: string[]): Promise<KcatRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(KCAT, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), ms: performance.now() - started }),
    );
  });
}

/** N lines of VALUE_BYTES - 1 printable bytes (each message, without its newline, is 1023 bytes; with the key-less record overhead ~1 KB). */
function writeLines(dir: string, count: number): string {
  const file = join(dir, `lines-${count}.txt`);
  const line = 'x'.repeat(VALUE_BYTES - 1) + '\n';
  writeFileSync(file, line.repeat(count));
  return file;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function main(): Promise<void> {
  const child = await spawnClusterChild();
  const dir = mkdtempSync(join(tmpdir(), 'kafkalab-throughput-'));
  try {
    const bootstrap = child.ready.bootstrap.join(',');
    const kafka = new Kafka({ clientId: 'bench', brokers: child.ready.bootstrap, logLevel: logLevel.NOTHING, retry: { retries: 20, initialRetryTime: 50, maxRetryTime: 500 } });
    const admin = kafka.admin();
    await admin.connect();
    const topics = ['warmup', 'kcat-bench', 'kafkajs-bench'];
    await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: PARTITIONS, replicationFactor: 3 })), waitForLeaders: true, timeout: 30000 });
    const endOffsets = async (topic: string) => (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);

    const produceArgs = (topic: string, file: string) => [
      '-P', '-b', bootstrap, '-t', topic, '-l', file, '-v',
      '-X', 'acks=all', '-X', `linger.ms=${LINGER_MS}`,
    ];
    let duplicates = 0;
    const produce = async (topic: string, count: number): Promise<number> => {
      const before = await endOffsets(topic);
      const run = await runKcat(produceArgs(topic, writeLines(dir, count)));
      if (run.code !== 0) throw new Error(`kcat -P exited with ${run.code}: ${run.stderr.slice(-2000)}`);
      if (/fail/i.test(run.stderr)) throw new Error(`kcat reported failed deliveries: ${run.stderr.slice(-2000)}`);
      const stored = (await endOffsets(topic)) - before;
      if (stored < count) throw new Error(`kcat exited 0 but the partitions took ${stored} of ${count} messages`);
      // More is at-least-once at work: a request that timed out on kcat's side was sent again (not idempotent).
      duplicates += stored - count;
      return run.ms;
    };

    await produce('warmup', WARMUP_MESSAGES);
    const times: number[] = [];
    const usageBefore = await child.request<ClusterUsage>({ cmd: 'usage' });
    for (let run = 0; run < RUNS; run++) times.push(await produce('kcat-bench', MESSAGES));
    const usageAfter = await child.request<ClusterUsage>({ cmd: 'usage' });
    const rate = (count: number, ms: number) => count / (ms / 1000);
    const best = median(times);
    console.log(
      `produce (kcat ${'-P -l'}, ${MESSAGES} messages x ${VALUE_BYTES} B = ${((MESSAGES * VALUE_BYTES) / 1024 / 1024).toFixed(0)} MiB per run, ` +
        `${PARTITIONS} partitions, RF 3, min ISR 2, acks=all, linger.ms=${LINGER_MS}, librdkafka's default batch.size 1 MB / batch.num.messages 10000; spawn -> exit): ` +
        `${rate(MESSAGES, best).toFixed(0)} msg/s, ${((MESSAGES * VALUE_BYTES) / (best / 1000) / 1024 / 1024).toFixed(1)} MiB/s median of ${RUNS} ` +
        `(runs: ${times.map((ms) => `${rate(MESSAGES, ms).toFixed(0)}`).join(', ')} msg/s; after a ${WARMUP_MESSAGES}-message warm-up run` +
        `${duplicates > 0 ? `; ${duplicates} messages stored twice: kcat re-sent requests that timed out on its side` : ''})`,
    );

    const total = await endOffsets('kcat-bench');
    const perThousand = (value: number) => ((value * 1000) / total).toFixed(1);
    console.log(
      `  the cluster process during those ${RUNS} runs, per 1000 messages: ${perThousand(usageAfter.userMs - usageBefore.userMs)} ms user CPU, ` +
        `${perThousand(usageAfter.systemMs - usageBefore.systemMs)} ms system CPU, ${perThousand(usageAfter.minorPageFaults - usageBefore.minorPageFaults)} minor page faults ` +
        `(RSS ${mb(usageBefore.rss)} -> ${mb(usageAfter.rss)}; GLIBC_TUNABLES=${process.env.GLIBC_TUNABLES ?? '(unset)'})`,
    );
    const consumed = await runKcat(['-C', '-b', bootstrap, '-t', 'kcat-bench', '-o', 'beginning', '-e', '-q', '-f', '%o\\n']);
    if (consumed.code !== 0) throw new Error(`kcat -C exited with ${consumed.code}: ${consumed.stderr.slice(-2000)}`);
    const lines = consumed.stdout.split('\n').filter((line) => line !== '').length;
    if (lines !== total) throw new Error(`kcat -C read ${lines} of ${total} messages`);
    console.log(`consume (kcat -C -o beginning -e, ${total} messages of ${VALUE_BYTES} B from ${PARTITIONS} partitions; spawn -> exit): ${rate(total, consumed.ms).toFixed(0)} msg/s`);

    const producer = kafka.producer();
    await producer.connect();
    const value = Buffer.alloc(VALUE_BYTES, 'x');
    const send = () => producer.send({ topic: 'kafkajs-bench', acks: -1, messages: Array.from({ length: KAFKAJS_BATCH }, () => ({ value })) });
    for (let i = 0; i < 10; i++) await send();
    const kafkajsBefore = await endOffsets('kafkajs-bench');
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < KAFKAJS_MESSAGES) {
        next += KAFKAJS_BATCH;
        await send();
      }
    };
    await Promise.all(Array.from({ length: KAFKAJS_IN_FLIGHT }, worker));
    const kafkajsMs = performance.now() - started;
    const sent = (await endOffsets('kafkajs-bench')) - kafkajsBefore;
    if (sent < KAFKAJS_MESSAGES) throw new Error(`kafkajs: the partitions took ${sent} of ${KAFKAJS_MESSAGES} messages`);
    console.log(
      `produce (kafkajs, ${sent} messages x ${VALUE_BYTES} B, ${PARTITIONS} partitions, RF 3, acks=all, batches of ${KAFKAJS_BATCH}, ` +
        `${KAFKAJS_IN_FLIGHT} sends in flight): ${rate(sent, kafkajsMs).toFixed(0)} msg/s`,
    );
    await producer.disconnect();
    await admin.disconnect();
    console.log(`goal: kcat produce >= 60000 msg/s -> ${rate(MESSAGES, best) >= 60_000 ? 'met' : 'NOT met'}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await child.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
  process.exit(0);
}
