/**
 * The iteration order of a `java.util.HashMap<String, ?>` (JDK 17), which several Kafka tool outputs
 * follow: the `Configs:` list of `kafka-topics --describe` (the admin client's `Config` keeps its
 * entries in a HashMap) and the order of several described topics (KAFKA_CLI.md section 11).
 *
 * Buckets are visited by index; inside a bucket, entries keep their insertion order (a resize splits
 * a bucket without reordering it). Tree bins (8+ entries in one bucket) never occur at these sizes.
 */

/** `String#hashCode` over UTF-16 code units, 32-bit. */
export function javaStringHashCode(text: string): number {
  let hash = 0;
  for (let index = 0; index < text.length; index++) hash = (Math.imul(31, hash) + text.charCodeAt(index)) | 0;
  return hash;
}

/** `HashMap.tableSizeFor`: the next power of two >= `capacity` (1 for 0). */
function tableSizeFor(capacity: number): number {
  let size = 1;
  while (size < capacity) size *= 2;
  return size;
}

/** A HashMap's keys, as inserted and as iterated. */
export class JavaHashMap {
  #keys: string[] = [];
  readonly #seen = new Set<string>();
  /** The table's size once allocated; before that, the size the first insertion allocates. */
  #capacity: number;

  /** `new HashMap<>()` (no argument) or `new HashMap<>(initialCapacity)`. */
  constructor(initialCapacity?: number) {
    this.#capacity = initialCapacity === undefined ? 16 : tableSizeFor(initialCapacity);
  }

  /** `new HashMap<>(other)`: sized for the copy, then filled in the other's iteration order. */
  static copyOf(other: JavaHashMap): JavaHashMap {
    const size = other.size;
    const copy = new JavaHashMap();
    if (size > 0) copy.#capacity = Math.max(1, tableSizeFor(Math.floor(size / 0.75 + 1)));
    for (const key of other.keys()) copy.put(key);
    return copy;
  }

  get size(): number {
    return this.#keys.length;
  }

  put(key: string): void {
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.#keys.push(key);
    while (this.#keys.length > Math.floor(this.#capacity * 0.75)) this.#capacity *= 2;
  }

  /** The keys in iteration order. */
  keys(): string[] {
    const mask = this.#capacity - 1;
    const bucketOf = (key: string) => {
      const hash = javaStringHashCode(key);
      return (hash ^ (hash >>> 16)) & mask;
    };
    return this.#keys
      .map((key, index) => ({ key, index, bucket: bucketOf(key) }))
      .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
      .map((entry) => entry.key);
  }
}

/** `keys` in the order a HashMap built by inserting them in this order iterates them. */
export function hashMapOrder(keys: Iterable<string>, initialCapacity?: number): string[] {
  const map = new JavaHashMap(initialCapacity);
  for (const key of keys) map.put(key);
  return map.keys();
}
