/**
 * The group coordinator of one broker: Kafka's classic consumer group protocol (JoinGroup, SyncGroup,
 * Heartbeat, LeaveGroup), committed offsets (OffsetCommit, OffsetFetch) and group administration
 * (DescribeGroups, ListGroups, DeleteGroups), modelled on Apache Kafka 3.4's `GroupCoordinator.scala` and
 * `GroupMetadataManager.scala` (same states, same decisions, same error codes).
 *
 * A broker coordinates the groups whose `__consumer_offsets` partition (`abs(javaHash(groupId)) %
 * partitions`) it leads. Group metadata and committed offsets are written to that partition in Kafka's
 * record format (`offsets-records.ts`) and only acknowledged once the ISR has them, so when the broker
 * stops, the partition's new leader replays the log (`readAll`) and takes over the groups with their
 * generation, members and offsets. While it replays, requests for those groups get
 * COORDINATOR_LOAD_IN_PROGRESS; a broker that lost the partition answers NOT_COORDINATOR.
 *
 * Requests that must wait (JoinGroup until everyone rejoined, SyncGroup until the leader's assignment) are
 * parked as callbacks on the member and answered from timers or later requests, as in Kafka's purgatories.
 * Timers come from an injectable `Scheduler`, so unit tests run on a manual clock.
 */
import type { Logger } from '../../logger.ts';
import { randomUuid } from '../../random-uuid.ts';
import type { BrokerServices, GroupCoordinatorService, OffsetsTopicRecord } from '../broker/broker-services.ts';
import { KAFKA_ERRORS, KafkaProtocolError } from '../protocol/errors.ts';
import type {
  DeletedGroup,
  DescribedGroup,
  HeartbeatParams,
  JoinGroupParams,
  JoinGroupResult,
  LeaveGroupResult,
  LeavingMember,
  ListGroupsResult,
  OffsetCommitParams,
  OffsetFetchResult,
  OffsetToCommit,
  PartitionError,
  SyncGroupParams,
  SyncGroupResult,
} from './coordinator-results.ts';
import { GroupMetadata, topicPartitionKey } from './group-metadata.ts';
import { offsetsPartitionFor } from './java-string-hash.ts';
import { MemberMetadata, type MemberProtocol } from './member-metadata.ts';
import { replayOffsetsPartition } from './offsets-partition-replay.ts';
import { encodeGroupMetadataKey, encodeGroupMetadataValue, encodeOffsetCommitKey, encodeOffsetCommitValue } from './offsets-records.ts';
import { systemScheduler, type Scheduler } from './scheduler.ts';

const E = KAFKA_ERRORS;
const NONE = E.NONE.code;
const EMPTY = new Uint8Array(0);

/** What the coordinator needs from its broker (a subset of `BrokerServices`). */
export type GroupCoordinatorServices = Pick<BrokerServices, 'brokerId' | 'config' | 'logger' | 'offsetsTopic'>;

export interface GroupCoordinatorOptions {
  /** Clock and timers (default: wall clock). */
  readonly scheduler?: Scheduler;
  /** Member ids for new members; Kafka uses `clientId-<uuid>`. */
  readonly newMemberId?: (clientId: string) => string;
  /** How long a new member may wait in its first JoinGroup before it is dropped. Kafka: 300000. */
  readonly newMemberJoinTimeoutMs?: number;
  /** `offset.metadata.max.bytes`: longer commit metadata gets OFFSET_METADATA_TOO_LARGE. Kafka: 4096. */
  readonly offsetMetadataMaxBytes?: number;
  /** Pause before retrying a failed load of an offsets partition. */
  readonly loadRetryMs?: number;
}

/** Whether an API accepts an empty group id (Kafka `isValidGroupId`). */
type GroupIdRule = 'non-empty' | 'any';

export class GroupCoordinator implements GroupCoordinatorService {
  readonly #services: GroupCoordinatorServices;
  readonly #log: Logger;
  readonly #scheduler: Scheduler;
  readonly #newMemberId: (clientId: string) => string;
  readonly #newMemberJoinTimeoutMs: number;
  readonly #offsetMetadataMaxBytes: number;
  readonly #loadRetryMs: number;
  /** Groups of the partitions this broker leads and has loaded. */
  readonly #groups = new Map<string, GroupMetadata>();
  /** Offsets partitions loaded and coordinated here. */
  readonly #owned = new Set<number>();
  /** Offsets partitions being replayed, each with the token of its load (a newer load replaces it). */
  readonly #loading = new Map<number, object>();
  #active = false;
  #stopListening: (() => void) | null = null;

  constructor(services: GroupCoordinatorServices, options: GroupCoordinatorOptions = {}) {
    this.#services = services;
    this.#log = services.logger.child('group-coordinator');
    this.#scheduler = options.scheduler ?? systemScheduler;
    this.#newMemberId = options.newMemberId ?? ((clientId) => `${clientId}-${randomUuid()}`);
    this.#newMemberJoinTimeoutMs = options.newMemberJoinTimeoutMs ?? 300_000;
    this.#offsetMetadataMaxBytes = options.offsetMetadataMaxBytes ?? 4096;
    this.#loadRetryMs = options.loadRetryMs ?? 1000;
  }

  // ---------------------------------------------------------------------------------------------------
  // Lifecycle and partition ownership

  /** Starts coordinating: loads the offsets partitions this broker leads now and follows leadership changes. */
  start(): void {
    if (this.#active) return;
    this.#active = true;
    const topic = this.#services.offsetsTopic;
    this.#stopListening = topic.onLeadershipChange((partition, isLeader) => {
      if (isLeader) this.#beginLoad(partition);
      else this.#unloadPartition(partition);
    });
    for (let partition = 0; partition < topic.partitionCount; partition++) {
      if (topic.isLocalLeader(partition)) this.#beginLoad(partition);
    }
  }

  /** Stops: answers every parked request NOT_COORDINATOR, cancels every timer, forgets every group. */
  stop(): void {
    this.#active = false;
    this.#stopListening?.();
    this.#stopListening = null;
    for (const partition of [...this.#owned]) this.#unloadPartition(partition);
    this.#loading.clear();
  }

  /** The `__consumer_offsets` partition that stores `groupId`. */
  partitionFor(groupId: string): number {
    return offsetsPartitionFor(groupId, this.#services.offsetsTopic.partitionCount);
  }

  /** Whether this broker currently coordinates `groupId` (leads and has loaded its partition). */
  isCoordinatorFor(groupId: string): boolean {
    const partition = this.partitionFor(groupId);
    return this.#active && this.#owned.has(partition) && this.#services.offsetsTopic.isLocalLeader(partition);
  }

  /** Offsets partitions loaded here, ascending (for labs and tests). */
  ownedPartitions(): number[] {
    return [...this.#owned].sort((a, b) => a - b);
  }

  #beginLoad(partition: number): void {
    if (!this.#active || this.#owned.has(partition) || this.#loading.has(partition)) return;
    const token = {};
    this.#loading.set(partition, token);
    void this.#load(partition, token);
  }

  async #load(partition: number, token: object): Promise<void> {
    const startedAt = this.#scheduler.now();
    let records: OffsetsTopicRecord[];
    try {
      records = await this.#services.offsetsTopic.readAll(partition);
    } catch (error) {
      if (this.#loading.get(partition) !== token) return;
      this.#log.warn('could not read __consumer_offsets partition; retrying', { partition, error: String(error) });
      this.#scheduler.schedule(this.#loadRetryMs, () => {
        if (this.#loading.get(partition) !== token) return;
        this.#loading.delete(partition);
        if (this.#services.offsetsTopic.isLocalLeader(partition)) this.#beginLoad(partition);
      });
      return;
    }
    if (this.#loading.get(partition) !== token) return; // leadership moved on while reading
    this.#loading.delete(partition);
    const groups = replayOffsetsPartition(partition, records, this.#scheduler.now(), this.#log);
    for (const group of groups) {
      this.#groups.set(group.groupId, group);
      for (const member of group.members.values()) this.#completeAndScheduleNextHeartbeat(group, member);
    }
    this.#owned.add(partition);
    this.#log.info('loaded groups and offsets', {
      partition,
      records: records.length,
      groups: groups.map((g) => `${g.groupId}@${g.generationId}:${g.state}`),
      ms: this.#scheduler.now() - startedAt,
    });
  }

  #unloadPartition(partition: number): void {
    this.#loading.delete(partition);
    if (!this.#owned.delete(partition)) return;
    const unloaded: string[] = [];
    for (const group of [...this.#groups.values()]) {
      if (group.partition !== partition) continue;
      this.#onGroupUnloaded(group);
      this.#groups.delete(group.groupId);
      unloaded.push(group.groupId);
    }
    this.#log.info('no longer coordinating __consumer_offsets partition', { partition, groups: unloaded });
  }

  /** Another broker takes the group over: parked requests learn NOT_COORDINATOR and re-discover. */
  #onGroupUnloaded(group: GroupMetadata): void {
    const previous = group.state;
    group.transitionTo('Dead', this.#scheduler.now());
    this.#cancelGroupTimers(group);
    for (const member of group.members.values()) {
      if (previous === 'PreparingRebalance') group.maybeInvokeJoinCallback(member, joinError(member.memberId, E.NOT_COORDINATOR.code));
      if (previous === 'CompletingRebalance' || previous === 'Stable') group.maybeInvokeSyncCallback(member, syncError(E.NOT_COORDINATOR.code));
      member.cancelHeartbeat?.();
      member.cancelHeartbeat = null;
    }
  }

  #validateGroupStatus(groupId: string | null, rule: GroupIdRule): number | null {
    if (groupId === null || (rule === 'non-empty' && groupId === '')) return E.INVALID_GROUP_ID.code;
    if (!this.#active) return E.COORDINATOR_NOT_AVAILABLE.code;
    const partition = this.partitionFor(groupId);
    if (this.#loading.has(partition)) return E.COORDINATOR_LOAD_IN_PROGRESS.code;
    if (!this.#owned.has(partition) || !this.#services.offsetsTopic.isLocalLeader(partition)) return E.NOT_COORDINATOR.code;
    return null;
  }

  #liveGroup(groupId: string): GroupMetadata | undefined {
    return this.#groups.get(groupId);
  }

  #isCurrent(group: GroupMetadata): boolean {
    return this.#groups.get(group.groupId) === group && !group.is('Dead');
  }

  // ---------------------------------------------------------------------------------------------------
  // JoinGroup

  /** Resolves when the member's JoinGroup is answered (after the rebalance completes, or at once with an error). */
  joinGroup(params: JoinGroupParams): Promise<JoinGroupResult> {
    return new Promise((resolve) => this.#handleJoinGroup(params, resolve));
  }

  #handleJoinGroup(params: JoinGroupParams, respond: (result: JoinGroupResult) => void): void {
    const { groupId, memberId } = params;
    const statusError = this.#validateGroupStatus(groupId, 'non-empty');
    if (statusError !== null) return respond(joinError(memberId, statusError));
    const { groupMinSessionTimeoutMs, groupMaxSessionTimeoutMs } = this.#services.config;
    if (params.sessionTimeoutMs < groupMinSessionTimeoutMs || params.sessionTimeoutMs > groupMaxSessionTimeoutMs) {
      return respond(joinError(memberId, E.INVALID_SESSION_TIMEOUT.code));
    }
    const isUnknownMember = memberId === '';
    let group = this.#liveGroup(groupId);
    if (!group) {
      if (!isUnknownMember) return respond(joinError(memberId, E.UNKNOWN_MEMBER_ID.code));
      group = new GroupMetadata(groupId, this.partitionFor(groupId), this.#scheduler.now());
      this.#groups.set(groupId, group);
    }
    if (isUnknownMember) this.#doNewMemberJoinGroup(group, params, respond);
    else this.#doCurrentMemberJoinGroup(group, params, respond);
    if (group.is('PreparingRebalance')) this.#tryCompleteJoin(group);
  }

  #doNewMemberJoinGroup(group: GroupMetadata, params: JoinGroupParams, respond: (result: JoinGroupResult) => void): void {
    if (group.is('Dead')) return respond(joinError('', E.COORDINATOR_NOT_AVAILABLE.code));
    if (!group.supportsProtocols(params.protocolType, protocolNames(params.protocols))) {
      return respond(joinError('', E.INCONSISTENT_GROUP_PROTOCOL.code));
    }
    const newMemberId = this.#newMemberId(params.clientId);
    if (params.requireKnownMemberId) {
      // JoinGroup v4+: hand out the id first; the member joins for real when it comes back with it.
      const cancel = this.#scheduler.schedule(params.sessionTimeoutMs, () => this.#onExpirePendingMember(group, newMemberId));
      group.pendingMembers.set(newMemberId, cancel);
      this.#log.debug('new member must rejoin with its member id', { group: group.groupId, memberId: newMemberId });
      return respond(joinError(newMemberId, E.MEMBER_ID_REQUIRED.code));
    }
    this.#addMemberAndRebalance(group, newMemberId, params, respond);
  }

  #doCurrentMemberJoinGroup(group: GroupMetadata, params: JoinGroupParams, respond: (result: JoinGroupResult) => void): void {
    const { memberId } = params;
    if (group.is('Dead')) return respond(joinError(memberId, E.COORDINATOR_NOT_AVAILABLE.code));
    if (!group.supportsProtocols(params.protocolType, protocolNames(params.protocols))) {
      return respond(joinError(memberId, E.INCONSISTENT_GROUP_PROTOCOL.code));
    }
    const pending = group.pendingMembers.get(memberId);
    if (pending) {
      pending();
      group.pendingMembers.delete(memberId);
      return this.#addMemberAndRebalance(group, memberId, params, respond);
    }
    const member = group.members.get(memberId);
    if (!member) return respond(joinError(memberId, E.UNKNOWN_MEMBER_ID.code));
    switch (group.state) {
      case 'PreparingRebalance':
        return this.#updateMemberAndRebalance(group, member, params, respond);
      case 'CompletingRebalance':
        // A JoinGroup retry after the join was answered: answer again, unless the member changed its protocols.
        if (member.matches(params.protocols)) return respond(this.#currentJoinResult(group, member));
        return this.#updateMemberAndRebalance(group, member, params, respond);
      case 'Stable':
        // The leader rejoining, or a member with new subscriptions, starts a rebalance; anyone else gets the
        // current generation back.
        if (group.isLeader(memberId) || !member.matches(params.protocols)) return this.#updateMemberAndRebalance(group, member, params, respond);
        return respond(this.#currentJoinResult(group, member));
      case 'Empty':
      case 'Dead':
        return respond(joinError(memberId, E.UNKNOWN_MEMBER_ID.code));
    }
  }

  #currentJoinResult(group: GroupMetadata, member: MemberMetadata): JoinGroupResult {
    return {
      errorCode: NONE,
      generationId: group.generationId,
      protocolType: group.protocolType,
      protocolName: group.protocolName,
      leaderId: group.leaderId ?? '',
      memberId: member.memberId,
      members: group.isLeader(member.memberId) ? group.currentMemberMetadata() : [],
    };
  }

  #addMemberAndRebalance(group: GroupMetadata, memberId: string, params: JoinGroupParams, respond: (result: JoinGroupResult) => void): void {
    const member = new MemberMetadata({
      memberId,
      groupInstanceId: params.groupInstanceId,
      clientId: params.clientId,
      clientHost: params.clientHost,
      rebalanceTimeoutMs: params.rebalanceTimeoutMs,
      sessionTimeoutMs: params.sessionTimeoutMs,
      protocolType: params.protocolType,
      protocols: params.protocols,
    });
    member.isNew = true;
    // A member arriving during the first rebalance's initial delay extends the delay once more.
    if (group.is('PreparingRebalance') && group.generationId === 0) group.newMemberAdded = true;
    group.add(member, respond);
    // Until its first join completes, a new member only has the new-member timeout to live.
    this.#completeAndScheduleNextHeartbeat(group, member, this.#newMemberJoinTimeoutMs);
    this.#log.info('member joined', { group: group.groupId, memberId, clientId: params.clientId, state: group.state });
    this.#maybePrepareRebalance(group, `adding new member ${memberId}`);
  }

  #updateMemberAndRebalance(group: GroupMetadata, member: MemberMetadata, params: JoinGroupParams, respond: (result: JoinGroupResult) => void): void {
    // A retried JoinGroup replaces the parked one; answer the old request so nothing stays parked forever.
    group.maybeInvokeJoinCallback(member, joinError(member.memberId, E.REBALANCE_IN_PROGRESS.code));
    group.updateMember(member, params.protocols, params.rebalanceTimeoutMs, params.sessionTimeoutMs, respond);
    this.#maybePrepareRebalance(group, `updating metadata of member ${member.memberId}`);
  }

  #maybePrepareRebalance(group: GroupMetadata, reason: string): void {
    if (group.canRebalance) this.#prepareRebalance(group, reason);
  }

  #prepareRebalance(group: GroupMetadata, reason: string): void {
    // Members waiting in SyncGroup must rejoin: their assignment is void.
    if (group.is('CompletingRebalance')) this.#resetAndPropagateAssignmentError(group, E.REBALANCE_IN_PROGRESS.code);
    this.#cancelSyncTimer(group);
    const initial = group.is('Empty');
    group.transitionTo('PreparingRebalance', this.#scheduler.now());
    this.#log.info('preparing to rebalance', { group: group.groupId, generation: group.generationId, reason });
    if (initial) {
      // group.initial.rebalance.delay.ms: let more members of a starting application join the first generation.
      const delay = this.#services.config.groupInitialRebalanceDelayMs;
      this.#scheduleInitialDelayedJoin(group, delay, Math.max(group.rebalanceTimeoutMs - delay, 0));
    } else {
      this.#scheduleDelayedJoin(group);
      this.#tryCompleteJoin(group);
    }
  }

  /** The rebalance ends when every member rejoined, or after the largest rebalance timeout. */
  #scheduleDelayedJoin(group: GroupMetadata): void {
    this.#cancelJoinTimer(group);
    group.joinTimerIsInitialDelay = false;
    group.cancelJoinTimer = this.#scheduler.schedule(group.rebalanceTimeoutMs, () => {
      group.cancelJoinTimer = null;
      if (this.#isCurrent(group)) this.#onCompleteJoin(group);
    });
  }

  /** The first rebalance waits `delay`, then again (up to the rebalance timeout) while new members keep arriving. */
  #scheduleInitialDelayedJoin(group: GroupMetadata, delay: number, remaining: number): void {
    this.#cancelJoinTimer(group);
    group.joinTimerIsInitialDelay = true;
    group.cancelJoinTimer = this.#scheduler.schedule(delay, () => {
      group.cancelJoinTimer = null;
      if (!this.#isCurrent(group)) return;
      if (group.newMemberAdded && remaining !== 0) {
        group.newMemberAdded = false;
        const configured = this.#services.config.groupInitialRebalanceDelayMs;
        this.#scheduleInitialDelayedJoin(group, Math.min(configured, remaining), Math.max(remaining - delay, 0));
      } else {
        this.#onCompleteJoin(group);
      }
    });
  }

  /** Completes the rebalance early once everyone has rejoined (never during the initial delay). */
  #tryCompleteJoin(group: GroupMetadata): void {
    if (!group.is('PreparingRebalance') || group.joinTimerIsInitialDelay || !group.hasAllMembersJoined) return;
    this.#cancelJoinTimer(group);
    this.#onCompleteJoin(group);
  }

  #onCompleteJoin(group: GroupMetadata): void {
    this.#cancelJoinTimer(group);
    if (group.is('Dead')) return;
    for (const member of group.notYetRejoinedMembers()) {
      this.#log.info('member did not rejoin in time; removing it', { group: group.groupId, memberId: member.memberId });
      group.remove(member.memberId);
      this.#removeHeartbeat(member);
    }
    if (!group.maybeElectNewJoinedLeader() && group.size > 0) {
      // Nobody rejoined: wait again until the session timeouts have removed the silent members.
      this.#log.warn('rebalance could not complete: no member rejoined', { group: group.groupId });
      this.#scheduleDelayedJoin(group);
      return;
    }
    group.initNextGeneration(this.#scheduler.now());
    if (group.is('Empty')) {
      this.#log.info('group is empty', { group: group.groupId, generation: group.generationId });
      void this.#storeGroup(group, new Map()).then((error) => {
        if (error !== NONE) this.#log.warn('could not store empty group metadata', { group: group.groupId, error });
      });
      return;
    }
    this.#log.info('stabilized group', {
      group: group.groupId,
      generation: group.generationId,
      protocol: group.protocolName,
      leader: group.leaderId,
      members: group.size,
    });
    for (const member of group.members.values()) {
      group.maybeInvokeJoinCallback(member, this.#currentJoinResult(group, member));
      this.#completeAndScheduleNextHeartbeat(group, member);
      member.isNew = false;
      group.pendingSyncMembers.add(member.memberId);
    }
    this.#schedulePendingSync(group);
  }

  // ---------------------------------------------------------------------------------------------------
  // SyncGroup

  /** Resolves with this member's assignment once the leader has sent it (or at once with an error). */
  syncGroup(params: SyncGroupParams): Promise<SyncGroupResult> {
    return new Promise((resolve) => this.#handleSyncGroup(params, resolve));
  }

  #handleSyncGroup(params: SyncGroupParams, respond: (result: SyncGroupResult) => void): void {
    const statusError = this.#validateGroupStatus(params.groupId, 'non-empty');
    // While loading, the rebalance state is lost: make the member rejoin rather than re-discover.
    if (statusError === E.COORDINATOR_LOAD_IN_PROGRESS.code) return respond(syncError(E.REBALANCE_IN_PROGRESS.code));
    if (statusError !== null) return respond(syncError(statusError));
    const group = this.#liveGroup(params.groupId);
    if (!group) return respond(syncError(E.UNKNOWN_MEMBER_ID.code));
    if (group.is('Dead')) return respond(syncError(E.COORDINATOR_NOT_AVAILABLE.code));
    const member = group.members.get(params.memberId);
    if (!member) return respond(syncError(E.UNKNOWN_MEMBER_ID.code));
    if (params.generationId !== group.generationId) return respond(syncError(E.ILLEGAL_GENERATION.code));
    switch (group.state) {
      case 'Empty':
        return respond(syncError(E.UNKNOWN_MEMBER_ID.code));
      case 'PreparingRebalance':
        return respond(syncError(E.REBALANCE_IN_PROGRESS.code));
      case 'CompletingRebalance': {
        group.maybeInvokeSyncCallback(member, syncError(E.REBALANCE_IN_PROGRESS.code)); // a retried SyncGroup
        member.awaitingSync = respond;
        this.#removePendingSyncMember(group, member.memberId);
        if (group.isLeader(member.memberId)) this.#completeSyncFromLeader(group, params);
        return;
      }
      case 'Stable':
        this.#removePendingSyncMember(group, member.memberId);
        respond({ errorCode: NONE, protocolType: group.protocolType, protocolName: group.protocolName, assignment: member.assignment });
        this.#completeAndScheduleNextHeartbeat(group, member);
        return;
    }
  }

  #completeSyncFromLeader(group: GroupMetadata, params: SyncGroupParams): void {
    const assignment = new Map<string, Uint8Array>();
    for (const entry of params.assignments) if (group.members.has(entry.memberId)) assignment.set(entry.memberId, entry.assignment);
    const missing = [...group.members.keys()].filter((id) => !assignment.has(id));
    for (const id of missing) assignment.set(id, EMPTY);
    if (missing.length > 0) this.#log.warn('leader assigned nothing to some members', { group: group.groupId, missing });
    const generation = group.generationId;
    this.#log.info('assignment received from leader', { group: group.groupId, generation, leader: params.memberId, members: group.size });
    void this.#storeGroup(group, assignment).then((error) => {
      // Another member may have joined while the record was being replicated: then this assignment is stale.
      if (!group.is('CompletingRebalance') || group.generationId !== generation || !this.#isCurrent(group)) return;
      if (error !== NONE) {
        this.#resetAndPropagateAssignmentError(group, error);
        this.#maybePrepareRebalance(group, `error ${error} storing the assignment`);
        return;
      }
      for (const member of group.members.values()) member.assignment = assignment.get(member.memberId) ?? EMPTY;
      this.#propagateAssignment(group, NONE);
      group.transitionTo('Stable', this.#scheduler.now());
      this.#log.info('group is stable', { group: group.groupId, generation });
    });
  }

  #resetAndPropagateAssignmentError(group: GroupMetadata, errorCode: number): void {
    for (const member of group.members.values()) member.assignment = EMPTY;
    this.#propagateAssignment(group, errorCode);
  }

  #propagateAssignment(group: GroupMetadata, errorCode: number): void {
    for (const member of group.members.values()) {
      const result: SyncGroupResult =
        errorCode === NONE
          ? { errorCode, protocolType: group.protocolType, protocolName: group.protocolName, assignment: member.assignment }
          : syncError(errorCode);
      // Sessions that ran out while the member waited were ignored: start them afresh.
      if (group.maybeInvokeSyncCallback(member, result)) this.#completeAndScheduleNextHeartbeat(group, member);
    }
  }

  /** Members that got their JoinGroup answer must send SyncGroup within the rebalance timeout. */
  #schedulePendingSync(group: GroupMetadata): void {
    this.#cancelSyncTimer(group);
    const generation = group.generationId;
    group.cancelSyncTimer = this.#scheduler.schedule(group.rebalanceTimeoutMs, () => {
      group.cancelSyncTimer = null;
      if (!this.#isCurrent(group) || group.generationId !== generation) return;
      if (!(group.is('CompletingRebalance') || group.is('Stable')) || group.pendingSyncMembers.size === 0) return;
      const late = [...group.pendingSyncMembers];
      this.#log.info('members did not send SyncGroup in time; removing them', { group: group.groupId, members: late });
      for (const memberId of late) {
        const member = group.remove(memberId);
        if (member) this.#removeHeartbeat(member);
      }
      this.#prepareRebalance(group, `removing ${late.join(', ')} on pending sync expiration`);
    });
  }

  #removePendingSyncMember(group: GroupMetadata, memberId: string): void {
    group.pendingSyncMembers.delete(memberId);
    if (group.pendingSyncMembers.size === 0) this.#cancelSyncTimer(group);
  }

  // ---------------------------------------------------------------------------------------------------
  // Heartbeat, session expiry and LeaveGroup

  /** Answers a heartbeat: NONE, or REBALANCE_IN_PROGRESS to make the member rejoin, or why it is not a member. */
  heartbeat(params: HeartbeatParams): number {
    const statusError = this.#validateGroupStatus(params.groupId, 'non-empty');
    // Kafka answers heartbeats blindly while it loads the group.
    if (statusError === E.COORDINATOR_LOAD_IN_PROGRESS.code) return NONE;
    if (statusError !== null) return statusError;
    const group = this.#liveGroup(params.groupId);
    if (!group) return E.UNKNOWN_MEMBER_ID.code;
    if (group.is('Dead')) return E.COORDINATOR_NOT_AVAILABLE.code;
    const member = group.members.get(params.memberId);
    if (!member) return E.UNKNOWN_MEMBER_ID.code;
    switch (group.state) {
      case 'Empty':
        return E.UNKNOWN_MEMBER_ID.code;
      case 'PreparingRebalance':
        this.#completeAndScheduleNextHeartbeat(group, member);
        return E.REBALANCE_IN_PROGRESS.code;
      case 'CompletingRebalance':
      case 'Stable':
        if (params.generationId !== group.generationId) return E.ILLEGAL_GENERATION.code;
        this.#completeAndScheduleNextHeartbeat(group, member);
        return NONE;
      case 'Dead':
        return E.COORDINATOR_NOT_AVAILABLE.code;
    }
  }

  /** The member proved it is alive: its session starts again (`timeoutMs`, default its session timeout). */
  #completeAndScheduleNextHeartbeat(group: GroupMetadata, member: MemberMetadata, timeoutMs = member.sessionTimeoutMs): void {
    member.cancelHeartbeat?.();
    member.cancelHeartbeat = this.#scheduler.schedule(timeoutMs, () => {
      member.cancelHeartbeat = null;
      this.#onExpireHeartbeat(group, member.memberId);
    });
  }

  #removeHeartbeat(member: MemberMetadata): void {
    member.cancelHeartbeat?.();
    member.cancelHeartbeat = null;
  }

  #onExpireHeartbeat(group: GroupMetadata, memberId: string): void {
    if (!this.#isCurrent(group)) return;
    const member = group.members.get(memberId);
    if (!member || member.survivesMissedHeartbeat) return;
    this.#log.info('member session expired; removing it', { group: group.groupId, memberId, state: group.state });
    this.#removeMemberAndUpdateGroup(group, member, `removing member ${memberId} on heartbeat expiration`);
  }

  #onExpirePendingMember(group: GroupMetadata, memberId: string): void {
    if (!group.pendingMembers.delete(memberId) || !this.#isCurrent(group)) return;
    this.#log.info('pending member never rejoined; forgetting it', { group: group.groupId, memberId });
    if (group.is('PreparingRebalance')) this.#tryCompleteJoin(group);
  }

  #removeMemberAndUpdateGroup(group: GroupMetadata, member: MemberMetadata, reason: string): void {
    // A new member may still wait in JoinGroup: tell it, so that the client joins again if it is alive.
    group.maybeInvokeJoinCallback(member, joinError('', E.UNKNOWN_MEMBER_ID.code));
    group.remove(member.memberId);
    this.#removeHeartbeat(member);
    switch (group.state) {
      case 'Stable':
      case 'CompletingRebalance':
        this.#maybePrepareRebalance(group, reason);
        break;
      case 'PreparingRebalance':
        this.#tryCompleteJoin(group);
        break;
      case 'Empty':
      case 'Dead':
        break;
    }
  }

  /** LeaveGroup: v0-v2 send one member, v3 (kafkajs) a list, each answered with its own error. */
  leaveGroup(groupId: string, leaving: readonly LeavingMember[]): LeaveGroupResult {
    const statusError = this.#validateGroupStatus(groupId, 'non-empty');
    if (statusError !== null) return { errorCode: statusError, members: [] };
    const group = this.#liveGroup(groupId);
    if (!group) return { errorCode: NONE, members: leaving.map((m) => ({ ...m, errorCode: E.UNKNOWN_MEMBER_ID.code })) };
    if (group.is('Dead')) return { errorCode: E.COORDINATOR_NOT_AVAILABLE.code, members: [] };
    const members = leaving.map((m) => {
      const cancelPending = group.pendingMembers.get(m.memberId);
      if (cancelPending) {
        cancelPending();
        group.pendingMembers.delete(m.memberId);
        if (group.is('PreparingRebalance')) this.#tryCompleteJoin(group);
        return { ...m, errorCode: NONE };
      }
      const member = m.memberId === '' ? undefined : group.members.get(m.memberId);
      if (!member) return { ...m, errorCode: E.UNKNOWN_MEMBER_ID.code };
      this.#log.info('member left', { group: group.groupId, memberId: m.memberId });
      this.#removeMemberAndUpdateGroup(group, member, `removing member ${m.memberId} on LeaveGroup`);
      return { ...m, errorCode: NONE };
    });
    return { errorCode: NONE, members };
  }

  // ---------------------------------------------------------------------------------------------------
  // Offsets

  /** Commits offsets; resolves once they are in `__consumer_offsets` on the whole ISR, with one error per partition. */
  async commitOffsets(params: OffsetCommitParams): Promise<PartitionError[]> {
    const all = (errorCode: number) => params.offsets.map(({ topic, partition }) => ({ topic, partition, errorCode }));
    const statusError = this.#validateGroupStatus(params.groupId, 'any');
    if (statusError !== null) return all(statusError);
    let group = this.#liveGroup(params.groupId);
    if (!group) {
      // A group without members (kcat -C, admin tools): allowed to commit with generation -1.
      if (params.generationId >= 0) return all(E.ILLEGAL_GENERATION.code);
      group = new GroupMetadata(params.groupId, this.partitionFor(params.groupId), this.#scheduler.now());
      this.#groups.set(params.groupId, group);
    }
    const validationError = this.#validateOffsetCommit(group, params);
    if (validationError !== null) return all(validationError);
    switch (group.state) {
      case 'Empty':
        return this.#storeOffsets(group, params.offsets);
      case 'Stable':
      case 'PreparingRebalance': {
        // Still allowed while rebalancing: the heartbeat tells the member to rejoin.
        const member = group.members.get(params.memberId);
        if (member) this.#completeAndScheduleNextHeartbeat(group, member);
        return this.#storeOffsets(group, params.offsets);
      }
      case 'CompletingRebalance':
        return all(E.REBALANCE_IN_PROGRESS.code);
      case 'Dead':
        return all(E.COORDINATOR_NOT_AVAILABLE.code);
    }
  }

  #validateOffsetCommit(group: GroupMetadata, params: OffsetCommitParams): number | null {
    if (group.is('Dead')) return E.COORDINATOR_NOT_AVAILABLE.code;
    if (params.generationId >= 0 || params.memberId !== '' || params.groupInstanceId !== null) {
      if (!group.members.has(params.memberId)) return E.UNKNOWN_MEMBER_ID.code;
      if (params.generationId !== group.generationId) return E.ILLEGAL_GENERATION.code;
      return null;
    }
    // Without member id and generation only an empty group takes commits.
    if (!group.is('Empty')) return E.UNKNOWN_MEMBER_ID.code;
    return null;
  }

  async #storeOffsets(group: GroupMetadata, offsets: readonly OffsetToCommit[]): Promise<PartitionError[]> {
    const now = BigInt(this.#scheduler.now());
    const tooLarge = (o: OffsetToCommit) => o.metadata !== null && new TextEncoder().encode(o.metadata).length > this.#offsetMetadataMaxBytes;
    const valid = offsets.filter((o) => !tooLarge(o));
    const stored = valid.map((o) => ({
      topic: o.topic,
      partition: o.partition,
      offset: o.offset,
      leaderEpoch: o.leaderEpoch,
      metadata: o.metadata ?? '',
      commitTimestamp: o.commitTimestamp !== undefined && o.commitTimestamp >= 0n ? o.commitTimestamp : now,
    }));
    let errorCode = NONE;
    if (stored.length > 0) {
      const records = stored.map((o) => ({
        key: encodeOffsetCommitKey(group.groupId, o.topic, o.partition),
        value: encodeOffsetCommitValue(o),
      }));
      errorCode = await this.#append(group.partition, records, 'offsets');
      if (errorCode === NONE && !group.is('Dead')) {
        for (const o of stored) group.offsets.set(topicPartitionKey(o.topic, o.partition), o);
      }
    }
    return offsets.map((o) => ({
      topic: o.topic,
      partition: o.partition,
      errorCode: tooLarge(o) ? E.OFFSET_METADATA_TOO_LARGE.code : errorCode,
    }));
  }

  /**
   * Committed offsets of a group: of the listed partitions (-1 where none), or every committed one when
   * `topics` is null. Answered whatever the group's state, as groups may use Kafka only for offsets.
   */
  fetchOffsets(groupId: string, topics: ReadonlyArray<{ topic: string; partitions: readonly number[] }> | null): OffsetFetchResult {
    const statusError = this.#validateGroupStatus(groupId, 'any');
    if (statusError !== null) return { errorCode: statusError, offsets: [] };
    const group = this.#liveGroup(groupId);
    const committed = group && !group.is('Dead') ? group.offsets : new Map<string, never>();
    if (topics === null) {
      const offsets = [...committed.values()]
        .sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1))
        .map((o) => ({ topic: o.topic, partition: o.partition, offset: o.offset, leaderEpoch: o.leaderEpoch, metadata: o.metadata, errorCode: NONE }));
      return { errorCode: NONE, offsets };
    }
    const offsets = topics.flatMap(({ topic, partitions }) =>
      partitions.map((partition) => {
        const o = committed.get(topicPartitionKey(topic, partition));
        return o
          ? { topic, partition, offset: o.offset, leaderEpoch: o.leaderEpoch, metadata: o.metadata, errorCode: NONE }
          : { topic, partition, offset: -1n, leaderEpoch: -1, metadata: '', errorCode: NONE };
      }),
    );
    return { errorCode: NONE, offsets };
  }

  // ---------------------------------------------------------------------------------------------------
  // Administration

  describeGroup(groupId: string): DescribedGroup {
    const statusError = this.#validateGroupStatus(groupId, 'any');
    if (statusError !== null) return { errorCode: statusError, groupId, state: '', protocolType: '', protocolName: '', members: [] };
    const group = this.#liveGroup(groupId);
    if (!group) return { errorCode: NONE, groupId, state: 'Dead', protocolType: '', protocolName: '', members: [] };
    const stable = group.is('Stable');
    const protocol = group.protocolName ?? '';
    return {
      errorCode: NONE,
      groupId,
      state: group.state,
      protocolType: group.protocolType ?? '',
      protocolName: stable ? protocol : '',
      members: [...group.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        metadata: stable ? m.metadata(protocol) : EMPTY,
        assignment: stable ? m.assignment : EMPTY,
      })),
    };
  }

  /** The groups this broker coordinates (ListGroups is answered per broker). */
  listGroups(): ListGroupsResult {
    if (!this.#active) return { errorCode: E.COORDINATOR_NOT_AVAILABLE.code, groups: [] };
    const errorCode = this.#loading.size > 0 ? E.COORDINATOR_LOAD_IN_PROGRESS.code : NONE;
    const groups = [...this.#groups.values()]
      .filter((g) => !g.is('Dead'))
      .map((g) => ({ groupId: g.groupId, protocolType: g.protocolType ?? '', state: g.state }));
    return { errorCode, groups };
  }

  /** Deletes empty groups with their offsets (tombstones in `__consumer_offsets`). */
  async deleteGroups(groupIds: readonly string[]): Promise<DeletedGroup[]> {
    const results = new Map<string, number>();
    const eligible: GroupMetadata[] = [];
    for (const groupId of groupIds) {
      const statusError = this.#validateGroupStatus(groupId, 'any');
      if (statusError !== null) {
        results.set(groupId, statusError);
        continue;
      }
      const group = this.#liveGroup(groupId);
      if (!group || group.is('Dead')) results.set(groupId, E.GROUP_ID_NOT_FOUND.code);
      else if (group.is('Empty')) {
        group.transitionTo('Dead', this.#scheduler.now());
        this.#groups.delete(groupId);
        eligible.push(group);
      } else results.set(groupId, E.NON_EMPTY_GROUP.code);
    }
    await Promise.all(
      eligible.map(async (group) => {
        const records: Array<{ key: Uint8Array; value: null }> = [...group.offsets.values()].map((o) => ({
          key: encodeOffsetCommitKey(group.groupId, o.topic, o.partition),
          value: null,
        }));
        // Offsets-only groups (generation 0) never had a group record to delete.
        if (group.generationId > 0) records.push({ key: encodeGroupMetadataKey(group.groupId), value: null });
        const errorCode = records.length > 0 ? await this.#append(group.partition, records, 'offsets') : NONE;
        this.#log.info('deleted group', { group: group.groupId, offsets: group.offsets.size, errorCode });
        results.set(group.groupId, errorCode);
      }),
    );
    return groupIds.map((groupId) => ({ groupId, errorCode: results.get(groupId) ?? NONE }));
  }

  // ---------------------------------------------------------------------------------------------------
  // Writing to __consumer_offsets

  /** Writes the group's metadata record (generation, leader, members with subscriptions and assignments). */
  #storeGroup(group: GroupMetadata, assignment: ReadonlyMap<string, Uint8Array>): Promise<number> {
    const protocol = group.protocolName;
    const value = encodeGroupMetadataValue({
      protocolType: group.protocolType ?? '',
      generation: group.generationId,
      protocol,
      leader: group.leaderId,
      currentStateTimestamp: BigInt(group.currentStateTimestamp),
      members: [...group.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        rebalanceTimeout: m.rebalanceTimeoutMs,
        sessionTimeout: m.sessionTimeoutMs,
        subscription: protocol === null ? EMPTY : m.metadata(protocol),
        assignment: assignment.get(m.memberId) ?? EMPTY,
      })),
    });
    return this.#append(group.partition, [{ key: encodeGroupMetadataKey(group.groupId), value }], 'group');
  }

  /** Appends and maps a failure to the error Kafka gives clients (`storeGroup` / `storeOffsets`). */
  async #append(partition: number, records: Array<{ key: Uint8Array; value: Uint8Array | null }>, what: 'group' | 'offsets'): Promise<number> {
    const topic = this.#services.offsetsTopic;
    if (!this.#owned.has(partition) || !topic.isLocalLeader(partition)) return E.NOT_COORDINATOR.code;
    try {
      await topic.append(partition, records);
      return NONE;
    } catch (error) {
      const mapped = error instanceof KafkaProtocolError ? appendErrorFor(error.code, what) : topic.isLocalLeader(partition) ? E.COORDINATOR_NOT_AVAILABLE.code : E.NOT_COORDINATOR.code;
      this.#log.warn(`could not write ${what} to __consumer_offsets`, { partition, error: String(error), answered: mapped });
      return mapped;
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Timers

  #cancelJoinTimer(group: GroupMetadata): void {
    group.cancelJoinTimer?.();
    group.cancelJoinTimer = null;
    group.joinTimerIsInitialDelay = false;
  }

  #cancelSyncTimer(group: GroupMetadata): void {
    group.cancelSyncTimer?.();
    group.cancelSyncTimer = null;
  }

  #cancelGroupTimers(group: GroupMetadata): void {
    this.#cancelJoinTimer(group);
    this.#cancelSyncTimer(group);
    for (const cancel of group.pendingMembers.values()) cancel();
    group.pendingMembers.clear();
  }
}

function protocolNames(protocols: readonly MemberProtocol[]): Set<string> {
  return new Set(protocols.map((p) => p.name));
}

function joinError(memberId: string, errorCode: number): JoinGroupResult {
  return { errorCode, generationId: -1, protocolType: null, protocolName: null, leaderId: '', memberId, members: [] };
}

function syncError(errorCode: number): SyncGroupResult {
  return { errorCode, protocolType: null, protocolName: null, assignment: EMPTY };
}

/** Kafka's mapping of append errors to what group clients understand (`GroupMetadataManager`). */
function appendErrorFor(code: number, what: 'group' | 'offsets'): number {
  switch (code) {
    case E.UNKNOWN_TOPIC_OR_PARTITION.code:
    case E.NOT_ENOUGH_REPLICAS.code:
    case E.NOT_ENOUGH_REPLICAS_AFTER_APPEND.code:
      return E.COORDINATOR_NOT_AVAILABLE.code;
    case E.NOT_LEADER_OR_FOLLOWER.code:
    case E.KAFKA_STORAGE_ERROR.code:
      return E.NOT_COORDINATOR.code;
    case E.REQUEST_TIMED_OUT.code:
      return what === 'group' ? E.REBALANCE_IN_PROGRESS.code : code;
    case E.MESSAGE_TOO_LARGE.code:
    case E.RECORD_LIST_TOO_LARGE.code:
    case E.INVALID_FETCH_SIZE.code:
      return what === 'group' ? E.UNKNOWN_SERVER_ERROR.code : E.INVALID_COMMIT_OFFSET_SIZE.code;
    default:
      return code;
  }
}
