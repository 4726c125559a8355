/**
 * Node-only: gzip and zstd through `node:zlib` (native libz / libzstd: several times faster than the
 * browser-safe codecs, and zstd that really compresses, at Kafka's default level 3). Same wire format
 * as the browser-safe codecs; `maxOutputLength` enforces the decompression cap. Installed by Node
 * entry points (runtime, broker node, tests, bench) with `installNodeZlibCodecs()`; zstd only where
 * this Node has it (22.15+).
 */
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { installCompressionCodec } from '../../cluster/kafka/protocol/compression/codec-registry.ts';
import { corruptData, inflatesBeyond } from '../../cluster/kafka/protocol/compression/compression-codec.ts';
import type { CompressionCodec, CompressionName } from '../../cluster/kafka/protocol/compression/compression-codec.ts';

type ZlibCall = (data: Uint8Array, options: zlib.ZlibOptions & { maxOutputLength?: number }) => Promise<Buffer>;

function zlibCodec(name: CompressionName, compress: ZlibCall, decompress: ZlibCall): CompressionCodec {
  return {
    name,
    async compress(data) {
      return new Uint8Array(await compress(data, {}));
    },
    async decompress(data, maxBytes) {
      try {
        return new Uint8Array(await decompress(data, { maxOutputLength: Math.max(1, maxBytes) }));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw inflatesBeyond(name, maxBytes);
        throw corruptData(name, error instanceof Error ? error.message : String(error));
      }
    },
  };
}

/** The node:zlib codecs this Node offers. */
export function nodeZlibCodecs(): CompressionCodec[] {
  const codecs = [zlibCodec('gzip', promisify(zlib.gzip), promisify(zlib.gunzip))];
  if (typeof zlib.zstdCompress === 'function' && typeof zlib.zstdDecompress === 'function') {
    codecs.push(zlibCodec('zstd', promisify(zlib.zstdCompress) as ZlibCall, promisify(zlib.zstdDecompress) as ZlibCall));
  }
  return codecs;
}

/** Serves gzip (and zstd) with node:zlib from now on, process-wide. */
export function installNodeZlibCodecs(): void {
  for (const codec of nodeZlibCodecs()) installCompressionCodec(codec);
}
