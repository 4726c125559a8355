import { describe, expect, it } from 'vitest';
import { decideAlterPartition } from './alter-partition.ts';
import type { IsrProposal } from './alter-partition.ts';

describe('decideAlterPartition (tryProcessAlterPartition, per partition)', () => {
  const current = { leader: 2, leaderEpoch: 4, isr: [2, 3, 1], controllerEpoch: 1, zkVersion: 7 };
  const live = new Set([1, 2, 3]);
  const proposal = (change: Partial<IsrProposal>): IsrProposal => ({ topic: 't', partition: 0, leader: 2, leaderEpoch: 4, isr: [2, 3], partitionEpoch: 7, leaderRecoveryState: 0, ...change });

  it("checks in Kafka's order", () => {
    expect(decideAlterPartition(proposal({}), undefined, live, 3)).toEqual({ kind: 'error', error: 'UNKNOWN_TOPIC_OR_PARTITION' });
    // Newer epochs than the controller knows: it is probably not the controller any more.
    expect(decideAlterPartition(proposal({ partitionEpoch: 8 }), current, live, 3)).toEqual({ kind: 'error', error: 'NOT_CONTROLLER' });
    expect(decideAlterPartition(proposal({ leaderEpoch: 5 }), current, live, 3)).toEqual({ kind: 'error', error: 'NOT_CONTROLLER' });
    expect(decideAlterPartition(proposal({ leaderEpoch: 3 }), current, live, 3)).toEqual({ kind: 'error', error: 'FENCED_LEADER_EPOCH' });
    expect(decideAlterPartition(proposal({ leader: 3 }), current, live, 3)).toEqual({ kind: 'error', error: 'FENCED_LEADER_EPOCH' });
    // Already so: answered with the state, even for an old partition epoch (a retried request).
    expect(decideAlterPartition(proposal({ isr: [2, 3, 1], partitionEpoch: 5 }), current, live, 3)).toEqual({
      kind: 'unchanged',
      state: { leader: 2, leaderEpoch: 4, isr: [2, 3, 1], partitionEpoch: 7 },
    });
    expect(decideAlterPartition(proposal({ partitionEpoch: 6 }), current, live, 3)).toEqual({ kind: 'error', error: 'INVALID_UPDATE_VERSION' });
    expect(decideAlterPartition(proposal({ leaderRecoveryState: 1 }), current, live, 3)).toEqual({ kind: 'error', error: 'INVALID_REQUEST' });
    expect(decideAlterPartition(proposal({ isr: [2, 3, 1, 4] }), current, live, 3)).toEqual({ kind: 'error', error: 'INELIGIBLE_REPLICA' });
    expect(decideAlterPartition(proposal({ isr: [2, 3, 1, 4] }), current, live, 1)).toEqual({ kind: 'error', error: 'OPERATION_NOT_ATTEMPTED' });
    expect(decideAlterPartition(proposal({}), current, live, 3)).toEqual({ kind: 'write' });
  });
});
