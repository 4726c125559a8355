/**
 * Codec 1, gzip (RFC 1952 members, as Java's GZIPOutputStream writes them), with the web-standard
 * `CompressionStream` / `DecompressionStream` that Node and browsers both have. Decompression stops as
 * soon as the output passes the cap.
 */
import { ProtocolDecodeError } from '../codec-errors.ts';
import { concatChunks, corruptData, inflatesBeyond } from './compression-codec.ts';
import type { CompressionCodec } from './compression-codec.ts';

export const gzipWebCodec: CompressionCodec = {
  name: 'gzip',
  async compress(data) {
    const stream = new Blob([copyToArrayBuffer(data)]).stream().pipeThrough(new CompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  },
  async decompress(data, maxBytes) {
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
          throw inflatesBeyond('gzip', maxBytes);
        }
        chunks.push(value);
      }
    } catch (error) {
      if (error instanceof ProtocolDecodeError) throw error;
      // The web streams' errors may carry no message (a truncated stream): say what it means then.
      const message = error instanceof Error ? error.message : String(error);
      throw corruptData('gzip', message || 'truncated or invalid gzip stream');
    }
    return concatChunks(chunks, total);
  },
};

/** A copy backed by a plain ArrayBuffer (what the stream APIs accept). */
function copyToArrayBuffer(data: Uint8Array): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(data.length);
  copy.set(data);
  return copy;
}
