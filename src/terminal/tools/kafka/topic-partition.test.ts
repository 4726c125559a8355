import { describe, expect, it } from 'vitest';
import { topicPartitionHash, topicPartitionHashOrder } from './topic-partition.ts';

const partitions = (topic: string, count: number) => Array.from({ length: count }, (_, partition) => ({ topic, partition }));
const order = (topic: string, count: number) => topicPartitionHashOrder(partitions(topic, count)).map((tp) => tp.partition);

describe('TopicPartition in a Java HashMap (KAFKA_CLI.md section 11, computed with Java 17)', () => {
  it('orders TopicPartition keys as the tools print them', () => {
    expect(order('test', 2)).toEqual([1, 0]);
    expect(order('test', 3)).toEqual([1, 0, 2]);
    expect(order('test', 5)).toEqual([1, 0, 3, 2, 4]);
    expect(order('orders', 3)).toEqual([0, 1, 2]);
    expect(order('hello', 5)).toEqual([4, 2, 3, 0, 1]);
    expect(order('quickstart-events', 3)).toEqual([2, 1, 0]);
  });

  it('hashes a TopicPartition in int32 arithmetic', () => {
    // "test".hashCode() = 3556498; 31 * (31 + 0) + 3556498
    expect(topicPartitionHash({ topic: 'test', partition: 0 })).toBe(3557459);
  });

  it('grows past 12 entries and keeps every partition', () => {
    expect(new Set(order('t', 20)).size).toBe(20);
  });
});
