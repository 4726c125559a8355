/**
 * What a replica's log costs per batch beyond the record bytes, in this process: a `PartitionLog` mirrored into a
 * `MemoryBrokerStorage` (as every embedded broker runs) takes 100 000 single-record batches of 1 KB (kafkajs sending
 * one message at a time, the labs' graders) and then 1 000 batches of 64 KB (kcat, a busy producer). Printed per
 * batch after a full GC: JS heap (StoredBatch, its bigints, the view), ArrayBuffer bytes and RSS, and RSS as a
 * multiple of the record bytes held. Small batches share slabs (`log/batch-slabs.ts`); large ones keep their buffer.
 *
 *   sh scripts/with-node.sh node bench/partition-log-memory.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { partitionLogListener } from '../src/cluster/kafka/log/broker-storage.ts';
import { MemoryBrokerStorage } from '../src/cluster/kafka/log/memory-broker-storage.ts';
import { PartitionLog } from '../src/cluster/kafka/log/partition-log.ts';
import { encodeRecordBatch } from '../src/cluster/kafka/protocol/record-batch.ts';
import { collectGarbage } from './support/json-child.ts';

async function measure(label: string, valueBytes: number, recordsPerBatch: number, batches: number): Promise<void> {
  const template = await encodeRecordBatch({ records: Array.from({ length: recordsPerBatch }, () => ({ key: null, value: new Uint8Array(valueBytes) })) });
  // Distinct input buffers reused round-robin, as produce requests arrive (the log copies or keeps them).
  const inputs = Array.from({ length: 64 }, () => template.slice());
  await collectGarbage();
  const before = process.memoryUsage();
  const log = new PartitionLog({ listener: partitionLogListener(new MemoryBrokerStorage(), 'bench', 0) });
  for (let i = 0; i < batches; i++) {
    const input = template.length >= 8192 ? template.slice() : inputs[i % inputs.length];
    log.appendAsLeader([input], 0);
  }
  await collectGarbage();
  const after = process.memoryUsage();
  const per = (bytes: number) => `${(bytes / batches).toFixed(0)} B`;
  console.log(
    `${label}: ${batches} batches of ${template.length} B; per batch: heap ${per(after.heapUsed - before.heapUsed)}, ` +
      `array buffers ${per(after.arrayBuffers - before.arrayBuffers)}, RSS ${per(after.rss - before.rss)}; ` +
      `RSS = ${((after.rss - before.rss) / log.sizeBytes).toFixed(2)}x the record bytes held (${(log.sizeBytes / 1024 / 1024).toFixed(0)} MB)`,
  );
}

const CASES: Record<string, () => Promise<void>> = {
  small: () => measure('1 KB single-record batches', 1024, 1, 100_000),
  large: () => measure('64 KB batches (64 records of 1 KB)', 1024, 64, 1_000),
};

/** Each case in a fresh process: memory one case freed would otherwise be reused by the next. */
export async function main(): Promise<void> {
  for (const name of Object.keys(CASES)) spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), name], { stdio: 'inherit' });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const only = process.argv[2];
  if (only) await CASES[only]();
  else await main();
  process.exit(0);
}
