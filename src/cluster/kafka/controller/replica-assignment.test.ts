import { describe, expect, it } from 'vitest';
import { AssignmentError, assignReplicas } from './replica-assignment.ts';

describe('assignReplicas (Kafka rack-unaware placement)', () => {
  it('matches AdminUtils for a fixed start: leaders round-robin, followers shifted', () => {
    const assignment = assignReplicas({ brokers: [3, 1, 2], partitions: 6, replicationFactor: 3, fixedStartIndex: 0 });
    expect([...assignment]).toEqual([
      [0, [1, 2, 3]],
      [1, [2, 3, 1]],
      [2, [3, 1, 2]],
      [3, [1, 3, 2]],
      [4, [2, 1, 3]],
      [5, [3, 2, 1]],
    ]);
  });

  it('spreads leaders and gives distinct replicas with a random start', () => {
    for (let seed = 0; seed < 10; seed++) {
      const assignment = assignReplicas({ brokers: [1, 2, 3], partitions: 2, replicationFactor: 3, random: () => seed / 10 });
      const leaders = new Set([...assignment.values()].map((r) => r[0]));
      expect(leaders.size).toBe(2);
      for (const replicas of assignment.values()) expect(new Set(replicas).size).toBe(3);
    }
  });

  it('continues numbering when partitions are added', () => {
    const assignment = assignReplicas({ brokers: [1, 2, 3], partitions: 2, replicationFactor: 2, startPartitionId: 2, fixedStartIndex: 0 });
    expect([...assignment.keys()]).toEqual([2, 3]);
  });

  it('refuses a replication factor above the live brokers and empty topics', () => {
    expect(() => assignReplicas({ brokers: [1, 2], partitions: 1, replicationFactor: 3 })).toThrow(AssignmentError);
    expect(() => assignReplicas({ brokers: [1, 2], partitions: 1, replicationFactor: 3 })).toThrow(/larger than available brokers: 2/);
    expect(() => assignReplicas({ brokers: [1], partitions: 0, replicationFactor: 1 })).toThrow(/partitions/);
  });
});
