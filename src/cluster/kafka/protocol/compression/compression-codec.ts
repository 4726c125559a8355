/**
 * What one record-batch compression codec is (attributes bits 0-2 of a RecordBatch v2): the id Kafka
 * gives it, and async compress / capped decompress. Every implementation here is browser-safe; a
 * Node-only entry point may install faster ones for the same ids (see `codec-registry.ts`).
 */
import { ProtocolDecodeError } from '../codec-errors.ts';

/** Codec ids of the attributes field (Kafka's `CompressionType`). */
export const COMPRESSION_CODECS = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 } as const;

export type CompressionName = keyof typeof COMPRESSION_CODECS;

/** Default cap on decompressed bytes, against decompression bombs. */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

export interface CompressionCodec {
  readonly name: CompressionName;
  /** The data in the codec's Kafka wire format (gzip member, xerial-framed snappy, LZ4 frame, zstd frame). */
  compress(data: Uint8Array): Promise<Uint8Array>;
  /**
   * The original bytes. Throws `ProtocolDecodeError` for corrupt input (the reason names the codec and
   * what is wrong) and for output that would exceed `maxBytes`.
   */
  decompress(data: Uint8Array, maxBytes: number): Promise<Uint8Array>;
}

/** Corrupt compressed data: `corrupt snappy data (…)`. */
export function corruptData(name: CompressionName, reason: string): ProtocolDecodeError {
  return new ProtocolDecodeError(`corrupt ${name} data (${reason})`, 0);
}

/** Output beyond the cap: a decompression bomb or a cap too small for the batch. */
export function inflatesBeyond(name: CompressionName, maxBytes: number): ProtocolDecodeError {
  return new ProtocolDecodeError(`${name} data inflates beyond ${maxBytes} bytes`, 0);
}

/** Joins decoded chunks into one array. */
export function concatChunks(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0].length === total) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
