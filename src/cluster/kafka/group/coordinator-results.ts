/**
 * What the group coordinator takes and answers, independent of any wire version. The handlers in
 * `broker/handlers/` translate between these and the codec's messages; every `errorCode` is a Kafka error
 * code (`protocol/errors.ts`).
 */
import type { GroupState } from './group-state.ts';
import type { MemberProtocol } from './member-metadata.ts';

export interface JoinGroupParams {
  readonly groupId: string;
  /** `''` on a member's first join. */
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  /** JoinGroup v4+: a first join is answered MEMBER_ID_REQUIRED with the member id to rejoin with. */
  readonly requireKnownMemberId: boolean;
  readonly clientId: string;
  readonly clientHost: string;
  readonly sessionTimeoutMs: number;
  /** v0 has none: pass the session timeout, as Kafka does. */
  readonly rebalanceTimeoutMs: number;
  readonly protocolType: string;
  readonly protocols: readonly MemberProtocol[];
}

export interface JoinGroupMember {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly metadata: Uint8Array;
}

export interface JoinGroupResult {
  readonly errorCode: number;
  /** -1 with an error. */
  readonly generationId: number;
  readonly protocolType: string | null;
  readonly protocolName: string | null;
  /** `''` with an error. */
  readonly leaderId: string;
  readonly memberId: string;
  /** Every member with its subscription for the chosen protocol: only in the leader's answer. */
  readonly members: readonly JoinGroupMember[];
}

export interface SyncGroupParams {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  /** The leader's assignment (empty from followers). */
  readonly assignments: ReadonlyArray<{ readonly memberId: string; readonly assignment: Uint8Array }>;
}

export interface SyncGroupResult {
  readonly errorCode: number;
  readonly protocolType: string | null;
  readonly protocolName: string | null;
  readonly assignment: Uint8Array;
}

export interface HeartbeatParams {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
}

export interface LeavingMember {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
}

export interface LeaveGroupResult {
  /** A group-level error (then `members` is empty). */
  readonly errorCode: number;
  readonly members: ReadonlyArray<LeavingMember & { readonly errorCode: number }>;
}

export interface OffsetToCommit {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
  /** -1 when unknown (OffsetCommit before v6). */
  readonly leaderEpoch: number;
  /** `null` is stored as `''`, like Kafka. */
  readonly metadata: string | null;
  /** OffsetCommit v1's per-partition timestamp; -1 or absent = now. */
  readonly commitTimestamp?: bigint;
}

export interface OffsetCommitParams {
  readonly groupId: string;
  /** -1 for a commit from outside group management (kcat -C, admin tools). */
  readonly generationId: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly offsets: readonly OffsetToCommit[];
}

export interface PartitionError {
  readonly topic: string;
  readonly partition: number;
  readonly errorCode: number;
}

/** A committed offset as it is stored (and replayed from `__consumer_offsets`). */
export interface CommittedOffset {
  readonly offset: bigint;
  readonly leaderEpoch: number;
  readonly metadata: string;
  readonly commitTimestamp: bigint;
}

export interface FetchedOffset {
  readonly topic: string;
  readonly partition: number;
  /** -1 when nothing is committed. */
  readonly offset: bigint;
  readonly leaderEpoch: number;
  readonly metadata: string;
  readonly errorCode: number;
}

export interface OffsetFetchResult {
  readonly errorCode: number;
  readonly offsets: readonly FetchedOffset[];
}

export interface DescribedMember {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  /** Subscription for the group's protocol: empty unless the group is Stable. */
  readonly metadata: Uint8Array;
  /** Empty unless the group is Stable. */
  readonly assignment: Uint8Array;
}

export interface DescribedGroup {
  readonly errorCode: number;
  readonly groupId: string;
  /** A `GroupState`, or `''` when the coordinator could not tell (with an error). */
  readonly state: GroupState | '';
  readonly protocolType: string;
  /** The chosen protocol (assignor): `''` unless the group is Stable. */
  readonly protocolName: string;
  readonly members: readonly DescribedMember[];
}

export interface ListedGroup {
  readonly groupId: string;
  readonly protocolType: string;
  readonly state: GroupState;
}

export interface ListGroupsResult {
  readonly errorCode: number;
  readonly groups: readonly ListedGroup[];
}

export interface DeletedGroup {
  readonly groupId: string;
  readonly errorCode: number;
}
