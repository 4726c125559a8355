import kafkajs from 'kafkajs';
import type { Cluster } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { rangeAssignor } from './range-assignor.ts';

const { AssignerProtocol } = kafkajs;

const cluster = (partitions: Record<string, number>) =>
  ({ findTopicPartitionMetadata: (topic: string) => Array.from({ length: partitions[topic] ?? 0 }, (_, partitionId) => ({ partitionId: partitions[topic] - 1 - partitionId })) }) as unknown as Cluster;
const member = (memberId: string, topics: string[]) => ({ memberId, memberMetadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData: Buffer.alloc(0) }) });

describe("Java's RangeAssignor", () => {
  it('gives each member, sorted by id, a contiguous range; the first ones one more', async () => {
    const assigner = rangeAssignor({ cluster: cluster({ orders: 5, audit: 1 }), groupId: 'g', logger: undefined as never });
    expect(assigner.name).toBe('range');
    const result = await assigner.assign({ members: [member('m-b', ['orders', 'audit']), member('m-a', ['orders', 'audit'])], topics: ['orders', 'audit'] });
    const decoded = Object.fromEntries(result.map(({ memberId, memberAssignment }) => [memberId, AssignerProtocol.MemberAssignment.decode(memberAssignment)?.assignment]));
    expect(decoded).toEqual({ 'm-a': { orders: [0, 1, 2], audit: [0] }, 'm-b': { orders: [3, 4] } });
  });

  it('only counts the members subscribed to a topic', async () => {
    const assigner = rangeAssignor({ cluster: cluster({ a: 2, b: 2 }), groupId: 'g', logger: undefined as never });
    const result = await assigner.assign({ members: [member('m1', ['a']), member('m2', ['a', 'b'])], topics: ['a', 'b'] });
    const decoded = Object.fromEntries(result.map(({ memberId, memberAssignment }) => [memberId, AssignerProtocol.MemberAssignment.decode(memberAssignment)?.assignment]));
    expect(decoded).toEqual({ m1: { a: [0] }, m2: { a: [1], b: [0, 1] } });
  });
});
