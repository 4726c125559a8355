/**
 * Codec 2, snappy, as Kafka clients write it: Java (snappy-java's `SnappyOutputStream`) frames raw
 * snappy chunks in xerial's format — magic `\x82SNAPPY\x00`, int32 version 1, int32 compatible version 1,
 * then [int32 big-endian length][raw snappy chunk]... — while librdkafka writes one raw snappy block
 * (kcat 1.7.1 / librdkafka 2.0.2 `-z snappy` does).
 * Like `SnappyInputStream` and librdkafka, decompression reads both (the magic decides); compression
 * writes the xerial framing with 32 KiB chunks, which every client reads. snappyjs compresses; blocks
 * are decoded by our bounds-checked `snappy-block-decoder.ts` (snappyjs trusts corrupt input).
 */
import snappy from 'snappyjs';
import { concatChunks, corruptData } from './compression-codec.ts';
import { decodeSnappyBlock } from './snappy-block-decoder.ts';
import type { CompressionCodec } from './compression-codec.ts';

const XERIAL_MAGIC = Uint8Array.of(0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00);
const XERIAL_HEADER_SIZE = 16;
/** snappy-java's `SnappyOutputStream` default block size. */
const XERIAL_CHUNK_SIZE = 32 * 1024;

export const snappyCodec: CompressionCodec = {
  name: 'snappy',
  async compress(data) {
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < data.length; at += XERIAL_CHUNK_SIZE) chunks.push(snappy.compress(data.subarray(at, at + XERIAL_CHUNK_SIZE)));
    const out = new Uint8Array(XERIAL_HEADER_SIZE + chunks.reduce((sum, chunk) => sum + 4 + chunk.length, 0));
    const view = new DataView(out.buffer);
    out.set(XERIAL_MAGIC, 0);
    view.setInt32(8, 1);
    view.setInt32(12, 1);
    let at = XERIAL_HEADER_SIZE;
    for (const chunk of chunks) {
      view.setInt32(at, chunk.length);
      out.set(chunk, at + 4);
      at += 4 + chunk.length;
    }
    return out;
  },
  async decompress(data, maxBytes) {
    if (!hasXerialMagic(data)) return rawBlock(data, maxBytes);
    if (data.length < XERIAL_HEADER_SIZE) throw corruptData('snappy', `xerial header of ${data.length} bytes, expected ${XERIAL_HEADER_SIZE}`);
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (let at = XERIAL_HEADER_SIZE; at < data.length; ) {
      if (data.length - at < 4) throw corruptData('snappy', `${data.length - at} bytes left where a xerial chunk length was expected`);
      const length = view.getInt32(at);
      if (length < 0 || length > data.length - at - 4) {
        throw corruptData('snappy', `xerial chunk of ${length} bytes at byte ${at} but ${data.length - at - 4} remain`);
      }
      const chunk = rawBlock(data.subarray(at + 4, at + 4 + length), maxBytes - total);
      total += chunk.length;
      chunks.push(chunk);
      at += 4 + length;
    }
    return concatChunks(chunks, total);
  },
};

function hasXerialMagic(data: Uint8Array): boolean {
  return data.length >= XERIAL_MAGIC.length && XERIAL_MAGIC.every((byte, i) => data[i] === byte);
}

/** One raw snappy block, decoded with bounds checks (`snappy-block-decoder.ts`). */
function rawBlock(data: Uint8Array, maxBytes: number): Uint8Array {
  return decodeSnappyBlock(data, maxBytes);
}
