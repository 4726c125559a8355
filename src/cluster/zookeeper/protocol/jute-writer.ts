/**
 * Encoder for ZooKeeper's jute binary archive (`BinaryOutputArchive.java`), the mirror of `JuteReader`.
 * Methods return `this` so records can be written as one chain; `finish()` returns the bytes.
 */
const utf8 = new TextEncoder();

export class JuteWriter {
  #bytes: Uint8Array;
  #view: DataView;
  #length = 0;

  constructor(initialCapacity = 256) {
    this.#bytes = new Uint8Array(initialCapacity);
    this.#view = new DataView(this.#bytes.buffer);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.#length;
  }

  int(v: number): this {
    this.#reserve(4);
    this.#view.setInt32(this.#length, v);
    this.#length += 4;
    return this;
  }

  long(v: bigint): this {
    this.#reserve(8);
    this.#view.setBigInt64(this.#length, BigInt.asIntN(64, v));
    this.#length += 8;
    return this;
  }

  bool(v: boolean): this {
    this.#reserve(1);
    this.#bytes[this.#length++] = v ? 1 : 0;
    return this;
  }

  /** UTF-8 with an int32 byte length; `null` is written as length -1. */
  ustring(v: string | null): this {
    return v === null ? this.int(-1) : this.buffer(utf8.encode(v));
  }

  /** Raw bytes with an int32 length; `null` is written as length -1. */
  buffer(v: Uint8Array | null): this {
    if (v === null) return this.int(-1);
    this.int(v.length);
    this.raw(v);
    return this;
  }

  /** `int32 count` then each element; `null` is written as count -1. */
  vector<T>(items: readonly T[] | null, write: (w: JuteWriter, item: T) => void): this {
    if (items === null) return this.int(-1);
    this.int(items.length);
    for (const item of items) write(this, item);
    return this;
  }

  /** Appends bytes without a length prefix. */
  raw(bytes: Uint8Array): this {
    this.#reserve(bytes.length);
    this.#bytes.set(bytes, this.#length);
    this.#length += bytes.length;
    return this;
  }

  /** The written bytes (a view of exactly `length` bytes). */
  finish(): Uint8Array {
    return this.#bytes.subarray(0, this.#length);
  }

  /** The written bytes behind an int32 length prefix: one ready-to-send frame. */
  finishFrame(): Uint8Array {
    const out = new Uint8Array(4 + this.#length);
    new DataView(out.buffer).setInt32(0, this.#length);
    out.set(this.#bytes.subarray(0, this.#length), 4);
    return out;
  }

  #reserve(count: number): void {
    if (this.#length + count <= this.#bytes.length) return;
    let size = this.#bytes.length * 2 || 64;
    while (size < this.#length + count) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#bytes.subarray(0, this.#length));
    this.#bytes = next;
    this.#view = new DataView(next.buffer);
  }
}
