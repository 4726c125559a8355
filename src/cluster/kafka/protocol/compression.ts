/**
 * Record batch compression (attributes bits 0-2). Only `none` and `gzip` are implemented, with the
 * web-standard `CompressionStream` / `DecompressionStream` (Node and browsers), which makes them async.
 * snappy, lz4 and zstd throw `KafkaProtocolError` UNSUPPORTED_COMPRESSION_TYPE: a broker answers a
 * produce with that code. Neither kafkajs (without plugins) nor our labs use them.
 */
import { ProtocolDecodeError } from './codec-errors.ts';
import { KAFKA_ERRORS, KafkaProtocolError } from './errors.ts';

/** Codec ids of the attributes field. */
export const COMPRESSION_CODECS = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 } as const;

export type CompressionName = keyof typeof COMPRESSION_CODECS;

/** Default cap on decompressed bytes, against decompression bombs. */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

/** The name of a codec id (0..7), or undefined for ids Kafka does not define (5..7). */
export function compressionName(codec: number): CompressionName | undefined {
  const entry = Object.entries(COMPRESSION_CODECS).find(([, id]) => id === codec);
  return entry === undefined ? undefined : (entry[0] as CompressionName);
}

/** Compresses record bytes with `codec`. */
export async function compress(codec: number, data: Uint8Array): Promise<Uint8Array> {
  if (codec === COMPRESSION_CODECS.none) return data;
  if (codec !== COMPRESSION_CODECS.gzip) throw unsupported(codec);
  const stream = new Blob([copyToArrayBuffer(data)]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Decompresses record bytes. Throws `ProtocolDecodeError` for corrupt input or output beyond
 * `maxBytes`, `KafkaProtocolError` UNSUPPORTED_COMPRESSION_TYPE for snappy/lz4/zstd/unknown codecs.
 */
export async function decompress(codec: number, data: Uint8Array, maxBytes = DEFAULT_MAX_DECOMPRESSED_BYTES): Promise<Uint8Array> {
  if (codec === COMPRESSION_CODECS.none) return data;
  if (codec !== COMPRESSION_CODECS.gzip) throw unsupported(codec);
  const stream = new DecompressionStream('gzip');
  const writer = stream.writable.getWriter();
  // Errors surface on the readable side; keep the writable side's rejections from going unhandled.
  writer.write(copyToArrayBuffer(data)).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new ProtocolDecodeError(`gzip data inflates beyond ${maxBytes} bytes`, 0);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof ProtocolDecodeError) throw error;
    throw new ProtocolDecodeError(`corrupt gzip data (${error instanceof Error ? error.message : String(error)})`, 0);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function unsupported(codec: number): KafkaProtocolError {
  const name = compressionName(codec) ?? `unknown codec ${codec}`;
  return new KafkaProtocolError(
    KAFKA_ERRORS.UNSUPPORTED_COMPRESSION_TYPE,
    `${name} compression is not supported by the teaching cluster (only none and gzip); configure the producer with gzip or no compression`,
  );
}

/** A copy backed by a plain ArrayBuffer (what the stream APIs accept). */
function copyToArrayBuffer(data: Uint8Array): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(data.length);
  copy.set(data);
  return copy;
}
