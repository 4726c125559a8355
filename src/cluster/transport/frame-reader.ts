/**
 * Splits a byte stream into frames of `int32 big-endian length + payload`, the framing that both the
 * ZooKeeper and the Kafka protocols use in both directions.
 */
export class FrameTooLargeError extends Error {
  readonly size: number;
  constructor(size: number, max: number) {
    super(size < 0 ? `negative frame length ${size}` : `frame of ${size} bytes exceeds the limit of ${max}`);
    this.size = size;
  }
}

export class FrameReader {
  readonly maxFrameBytes: number;
  #buffer: Uint8Array = new Uint8Array(0);

  constructor(maxFrameBytes: number) {
    this.maxFrameBytes = maxFrameBytes;
  }

  /** Number of bytes received but not yet returned as a whole frame. */
  get buffered(): number {
    return this.#buffer.length;
  }

  /**
   * Appends a chunk and returns every frame it completes (payloads only, without the length prefix).
   * Throws `FrameTooLargeError` for a negative or oversized length: the caller should close the connection.
   */
  push(chunk: Uint8Array): Uint8Array[] {
    this.#buffer = this.#buffer.length === 0 ? chunk : concat(this.#buffer, chunk);
    const frames: Uint8Array[] = [];
    let offset = 0;
    while (this.#buffer.length - offset >= 4) {
      const view = new DataView(this.#buffer.buffer, this.#buffer.byteOffset + offset, 4);
      const size = view.getInt32(0);
      if (size < 0 || size > this.maxFrameBytes) throw new FrameTooLargeError(size, this.maxFrameBytes);
      if (this.#buffer.length - offset - 4 < size) break;
      frames.push(this.#buffer.subarray(offset + 4, offset + 4 + size));
      offset += 4 + size;
    }
    this.#buffer = offset === this.#buffer.length ? new Uint8Array(0) : this.#buffer.subarray(offset);
    return frames;
  }
}

/** Prefixes a payload with its int32 big-endian length. */
export function frame(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + payload.length);
  new DataView(out.buffer).setInt32(0, payload.length);
  out.set(payload, 4);
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
