/**
 * Decoder for ZooKeeper's jute binary archive (`BinaryInputArchive.java`): big-endian `int`/`long`,
 * one-byte `boolean`, and length-prefixed `ustring`/`buffer`/`vector` where a length of -1 means null.
 *
 * Every length is checked against the bytes that remain before anything is allocated, so a bogus
 * length in a hostile frame fails with `JuteDecodeError` instead of allocating or reading garbage.
 */
export class JuteDecodeError extends Error {
  /** Byte offset within the decoded payload where decoding failed. */
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} at byte ${offset}`);
    this.name = 'JuteDecodeError';
    this.offset = offset;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class JuteReader {
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  #offset = 0;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Bytes not yet consumed. */
  get remaining(): number {
    return this.#bytes.length - this.#offset;
  }

  /** Bytes consumed so far. */
  get offset(): number {
    return this.#offset;
  }

  int(): number {
    this.#need(4, 'int');
    const value = this.#view.getInt32(this.#offset);
    this.#offset += 4;
    return value;
  }

  long(): bigint {
    this.#need(8, 'long');
    const value = this.#view.getBigInt64(this.#offset);
    this.#offset += 8;
    return value;
  }

  bool(): boolean {
    this.#need(1, 'boolean');
    return this.#bytes[this.#offset++] !== 0;
  }

  /** A UTF-8 string; `null` when the length is -1. */
  ustring(): string | null {
    const bytes = this.#lengthPrefixed('ustring');
    if (bytes === null) return null;
    try {
      return utf8.decode(bytes);
    } catch {
      throw new JuteDecodeError('ustring is not valid UTF-8', this.#offset - bytes.length);
    }
  }

  /** Like `ustring()` but null reads as `''` (for fields such as paths that are never null in practice). */
  string(): string {
    return this.ustring() ?? '';
  }

  /** Raw bytes (a copy, safe to keep); `null` when the length is -1. */
  buffer(): Uint8Array | null {
    const bytes = this.#lengthPrefixed('buffer');
    return bytes === null ? null : bytes.slice();
  }

  /** `int32 count` then `count` elements; `null` when the count is -1. */
  vector<T>(read: (r: JuteReader) => T): T[] | null {
    const start = this.#offset;
    const count = this.int();
    if (count === -1) return null;
    // Every jute element takes at least one byte, so a count above the remaining bytes is a lie.
    if (count < -1 || count > this.remaining) {
      throw new JuteDecodeError(`invalid vector count ${count} (${this.remaining} bytes left)`, start);
    }
    const items: T[] = [];
    for (let i = 0; i < count; i++) items.push(read(this));
    return items;
  }

  /** Fails unless every byte was consumed (a request with trailing garbage is malformed). */
  end(): void {
    if (this.remaining !== 0) throw new JuteDecodeError(`${this.remaining} unexpected trailing bytes`, this.#offset);
  }

  #lengthPrefixed(kind: string): Uint8Array | null {
    const start = this.#offset;
    const length = this.int();
    if (length === -1) return null;
    if (length < -1 || length > this.remaining) {
      throw new JuteDecodeError(`invalid ${kind} length ${length} (${this.remaining} bytes left)`, start);
    }
    const bytes = this.#bytes.subarray(this.#offset, this.#offset + length);
    this.#offset += length;
    return bytes;
  }

  #need(count: number, kind: string): void {
    if (this.remaining < count) {
      throw new JuteDecodeError(`truncated ${kind}: need ${count} bytes, have ${this.remaining}`, this.#offset);
    }
  }
}
