/** Kafka's `TopicPartition`: what several tools key their results by, print, and hash as Java does. */
import { javaStringHashCode } from '../../../cluster/kafka/group/java-string-hash.ts';
import { javaHashOrder, type JavaHashMapSizing } from './java-hash-map.ts';

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

/** A key for maps of partitions (`topic\u0000partition`). */
export function topicPartitionKey(tp: TopicPartition): string {
  return `${tp.topic}\u0000${tp.partition}`;
}

/** `HashMap<TopicPartition, V>` order of partitions inserted in this order. */
export function topicPartitionHashOrder<T extends TopicPartition>(partitions: readonly T[], sizing: JavaHashMapSizing = {}): T[] {
  return javaHashOrder(partitions, topicPartitionHash, topicPartitionText, sizing);
}
