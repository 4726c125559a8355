/**
 * Benchmark of the record-batch codecs (`src/cluster/kafka/protocol/compression/`): compression and
 * decompression throughput of each implementation (browser-safe, and node:zlib for gzip and zstd) on
 * 16 MiB of record-like text cut in 1 MiB batches (a produce request's worth each), and the ratio.
 * Every decompressed batch is compared with its input afterwards.
 *
 *   sh scripts/with-node.sh node bench/compression-codecs.bench.ts
 */
import { browserSafeCodec } from '../src/cluster/kafka/protocol/compression/codec-registry.ts';
import type { CompressionCodec } from '../src/cluster/kafka/protocol/compression/compression-codec.ts';
import { nodeZlibCodecs } from '../src/server/node/node-zlib-codecs.ts';

const MiB = 1024 * 1024;
const BATCHES = 16;

/** JSON-ish records: what a course topic carries. */
function batch(seed: number): Uint8Array {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < MiB; i++) {
    const line = `{"order":${seed * 100_000 + i},"customer":"c-${(i * 7919) % 1000}","amount":${((i * 31) % 10_000) / 100},"status":"${['new', 'paid', 'shipped'][i % 3]}"}\n`;
    lines.push(line);
    size += line.length;
  }
  return new TextEncoder().encode(lines.join('')).subarray(0, MiB);
}

const rate = (ms: number) => `${((BATCHES * MiB) / MiB / (ms / 1000)).toFixed(0)} MiB/s`;

async function measure(codec: CompressionCodec, label: string, inputs: Uint8Array[]): Promise<void> {
  let started = performance.now();
  const compressed: Uint8Array[] = [];
  for (const input of inputs) compressed.push(await codec.compress(input));
  const compressMs = performance.now() - started;
  started = performance.now();
  const back: Uint8Array[] = [];
  for (const bytes of compressed) back.push(await codec.decompress(bytes, 64 * MiB));
  const decompressMs = performance.now() - started;
  back.forEach((bytes, i) => {
    if (bytes.length !== inputs[i].length || bytes.some((byte, at) => byte !== inputs[i][at])) throw new Error(`${label}: batch ${i} differs`);
  });
  const ratio = inputs.reduce((n, b) => n + b.length, 0) / compressed.reduce((n, b) => n + b.length, 0);
  console.log(`${label.padEnd(22)} compress ${rate(compressMs).padStart(10)}  decompress ${rate(decompressMs).padStart(10)}  ratio ${ratio.toFixed(1)}x`);
}

const inputs = Array.from({ length: BATCHES }, (_, i) => batch(i));
for (const name of ['gzip', 'snappy', 'lz4', 'zstd'] as const) await measure(browserSafeCodec(name), `${name} (browser-safe)`, inputs);
for (const codec of nodeZlibCodecs()) await measure(codec, `${codec.name} (node:zlib)`, inputs);
