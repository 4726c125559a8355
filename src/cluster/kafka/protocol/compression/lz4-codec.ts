/**
 * Codec 3, lz4: the LZ4 *frame* format (lz4_Frame_format.md), as Kafka ≥ 0.10 (magic v1+) reads and
 * writes it (`Lz4BlockOutputStream` / `Lz4BlockInputStream`):
 *   magic 0x184D2204 (LE) | FLG | BD | [content size u64] | [dict id u32] | HC | blocks… | EndMark 0 |
 *   [content checksum u32]
 * HC is `(xxh32(FLG … before HC) >> 8) & 0xFF` — over the descriptor only (magic v0's broken checksum
 * also hashed the magic; RecordBatch v2 never uses it). Each block is [u32 LE size, top bit =
 * stored uncompressed][data][block checksum u32 if FLG says so]. Written here as Kafka writes it:
 * independent 64 KiB blocks, no checksums besides HC. Read as Kafka reads it: version 01, reserved bits
 * 0, independent blocks only ("Dependent block stream is unsupported"), no dictionary; block and
 * content checksums are verified when present.
 */
import { compressLz4Block, decompressLz4Block, lz4BlockBound, Lz4BlockError, Lz4OutputFullError } from './lz4-block.ts';
import { concatChunks, corruptData, inflatesBeyond } from './compression-codec.ts';
import type { CompressionCodec } from './compression-codec.ts';
import { xxhash32 } from './xxhash32.ts';

const MAGIC = 0x184d2204;
const FLG_VERSION_MASK = 0xc0;
const FLG_VERSION_01 = 0x40;
const FLG_BLOCK_INDEPENDENCE = 0x20;
const FLG_BLOCK_CHECKSUM = 0x10;
const FLG_CONTENT_SIZE = 0x08;
const FLG_CONTENT_CHECKSUM = 0x04;
const FLG_RESERVED = 0x02;
const FLG_DICT_ID = 0x01;
const INCOMPRESSIBLE = 0x80000000;
/** Kafka's `BLOCKSIZE_64KB` (BD block-size id 4). */
const WRITE_BLOCK_SIZE_ID = 4;
const BLOCK_SIZES: Readonly<Record<number, number>> = { 4: 64 * 1024, 5: 256 * 1024, 6: 1024 * 1024, 7: 4 * 1024 * 1024 };

export const lz4Codec: CompressionCodec = {
  name: 'lz4',
  async compress(data) {
    const blockSize = BLOCK_SIZES[WRITE_BLOCK_SIZE_ID];
    const blocks = Math.ceil(data.length / blockSize);
    const out = new Uint8Array(7 + blocks * (4 + lz4BlockBound(blockSize)) + 4);
    const view = new DataView(out.buffer);
    view.setUint32(0, MAGIC, true);
    out[4] = FLG_VERSION_01 | FLG_BLOCK_INDEPENDENCE;
    out[5] = WRITE_BLOCK_SIZE_ID << 4;
    out[6] = descriptorChecksum(out.subarray(4, 6));
    let at = 7;
    const table = new Int32Array(1 << 16);
    for (let start = 0; start < data.length; start += blockSize) {
      const block = data.subarray(start, start + blockSize);
      const size = compressLz4Block(block, out.subarray(at + 4), table);
      if (size < block.length) {
        view.setUint32(at, size, true);
        at += 4 + size;
      } else {
        view.setUint32(at, (INCOMPRESSIBLE | block.length) >>> 0, true);
        out.set(block, at + 4);
        at += 4 + block.length;
      }
    }
    view.setUint32(at, 0, true);
    return out.slice(0, at + 4);
  },
  async decompress(data, maxBytes) {
    return readFrame(data, maxBytes);
  },
};

function descriptorChecksum(descriptor: Uint8Array): number {
  return (xxhash32(descriptor) >>> 8) & 0xff;
}

function readFrame(data: Uint8Array, maxBytes: number): Uint8Array {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const need = (at: number, bytes: number, what: string) => {
    if (data.length - at < bytes) throw corruptData('lz4', `frame ends before its ${what}`);
  };
  need(0, 7, 'header');
  const magic = view.getUint32(0, true);
  if (magic !== MAGIC) throw corruptData('lz4', `magic 0x${magic.toString(16)} is not an LZ4 frame's 0x184d2204`);
  const flg = data[4];
  const bd = data[5];
  if ((flg & FLG_VERSION_MASK) !== FLG_VERSION_01) throw corruptData('lz4', `frame version ${(flg & FLG_VERSION_MASK) >>> 6} is not 1`);
  if ((flg & FLG_RESERVED) !== 0 || (bd & 0x8f) !== 0) throw corruptData('lz4', 'reserved frame descriptor bits are set');
  if ((flg & FLG_BLOCK_INDEPENDENCE) === 0) throw corruptData('lz4', 'dependent blocks are not supported (Kafka reads independent blocks only)');
  if ((flg & FLG_DICT_ID) !== 0) throw corruptData('lz4', 'frames with a dictionary id are not supported');
  const maxBlockSize = BLOCK_SIZES[(bd >>> 4) & 7];
  if (maxBlockSize === undefined) throw corruptData('lz4', `block size id ${(bd >>> 4) & 7} is not 4..7`);
  let at = 6;
  if ((flg & FLG_CONTENT_SIZE) !== 0) {
    need(at, 9, 'content size');
    const contentSize = view.getBigUint64(at, true);
    if (contentSize > BigInt(maxBytes)) throw inflatesBeyond('lz4', maxBytes);
    at += 8;
  }
  if (data[at] !== descriptorChecksum(data.subarray(4, at))) throw corruptData('lz4', 'frame descriptor checksum mismatch');
  at += 1;

  const blockChecksums = (flg & FLG_BLOCK_CHECKSUM) !== 0;
  const scratch = new Uint8Array(Math.min(maxBlockSize, maxBytes));
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    need(at, 4, 'block size or end mark');
    const word = view.getUint32(at, true);
    at += 4;
    if (word === 0) break;
    const stored = (word & INCOMPRESSIBLE) !== 0;
    const size = word & ~INCOMPRESSIBLE;
    if (size > maxBlockSize) throw corruptData('lz4', `block of ${size} bytes exceeds the frame's ${maxBlockSize}-byte maximum`);
    need(at, size + (blockChecksums ? 4 : 0), 'block data');
    if (blockChecksums && view.getUint32(at + size, true) !== xxhash32(data.subarray(at, at + size))) throw corruptData('lz4', 'block checksum mismatch');
    const room = Math.min(maxBlockSize, maxBytes - total);
    let block: Uint8Array;
    if (stored) {
      if (size > room) throw inflatesBeyond('lz4', maxBytes);
      block = data.subarray(at, at + size);
    } else {
      try {
        block = scratch.slice(0, decompressLz4Block(data, at, at + size, scratch, 0, room));
      } catch (error) {
        if (error instanceof Lz4OutputFullError) {
          if (room < maxBlockSize) throw inflatesBeyond('lz4', maxBytes);
          throw corruptData('lz4', `block inflates beyond the frame's ${maxBlockSize}-byte maximum`);
        }
        if (error instanceof Lz4BlockError) throw corruptData('lz4', error.message);
        throw error;
      }
    }
    chunks.push(block);
    total += block.length;
    at += size + (blockChecksums ? 4 : 0);
  }
  const content = concatChunks(chunks, total);
  if ((flg & FLG_CONTENT_CHECKSUM) !== 0) {
    need(at, 4, 'content checksum');
    if (view.getUint32(at, true) !== xxhash32(content)) throw corruptData('lz4', 'content checksum mismatch');
    at += 4;
  }
  if (at !== data.length) throw corruptData('lz4', `${data.length - at} bytes follow the frame's end mark`);
  return content;
}
