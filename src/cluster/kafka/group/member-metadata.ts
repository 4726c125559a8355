import type { JoinGroupResult, SyncGroupResult } from './coordinator-results.ts';

/** One protocol a member supports: an assignor name and its opaque subscription bytes. */
export interface MemberProtocol {
  readonly name: string;
  readonly metadata: Uint8Array;
}

export interface MemberInit {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly clientId: string;
  /** As Kafka shows it: `/127.0.0.1`. */
  readonly clientHost: string;
  readonly rebalanceTimeoutMs: number;
  readonly sessionTimeoutMs: number;
  readonly protocolType: string;
  readonly protocols: readonly MemberProtocol[];
}

/** A group member as the coordinator tracks it (Kafka `MemberMetadata.scala`). */
export class MemberMetadata {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  readonly protocolType: string;
  rebalanceTimeoutMs: number;
  sessionTimeoutMs: number;
  protocols: readonly MemberProtocol[];
  /** What the leader assigned to this member in the current generation (empty until SyncGroup). */
  assignment: Uint8Array = new Uint8Array(0);
  /** The parked JoinGroup answer, set while the member waits for the rebalance to complete. */
  awaitingJoin: ((result: JoinGroupResult) => void) | null = null;
  /** The parked SyncGroup answer, set while the member waits for the leader's assignment. */
  awaitingSync: ((result: SyncGroupResult) => void) | null = null;
  /** Joined in the rebalance in progress (not yet answered): its session can expire while it waits. */
  isNew = false;
  /** Cancels the pending session-timeout check. */
  cancelHeartbeat: (() => void) | null = null;

  constructor(init: MemberInit) {
    this.memberId = init.memberId;
    this.groupInstanceId = init.groupInstanceId;
    this.clientId = init.clientId;
    this.clientHost = init.clientHost;
    this.protocolType = init.protocolType;
    this.rebalanceTimeoutMs = init.rebalanceTimeoutMs;
    this.sessionTimeoutMs = init.sessionTimeoutMs;
    this.protocols = init.protocols;
  }

  get isAwaitingJoin(): boolean {
    return this.awaitingJoin !== null;
  }

  get isAwaitingSync(): boolean {
    return this.awaitingSync !== null;
  }

  /**
   * Whether a session-timeout check may let this member live without a fresh heartbeat: members parked
   * in JoinGroup or SyncGroup are alive by definition, except new members, which must complete their
   * first join before the timeout.
   */
  get survivesMissedHeartbeat(): boolean {
    return !this.isNew && (this.isAwaitingJoin || this.isAwaitingSync);
  }

  /** The subscription bytes this member sent for `protocol`. */
  metadata(protocol: string): Uint8Array {
    const found = this.protocols.find((p) => p.name === protocol);
    if (!found) throw new Error(`member ${this.memberId} does not support protocol ${protocol}`);
    return found.metadata;
  }

  /** Same protocols, in the same order, with the same metadata bytes (a rejoin that changes nothing). */
  matches(protocols: readonly MemberProtocol[]): boolean {
    if (protocols.length !== this.protocols.length) return false;
    return protocols.every((p, i) => p.name === this.protocols[i].name && bytesEqual(p.metadata, this.protocols[i].metadata));
  }

  /** This member's most preferred protocol among `candidates`. */
  vote(candidates: ReadonlySet<string>): string {
    const choice = this.protocols.find((p) => candidates.has(p.name));
    if (!choice) throw new Error(`member ${this.memberId} supports none of ${[...candidates].join(', ')}`);
    return choice.name;
  }
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
