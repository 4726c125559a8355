/**
 * Benchmark of the idempotent-producer state a partition keeps (`log/producer-state-manager.ts`): the CPU
 * cost per batch of the leader's check-and-record (`prepareLeaderAppend` + `commitLeaderAppend`), of the
 * same check for batches without a producer id (what every plain producer pays), and of rebuilding the
 * state from a log (a restart with a data dir, a follower's truncation). Batches are encoded before the
 * clock starts; only the producer-state calls are timed.
 *
 *   sh scripts/with-node.sh node bench/producer-state.bench.ts
 */
import { encodeRecordBatch } from '../src/cluster/kafka/protocol/record-batch.ts';
import { ProducerStateManager } from '../src/cluster/kafka/log/producer-state-manager.ts';

const BATCHES = 100_000;
const PRODUCERS = 10;
const RECORDS_PER_BATCH = 10;

function perBatch(ms: number, count: number): string {
  return `${((ms * 1e6) / count).toFixed(0)} ns/batch (${count} batches in ${ms.toFixed(1)} ms)`;
}

const value = new Uint8Array(100);
const records = Array.from({ length: RECORDS_PER_BATCH }, () => ({ value }));
const idempotent: Uint8Array[] = [];
const sequences = new Array<number>(PRODUCERS).fill(0);
for (let i = 0; i < BATCHES; i++) {
  const producer = i % PRODUCERS;
  const batch = await encodeRecordBatch({ producerId: BigInt(1000 + producer), producerEpoch: 0, baseSequence: sequences[producer], records });
  // The offsets a leader would have assigned (rebuild reads them from the stored batch).
  new DataView(batch.buffer, batch.byteOffset).setBigInt64(0, BigInt(i * RECORDS_PER_BATCH));
  sequences[producer] += RECORDS_PER_BATCH;
  idempotent.push(batch);
}
const plain = await encodeRecordBatch({ records });

const leader = new ProducerStateManager('bench-0');
let started = performance.now();
let offset = 0n;
for (const batch of idempotent) {
  const plan = leader.prepareLeaderAppend([batch]);
  if (!plan || plan.duplicate) throw new Error('unexpected duplicate');
  leader.commitLeaderAppend(plan, offset);
  offset += BigInt(RECORDS_PER_BATCH);
}
console.log(`leader check + record, ${PRODUCERS} producers: ${perBatch(performance.now() - started, BATCHES)}`);

started = performance.now();
for (let i = 0; i < BATCHES; i++) if (leader.prepareLeaderAppend([plain]) !== null) throw new Error('plain batch has a producer id');
console.log(`leader check, batches without a producer id: ${perBatch(performance.now() - started, BATCHES)}`);

started = performance.now();
let duplicates = 0;
for (const batch of idempotent.slice(-PRODUCERS * 5)) if (leader.prepareLeaderAppend([batch])?.duplicate) duplicates += 1;
console.log(`duplicate detection over the last 5 batches of each producer: ${duplicates} of ${PRODUCERS * 5} found in ${(performance.now() - started).toFixed(2)} ms`);

const rebuilt = new ProducerStateManager('bench-0');
started = performance.now();
rebuilt.rebuild(idempotent.map((bytes) => ({ bytes })));
console.log(`rebuild from the log: ${perBatch(performance.now() - started, BATCHES)}`);
