/**
 * The node:zlib gzip and zstd codecs the Node entry points install: round trips, each read back by
 * the browser-safe codec of the same name (and the other way), the decompression cap, and corrupt
 * input refused with the codec and the reason.
 */
import { describe, expect, it } from 'vitest';
import { browserSafeCodec } from '../../cluster/kafka/protocol/compression/codec-registry.ts';
import { decodeError, MB, sample } from '../../cluster/kafka/protocol/compression/testing/codec-test-inputs.ts';
import { nodeZlibCodecs } from './node-zlib-codecs.ts';

describe('node:zlib codecs', () => {
  it('has gzip and zstd on this Node', () => {
    expect(nodeZlibCodecs().map((codec) => codec.name)).toEqual(['gzip', 'zstd']);
  });

  for (const codec of nodeZlibCodecs()) {
    const portable = browserSafeCodec(codec.name);

    it(`${codec.name}: round trip of 0 B to 300 KB, and the browser-safe ${codec.name} reads it and is read by it`, async () => {
      for (const size of [0, 1, 12, 13, 100, 64 * 1024, 64 * 1024 + 1, 300_000]) {
        const data = sample(size, size + 1);
        const compressed = await codec.compress(data);
        expect(await codec.decompress(compressed, 64 * MB), `${size} bytes`).toEqual(data);
        expect(await portable.decompress(compressed, 64 * MB), `${size} bytes by the browser-safe codec`).toEqual(data);
        expect(await codec.decompress(await portable.compress(data), 64 * MB), `${size} bytes from the browser-safe codec`).toEqual(data);
      }
    });

    it(`${codec.name}: stops at the decompression cap`, async () => {
      const zeros = new Uint8Array(MB);
      const compressed = await codec.compress(zeros);
      expect((await decodeError(codec, compressed, 1000)).reason).toBe(`${codec.name} data inflates beyond 1000 bytes`);
      expect(await codec.decompress(compressed, MB)).toEqual(zeros);
    });

    it(`${codec.name}: corrupt input fails with the codec and the reason`, async () => {
      const compressed = await codec.compress(sample(5000, 7));
      const truncated = compressed.subarray(0, compressed.length - 9);
      expect((await decodeError(codec, truncated)).reason).toMatch(new RegExp(`^corrupt ${codec.name} data \\(.+\\)$`));
      expect((await decodeError(codec, Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12))).reason).toMatch(new RegExp(`^corrupt ${codec.name} data`));
    });
  }
});
