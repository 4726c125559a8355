/**
 * Splits a byte stream into frames of `int32 big-endian length + payload`, the framing that both the
 * ZooKeeper and the Kafka protocols use in both directions.
 *
 * Linear in the bytes received: chunks are kept in a list as they arrive (not copied), the length prefix
 * is read even when it straddles chunks, and a frame spread over several chunks is joined once, when its
 * last byte has arrived. A frame wholly inside one chunk is returned as a view of that chunk (no copy).
 */
export class FrameTooLargeError extends Error {
  readonly size: number;
  constructor(size: number, max: number) {
    super(size < 0 ? `negative frame length ${size}` : `frame of ${size} bytes exceeds the limit of ${max}`);
    this.size = size;
  }
}

const EMPTY = new Uint8Array(0);

export class FrameReader {
  readonly maxFrameBytes: number;
  /** Received chunks not yet wholly returned; the first one is consumed from `#head` on. */
  #chunks: Uint8Array[] = [];
  #head = 0;
  #buffered = 0;
  /** Payload length of the frame being received, once its length prefix is complete; -1 before. */
  #size = -1;

  constructor(maxFrameBytes: number) {
    this.maxFrameBytes = maxFrameBytes;
  }

  /** Number of bytes received but not yet returned as a whole frame (length prefixes included). */
  get buffered(): number {
    return this.#buffered;
  }

  /**
   * Appends a chunk and returns every frame it completes (payloads only, without the length prefix).
   * Frames may be views of the pushed chunks: the caller must not reuse a chunk's memory after pushing it.
   * Throws `FrameTooLargeError` for a negative or oversized length: the caller should close the connection.
   */
  push(chunk: Uint8Array): Uint8Array[] {
    const frames: Uint8Array[] = [];
    if (chunk.length === 0) return frames;
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    for (;;) {
      if (this.#size < 0) {
        if (this.#buffered < 4) break;
        const size = this.#peekInt32();
        if (size < 0 || size > this.maxFrameBytes) throw new FrameTooLargeError(size, this.maxFrameBytes);
        this.#size = size;
      }
      if (this.#buffered < 4 + this.#size) break;
      this.#skip(4);
      frames.push(this.#take(this.#size));
      this.#size = -1;
    }
    return frames;
  }

  /** The int32 at the read position, which may span several chunks (at least 4 bytes are buffered). */
  #peekInt32(): number {
    const first = this.#chunks[0];
    if (first.length - this.#head >= 4) {
      return new DataView(first.buffer, first.byteOffset + this.#head, 4).getInt32(0);
    }
    let value = 0;
    let index = 0;
    let at = this.#head;
    for (let i = 0; i < 4; i++) {
      while (at >= this.#chunks[index].length) {
        index++;
        at = 0;
      }
      value = (value << 8) | this.#chunks[index][at++];
    }
    return value | 0;
  }

  /** Drops `count` buffered bytes. */
  #skip(count: number): void {
    this.#buffered -= count;
    let left = count;
    while (left > 0) {
      const available = this.#chunks[0].length - this.#head;
      if (available > left) {
        this.#head += left;
        return;
      }
      left -= available;
      this.#chunks.shift();
      this.#head = 0;
    }
  }

  /** Removes and returns the next `count` buffered bytes: a view when they lie in one chunk, else one copy. */
  #take(count: number): Uint8Array {
    if (count === 0) return EMPTY;
    this.#buffered -= count;
    const first = this.#chunks[0];
    if (first.length - this.#head >= count) {
      const view = first.subarray(this.#head, this.#head + count);
      this.#head += count;
      if (this.#head === first.length) {
        this.#chunks.shift();
        this.#head = 0;
      }
      return view;
    }
    const out = new Uint8Array(count);
    let filled = 0;
    let used = 0;
    while (filled < count) {
      const chunk = this.#chunks[used];
      const part = Math.min(chunk.length - this.#head, count - filled);
      out.set(chunk.subarray(this.#head, this.#head + part), filled);
      filled += part;
      this.#head += part;
      if (this.#head === chunk.length) {
        used++;
        this.#head = 0;
      }
    }
    // One splice for all the chunks the frame used up (not one shift per chunk).
    this.#chunks.splice(0, used);
    return out;
  }
}

/** Prefixes a payload with its int32 big-endian length. */
export function frame(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + payload.length);
  new DataView(out.buffer).setInt32(0, payload.length);
  out.set(payload, 4);
  return out;
}
