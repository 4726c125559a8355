import { describe, expect, it } from 'vitest';
import { electControlledShutdownLeader, electNewPartitionLeader, electOfflineLeader, removeReplicaFromIsr } from './leader-election.ts';

describe('leader election', () => {
  it('picks the first live ISR replica in assignment order', () => {
    expect(electOfflineLeader([2, 3, 1], [1, 2, 3], new Set([1, 3]), false)).toEqual({ leader: 3, isr: [1, 3] });
  });

  it('keeps a partition offline without a live ISR member unless unclean election is on', () => {
    expect(electOfflineLeader([1, 2], [1], new Set([2]), false)).toBeNull();
    expect(electOfflineLeader([1, 2], [1], new Set([2]), true)).toEqual({ leader: 2, isr: [2] });
  });

  it('starts a new partition with its live replicas', () => {
    expect(electNewPartitionLeader([3, 1, 2], new Set([1, 2]))).toEqual({ leader: 1, isr: [1, 2] });
    expect(electNewPartitionLeader([3], new Set([1]))).toBeNull();
  });

  it('moves leadership away from a broker shutting down', () => {
    expect(electControlledShutdownLeader([2, 1, 3], [2, 1, 3], new Set([1, 2, 3]), new Set([2]))).toEqual({ leader: 1, isr: [1, 3] });
    expect(electControlledShutdownLeader([2, 1], [2], new Set([1, 2]), new Set([2]))).toBeNull();
  });

  it('never shrinks the ISR below one member', () => {
    expect(removeReplicaFromIsr({ leader: 1, isr: [1, 2] }, 2)).toEqual({ leader: 1, isr: [1] });
    expect(removeReplicaFromIsr({ leader: 1, isr: [1] }, 1)).toEqual({ leader: -1, isr: [1] });
  });
});
