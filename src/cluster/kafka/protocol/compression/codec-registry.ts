/**
 * Which implementation serves each codec id. Starts with the browser-safe codecs; a Node-only entry
 * point may install faster ones for the same wire format (`installNodeZlibCodecs`). Ids 5-7 are not
 * Kafka codecs: asking for one throws UNSUPPORTED_COMPRESSION_TYPE.
 */
import { KAFKA_ERRORS, KafkaProtocolError } from '../errors.ts';
import { COMPRESSION_CODECS } from './compression-codec.ts';
import type { CompressionCodec, CompressionName } from './compression-codec.ts';
import { gzipWebCodec } from './gzip-web-codec.ts';
import { lz4Codec } from './lz4-codec.ts';
import { noneCodec } from './none-codec.ts';
import { snappyCodec } from './snappy-codec.ts';
import { zstdCodec } from './zstd-codec.ts';

const browserSafeCodecs: readonly CompressionCodec[] = [noneCodec, gzipWebCodec, snappyCodec, lz4Codec, zstdCodec];

const codecs = new Map<number, CompressionCodec>(browserSafeCodecs.map((codec) => [COMPRESSION_CODECS[codec.name], codec]));

/** The implementation for codec id `id` (attributes & 7). */
export function compressionCodec(id: number): CompressionCodec {
  const codec = codecs.get(id);
  if (codec === undefined) {
    throw new KafkaProtocolError(KAFKA_ERRORS.UNSUPPORTED_COMPRESSION_TYPE, `compression codec ${id} is not one Kafka defines (0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd)`);
  }
  return codec;
}

/** Serves `codec.name` with `codec` from now on (same wire format, e.g. a faster Node implementation). */
export function installCompressionCodec(codec: CompressionCodec): void {
  codecs.set(COMPRESSION_CODECS[codec.name], codec);
}

/** Back to the browser-safe implementation of `name` (tests compare both). */
export function restoreBrowserSafeCodec(name: CompressionName): void {
  installCompressionCodec(browserSafeCodec(name));
}

/** The browser-safe implementation of `name`, whatever is installed. */
export function browserSafeCodec(name: CompressionName): CompressionCodec {
  return browserSafeCodecs.find((codec) => codec.name === name)!;
}
