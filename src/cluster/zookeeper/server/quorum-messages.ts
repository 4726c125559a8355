/**
 * Messages between members: fast leader election votes (`FastLeaderElection.Notification`) and the
 * ZAB phases (`Leader`/`Learner`: FOLLOWERINFO, sync as DIFF or SNAP, NEWLEADER ack, UPTODATE,
 * PROPOSAL/ACK/COMMIT, PING), plus what a follower forwards for its clients (requests, sync,
 * session revalidation).
 */
import type { Id } from '../protocol/index.ts';
import type { TreeSnapshot } from './data-tree.ts';
import type { CommittedTxn } from './txn.ts';

export type PeerState = 'looking' | 'following' | 'leading';

export interface Vote {
  leader: number;
  zxid: bigint;
}

/** A proposal: a transaction, its zxid and the client request it answers (if any). */
export interface Proposal extends CommittedTxn {
  origin?: { server: number; request: number };
}

export type PeerMessage =
  | { type: 'vote'; round: number; vote: Vote; state: PeerState; acceptedEpoch: number }
  /** `attempt` identifies one Follower run: a repeated announce of the same run is not re-synced. */
  | { type: 'follower-info'; appliedZxid: bigint; acceptedEpoch: number; attempt: number }
  | { type: 'sync'; epoch: number; mode: 'diff' | 'snap'; txns: CommittedTxn[]; snapshot?: TreeSnapshot; proposals: Proposal[] }
  | { type: 'sync-ack'; epoch: number }
  | { type: 'uptodate' }
  | { type: 'propose'; proposal: Proposal }
  | { type: 'ack'; zxid: bigint }
  | { type: 'commit'; zxid: bigint }
  | { type: 'ping' }
  | { type: 'ping-ack'; sessions: bigint[] }
  | { type: 'request'; id: number; op: number; request: unknown; sessionId: bigint; authIds: Id[] }
  | { type: 'sync-request'; id: number }
  | { type: 'sync-done'; id: number }
  | { type: 'revalidate'; id: number; sessionId: bigint; timeoutMs: number }
  | { type: 'revalidated'; id: number; valid: boolean }
  | { type: 'session-moved'; sessionId: bigint };

/** Fast leader election's order: higher zxid wins, then higher server id. */
export function betterVote(a: Vote, b: Vote): boolean {
  return a.zxid > b.zxid || (a.zxid === b.zxid && a.leader > b.leader);
}
