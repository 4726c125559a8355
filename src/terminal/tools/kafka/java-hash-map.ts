/**
 * The order a `java.util.HashMap` / `HashSet` (JDK 17) iterates its keys in, which several tool outputs
 * follow instead of a sort (KAFKA_CLI.md section 11): the `Configs:` of `kafka-topics --describe`, the
 * topics kafka-configs lists, the groups and partitions kafka-consumer-groups prints.
 *
 * Buckets are visited by index `(h ^ (h >>> 16)) & (capacity - 1)`; inside a bucket, entries keep their
 * insertion order (a resize splits a bucket without reordering it, and tree bins never occur at these
 * sizes). So the order is the insertion order sorted, stably, by the bucket at the final capacity.
 */
import { javaStringHashCode } from '../../../cluster/kafka/group/java-string-hash.ts';

export interface JavaHashMapSizing {
  /** `new HashMap<>(n)`: the initial capacity asked for; default 16 (`new HashMap<>()`). */
  readonly initialCapacity?: number;
}

/** `HashMap.tableSizeFor`: the power of two at least `n` (1 for 0). */
function tableSizeFor(n: number): number {
  let capacity = 1;
  while (capacity < n) capacity *= 2;
  return capacity;
}

/**
 * The distinct `keys` (the first insertion of each wins; `identity` says which are equal) in the order a
 * HashMap filled with them in this order iterates them.
 */
export function javaHashOrder<K>(keys: Iterable<K>, hash: (key: K) => number, identity: (key: K) => unknown = (key) => key, sizing: JavaHashMapSizing = {}): K[] {
  const distinct = new Map<unknown, K>();
  for (const key of keys) if (!distinct.has(identity(key))) distinct.set(identity(key), key);
  let capacity = tableSizeFor(sizing.initialCapacity ?? 16);
  while (distinct.size > capacity * 0.75) capacity *= 2;
  const bucket = (key: K) => {
    const h = hash(key);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return [...distinct.values()]
    .map((key, index) => ({ key, index, bucket: bucket(key) }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((entry) => entry.key);
}

/** `String.hashCode()`. */
export const stringHash = javaStringHashCode;

/** `Integer.hashCode()`: the value itself. */
export const integerHash = (value: number): number => value | 0;

/** `HashMap<String, V>` order of strings inserted in this order. */
export function stringHashOrder(values: Iterable<string>, sizing: JavaHashMapSizing = {}): string[] {
  return javaHashOrder(values, stringHash, undefined, sizing);
}

/** `new HashMap<>(map)`'s capacity for a map of `size` entries (`putMapEntries`: `size / .75 + 1`). */
export function copiedHashMapSizing(size: number): JavaHashMapSizing {
  return { initialCapacity: Math.trunc(size / 0.75 + 1) };
}

/** `new HashSet<>(collection)`'s capacity: `max(size / .75 + 1, 16)`. */
export function copiedHashSetSizing(size: number): JavaHashMapSizing {
  return { initialCapacity: Math.max(Math.trunc(size / 0.75) + 1, 16) };
}
