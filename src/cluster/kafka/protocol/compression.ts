/**
 * Record batch compression (attributes bits 0-2): none, gzip, snappy, lz4 and zstd, each in the wire
 * format Kafka clients use (see `compression/*-codec.ts`). Async, because gzip uses web streams and a
 * Node entry point may install node:zlib codecs (`src/server/node/node-zlib-codecs.ts`). Decompression is
 * capped against bombs; corrupt input throws `ProtocolDecodeError` with the reason.
 */
import { compressionCodec } from './compression/codec-registry.ts';
import { COMPRESSION_CODECS, DEFAULT_MAX_DECOMPRESSED_BYTES } from './compression/compression-codec.ts';
import type { CompressionName } from './compression/compression-codec.ts';

export { COMPRESSION_CODECS, DEFAULT_MAX_DECOMPRESSED_BYTES };
export type { CompressionName };

/** The name of a codec id (0..7), or undefined for ids Kafka does not define (5..7). */
export function compressionName(codec: number): CompressionName | undefined {
  const entry = Object.entries(COMPRESSION_CODECS).find(([, id]) => id === codec);
  return entry === undefined ? undefined : (entry[0] as CompressionName);
}

/** Compresses record bytes with codec id `codec`. */
export async function compress(codec: number, data: Uint8Array): Promise<Uint8Array> {
  return compressionCodec(codec).compress(data);
}

/**
 * Decompresses record bytes. Throws `ProtocolDecodeError` for corrupt input or output beyond
 * `maxBytes`, `KafkaProtocolError` UNSUPPORTED_COMPRESSION_TYPE for codec ids 5-7.
 */
export async function decompress(codec: number, data: Uint8Array, maxBytes = DEFAULT_MAX_DECOMPRESSED_BYTES): Promise<Uint8Array> {
  return compressionCodec(codec).decompress(data, maxBytes);
}
