/**
 * Receives `int32 big-endian length + payload` frames from a transport that lets the reader choose where
 * each read lands (Node's `onread` on TCP sockets): a payload is read straight into a buffer of its own size,
 * so a 1 MB fetch response costs one allocation and no join copy, and the transport allocates nothing per
 * read. Headers and the first bytes of a frame land in a small scratch buffer that is reused.
 *
 * Until `startFraming` is called it hands out what it reads as plain chunks (copies, since the scratch
 * buffer is reused), for connections whose consumer does its own framing.
 *
 * Frames returned are buffers of their own (exactly the payload): callers may keep them.
 */
import { FrameTooLargeError } from './frame-reader.ts';

const SCRATCH_BYTES = 64 * 1024;
const EMPTY = new Uint8Array(0);

export class FrameReceiver {
  readonly #scratch = new Uint8Array(SCRATCH_BYTES);
  #maxFrameBytes = -1;
  readonly #header = new Uint8Array(4);
  #headerFill = 0;
  /** The frame being received once its length is known, and how much of it has arrived. */
  #frame: Uint8Array | null = null;
  #frameFill = 0;

  /** Whether whole frames are returned (after `startFraming`) rather than chunks. */
  get framing(): boolean {
    return this.#maxFrameBytes >= 0;
  }

  /** From now on `received` returns frames; `pending` are chunks received before, parsed first. */
  startFraming(maxFrameBytes: number, pending: readonly Uint8Array[] = []): Uint8Array[] {
    this.#maxFrameBytes = maxFrameBytes;
    const frames: Uint8Array[] = [];
    for (const chunk of pending) frames.push(...this.#parse(chunk));
    return frames;
  }

  /** Where the next read should put its bytes: the rest of the frame being received, else the scratch buffer. */
  nextBuffer(): Uint8Array {
    return this.#frame ? this.#frame.subarray(this.#frameFill) : this.#scratch;
  }

  /**
   * `count` bytes were read into `into` (the last `nextBuffer()`). Returns the frames they complete, or
   * before `startFraming` the bytes as one chunk. Throws `FrameTooLargeError` for a negative or oversized
   * length: the caller should close the connection.
   */
  received(count: number, into: Uint8Array): Uint8Array[] {
    if (count <= 0) return [];
    if (!this.framing) return [into.slice(0, count)];
    const frame = this.#frame;
    if (frame && into.buffer === frame.buffer) {
      this.#frameFill += count;
      if (this.#frameFill < frame.length) return [];
      this.#frame = null;
      return [frame];
    }
    return this.#parse(into.subarray(0, count));
  }

  #parse(bytes: Uint8Array): Uint8Array[] {
    const frames: Uint8Array[] = [];
    let at = 0;
    while (at < bytes.length) {
      const frame = this.#frame;
      if (frame) {
        const take = Math.min(frame.length - this.#frameFill, bytes.length - at);
        frame.set(bytes.subarray(at, at + take), this.#frameFill);
        this.#frameFill += take;
        at += take;
        if (this.#frameFill === frame.length) {
          frames.push(frame);
          this.#frame = null;
        }
        continue;
      }
      const take = Math.min(4 - this.#headerFill, bytes.length - at);
      this.#header.set(bytes.subarray(at, at + take), this.#headerFill);
      this.#headerFill += take;
      at += take;
      if (this.#headerFill < 4) break;
      this.#headerFill = 0;
      const size = new DataView(this.#header.buffer).getInt32(0);
      if (size < 0 || size > this.#maxFrameBytes) throw new FrameTooLargeError(size, this.#maxFrameBytes);
      if (size === 0) {
        frames.push(EMPTY);
        continue;
      }
      this.#frame = new Uint8Array(size);
      this.#frameFill = 0;
    }
    return frames;
  }
}
