/**
 * The log cleaner's key => latest offset map over the dirty part of a log (Kafka's `OffsetMap` /
 * `SkimpyOffsetMap`). Kafka sizes it from `log.cleaner.dedupe.buffer.size` (24 bytes a slot: a 16-byte MD5
 * of the key and an 8-byte offset) and fills it to `log.cleaner.io.buffer.load.factor`; when it is full the
 * cleaning round stops at the last offset mapped and the rest of the dirty part waits for the next round.
 * Here keys are kept whole (no hash collisions to reason about) but the same slot count bounds the map.
 */

/** Bytes Kafka's map spends per key: MD5 (16) + offset (8). */
export const OFFSET_MAP_BYTES_PER_ENTRY = 24;

export class OffsetMap {
  readonly #offsets = new Map<string, bigint>();
  readonly #capacity: number;
  #latestOffset = -1n;

  /** `capacity`: the most keys the map takes before it reports full. */
  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`the cleaner's offset map must hold at least one key (got ${capacity}); raise log.cleaner.dedupe.buffer.size`);
    }
    this.#capacity = capacity;
  }

  /** Kafka's sizing: `dedupeBufferSize / threads / 24` slots, filled to `loadFactor`. */
  static fromBufferSize(dedupeBufferBytes: number, loadFactor: number): OffsetMap {
    return new OffsetMap(Math.floor(Math.floor(dedupeBufferBytes / OFFSET_MAP_BYTES_PER_ENTRY) * loadFactor));
  }

  get size(): number {
    return this.#offsets.size;
  }

  get isFull(): boolean {
    return this.#offsets.size >= this.#capacity;
  }

  /** The last offset the map covers (-1 when nothing was mapped). Records past it are not judged by the map. */
  get latestOffset(): bigint {
    return this.#latestOffset;
  }

  /**
   * Maps `key` to `offset` (offsets arrive in increasing order, so the last put wins). Returns false, mapping
   * nothing, when the map is full and `key` is new.
   */
  put(key: Uint8Array, offset: bigint): boolean {
    const k = keyString(key);
    if (!this.#offsets.has(k) && this.isFull) return false;
    this.#offsets.set(k, offset);
    if (offset > this.#latestOffset) this.#latestOffset = offset;
    return true;
  }

  /** The latest offset of `key`, or -1 when the dirty part does not hold it. */
  get(key: Uint8Array): bigint {
    return this.#offsets.get(keyString(key)) ?? -1n;
  }

  /** Moves `latestOffset` forward over offsets without keys (gaps, keyless or control records). */
  updateLatestOffset(offset: bigint): void {
    if (offset > this.#latestOffset) this.#latestOffset = offset;
  }

  /** Share of the capacity used (Kafka's `max-buffer-utilization-percent`). */
  get utilization(): number {
    return this.#offsets.size / this.#capacity;
  }
}

/** A key's bytes as a string, one char per byte (exact: two keys map to the same string only if equal). */
function keyString(key: Uint8Array): string {
  let out = '';
  for (let at = 0; at < key.length; at += 8192) {
    out += String.fromCharCode.apply(null, key.subarray(at, at + 8192) as unknown as number[]);
  }
  return out;
}
