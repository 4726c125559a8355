import { ProtocolDecodeError } from './codec-errors.ts';

const utf8 = new TextDecoder('utf-8');

/**
 * Reads Kafka's big-endian primitive types from a byte array, plus the varints used inside record batches
 * and by flexible versions. Shared by every generated decoder.
 *
 * Strings, bytes and arrays take a `compact` flag: false (the default) reads the classic encoding (int16 or
 * int32 length, -1 = null), true the compact one of flexible versions (unsigned varint length + 1, 0 = null).
 *
 * Every method throws `ProtocolDecodeError` on truncated or invalid input, and every length or count is
 * checked against the bytes that remain before anything is allocated, so a bogus length can neither
 * allocate a huge array nor loop for long. Byte fields (`bytes`, `nullableBytes`, `raw`) return views
 * into the input, not copies: copy them if the input buffer will be reused.
 */
export class KafkaReader {
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  #offset: number;

  constructor(bytes: Uint8Array, offset = 0) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#offset = offset;
  }

  /** Position of the next byte to read. */
  get offset(): number {
    return this.#offset;
  }

  /** Bytes left to read. */
  get remaining(): number {
    return this.#bytes.length - this.#offset;
  }

  /** Throws unless every byte has been read (`what` names the message for the error text). */
  expectEnd(what: string): void {
    if (this.remaining !== 0) {
      throw new ProtocolDecodeError(`${this.remaining} unexpected trailing bytes after ${what}`, this.#offset);
    }
  }

  int8(): number {
    const at = this.#take(1);
    return this.#view.getInt8(at);
  }

  int16(): number {
    const at = this.#take(2);
    return this.#view.getInt16(at);
  }

  uint16(): number {
    const at = this.#take(2);
    return this.#view.getUint16(at);
  }

  int32(): number {
    const at = this.#take(4);
    return this.#view.getInt32(at);
  }

  uint32(): number {
    const at = this.#take(4);
    return this.#view.getUint32(at);
  }

  int64(): bigint {
    const at = this.#take(8);
    return this.#view.getBigInt64(at);
  }

  float64(): number {
    const at = this.#take(8);
    return this.#view.getFloat64(at);
  }

  /** One byte; like Kafka, any non-zero value reads as true. */
  bool(): boolean {
    return this.int8() !== 0;
  }

  /** 16 bytes (a copy, so it can be kept). */
  uuid(): Uint8Array {
    return this.raw(16).slice();
  }

  /** A non-null string; null is an error (use `nullableString` where null is allowed). */
  string(compact = false): string {
    const start = this.#offset;
    const value = this.nullableString(compact);
    if (value === null) throw new ProtocolDecodeError('null in a non-nullable string', start);
    return value;
  }

  /** A string or null (int16 length -1, compact length 0). Invalid UTF-8 is replaced (U+FFFD), as Kafka does. */
  nullableString(compact = false): string | null {
    const start = this.#offset;
    const length = compact ? this.#compactLength() : this.int16();
    if (length === -1) return null;
    if (length < 0) throw new ProtocolDecodeError(`invalid string length ${length}`, start);
    return utf8.decode(this.raw(length));
  }

  /** Non-null bytes (a view); null is an error. */
  bytes(compact = false): Uint8Array {
    const start = this.#offset;
    const value = this.nullableBytes(compact);
    if (value === null) throw new ProtocolDecodeError('null in a non-nullable bytes field', start);
    return value;
  }

  /** Bytes (a view) or null (int32 length -1, compact length 0). Also the encoding of `records` fields. */
  nullableBytes(compact = false): Uint8Array | null {
    const start = this.#offset;
    const length = compact ? this.#compactLength() : this.int32();
    if (length === -1) return null;
    if (length < 0) throw new ProtocolDecodeError(`invalid bytes length ${length}`, start);
    return this.raw(length);
  }

  /** A count + elements; a null array is an error. */
  array<T>(readElement: (reader: KafkaReader) => T, compact = false): T[] {
    const start = this.#offset;
    const value = this.nullableArray(readElement, compact);
    if (value === null) throw new ProtocolDecodeError('null in a non-nullable array', start);
    return value;
  }

  /** A count + elements, or null (int32 count -1, compact count 0). Every element takes at least one byte, which bounds the count. */
  nullableArray<T>(readElement: (reader: KafkaReader) => T, compact = false): T[] | null {
    const start = this.#offset;
    const count = compact ? this.#compactLength() : this.int32();
    if (count === -1) return null;
    if (count < 0) throw new ProtocolDecodeError(`invalid array length ${count}`, start);
    if (count > this.remaining) {
      throw new ProtocolDecodeError(`array of ${count} elements but only ${this.remaining} bytes remain`, start);
    }
    const items: T[] = new Array<T>(count);
    for (let i = 0; i < count; i++) items[i] = readElement(this);
    return items;
  }

  /**
   * The tagged-fields section that ends every struct of a flexible version: an unsigned varint count, then
   * per field its tag, its size and its value. `readField(tag, reader)` reads the value of a tag it knows
   * from `reader` (which holds exactly that field's bytes) and returns true; other tags are skipped, as
   * Kafka skips tags it does not know.
   */
  taggedFields(readField: (tag: number, reader: KafkaReader) => boolean = () => false): void {
    const start = this.#offset;
    const count = this.unsignedVarint();
    // Every field takes at least two bytes (its tag and its size).
    if (count > this.remaining / 2) {
      throw new ProtocolDecodeError(`${count} tagged fields but only ${this.remaining} bytes remain`, start);
    }
    for (let i = 0; i < count; i++) {
      const tag = this.unsignedVarint();
      const size = this.unsignedVarint();
      const at = this.#offset;
      const field = new KafkaReader(this.raw(size));
      if (!readField(tag, field)) continue;
      if (field.remaining !== 0) {
        throw new ProtocolDecodeError(`tagged field ${tag} has ${size} bytes but its value took ${size - field.remaining}`, at);
      }
    }
  }

  /** Unsigned LEB128, at most 5 bytes, as an unsigned 32-bit number. */
  unsignedVarint(): number {
    const start = this.#offset;
    let value = 0;
    for (let shift = 0; shift <= 28; shift += 7) {
      const byte = this.#bytes[this.#take(1)];
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value >>> 0;
    }
    throw new ProtocolDecodeError('varint longer than 5 bytes', start);
  }

  /** Zig-zag varint (protobuf sint32), as used by record lengths, deltas and header counts. */
  varint(): number {
    const unsigned = this.unsignedVarint();
    return (unsigned >>> 1) ^ -(unsigned & 1);
  }

  /** Zig-zag varlong (protobuf sint64), at most 10 bytes. */
  varlong(): bigint {
    const start = this.#offset;
    let value = 0n;
    for (let shift = 0n; shift <= 63n; shift += 7n) {
      const byte = this.#bytes[this.#take(1)];
      value |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) {
        const unsigned = BigInt.asUintN(64, value);
        return BigInt.asIntN(64, (unsigned >> 1n) ^ -(unsigned & 1n));
      }
    }
    throw new ProtocolDecodeError('varlong longer than 10 bytes', start);
  }

  /** The next `length` bytes as a view. */
  raw(length: number): Uint8Array {
    const at = this.#take(length);
    return this.#bytes.subarray(at, at + length);
  }

  /** Advances past `length` bytes. */
  skip(length: number): void {
    this.#take(length);
  }

  /** A compact length: unsigned varint N, where 0 means null (returned as -1) and N > 0 means N - 1. */
  #compactLength(): number {
    return this.unsignedVarint() - 1;
  }

  #take(length: number): number {
    const at = this.#offset;
    if (length < 0 || length > this.#bytes.length - at) {
      throw new ProtocolDecodeError(`need ${length} bytes but only ${this.#bytes.length - at} remain`, at);
    }
    this.#offset = at + length;
    return at;
  }
}
