/**
 * Codec 4, zstd: standard Zstandard frames (RFC 8878), as zstd-jni (Java) and librdkafka write them.
 * Browser-safe: fzstd decodes; before it allocates a window, the frame headers are checked (window at
 * most 128 MiB, libzstd's default decoding limit, and at most the cap when no content size is declared;
 * declared content within the cap) and the output is
 * counted block by block against the cap. The browser-safe encoder writes valid frames of raw blocks
 * (no size reduction); Node entry points install node:zlib's real zstd compressor instead
 * (`src/server/node/node-zlib-codecs.ts`).
 */
import { Decompress } from 'fzstd';
import { concatChunks, corruptData, inflatesBeyond } from './compression-codec.ts';
import type { CompressionCodec } from './compression-codec.ts';
import { scanZstdFrames, writeRawZstdFrame, ZstdFrameError } from './zstd-frames.ts';

/** libzstd's ZSTD_WINDOWLOG_LIMIT_DEFAULT (27): larger windows need an explicit opt-in there too. */
const MAX_WINDOW_SIZE = 2 ** 27;

/** Thrown from the output callback to stop fzstd at the cap. */
class OutputCapReached extends Error {}

export const zstdCodec: CompressionCodec = {
  name: 'zstd',
  async compress(data) {
    return writeRawZstdFrame(data);
  },
  async decompress(data, maxBytes) {
    let frames;
    try {
      frames = scanZstdFrames(data);
    } catch (error) {
      if (error instanceof ZstdFrameError) throw corruptData('zstd', error.message);
      throw error;
    }
    let declared = 0;
    for (const frame of frames) {
      // fzstd allocates the window up front: without a declared content size, a window larger than
      // the output may be is refused too (a frame header of a few bytes must not cost 128 MiB).
      const windowLimit = frame.contentSize === undefined ? Math.min(MAX_WINDOW_SIZE, maxBytes) : MAX_WINDOW_SIZE;
      if (frame.windowSize > windowLimit) throw corruptData('zstd', `window of ${frame.windowSize} bytes exceeds the ${windowLimit}-byte limit`);
      declared += frame.contentSize ?? 0;
      if (declared > maxBytes) throw inflatesBeyond('zstd', maxBytes);
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    const decoder = new Decompress((chunk) => {
      total += chunk.length;
      if (total > maxBytes) throw new OutputCapReached();
      // fzstd reuses its window buffer: keep a copy.
      if (chunk.length > 0) chunks.push(chunk.slice());
    });
    try {
      decoder.push(data, true);
    } catch (error) {
      if (error instanceof OutputCapReached) throw inflatesBeyond('zstd', maxBytes);
      throw corruptData('zstd', error instanceof Error ? error.message : String(error));
    }
    return concatChunks(chunks, total);
  },
};
