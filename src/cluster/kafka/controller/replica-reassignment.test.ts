import { describe, expect, it } from 'vitest';
import { invalidReassignmentReason, isBeingReassigned, originReplicas, reassignTo, replicaAssignment, targetReplicas } from './replica-reassignment.ts';

describe('ReplicaAssignment as Kafka computes it', () => {
  it('puts the target first and keeps the origin (RS = TRS ++ ORS), with adding and removing replicas', () => {
    const moving = reassignTo(replicaAssignment([1, 2, 3]), [2, 3, 4]);
    expect(moving).toEqual({ replicas: [2, 3, 4, 1], adding: [4], removing: [1] });
    // ORS = RS - AR: the original members, not their original order (Kafka cannot restore it either).
    expect(originReplicas(moving)).toEqual([2, 3, 1]);
    expect(targetReplicas(moving)).toEqual([2, 3, 4]);
    expect(isBeingReassigned(moving)).toBe(true);
    // Kafka's own example (`updateCurrentReassignment`): [1, 2, 3] -> [3, 4, 2] is encoded [3, 4, 2, 1].
    expect(reassignTo(replicaAssignment([1, 2, 3]), [3, 4, 2]).replicas).toEqual([3, 4, 2, 1]);
  });

  it('supersedes an ongoing reassignment from the original replicas, and cancels back to them', () => {
    const moving = reassignTo(replicaAssignment([1, 2, 3]), [2, 3, 4]);
    expect(reassignTo(moving, [5, 6, 7])).toEqual({ replicas: [5, 6, 7, 2, 3, 1], adding: [5, 6, 7], removing: [2, 3, 1] });
    expect(reassignTo(moving, originReplicas(moving))).toEqual({ replicas: [2, 3, 1], adding: [], removing: [] });
  });

  it('changes the replication factor', () => {
    expect(reassignTo(replicaAssignment([1, 2]), [1, 2, 3])).toEqual({ replicas: [1, 2, 3], adding: [3], removing: [] });
    expect(reassignTo(replicaAssignment([1, 2, 3]), [1, 2])).toEqual({ replicas: [1, 2, 3], adding: [], removing: [3] });
  });

  it('refuses targets as KafkaController.validateReplicas does', () => {
    const live = new Set([1, 2, 3]);
    const current = replicaAssignment([1, 2]);
    expect(invalidReassignmentReason(current, [], live)).toBe('Empty replica list specified in partition reassignment.');
    expect(invalidReassignmentReason(current, [1, 1], live)).toBe('Duplicate replica ids in partition reassignment replica list: ArrayBuffer(1, 1)');
    expect(invalidReassignmentReason(current, [1, -2], live)).toBe('Invalid broker id in replica list: ArrayBuffer(1, -2)');
    expect(invalidReassignmentReason(current, [1, 7], live)).toBe('Replica assignment has brokers that are not alive. Replica list: ArrayBuffer(7), live broker list: Set(1, 2, 3)');
    // Only added replicas must be alive: a dead original replica may stay.
    expect(invalidReassignmentReason(replicaAssignment([1, 9]), [9, 2], live)).toBeNull();
  });
});
