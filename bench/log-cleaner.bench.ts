/**
 * Benchmark of one log-cleaner round (`cleanLog`: offset map over the dirty part, then every closed segment
 * recopied): a log of 1 MiB segments holding 10-record batches with 100-byte values
 * over a key space of 1000 keys, uncompressed and gzip. The batches are encoded before the clock starts; the
 * figure covers the round (decoding, filtering, re-encoding and recompressing the survivors) and reports bytes
 * read per second, records per second, what the log shrank to, and the longest the event loop waited meanwhile
 * (a 1 ms timer's worst lateness: the broker shares that loop). The result is checked: one record per key.
 *
 *   sh scripts/with-node.sh node bench/log-cleaner.bench.ts
 */
import { decodeRecordBatch, encodeRecordBatch } from '../src/cluster/kafka/protocol/index.ts';
import type { CompressionName } from '../src/cluster/kafka/protocol/index.ts';
import type { CleanableLog, CleanerSegment } from '../src/cluster/kafka/log/cleaner/cleanable-log.ts';
import { logToClean } from '../src/cluster/kafka/log/cleaner/cleanable-range.ts';
import { cleanLog } from '../src/cluster/kafka/log/cleaner/log-cleaner.ts';
import { OffsetMap } from '../src/cluster/kafka/log/cleaner/offset-map.ts';

const MiB = 1024 * 1024;
const KEYS = 1000;
const RECORDS_PER_BATCH = 10;
const SEGMENT_BYTES = MiB;
const text = new TextEncoder();

async function buildLog(totalRecords: number, compression: CompressionName): Promise<CleanableLog> {
  const segments: CleanerSegment[] = [];
  let current: { baseOffset: bigint; batches: { bytes: Uint8Array }[]; sizeBytes: number } = { baseOffset: 0n, batches: [], sizeBytes: 0 };
  const value = text.encode('v'.repeat(100));
  const now = BigInt(Date.now());
  for (let offset = 0; offset < totalRecords; offset += RECORDS_PER_BATCH) {
    const records = Array.from({ length: RECORDS_PER_BATCH }, (_, i) => ({ key: text.encode(`key-${(offset + i) % KEYS}`), value, timestamp: now }));
    const bytes = await encodeRecordBatch({ baseOffset: BigInt(offset), compression, records });
    if (current.sizeBytes + bytes.length > SEGMENT_BYTES) {
      segments.push(current);
      current = { baseOffset: BigInt(offset), batches: [], sizeBytes: 0 };
    }
    current.batches.push({ bytes });
    current.sizeBytes += bytes.length;
  }
  segments.push(current);
  // An active segment after them (never cleaned).
  const end = BigInt(totalRecords);
  segments.push({ baseOffset: end, batches: [], sizeBytes: 0 });
  return { segments, logStartOffset: 0n, logEndOffset: end, highWatermark: end };
}

async function measure(totalRecords: number, compression: CompressionName): Promise<void> {
  const log = await buildLog(totalRecords, compression);
  const lag = { minCompactionLagMs: 0, maxCompactionLagMs: Number.MAX_SAFE_INTEGER };
  const toClean = logToClean(log, undefined, Date.now(), lag);
  let last = performance.now();
  let stall = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  const round = await cleanLog(log, toClean, OffsetMap.fromBufferSize(128 * MiB, 0.9), {
    segmentBytes: SEGMENT_BYTES,
    deleteRetentionMs: 86_400_000,
    now: Date.now(),
    lastOffsetOfProducers: new Map(),
  });
  const ms = performance.now() - started;
  clearInterval(ticker);
  let survivors = 0;
  for (const segment of round.cleaned) for (const bytes of segment.batches) survivors += (await decodeRecordBatch(bytes)).records.length;
  if (survivors !== KEYS) throw new Error(`expected ${KEYS} survivors, got ${survivors}`);
  const { bytesRead, bytesWritten, recordsRead } = round.stats;
  console.log(
    `${compression.padEnd(5)} ${String(totalRecords).padStart(7)} records, ${(bytesRead / MiB).toFixed(1)} MiB in ${log.segments.length - 1} segments: ` +
      `${ms.toFixed(0)} ms, ${(bytesRead / MiB / (ms / 1000)).toFixed(1)} MiB/s, ${Math.round(recordsRead / (ms / 1000))} records/s; ` +
      `${(bytesWritten / 1024).toFixed(0)} KiB kept in ${round.cleaned.length} segment(s); event loop stalled ${stall.toFixed(0)} ms at most`,
  );
}

await measure(200_000, 'none');
await measure(20_000, 'gzip');
