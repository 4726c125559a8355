/**
 * Memory of the embedded cluster's logs (course defaults: 3 brokers, RF 3, in-memory log dirs that share the
 * logs' buffers), each phase in a fresh cluster process (bench/support/kafka-cluster-process.ts), RSS measured there:
 * - with retention: kcat produces 300 MB of 1 KB records (acks=all) into a topic with `retention.bytes` 32 MB and
 *   `segment.bytes` 4 MB (`log.retention.check.interval.ms` 500): RSS over time stays bounded, while the logs hold
 *   at most retention + a segment per replica;
 * - without retention: kcat produces 100 MB; RSS (absolute, and above the process's RSS when ready) as a multiple
 *   of the record-batch bytes all replicas' logs hold (goal <= 1.3x), after a full GC.
 * kcat's produce rate is printed beside (it runs on the same 2 cores as the cluster).
 *
 *   sh scripts/with-node.sh node bench/kafka-retention.bench.ts
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import kafkajs from 'kafkajs';
import { spawnClusterChild } from './support/cluster-child.ts';
import type { ClusterMemory, ClusterReady } from './support/cluster-child.ts';
import { mb } from './support/json-child.ts';
import type { JsonChild } from './support/json-child.ts';

const { Kafka, logLevel } = kafkajs;

const KCAT = '/usr/bin/kcat';
const RECORD_BYTES = 1024;
const SEGMENT_BYTES = 4 * 1024 * 1024;
const RETENTION_BYTES = 32 * 1024 * 1024;


function startCluster(): Promise<JsonChild<ClusterReady>> {
  return spawnClusterChild({ logRetentionCheckIntervalMs: 500 });
}

async function createTopic(bootstrap: string[], topic: string, configEntries: Array<{ name: string; value: string }>): Promise<void> {
  const kafka = new Kafka({ clientId: 'bench-retention', brokers: bootstrap, logLevel: logLevel.NOTHING, retry: { retries: 20, initialRetryTime: 50, maxRetryTime: 500 } });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 3, configEntries }], waitForLeaders: true });
  await admin.disconnect();
}

/**
 * Streams `totalBytes` of 1 KB lines into kcat -P (acks=all), calling `onProgress` with the bytes written so far
 * every `everyBytes`. Resolves with the seconds kcat took (it exits once everything is acknowledged).
 */
async function produceWithKcat(bootstrap: string[], topic: string, totalBytes: number, everyBytes: number, onProgress: (written: number) => Promise<void>): Promise<number> {
  const started = performance.now();
  const kcat = spawn(KCAT, ['-b', bootstrap.join(','), '-P', '-t', topic, '-X', 'acks=all', '-X', 'queue.buffering.max.kbytes=32768'], { stdio: ['pipe', 'ignore', 'inherit'] });
  const exited = new Promise<number | null>((resolve, reject) => {
    kcat.on('error', reject);
    kcat.on('close', resolve);
  });
  const line = `${'x'.repeat(RECORD_BYTES - 1)}\n`;
  const chunk = line.repeat(256);
  let written = 0;
  let nextReport = everyBytes;
  while (written < totalBytes) {
    if (!kcat.stdin.write(chunk)) await new Promise((resolve) => kcat.stdin.once('drain', resolve));
    written += chunk.length;
    if (written >= nextReport) {
      nextReport += everyBytes;
      await onProgress(written);
    }
  }
  kcat.stdin.end();
  const code = await exited;
  if (code !== 0) throw new Error(`kcat exited with ${code}`);
  return (performance.now() - started) / 1000;
}

async function withRetention(): Promise<void> {
  const child = await startCluster();
  try {
    const topic = 'bounded';
    await createTopic(child.ready.bootstrap, topic, [
      { name: 'retention.bytes', value: String(RETENTION_BYTES) },
      { name: 'segment.bytes', value: String(SEGMENT_BYTES) },
    ]);
    const total = 300 * 1024 * 1024;
    console.log(`with retention (retention.bytes ${mb(RETENTION_BYTES)}, segment.bytes ${mb(SEGMENT_BYTES)}, RF 3): producing ${mb(total)} of 1 KB records with kcat (acks=all)`);
    console.log(`  RSS when ready: ${mb(child.ready.rss)}`);
    let peak = 0;
    const seconds = await produceWithKcat(child.ready.bootstrap, topic, total, 30 * 1024 * 1024, async (written) => {
      const memory = await child.request<ClusterMemory>({ cmd: 'memory' });
      peak = Math.max(peak, memory.rss);
      console.log(`  ${mb(written).padStart(7)} written: RSS ${mb(memory.rss).padStart(7)}, array buffers ${mb(memory.arrayBuffers).padStart(7)}, logs hold ${mb(memory.logBytes)} across the 3 replicas`);
    });
    const end = await child.request<ClusterMemory>({ cmd: 'memory' });
    const collected = await child.request<ClusterMemory>({ cmd: 'gc' });
    console.log(
      `  done in ${seconds.toFixed(1)} s (${(total / RECORD_BYTES / seconds).toFixed(0)} msg/s with kcat): RSS ${mb(end.rss)} (peak seen ${mb(Math.max(peak, end.rss))}), ` +
        `${mb(collected.rss)} after a full GC (array buffers ${mb(collected.arrayBuffers)}); the logs hold ${mb(end.logBytes)} (bound after each retention check: 3 x (retention + one segment) = ${mb(3 * (RETENTION_BYTES + SEGMENT_BYTES))})`,
    );
  } finally {
    await child.close();
  }
}

async function withoutRetention(): Promise<void> {
  const child = await startCluster();
  try {
    const topic = 'kept';
    await createTopic(child.ready.bootstrap, topic, []);
    const total = 100 * 1024 * 1024;
    const seconds = await produceWithKcat(child.ready.bootstrap, topic, total, total, async () => undefined);
    const collected = await child.request<ClusterMemory>({ cmd: 'gc' });
    const above = collected.rss - child.ready.rss;
    console.log(`without retention: kcat produced ${mb(total)} of 1 KB records in ${seconds.toFixed(1)} s (${(total / RECORD_BYTES / seconds).toFixed(0)} msg/s, acks=all, RF 3)`);
    console.log(
      `  the logs hold ${mb(collected.logBytes)} of record batches (${collected.logBatches} batches, ${(collected.logBytes / collected.logBatches / 1024).toFixed(1)} KB each) across the 3 replicas; ` +
        `after a full GC RSS is ${mb(collected.rss)} = ${(collected.rss / collected.logBytes).toFixed(2)}x of it absolute, ` +
        `${mb(above)} = ${(above / collected.logBytes).toFixed(2)}x above the RSS when ready (${mb(child.ready.rss)}); ` +
        `heap used ${mb(collected.heapUsed)}, array buffers ${mb(collected.arrayBuffers)} (goal: <= 1.3x)`,
    );
  } finally {
    await child.close();
  }
}

export async function main(): Promise<void> {
  await withRetention();
  await withoutRetention();
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
  process.exit(0);
}
