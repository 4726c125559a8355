import { describe, expect, it } from 'vitest';
import { stringHashOrder, topicPartitionHash, topicPartitionHashOrder } from './java-hash-order.ts';

const partitions = (topic: string, count: number) => Array.from({ length: count }, (_, partition) => ({ topic, partition }));
const order = (topic: string, count: number) => topicPartitionHashOrder(partitions(topic, count)).map((tp) => tp.partition);

describe('Java HashMap iteration order (KAFKA_CLI.md section 11, computed with Java 17)', () => {
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

  it('keeps insertion order inside a bucket and grows past 12 entries', () => {
    const many = order('t', 20);
    expect(new Set(many).size).toBe(20);
    expect(stringHashOrder(['b', 'a', 'b'])).toEqual(['a', 'b']);
  });
});
