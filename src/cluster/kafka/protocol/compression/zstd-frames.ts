/**
 * Zstandard frame layout (RFC 8878 §3.1), read without decoding: each frame's window size and declared
 * content size, found by walking frame and block headers (a block header gives its stored size, so no
 * block needs decoding). The zstd codec checks these before a decoder allocates its window. Also
 * writes the simplest valid frame: the content as raw (stored) blocks.
 */
const ZSTD_MAGIC = 0xfd2fb528;
/** Magic numbers 0x184D2A50..0x184D2A5F mark skippable frames. */
const SKIPPABLE_MAGIC_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
/** Largest block content (Block_Maximum_Size). */
export const ZSTD_MAX_BLOCK_SIZE = 128 * 1024;

export interface ZstdFrameInfo {
  readonly windowSize: number;
  /** Frame_Content_Size when the header declares it. */
  readonly contentSize: number | undefined;
}

/** Why bytes are not well-formed zstd frames. */
export class ZstdFrameError extends Error {}

/** Every frame of `data` (skippable frames left out). Throws `ZstdFrameError` for malformed framing. */
export function scanZstdFrames(data: Uint8Array): ZstdFrameInfo[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const frames: ZstdFrameInfo[] = [];
  let at = 0;
  if (data.length === 0) throw new ZstdFrameError('no frame');
  while (at < data.length) {
    if (data.length - at < 4) throw new ZstdFrameError(`${data.length - at} bytes where a frame magic number was expected`);
    const magic = view.getUint32(at, true);
    if (((magic & SKIPPABLE_MAGIC_MASK) >>> 0) === SKIPPABLE_MAGIC) {
      if (data.length - at < 8) throw new ZstdFrameError('skippable frame ends before its size');
      at += 8 + view.getUint32(at + 4, true);
      if (at > data.length) throw new ZstdFrameError('skippable frame runs past the data');
      continue;
    }
    if (magic !== ZSTD_MAGIC) throw new ZstdFrameError(`magic 0x${magic.toString(16)} is not a zstd frame's 0xfd2fb528`);
    at += 4;
    if (at >= data.length) throw new ZstdFrameError('frame ends before its header');
    const descriptor = data[at++];
    if ((descriptor & 0x08) !== 0) throw new ZstdFrameError('reserved frame header bit is set');
    const singleSegment = (descriptor & 0x20) !== 0;
    const checksum = (descriptor & 0x04) !== 0;
    const dictionaryBytes = [0, 1, 2, 4][descriptor & 3];
    const fcsFlag = descriptor >>> 6;
    const contentSizeBytes = fcsFlag === 0 ? (singleSegment ? 1 : 0) : 1 << fcsFlag;
    const headerRest = (singleSegment ? 0 : 1) + dictionaryBytes + contentSizeBytes;
    if (data.length - at < headerRest) throw new ZstdFrameError('frame ends inside its header');
    let windowSize = 0;
    if (!singleSegment) {
      const windowDescriptor = data[at++];
      const base = 2 ** (10 + (windowDescriptor >>> 3));
      windowSize = base + (base / 8) * (windowDescriptor & 7);
    }
    at += dictionaryBytes;
    let contentSize: number | undefined;
    if (contentSizeBytes > 0) {
      contentSize = 0;
      for (let i = contentSizeBytes - 1; i >= 0; i--) contentSize = contentSize * 256 + data[at + i];
      if (contentSizeBytes === 2) contentSize += 256;
      at += contentSizeBytes;
    }
    if (singleSegment) windowSize = contentSize ?? 0;
    for (let last = false; !last; ) {
      if (data.length - at < 3) throw new ZstdFrameError('frame ends inside a block header');
      const header = data[at] | (data[at + 1] << 8) | (data[at + 2] << 16);
      at += 3;
      last = (header & 1) === 1;
      const type = (header >>> 1) & 3;
      const size = header >>> 3;
      if (type === 3) throw new ZstdFrameError('reserved block type');
      const stored = type === 1 ? 1 : size;
      if (data.length - at < stored) throw new ZstdFrameError(`block of ${stored} bytes but ${data.length - at} remain`);
      at += stored;
    }
    if (checksum) {
      if (data.length - at < 4) throw new ZstdFrameError('frame ends before its content checksum');
      at += 4;
    }
    frames.push({ windowSize, contentSize });
  }
  return frames;
}

/** One zstd frame holding `data` as raw blocks (valid zstd every decoder reads; no size reduction). */
export function writeRawZstdFrame(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / ZSTD_MAX_BLOCK_SIZE));
  // Single segment: the window is the content; Frame_Content_Size in 1, 2 (minus 256) or 4 bytes.
  const fcsFlag = data.length < 256 ? 0 : data.length < 65_536 + 256 ? 1 : 2;
  const fcsBytes = fcsFlag === 0 ? 1 : 1 << fcsFlag;
  const out = new Uint8Array(5 + fcsBytes + blocks * 3 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, ZSTD_MAGIC, true);
  out[4] = (fcsFlag << 6) | 0x20;
  const fcs = fcsFlag === 1 ? data.length - 256 : data.length;
  for (let i = 0; i < fcsBytes; i++) out[5 + i] = Math.floor(fcs / 256 ** i) & 0xff;
  let at = 5 + fcsBytes;
  for (let block = 0; block < blocks; block++) {
    const start = block * ZSTD_MAX_BLOCK_SIZE;
    const size = Math.min(ZSTD_MAX_BLOCK_SIZE, data.length - start);
    const header = (size << 3) | (block === blocks - 1 ? 1 : 0);
    out[at] = header & 0xff;
    out[at + 1] = (header >>> 8) & 0xff;
    out[at + 2] = (header >>> 16) & 0xff;
    out.set(data.subarray(start, start + size), at + 3);
    at += 3 + size;
  }
  return out;
}
