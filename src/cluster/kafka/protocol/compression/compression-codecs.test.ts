/**
 * The browser-safe record-batch codecs: round trips, frames written by the reference tools (lz4 and
 * zstd CLIs, snappy-java's xerial framing, librdkafka's raw snappy), corrupt input with the reason,
 * and the decompression cap. The node:zlib codecs are tested with the Node entry points.
 */
import { describe, expect, it } from 'vitest';
import { browserSafeCodec } from './codec-registry.ts';
import type { CompressionName } from './compression-codec.ts';
import { compressLz4Block, lz4BlockBound } from './lz4-block.ts';
import { xxhash32 } from './xxhash32.ts';
import { decodeError, MB, sample } from './testing/codec-test-inputs.ts';

const CODECS: readonly CompressionName[] = ['gzip', 'snappy', 'lz4', 'zstd'];
const fixture = new TextEncoder().encode('kafka fixture: hello kafka, hello kafka, hello kafka, hello kafka!\n');
const hex = (text: string) => Uint8Array.from(text.match(/../g)!.map((byte) => parseInt(byte, 16)));

describe('compression codecs', () => {
  for (const codec of CODECS.map(browserSafeCodec)) {
    const label = `${codec.name} (browser-safe)`;
    it(`${label}: round trip of 0 B to 300 KB`, async () => {
      for (const size of [0, 1, 12, 13, 100, 64 * 1024, 64 * 1024 + 1, 300_000]) {
        const data = sample(size, size + 1);
        expect(await codec.decompress(await codec.compress(data), 64 * MB), `${size} bytes`).toEqual(data);
      }
    });

    it(`${label}: stops at the decompression cap`, async () => {
      const zeros = new Uint8Array(MB);
      const compressed = await codec.compress(zeros);
      const error = await decodeError(codec, compressed, 1000);
      expect(error.reason).toBe(`${codec.name} data inflates beyond 1000 bytes`);
      expect(await codec.decompress(compressed, MB)).toEqual(zeros);
    });

    it(`${label}: corrupt input fails with the codec and the reason`, async () => {
      const compressed = await codec.compress(sample(5000, 7));
      const truncated = compressed.subarray(0, compressed.length - 9);
      expect((await decodeError(codec, truncated)).reason).toMatch(new RegExp(`^corrupt ${codec.name} data \\(.+\\)$`));
      expect((await decodeError(codec, Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12))).reason).toMatch(new RegExp(`^corrupt ${codec.name} data`));
    });
  }

  describe('snappy', () => {
    const snappy = browserSafeCodec('snappy');

    it('writes the xerial framing Java writes: magic, versions 1/1, [int32 length][chunk]', async () => {
      const framed = await snappy.compress(sample(100_000, 3));
      expect([...framed.subarray(0, 16)]).toEqual([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00, 0, 0, 0, 1, 0, 0, 0, 1]);
      // 32 KiB chunks: four of them for 100 000 bytes.
      const view = new DataView(framed.buffer, framed.byteOffset);
      let chunks = 0;
      for (let at = 16; at < framed.length; at += 4 + view.getInt32(at)) chunks++;
      expect(chunks).toBe(4);
    });

    it('reads raw snappy as librdkafka (kcat -z snappy) sends it', async () => {
      // One raw block: varint length 67, then literals/copies (what librdkafka writes for the fixture).
      const framed = await snappy.compress(fixture);
      const raw = framed.subarray(20);
      expect(raw[0]).toBe(fixture.length);
      expect(await snappy.decompress(raw, MB)).toEqual(fixture);
    });

    it('rejects a xerial chunk length running past the data, and a copy before the output start', async () => {
      const framed = await snappy.compress(fixture);
      const lying = framed.slice();
      new DataView(lying.buffer).setInt32(16, 10_000);
      expect((await decodeError(snappy, lying)).reason).toMatch(/xerial chunk of 10000 bytes/);
      expect((await decodeError(snappy, Uint8Array.of(10, 0x01 | (0 << 2), 5))).reason).toBe('corrupt snappy data (copy offset 5 with 0 bytes written)');
    });

    it('rejects a block declaring bytes it does not hold: [0x0a], declared 3 with 6 literal bytes', async () => {
      expect((await decodeError(snappy, Uint8Array.of(0x0a))).reason).toBe('corrupt snappy data (block declares 10 bytes but decodes to 0)');
      const overlong = Uint8Array.of(3, 5 << 2, ...new TextEncoder().encode('abcdef'));
      expect((await decodeError(snappy, overlong)).reason).toBe('corrupt snappy data (literal of 6 bytes overruns the declared 3 bytes)');
    });

    it('refuses a declared length beyond 32x the input before allocating it (24-byte xerial stream declaring 64 MiB)', async () => {
      const xerial = Uint8Array.of(0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 4, 0x80, 0x80, 0x80, 0x20);
      expect((await decodeError(snappy, xerial, 64 * MB)).reason).toBe('corrupt snappy data (block of 4 bytes declares 67108864 uncompressed bytes)');
      expect((await decodeError(snappy, xerial, MB)).reason).toBe(`snappy data inflates beyond ${MB} bytes`);
    });

    it('rejects raw snappy cut at an element boundary', async () => {
      const raw = (await snappy.compress(sample(5_000, 9))).subarray(20);
      expect(await snappy.decompress(raw, MB)).toEqual(sample(5_000, 9));
      // Walk the elements to the start of the last one and cut there: every element whole, the output short.
      let at = 1;
      while (raw[at - 1] & 0x80) at++;
      let last = at;
      while (at < raw.length) {
        last = at;
        const tag = raw[at];
        const kind = tag & 3;
        if (kind === 0) {
          const extra = tag >> 2 < 60 ? 0 : (tag >> 2) - 59;
          let length = tag >> 2;
          if (extra > 0) length = raw.subarray(at + 1, at + 1 + extra).reduceRight((sum, byte) => sum * 256 + byte, 0);
          at += 1 + extra + length + 1;
        } else {
          at += [0, 2, 3, 5][kind];
        }
      }
      expect(at, 'walked to the end exactly').toBe(raw.length);
      const reason = (await decodeError(snappy, raw.subarray(0, last))).reason;
      expect(reason).toMatch(/^corrupt snappy data \(block declares 5000 bytes but decodes to \d+\)$/);
    });

    it('reads raw snappy written by librdkafka (C snappy), captured once from kcat -z snappy', async () => {
      // The records of a batch kcat 1.7.1 produced with two lines of the fixture (no newline): 150 bytes
      // from 52, with literals and overlapping 2-byte-offset copies.
      const fromKcat = hex('96017092010000000184016b61666b6120666978747572653a2068656c6c6f200515002c960d001821009201000002fe4b00094b');
      const records = await snappy.decompress(fromKcat, MB);
      expect(records.length).toBe(150);
      const line = new TextDecoder().decode(fixture).trimEnd();
      expect(new TextDecoder().decode(records).split(line).length - 1).toBe(2);
      // Every proper prefix is refused: the output falls short of the declared 150 bytes.
      for (let cut = 2; cut < fromKcat.length; cut++) await decodeError(snappy, fromKcat.subarray(0, cut));
    });
  });

  describe('lz4 frames', () => {
    const lz4 = browserSafeCodec('lz4');
    // `lz4 -BX --content-size` and `lz4` (content checksum) of the fixture, by the reference CLI 1.9.4.
    const withBlockChecksum = hex('04224d187c404300000000000000ce24000000f1066b61666b6120666978747572653a2068656c6c6f2015001f2c0d001050666b61210a07bf71e400000000da11441b');
    const withContentChecksum = hex('04224d186440a724000000f1066b61666b6120666978747572653a2068656c6c6f2015001f2c0d001050666b61210a00000000da11441b');

    it('reads frames of the reference lz4 tool (block and content checksums, content size)', async () => {
      expect(await lz4.decompress(withBlockChecksum, MB)).toEqual(fixture);
      expect(await lz4.decompress(withContentChecksum, MB)).toEqual(fixture);
    });

    it("writes Kafka's frame: FLG 0x60 (version 1, independent blocks), BD 0x40 (64 KiB), HC over the descriptor only", async () => {
      const frame = await lz4.compress(fixture);
      expect([...frame.subarray(0, 7)]).toEqual([0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, (xxhash32(Uint8Array.of(0x60, 0x40)) >>> 8) & 0xff]);
      expect(frame[6]).toBe(0x82);
      expect([...frame.subarray(frame.length - 4)]).toEqual([0, 0, 0, 0]);
    });

    it('checks the descriptor, block and content checksums', async () => {
      const badHeader = withContentChecksum.slice();
      badHeader[6] ^= 0xff;
      expect((await decodeError(lz4, badHeader)).reason).toBe('corrupt lz4 data (frame descriptor checksum mismatch)');
      const badBlock = withBlockChecksum.slice();
      badBlock[badBlock.length - 9] ^= 1;
      expect((await decodeError(lz4, badBlock)).reason).toBe('corrupt lz4 data (block checksum mismatch)');
      const badContent = withContentChecksum.slice();
      badContent[badContent.length - 1] ^= 1;
      expect((await decodeError(lz4, badContent)).reason).toBe('corrupt lz4 data (content checksum mismatch)');
    });

    it('refuses dependent blocks as Kafka does, and a declared content size above the cap before decoding', async () => {
      const dependent = withContentChecksum.slice();
      dependent[4] &= ~0x20;
      dependent[6] = (xxhash32(dependent.subarray(4, 6)) >>> 8) & 0xff;
      expect((await decodeError(lz4, dependent)).reason).toMatch(/dependent blocks are not supported/);
      expect((await decodeError(lz4, withBlockChecksum, 10)).reason).toBe('lz4 data inflates beyond 10 bytes');
    });

    it("keeps lz4-java's end-of-block rules: the last 5 bytes are literals, the last match starts 12+ bytes before the end", () => {
      const inputs = [
        new Uint8Array(13),
        new Uint8Array(64 * 1024),
        sample(12, 1),
        sample(13, 2),
        sample(17, 3),
        sample(1000, 4),
        sample(64 * 1024, 5),
        Uint8Array.from({ length: 5000 }, (_, i) => i % 7),
        Uint8Array.from({ length: 300 }, (_, i) => (i < 280 ? 0x41 : i)),
      ];
      for (const input of inputs) {
        const dst = new Uint8Array(lz4BlockBound(input.length));
        const size = compressLz4Block(input, dst, new Int32Array(1 << 16));
        const label = `${input.length} bytes`;
        if (size === 0) continue; // stored uncompressed by the frame writer
        // Walk the sequences: where each match starts and ends in the output, and the last literals.
        let at = 0;
        let out = 0;
        let lastLiterals = -1;
        let lastMatchStart = -1;
        let lastMatchEnd = -1;
        const length = (initial: number) => {
          let value = initial;
          if (initial === 15) {
            let byte;
            do {
              byte = dst[at++];
              value += byte;
            } while (byte === 255);
          }
          return value;
        };
        while (at < size) {
          const token = dst[at++];
          const literals = length(token >> 4);
          at += literals;
          out += literals;
          if (at >= size) {
            lastLiterals = literals;
            break;
          }
          at += 2;
          const match = length(token & 15) + 4;
          lastMatchStart = out;
          out += match;
          lastMatchEnd = out;
        }
        expect(out, label).toBe(input.length);
        expect(lastLiterals, label).toBeGreaterThanOrEqual(Math.min(5, input.length));
        if (lastMatchStart >= 0) {
          expect(lastMatchStart, label).toBeLessThanOrEqual(input.length - 12);
          expect(lastMatchEnd, label).toBeLessThanOrEqual(input.length - 5);
        }
      }
    });

    it('rejects a match reaching before the output', async () => {
      // FLG 0x60 BD 0x40 HC, one block: token 0x10 (1 literal, match 4), 'a', offset 2, then the end mark.
      const header = Uint8Array.of(0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82);
      const frame = Uint8Array.of(...header, 5, 0, 0, 0, 0x10, 0x61, 2, 0, 0x00, 0, 0, 0, 0);
      expect((await decodeError(lz4, frame)).reason).toBe("corrupt lz4 data (match offset 2 reaches before the block's output)");
    });
  });

  describe('zstd frames', () => {
    const zstd = browserSafeCodec('zstd');

    it('reads a frame of the reference zstd tool (with its checksum)', async () => {
      const frame = hex('28b52ffd24430d0100c06b61666b6120666978747572653a2068656c6c6f202c210a020061be88d76402eeefc872');
      expect(await zstd.decompress(frame, MB)).toEqual(fixture);
    });

    it('stops an RLE bomb without a declared size at the cap', async () => {
      // Frame header: no content size, window 2 MiB; then 100 RLE blocks of 128 KiB each (4 bytes apiece).
      const blocks = Array.from({ length: 100 }, (_, i) => {
        const header = ((128 * 1024) << 3) | (1 << 1) | (i === 99 ? 1 : 0);
        return [header & 0xff, (header >>> 8) & 0xff, header >>> 16, 0x41];
      }).flat();
      const bomb = Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x58, ...blocks);
      expect((await decodeError(zstd, bomb, 2 * MB)).reason).toBe(`zstd data inflates beyond ${2 * MB} bytes`);
      // Its 2 MiB window is itself refused under a 1 MiB cap, before fzstd allocates it.
      expect((await decodeError(zstd, bomb, MB)).reason).toBe(`corrupt zstd data (window of ${2 * MB} bytes exceeds the ${MB}-byte limit)`);
      expect((await zstd.decompress(bomb, 13 * MB)).length).toBe(100 * 128 * 1024);
    });

    it('refuses a window beyond 128 MiB before allocating it', async () => {
      const huge = Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd, 0x00, 0xf8, 0x01, 0x00, 0x00);
      expect((await decodeError(zstd, huge, 256 * MB)).reason).toMatch(/^corrupt zstd data \(window of \d+ bytes exceeds the 134217728-byte limit\)$/);
    });
  });

  it('xxhash32 of the empty input is the reference value', () => {
    expect(xxhash32(new Uint8Array(0))).toBe(0x02cc5d05);
  });
});
