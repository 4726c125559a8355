import { ProtocolEncodeError } from './codec-errors.ts';

const utf8 = new TextEncoder();

/** A tagged field to write (flexible versions): its tag and how to write its value. */
export type TaggedFieldWrite = readonly [tag: number, writeValue: (writer: KafkaWriter) => void];

/**
 * Writes Kafka's big-endian primitive types into a growing byte buffer, plus the varints used inside record
 * batches and by flexible versions. Shared by every generated encoder.
 *
 * Strings, bytes and arrays take a `compact` flag: false (the default) writes the classic encoding (int16 or
 * int32 length, -1 = null), true the compact one of flexible versions (unsigned varint length + 1, 0 = null).
 *
 * Integer writers check their range and throw `ProtocolEncodeError` instead of silently wrapping.
 * Every method returns the writer, so calls can be chained. `toBytes()` returns the written bytes.
 *
 * With `shareBytesFrom`, a byte value of at least that many bytes (a Fetch response's records) is not
 * copied in: the writer keeps a reference to it between its own parts, and `toChunks()` hands out the
 * parts in order, ready for one vectored socket write. The caller must not change such a value until the
 * chunks are written.
 */
export class KafkaWriter {
  #bytes: Uint8Array;
  #view: DataView;
  /** Logical length: every byte written, shared values included. */
  #length = 0;
  readonly #shareFrom: number;
  /** Finished parts (views of earlier own buffers, and shared values), in order; empty without sharing. */
  readonly #parts: Uint8Array[] = [];
  #partsLength = 0;
  /** Where in `#bytes` the current own part starts. */
  #partStart = 0;

  constructor(initialCapacity = 256, options: { readonly shareBytesFrom?: number } = {}) {
    this.#bytes = new Uint8Array(Math.max(16, initialCapacity));
    this.#view = new DataView(this.#bytes.buffer);
    this.#shareFrom = options.shareBytesFrom ?? Infinity;
  }

  /** Number of bytes written so far. */
  get length(): number {
    return this.#length;
  }

  /**
   * The bytes written so far: without shared values, a view of the internal buffer (stop writing before
   * keeping it); with them, one joined copy.
   */
  toBytes(): Uint8Array {
    const current = this.#bytes.subarray(this.#partStart, this.#partStart + this.#length - this.#partsLength);
    if (this.#parts.length === 0) return current;
    const out = new Uint8Array(this.#length);
    let at = 0;
    for (const part of [...this.#parts, current]) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }

  /** The bytes written so far as consecutive chunks, shared values by reference (see the class comment). */
  toChunks(): Uint8Array[] {
    const current = this.#bytes.subarray(this.#partStart, this.#partStart + this.#length - this.#partsLength);
    return current.length > 0 || this.#parts.length === 0 ? [...this.#parts, current] : [...this.#parts];
  }

  int8(value: number): this {
    checkInt(value, -0x80, 0x7f, 'int8');
    const at = this.#grow(1);
    this.#view.setInt8(at, value);
    return this;
  }

  int16(value: number): this {
    checkInt(value, -0x8000, 0x7fff, 'int16');
    const at = this.#grow(2);
    this.#view.setInt16(at, value);
    return this;
  }

  uint16(value: number): this {
    checkInt(value, 0, 0xffff, 'uint16');
    const at = this.#grow(2);
    this.#view.setUint16(at, value);
    return this;
  }

  int32(value: number): this {
    checkInt(value, -0x80000000, 0x7fffffff, 'int32');
    const at = this.#grow(4);
    this.#view.setInt32(at, value);
    return this;
  }

  uint32(value: number): this {
    checkInt(value, 0, 0xffffffff, 'uint32');
    const at = this.#grow(4);
    this.#view.setUint32(at, value);
    return this;
  }

  int64(value: bigint): this {
    if (typeof value !== 'bigint' || BigInt.asIntN(64, value) !== value) {
      throw new ProtocolEncodeError(`${String(value)} is not an int64 (a bigint is required)`);
    }
    const at = this.#grow(8);
    this.#view.setBigInt64(at, value);
    return this;
  }

  float64(value: number): this {
    const at = this.#grow(8);
    this.#view.setFloat64(at, value);
    return this;
  }

  bool(value: boolean): this {
    return this.int8(value ? 1 : 0);
  }

  /** 16 raw bytes. */
  uuid(value: Uint8Array): this {
    if (value.length !== 16) throw new ProtocolEncodeError(`a uuid has 16 bytes, got ${value.length}`);
    return this.raw(value);
  }

  /** A non-null string. */
  string(value: string, compact = false): this {
    if (typeof value !== 'string') throw new ProtocolEncodeError(`null or non-string in a non-nullable string`);
    return this.nullableString(value, compact);
  }

  /** A string or null (int16 length -1, compact length 0). */
  nullableString(value: string | null, compact = false): this {
    if (value === null) return compact ? this.unsignedVarint(0) : this.int16(-1);
    const encoded = utf8.encode(value);
    if (encoded.length > 0x7fff) {
      throw new ProtocolEncodeError(`string of ${encoded.length} UTF-8 bytes exceeds the int16 length limit`);
    }
    return (compact ? this.unsignedVarint(encoded.length + 1) : this.int16(encoded.length)).raw(encoded);
  }

  /** Non-null bytes. */
  bytes(value: Uint8Array, compact = false): this {
    if (!(value instanceof Uint8Array)) throw new ProtocolEncodeError('null in a non-nullable bytes field');
    return this.nullableBytes(value, compact);
  }

  /** Bytes or null (int32 length -1, compact length 0). Also the encoding of `records` fields. */
  nullableBytes(value: Uint8Array | null, compact = false): this {
    if (value === null) return compact ? this.unsignedVarint(0) : this.int32(-1);
    return (compact ? this.unsignedVarint(value.length + 1) : this.int32(value.length)).raw(value);
  }

  /** A count + elements. */
  array<T>(items: readonly T[], writeElement: (writer: KafkaWriter, item: T) => void, compact = false): this {
    if (!Array.isArray(items)) throw new ProtocolEncodeError('null in a non-nullable array');
    return this.nullableArray(items, writeElement, compact);
  }

  /** A count + elements, or null (int32 count -1, compact count 0). */
  nullableArray<T>(items: readonly T[] | null, writeElement: (writer: KafkaWriter, item: T) => void, compact = false): this {
    if (items === null) return compact ? this.unsignedVarint(0) : this.int32(-1);
    if (compact) this.unsignedVarint(items.length + 1);
    else this.int32(items.length);
    for (const item of items) writeElement(this, item);
    return this;
  }

  /**
   * The tagged-fields section that ends every struct of a flexible version: the count, then per field its
   * tag, its size and its value. Fields must come in ascending tag order (Kafka's rule); none writes one 0 byte.
   */
  taggedFields(fields: readonly TaggedFieldWrite[] = []): this {
    this.unsignedVarint(fields.length);
    let previous = -1;
    for (const [tag, writeValue] of fields) {
      if (!Number.isInteger(tag) || tag <= previous) throw new ProtocolEncodeError(`tagged field ${tag} is out of order or repeated (tags must ascend)`);
      previous = tag;
      const value = new KafkaWriter(16);
      writeValue(value);
      this.unsignedVarint(tag).unsignedVarint(value.length).raw(value.toBytes());
    }
    return this;
  }

  /** Unsigned LEB128 of an unsigned 32-bit number. */
  unsignedVarint(value: number): this {
    checkInt(value, 0, 0xffffffff, 'unsigned varint');
    let rest = value;
    while (rest >= 0x80) {
      this.#byte((rest & 0x7f) | 0x80);
      rest = Math.floor(rest / 128);
    }
    this.#byte(rest);
    return this;
  }

  /** Zig-zag varint (protobuf sint32). */
  varint(value: number): this {
    checkInt(value, -0x80000000, 0x7fffffff, 'varint');
    return this.unsignedVarint(((value << 1) ^ (value >> 31)) >>> 0);
  }

  /** Zig-zag varlong (protobuf sint64). */
  varlong(value: bigint): this {
    if (typeof value !== 'bigint' || BigInt.asIntN(64, value) !== value) {
      throw new ProtocolEncodeError(`${String(value)} is not an int64 varlong (a bigint is required)`);
    }
    let rest = BigInt.asUintN(64, (value << 1n) ^ (value >> 63n));
    while (rest >= 0x80n) {
      this.#byte(Number(rest & 0x7fn) | 0x80);
      rest >>= 7n;
    }
    this.#byte(Number(rest));
    return this;
  }

  /** Bytes as they are, without a length. */
  raw(value: Uint8Array): this {
    if (value.length >= this.#shareFrom) {
      this.#share(value);
      return this;
    }
    const at = this.#grow(value.length);
    this.#bytes.set(value, at);
    return this;
  }

  /** Writes a placeholder int32 and returns its position, for a length patched later with `int32At`. */
  reserveInt32(): number {
    const at = this.#grow(4);
    this.#view.setInt32(at, 0);
    return this.#partsLength + at - this.#partStart;
  }

  /** Overwrites the int32 at `position` (from `reserveInt32`). */
  int32At(position: number, value: number): this {
    checkInt(value, -0x80000000, 0x7fffffff, 'int32');
    if (position < 0 || position + 4 > this.#length) throw new ProtocolEncodeError(`no int32 written at ${position}`);
    if (position >= this.#partsLength) {
      this.#view.setInt32(this.#partStart + position - this.#partsLength, value);
      return this;
    }
    // In a finished part: one of this writer's own (a shared value is never patched).
    let start = 0;
    for (const part of this.#parts) {
      if (position < start + part.length) {
        if (position + 4 > start + part.length) throw new ProtocolEncodeError(`the int32 at ${position} spans two parts`);
        new DataView(part.buffer, part.byteOffset, part.byteLength).setInt32(position - start, value);
        return this;
      }
      start += part.length;
    }
    throw new ProtocolEncodeError(`no int32 written at ${position}`);
  }

  /** Ends the current own part, appends `value` by reference, and goes on writing after it. */
  #share(value: Uint8Array): void {
    const used = this.#partStart + this.#length - this.#partsLength;
    if (used > this.#partStart) this.#parts.push(this.#bytes.subarray(this.#partStart, used));
    this.#parts.push(value);
    this.#length += value.length;
    this.#partsLength = this.#length;
    this.#partStart = used;
  }

  #byte(value: number): void {
    const at = this.#grow(1);
    this.#bytes[at] = value;
  }

  /**
   * Reserves `length` bytes and returns the position of the first one. It may replace the buffer, so
   * call it in its own statement before touching `#bytes` / `#view`: in `this.#view.setInt32(this.#grow(4), v)`
   * the old view is read before the call runs.
   */
  #grow(length: number): number {
    let at = this.#partStart + this.#length - this.#partsLength;
    if (at + length > this.#bytes.length) {
      // Only the current own part moves: finished parts stay views of the old buffer.
      const current = at - this.#partStart;
      let capacity = this.#bytes.length * 2;
      while (capacity < current + length) capacity *= 2;
      const bigger = new Uint8Array(capacity);
      bigger.set(this.#bytes.subarray(this.#partStart, at));
      this.#bytes = bigger;
      this.#view = new DataView(bigger.buffer);
      this.#partStart = 0;
      at = current;
    }
    this.#length += length;
    return at;
  }
}

function checkInt(value: number, min: number, max: number, type: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ProtocolEncodeError(`${String(value)} is not a valid ${type}`);
  }
}
