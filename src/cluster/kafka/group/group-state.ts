/**
 * The classic consumer group state machine (Kafka `GroupMetadata.scala`). The names are the strings
 * DescribeGroups and ListGroups report.
 *
 * - `Empty`: no members (yet, or any more); offsets may still be committed and fetched.
 * - `PreparingRebalance`: waiting for every member to (re)send JoinGroup, bounded by the rebalance timeout
 *   (and, for the first rebalance of an empty group, `group.initial.rebalance.delay.ms`).
 * - `CompletingRebalance`: JoinGroup answered; waiting for the leader's assignment in SyncGroup.
 * - `Stable`: assignment handed out; members heartbeat.
 * - `Dead`: deleted, or moved to another coordinator; no request is answered for it any more.
 */
export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

/** The states a group may enter each state from (Kafka's `validPreviousStates`). */
export const validPreviousStates: Readonly<Record<GroupState, readonly GroupState[]>> = Object.freeze({
  Dead: ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead'],
  CompletingRebalance: ['PreparingRebalance'],
  Stable: ['CompletingRebalance'],
  PreparingRebalance: ['Stable', 'CompletingRebalance', 'Empty'],
  Empty: ['PreparingRebalance'],
});

/** A transition the state machine forbids: a coordinator bug, never the client's fault. */
export class IllegalGroupStateError extends Error {
  constructor(groupId: string, from: GroupState, to: GroupState) {
    super(`group ${groupId} cannot go from ${from} to ${to} (allowed from: ${validPreviousStates[to].join(', ')})`);
    this.name = 'IllegalGroupStateError';
  }
}
