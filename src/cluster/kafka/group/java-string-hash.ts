/**
 * Which `__consumer_offsets` partition holds a group, exactly as Kafka computes it
 * (`GroupMetadataManager.partitionFor`: `Utils.abs(groupId.hashCode) % groupMetadataTopicPartitionCount`),
 * so a lab can predict the coordinator the way it would on a real cluster.
 */

/** Java's `String.hashCode()`: `s[0]*31^(n-1) + ... + s[n-1]` over UTF-16 code units, in int32 arithmetic. */
export function javaStringHashCode(value: string): number {
  let hash = 0;
  for (let i = 0; i < value.length; i++) hash = (Math.imul(31, hash) + value.charCodeAt(i)) | 0;
  return hash;
}

/**
 * Kafka's `Utils.abs(int)`: `Math.abs`, except that `Integer.MIN_VALUE` (whose absolute value does not fit
 * an int) maps to 0 instead of staying negative.
 */
export function kafkaAbs(value: number): number {
  return value === -0x80000000 ? 0 : Math.abs(value);
}

/** The offsets partition of `groupId` when `__consumer_offsets` has `partitionCount` partitions. */
export function offsetsPartitionFor(groupId: string, partitionCount: number): number {
  if (!Number.isInteger(partitionCount) || partitionCount < 1) {
    throw new RangeError(`__consumer_offsets needs at least one partition, got ${partitionCount}`);
  }
  return kafkaAbs(javaStringHashCode(groupId)) % partitionCount;
}
