/**
 * The order a `java.util.HashMap` created with `new HashMap<>()` iterates its keys in (KAFKA_CLI.md
 * section 11, JDK 17): buckets in ascending `(h ^ (h >>> 16)) & (capacity - 1)`, insertion order inside
 * a bucket; capacity starts at 16 and doubles once the size passes 0.75 of it. Kafka's admin client
 * hands kafka-configs topic names (`listTopics`) and broker ids (`describeCluster`) in this order.
 */
import { javaStringHashCode } from '../../../cluster/kafka/group/java-string-hash.ts';

function spread(hash: number): number {
  return hash ^ (hash >>> 16);
}

/** `keys` (distinct, in insertion order) as the map iterates them. */
export function javaHashMapOrder<K>(keys: readonly K[], hashCode: (key: K) => number): K[] {
  let capacity = 16;
  while (keys.length > capacity * 0.75) capacity *= 2;
  const indexed = keys.map((key, position) => ({ key, position, bucket: spread(hashCode(key)) & (capacity - 1) }));
  indexed.sort((a, b) => a.bucket - b.bucket || a.position - b.position);
  return indexed.map(({ key }) => key);
}

/** `String.hashCode()`. */
export const stringHash = javaStringHashCode;

/** `Integer.hashCode()`: the value itself. */
export const integerHash = (value: number): number => value | 0;
