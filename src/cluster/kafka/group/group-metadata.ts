import type { CommittedOffset, JoinGroupMember, JoinGroupResult, SyncGroupResult } from './coordinator-results.ts';
import { IllegalGroupStateError, validPreviousStates, type GroupState } from './group-state.ts';
import type { MemberMetadata } from './member-metadata.ts';

/** `topic` + `partition` as one map key. */
export function topicPartitionKey(topic: string, partition: number): string {
  return `${partition}\u0000${topic}`;
}

/**
 * One consumer group as its coordinator holds it (Kafka `GroupMetadata.scala`): members, generation,
 * the chosen protocol, the leader, and the committed offsets. Pure bookkeeping; the timers and the
 * protocol decisions live in `GroupCoordinator`.
 */
export class GroupMetadata {
  readonly groupId: string;
  /** The `__consumer_offsets` partition this group is stored in. */
  readonly partition: number;
  #state: GroupState = 'Empty';
  /** When the group last changed state (ms), or -1 when unknown (older records). */
  currentStateTimestamp: number;
  generationId = 0;
  /** Set by the first member (`consumer` for consumer groups); `null` for offsets-only groups. */
  protocolType: string | null = null;
  /** The assignor chosen for the current generation. */
  protocolName: string | null = null;
  leaderId: string | null = null;
  /** In join order: Kafka picks a replacement leader among them. */
  readonly members = new Map<string, MemberMetadata>();
  /** Member ids handed out with MEMBER_ID_REQUIRED that have not rejoined yet, with their expiry timers. */
  readonly pendingMembers = new Map<string, () => void>();
  /** Members that got their JoinGroup answer and have not sent SyncGroup yet. */
  readonly pendingSyncMembers = new Set<string>();
  /** For each protocol name, how many members support it. */
  readonly #supportedProtocols = new Map<string, number>();
  /** A member joined during the first rebalance's initial delay: wait once more. */
  newMemberAdded = false;
  readonly offsets = new Map<string, CommittedOffset & { readonly topic: string; readonly partition: number }>();
  /** Cancels the pending rebalance completion (initial delay or rebalance timeout). */
  cancelJoinTimer: (() => void) | null = null;
  /** Whether the pending join completion is the initial delay (which new joiners cannot cut short). */
  joinTimerIsInitialDelay = false;
  /** Cancels the pending-sync expiry (members that never sent SyncGroup). */
  cancelSyncTimer: (() => void) | null = null;

  constructor(groupId: string, partition: number, now: number) {
    this.groupId = groupId;
    this.partition = partition;
    this.currentStateTimestamp = now;
  }

  get state(): GroupState {
    return this.#state;
  }

  is(state: GroupState): boolean {
    return this.#state === state;
  }

  transitionTo(state: GroupState, now: number): void {
    if (!validPreviousStates[state].includes(this.#state)) throw new IllegalGroupStateError(this.groupId, this.#state, state);
    this.#state = state;
    this.currentStateTimestamp = now;
  }

  /** Restores the state a group was stored in (loading from `__consumer_offsets`). */
  restoreState(state: 'Empty' | 'Stable'): void {
    this.#state = state;
  }

  /** Only Stable, CompletingRebalance and Empty groups may start a rebalance. */
  get canRebalance(): boolean {
    return validPreviousStates.PreparingRebalance.includes(this.#state);
  }

  isLeader(memberId: string): boolean {
    return this.leaderId === memberId;
  }

  get size(): number {
    return this.members.size;
  }

  /** The largest rebalance timeout of the members: how long a rebalance waits for everyone to rejoin. */
  get rebalanceTimeoutMs(): number {
    let max = 0;
    for (const member of this.members.values()) max = Math.max(max, member.rebalanceTimeoutMs);
    return max;
  }

  get numMembersAwaitingJoin(): number {
    let count = 0;
    for (const member of this.members.values()) if (member.isAwaitingJoin) count++;
    return count;
  }

  /** Every member has sent JoinGroup for this rebalance and no MEMBER_ID_REQUIRED member is outstanding. */
  get hasAllMembersJoined(): boolean {
    return this.members.size === this.numMembersAwaitingJoin && this.pendingMembers.size === 0;
  }

  notYetRejoinedMembers(): MemberMetadata[] {
    return [...this.members.values()].filter((member) => !member.isAwaitingJoin);
  }

  /**
   * Whether a member speaking `protocolType` with `protocols` may join: any non-empty offer for an empty
   * group; otherwise the same protocol type and at least one protocol every current member supports.
   */
  supportsProtocols(protocolType: string, protocols: ReadonlySet<string>): boolean {
    if (this.is('Empty')) return protocolType.length > 0 && protocols.size > 0;
    if (this.protocolType !== protocolType) return false;
    for (const name of protocols) if (this.#supportedProtocols.get(name) === this.members.size) return true;
    return false;
  }

  add(member: MemberMetadata, onJoin: ((result: JoinGroupResult) => void) | null): void {
    if (this.members.size === 0) this.protocolType = member.protocolType;
    if (this.leaderId === null) this.leaderId = member.memberId;
    this.members.set(member.memberId, member);
    this.#countProtocols(member, 1);
    member.awaitingJoin = onJoin;
    this.pendingMembers.delete(member.memberId);
  }

  /** Takes a member out; a leaving leader hands over to the next member in join order. */
  remove(memberId: string): MemberMetadata | undefined {
    const member = this.members.get(memberId);
    if (member) {
      this.members.delete(memberId);
      this.#countProtocols(member, -1);
    }
    if (this.isLeader(memberId)) this.leaderId = this.members.keys().next().value ?? null;
    this.pendingSyncMembers.delete(memberId);
    return member;
  }

  /** A rejoin: new protocols and timeouts, and the JoinGroup answer to park (or none). */
  updateMember(
    member: MemberMetadata,
    protocols: MemberMetadata['protocols'],
    rebalanceTimeoutMs: number,
    sessionTimeoutMs: number,
    onJoin: ((result: JoinGroupResult) => void) | null,
  ): void {
    this.#countProtocols(member, -1);
    member.protocols = protocols;
    this.#countProtocols(member, 1);
    member.rebalanceTimeoutMs = rebalanceTimeoutMs;
    member.sessionTimeoutMs = sessionTimeoutMs;
    member.awaitingJoin = onJoin;
  }

  /** Answers a parked JoinGroup; `false` when the member was not waiting. */
  maybeInvokeJoinCallback(member: MemberMetadata, result: JoinGroupResult): boolean {
    const callback = member.awaitingJoin;
    if (!callback) return false;
    member.awaitingJoin = null;
    callback(result);
    return true;
  }

  /** Answers a parked SyncGroup; `false` when the member was not waiting. */
  maybeInvokeSyncCallback(member: MemberMetadata, result: SyncGroupResult): boolean {
    const callback = member.awaitingSync;
    if (!callback) return false;
    member.awaitingSync = null;
    callback(result);
    return true;
  }

  /**
   * If the leader did not rejoin, hands leadership to a member that did. `false` when nobody rejoined
   * (or there is no leader).
   */
  maybeElectNewJoinedLeader(): boolean {
    if (this.leaderId === null) return false;
    const leader = this.members.get(this.leaderId);
    if (leader?.isAwaitingJoin) return true;
    for (const member of this.members.values()) {
      if (member.isAwaitingJoin) {
        this.leaderId = member.memberId;
        return true;
      }
    }
    return false;
  }

  /** The protocols every member supports. */
  candidateProtocols(): Set<string> {
    const candidates = new Set<string>();
    for (const [name, count] of this.#supportedProtocols) if (count === this.members.size) candidates.add(name);
    return candidates;
  }

  /**
   * Each member votes for its most preferred protocol among the common ones; the most votes win (ties go
   * to the protocol the earliest member voted for).
   */
  selectProtocol(): string {
    if (this.members.size === 0) throw new Error(`cannot select a protocol for empty group ${this.groupId}`);
    const candidates = this.candidateProtocols();
    const votes = new Map<string, number>();
    for (const member of this.members.values()) {
      const choice = member.vote(candidates);
      votes.set(choice, (votes.get(choice) ?? 0) + 1);
    }
    let best = '';
    let bestVotes = -1;
    for (const [name, count] of votes) {
      if (count > bestVotes) {
        best = name;
        bestVotes = count;
      }
    }
    return best;
  }

  /** Next generation: CompletingRebalance with a chosen protocol, or Empty when nobody is left. */
  initNextGeneration(now: number): void {
    this.generationId += 1;
    if (this.members.size > 0) {
      this.protocolName = this.selectProtocol();
      this.transitionTo('CompletingRebalance', now);
    } else {
      this.protocolName = null;
      this.transitionTo('Empty', now);
    }
    this.pendingSyncMembers.clear();
  }

  /** What the leader's JoinGroup answer lists: every member with its subscription for the chosen protocol. */
  currentMemberMetadata(): JoinGroupMember[] {
    const protocol = this.protocolName;
    if (protocol === null) throw new Error(`group ${this.groupId} has no protocol in state ${this.state}`);
    return [...this.members.values()].map((member) => ({
      memberId: member.memberId,
      groupInstanceId: member.groupInstanceId,
      metadata: member.metadata(protocol),
    }));
  }

  #countProtocols(member: MemberMetadata, delta: 1 | -1): void {
    for (const name of new Set(member.protocols.map((p) => p.name))) {
      const count = (this.#supportedProtocols.get(name) ?? 0) + delta;
      if (count === 0) this.#supportedProtocols.delete(name);
      else this.#supportedProtocols.set(name, count);
    }
  }
}
