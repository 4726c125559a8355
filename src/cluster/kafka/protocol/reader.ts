import { ProtocolDecodeError } from './codec-errors.ts';

const utf8 = new TextDecoder('utf-8');

/**
 * Reads Kafka's big-endian primitive types from a byte array (non-flexible encodings plus the varints
 * used inside record batches). Shared by every generated decoder.
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

  /** int16 length + UTF-8; a negative length is an error (use `nullableString` where -1 means null). */
  string(): string {
    const start = this.#offset;
    const value = this.nullableString();
    if (value === null) throw new ProtocolDecodeError('null in a non-nullable string', start);
    return value;
  }

  /** int16 length + UTF-8, length -1 = null. Invalid UTF-8 is replaced (U+FFFD), as Kafka does. */
  nullableString(): string | null {
    const start = this.#offset;
    const length = this.int16();
    if (length === -1) return null;
    if (length < 0) throw new ProtocolDecodeError(`invalid string length ${length}`, start);
    return utf8.decode(this.raw(length));
  }

  /** int32 length + bytes (a view); a negative length is an error. */
  bytes(): Uint8Array {
    const start = this.#offset;
    const value = this.nullableBytes();
    if (value === null) throw new ProtocolDecodeError('null in a non-nullable bytes field', start);
    return value;
  }

  /** int32 length + bytes (a view), length -1 = null. Also the encoding of `records` fields. */
  nullableBytes(): Uint8Array | null {
    const start = this.#offset;
    const length = this.int32();
    if (length === -1) return null;
    if (length < 0) throw new ProtocolDecodeError(`invalid bytes length ${length}`, start);
    return this.raw(length);
  }

  /** int32 count + elements; a negative count is an error. */
  array<T>(readElement: (reader: KafkaReader) => T): T[] {
    const start = this.#offset;
    const value = this.nullableArray(readElement);
    if (value === null) throw new ProtocolDecodeError('null in a non-nullable array', start);
    return value;
  }

  /** int32 count + elements, count -1 = null. Every element takes at least one byte, which bounds the count. */
  nullableArray<T>(readElement: (reader: KafkaReader) => T): T[] | null {
    const start = this.#offset;
    const count = this.int32();
    if (count === -1) return null;
    if (count < 0) throw new ProtocolDecodeError(`invalid array length ${count}`, start);
    if (count > this.remaining) {
      throw new ProtocolDecodeError(`array of ${count} elements but only ${this.remaining} bytes remain`, start);
    }
    const items: T[] = new Array<T>(count);
    for (let i = 0; i < count; i++) items[i] = readElement(this);
    return items;
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

  #take(length: number): number {
    const at = this.#offset;
    if (length < 0 || length > this.#bytes.length - at) {
      throw new ProtocolDecodeError(`need ${length} bytes but only ${this.#bytes.length - at} remain`, at);
    }
    this.#offset = at + length;
    return at;
  }
}
