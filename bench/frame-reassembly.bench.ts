/**
 * Benchmark of `FrameReader`, the int32-length framing of every Kafka and ZooKeeper connection: the CPU
 * time of `push()` calls that reassemble one large frame delivered in 64 KiB chunks (what a TCP socket
 * hands over), and of many small frames packed into the same chunks. The frame bytes are built and split
 * (as views) before the clock starts; the figure covers only the pushes, including the final join, and
 * each frame's length is checked afterwards.
 *
 *   sh scripts/with-node.sh node bench/frame-reassembly.bench.ts
 */
import { FrameReader, frame } from '../src/cluster/transport/frame-reader.ts';

const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;
/** socket.request.max.bytes' default. */
const LIMIT = 100 * MiB;

/** MiB/s with a precision that stays readable for slow figures. */
function rate(mib: number, ms: number): string {
  const perSecond = mib / (ms / 1000);
  return `${perSecond.toFixed(perSecond < 10 ? 2 : 0)} MiB/s`;
}

function chunksOf(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += CHUNK) out.push(bytes.subarray(at, at + CHUNK));
  return out;
}

/** Pushes every chunk into a fresh reader; returns the elapsed ms and the frames produced. */
function reassemble(chunks: Uint8Array[]): { ms: number; frames: Uint8Array[] } {
  const reader = new FrameReader(LIMIT);
  const frames: Uint8Array[] = [];
  const started = performance.now();
  for (const chunk of chunks) {
    for (const f of reader.push(chunk)) frames.push(f);
  }
  const ms = performance.now() - started;
  if (reader.buffered !== 0) throw new Error(`${reader.buffered} bytes left over`);
  return { ms, frames };
}

function largeFrame(mib: number): void {
  const payload = new Uint8Array(mib * MiB).fill(0x5a);
  const chunks = chunksOf(frame(payload));
  const { ms, frames } = reassemble(chunks);
  if (frames.length !== 1 || frames[0].length !== payload.length) throw new Error(`${mib} MiB frame not reassembled`);
  console.log(
    `FrameReader: ${mib} MiB frame in 64 KiB chunks (${chunks.length} pushes) reassembled in ${ms.toFixed(1)} ms ` +
      `(${rate(mib, ms)})`,
  );
}

function smallFrames(count: number, size: number): void {
  const one = frame(new Uint8Array(size).fill(1));
  const stream = new Uint8Array(count * one.length);
  for (let i = 0; i < count; i++) stream.set(one, i * one.length);
  const chunks = chunksOf(stream);
  const { ms, frames } = reassemble(chunks);
  if (frames.length !== count) throw new Error(`${frames.length} of ${count} small frames`);
  console.log(
    `FrameReader: ${count} frames of ${size} bytes in 64 KiB chunks (${chunks.length} pushes) split in ${ms.toFixed(1)} ms ` +
      `(${rate(stream.length / MiB, ms)}, ${Math.round(count / (ms / 1000))} frames/s)`,
  );
}

// Warm-up (JIT), not reported.
reassemble(chunksOf(frame(new Uint8Array(MiB))));
for (const mib of [5, 20, 60]) largeFrame(mib);
smallFrames(200_000, 100);
