/**
 * The iteration order of a `java.util.HashMap` / `HashSet` (JDK 17), which several of the tool's tables
 * follow instead of a sort (KAFKA_CLI.md section 11): buckets in ascending index, each bucket in insertion
 * order. A resize splits buckets keeping that relative order, so the order is the insertion order sorted
 * (stably) by the bucket index at the final capacity.
 */
import { javaStringHashCode } from '../../../cluster/kafka/group/java-string-hash.ts';

export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/** `TopicPartition.hashCode()`: `31 * (31 + partition) + topic.hashCode()` in int32 arithmetic. */
export function topicPartitionHash(tp: TopicPartition): number {
  return (Math.imul(31, 31 + tp.partition) + javaStringHashCode(tp.topic)) | 0;
}

/** `TopicPartition.toString()`: `test-0`. */
export function topicPartitionText(tp: TopicPartition): string {
  return `${tp.topic}-${tp.partition}`;
}

/** `HashMap.tableSizeFor`: the power of two at least `n` (1 for 0). */
function tableSizeFor(n: number): number {
  let capacity = 1;
  while (capacity < n) capacity *= 2;
  return capacity;
}

export interface JavaHashMapSizing {
  /** `new HashMap(n)`: the initial capacity asked for; default 16 (`new HashMap()`). */
  readonly initialCapacity?: number;
}

/** The distinct `keys` (first insertion wins) in the order a HashMap filled with them in this order iterates. */
export function javaHashOrder<T>(keys: readonly T[], hash: (key: T) => number, identity: (key: T) => string, sizing: JavaHashMapSizing = {}): T[] {
  const distinct = new Map<string, T>();
  for (const key of keys) if (!distinct.has(identity(key))) distinct.set(identity(key), key);
  let capacity = tableSizeFor(sizing.initialCapacity ?? 16);
  while (distinct.size > capacity * 0.75) capacity *= 2;
  const bucket = (key: T) => {
    const h = hash(key);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return [...distinct.values()]
    .map((key, index) => ({ key, index, bucket: bucket(key) }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((entry) => entry.key);
}

/** `HashMap<TopicPartition, V>` order (default capacity) of partitions inserted in this order. */
export function topicPartitionHashOrder<T extends TopicPartition>(partitions: readonly T[], sizing: JavaHashMapSizing = {}): T[] {
  return javaHashOrder(partitions, topicPartitionHash, topicPartitionText, sizing);
}

/** `HashMap<String, V>` order (default capacity) of strings inserted in this order. */
export function stringHashOrder(values: readonly string[], sizing: JavaHashMapSizing = {}): string[] {
  return javaHashOrder(values, javaStringHashCode, (value) => value, sizing);
}

/** `new HashSet<>(collection)`'s capacity: `max(size / .75 + 1, 16)`. */
export function copiedHashSetSizing(size: number): JavaHashMapSizing {
  return { initialCapacity: Math.max(Math.trunc(size / 0.75) + 1, 16) };
}
