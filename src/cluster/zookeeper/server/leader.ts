/**
 * The leader role (ZAB broadcast, `quorum/Leader.java` + `LeaderZooKeeperServer`):
 *
 * 1. On election it commits whatever it had logged, opens a new epoch (zxid `epoch << 32`) and syncs
 *    each connecting follower: DIFF (the committed transactions it misses) when the leader's history
 *    reaches back far enough, SNAP (the whole tree) otherwise, plus the proposals still in flight.
 * 2. Once a quorum (itself included) has acknowledged the sync it is established: followers get
 *    UPTODATE and every member starts serving clients.
 * 3. Every write is validated here (`handler.prepare`), proposed with the next zxid, and committed in
 *    zxid order as soon as a quorum has logged it; COMMIT then reaches every follower. A write that
 *    fails validation is proposed as an error transaction, so its client hears the error only once a
 *    quorum has ordered it (a leader cut off from its followers answers no write at all).
 * 4. It pings followers every half tick, drops a follower silent for `syncLimit` ticks, expires
 *    sessions, and steps down when it no longer has a quorum.
 */
import type { Logger } from '../../logger.ts';
import type { Id } from '../protocol/index.ts';
import { ErrorCode, OpCode } from '../protocol/index.ts';
import { ChangeView } from './change-view.ts';
import type { DataTree } from './data-tree.ts';
import { writeHandlerFor } from './handler-registry.ts';
import type { PeerMessage, Proposal } from './quorum-messages.ts';
import { SessionTracker } from './session-tracker.ts';
import type { CommittedTxn, Txn } from './txn.ts';
import { hexZxid, makeZxid } from './txn.ts';

export interface LeaderContext {
  readonly id: number;
  readonly members: readonly number[];
  readonly quorum: number;
  readonly tickTimeMs: number;
  readonly initLimit: number;
  readonly syncLimit: number;
  readonly logger: Logger;
  tree(): DataTree;
  /** Committed transactions this member still holds, after `base` (the zxid its snapshot stands for). */
  history(): { base: bigint; entries: readonly CommittedTxn[] };
  send(to: number, message: PeerMessage): void;
  logProposal(proposal: Proposal): void;
  applyCommitted(proposal: Proposal): void;
  resolveLocalSync(id: number): void;
  sessionMoved(sessionId: bigint): void;
  established(): void;
  stepDown(reason: string): void;
  recordProposal(bytes: number): void;
}

interface FollowerHandle {
  attempt: number;
  synced: boolean;
  lastSeen: number;
}

interface Outstanding {
  proposal: Proposal;
  acks: Set<number>;
  syncs: Array<{ from: number; id: number }>;
}

/** A write request as the leader receives it, from a follower or from its own clients. */
export interface LeaderRequest {
  from: number;
  id: number;
  op: number;
  request: unknown;
  sessionId: bigint;
  authIds: readonly Id[];
}

export class Leader {
  readonly epoch: number;
  readonly #ctx: LeaderContext;
  readonly #followers = new Map<number, FollowerHandle>();
  readonly #outstanding: Outstanding[] = [];
  readonly #view: ChangeView;
  readonly #sessions: SessionTracker;
  readonly #startedAt = Date.now();
  #counter = 0;
  #established = false;
  #stopped = false;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #tickTimer: ReturnType<typeof setInterval> | undefined;

  constructor(ctx: LeaderContext, epoch: number) {
    this.#ctx = ctx;
    this.epoch = epoch;
    this.#view = new ChangeView(ctx.tree());
    this.#sessions = new SessionTracker(ctx.tickTimeMs);
  }

  get established(): boolean {
    return this.#established;
  }

  /** For mntr: learners connected, synced, and still syncing. */
  get learners(): { total: number; synced: number; pendingSyncs: number } {
    const all = [...this.#followers.values()];
    const synced = all.filter((f) => f.synced).length;
    return { total: all.length, synced, pendingSyncs: all.length - synced };
  }

  /** Proposed and not committed: what this member has logged beyond its tree (kept if it steps down). */
  get pending(): Proposal[] {
    return this.#outstanding.map((o) => o.proposal);
  }

  /** Live sessions and their expiry deadlines (`dump` on the leader). */
  get sessionDeadlines(): Array<{ sessionId: bigint; expiresAt: number }> {
    return this.#sessions.deadlines();
  }

  get sessionCount(): number {
    return this.#sessions.size;
  }

  /** Commits what this member had logged, opens the epoch, and waits for followers. */
  start(ownPending: readonly Proposal[]): void {
    for (const proposal of ownPending) this.#ctx.applyCommitted({ zxid: proposal.zxid, time: proposal.time, txn: proposal.txn });
    const opening: Proposal = { zxid: makeZxid(this.epoch, 0), time: Date.now(), txn: { type: 'epoch' } };
    this.#ctx.logProposal(opening);
    this.#ctx.applyCommitted(opening);
    const tree = this.#ctx.tree();
    for (const sessionId of tree.sessionIds()) this.#sessions.add(sessionId, tree.session(sessionId)?.timeoutMs ?? 0, undefined);
    this.#ctx.logger.info(`LEADING - epoch ${this.epoch}, zxid ${hexZxid(opening.zxid)}`);
    this.#pingTimer = setInterval(() => this.#ping(), Math.max(1, Math.floor(this.#ctx.tickTimeMs / 2)));
    this.#tickTimer = setInterval(() => this.#tick(), this.#ctx.tickTimeMs);
    this.#checkEstablished();
  }

  stop(): void {
    this.#stopped = true;
    clearInterval(this.#pingTimer);
    clearInterval(this.#tickTimer);
    this.#view.clear();
  }

  receive(from: number, message: PeerMessage): void {
    if (this.#stopped) return;
    const follower = this.#followers.get(from);
    if (follower) follower.lastSeen = Date.now();
    switch (message.type) {
      case 'follower-info':
        if (follower?.attempt === message.attempt) return;
        return this.#syncFollower(from, message.appliedZxid, message.acceptedEpoch, message.attempt);
      case 'sync-ack':
        return this.#followerSynced(from, message.epoch);
      case 'ack':
        return this.#ack(from, message.zxid);
      case 'ping-ack':
        for (const sessionId of message.sessions) this.#sessions.touch(sessionId);
        return;
      case 'request':
        return this.submit({ from, id: message.id, op: message.op, request: message.request, sessionId: message.sessionId, authIds: message.authIds });
      case 'sync-request':
        return this.sync(from, message.id);
      case 'revalidate':
        this.#ctx.send(from, { type: 'revalidated', id: message.id, valid: this.revalidate(message.sessionId, message.timeoutMs, from) });
        return;
      default:
        return;
    }
  }

  peerDown(id: number): void {
    if (this.#followers.delete(id)) {
      this.#ctx.logger.warn(`follower ${id} went away`);
      this.#checkQuorum();
    }
  }

  touch(sessionId: bigint): void {
    this.#sessions.touch(sessionId);
  }

  /** Session re-attach (a client reconnecting with its id and password through member `owner`). */
  revalidate(sessionId: bigint, timeoutMs: number, owner: number): boolean {
    const { valid, previousOwner } = this.#sessions.revalidate(sessionId, timeoutMs, owner);
    if (valid && previousOwner !== undefined && previousOwner !== owner) {
      if (previousOwner === this.#ctx.id) this.#ctx.sessionMoved(sessionId);
      else this.#ctx.send(previousOwner, { type: 'session-moved', sessionId });
    }
    return valid;
  }

  /** sync (9): answered once every proposal made before it has been committed. */
  sync(from: number, id: number): void {
    const last = this.#outstanding.at(-1);
    if (last) last.syncs.push({ from, id });
    else this.#syncDone(from, id);
  }

  /**
   * Validates a write and proposes it. A write that fails validation (session checks included) is
   * proposed as well, as an error transaction (`PrepRequestProcessor`: `OpCode.error` + `ErrorTxn`): it
   * takes the next zxid and its client hears the error when it commits, in order with every other write.
   */
  submit(request: LeaderRequest): void {
    if (this.#stopped) return;
    const zxid = makeZxid(this.epoch, this.#counter + 1);
    this.#propose(this.#prepare(request, zxid), zxid, { server: request.from, request: request.id });
  }

  #prepare(request: LeaderRequest, zxid: bigint): Txn {
    if (request.op === OpCode.createSession) {
      const { sessionId, timeoutMs } = request.request as { sessionId: bigint; timeoutMs: number };
      return { type: 'createSession', sessionId, timeoutMs };
    }
    if (!this.#sessions.has(request.sessionId)) return { type: 'error', err: ErrorCode.SESSIONEXPIRED };
    const owner = this.#sessions.owner(request.sessionId);
    if (owner !== undefined && owner !== request.from) return { type: 'error', err: ErrorCode.SESSIONMOVED };
    const handler = writeHandlerFor(request.op);
    if (!handler) return { type: 'error', err: ErrorCode.UNIMPLEMENTED };
    const prepared = handler.prepare({ view: this.#view, zxid, sessionId: request.sessionId, authIds: request.authIds }, request.request);
    return 'txn' in prepared ? prepared.txn : { type: 'error', err: prepared.err };
  }

  #propose(txn: Txn, zxid: bigint, origin: Proposal['origin']): void {
    this.#counter++;
    const proposal: Proposal = { zxid, time: Date.now(), txn };
    if (origin) proposal.origin = origin;
    this.#view.record(txn, zxid, (sessionId) => this.#ctx.tree().ephemeralsOf(sessionId));
    // Requests of a closing session fail with SESSIONEXPIRED from now on.
    if (txn.type === 'closeSession') this.#sessions.markClosing(txn.sessionId);
    this.#outstanding.push({ proposal, acks: new Set([this.#ctx.id]), syncs: [] });
    this.#ctx.logProposal(proposal);
    this.#ctx.recordProposal(estimateSize(txn));
    for (const id of this.#followers.keys()) this.#ctx.send(id, { type: 'propose', proposal });
    this.#tryCommit();
  }

  #ack(from: number, zxid: bigint): void {
    const entry = this.#outstanding.find((o) => o.proposal.zxid === zxid);
    if (!entry) return;
    entry.acks.add(from);
    this.#tryCommit();
  }

  #tryCommit(): void {
    while (this.#outstanding.length > 0 && this.#outstanding[0].acks.size >= this.#ctx.quorum && this.#established) {
      const { proposal, syncs } = this.#outstanding.shift() as Outstanding;
      this.#ctx.applyCommitted(proposal);
      this.#view.committed(proposal.zxid);
      const { txn } = proposal;
      if (txn.type === 'createSession') this.#sessions.add(txn.sessionId, txn.timeoutMs, proposal.origin?.server);
      if (txn.type === 'closeSession') this.#sessions.remove(txn.sessionId);
      for (const id of this.#followers.keys()) this.#ctx.send(id, { type: 'commit', zxid: proposal.zxid });
      for (const { from, id } of syncs) this.#syncDone(from, id);
    }
  }

  #syncDone(to: number, id: number): void {
    if (to === this.#ctx.id) this.#ctx.resolveLocalSync(id);
    else this.#ctx.send(to, { type: 'sync-done', id });
  }

  #syncFollower(from: number, appliedZxid: bigint, acceptedEpoch: number, attempt: number): void {
    if (acceptedEpoch > this.epoch) {
      this.#ctx.logger.warn(`follower ${from} has accepted epoch ${acceptedEpoch} > ${this.epoch}; not syncing it`);
      return;
    }
    const tree = this.#ctx.tree();
    const history = this.#ctx.history();
    const proposals = this.#outstanding.map((o) => o.proposal);
    const known = appliedZxid === history.base || history.entries.some((e) => e.zxid === appliedZxid);
    if (appliedZxid <= tree.lastZxid && appliedZxid >= history.base && known) {
      const txns = history.entries.filter((e) => e.zxid > appliedZxid);
      this.#ctx.logger.info(`syncing follower ${from} with DIFF of ${txns.length} transactions from ${hexZxid(appliedZxid)}`);
      this.#ctx.send(from, { type: 'sync', epoch: this.epoch, mode: 'diff', txns, proposals });
    } else {
      this.#ctx.logger.info(`syncing follower ${from} with SNAP at ${hexZxid(tree.lastZxid)} (follower at ${hexZxid(appliedZxid)})`);
      this.#ctx.send(from, { type: 'sync', epoch: this.epoch, mode: 'snap', txns: [], snapshot: tree.snapshot(), proposals });
    }
    // From now on the follower gets every proposal and commit, in order after the sync.
    this.#followers.set(from, { attempt, synced: false, lastSeen: Date.now() });
  }

  #followerSynced(from: number, epoch: number): void {
    const follower = this.#followers.get(from);
    if (!follower || epoch !== this.epoch) return;
    follower.synced = true;
    if (this.#established) this.#ctx.send(from, { type: 'uptodate' });
    else this.#checkEstablished();
  }

  #checkEstablished(): void {
    if (this.#established) return;
    const synced = 1 + [...this.#followers.values()].filter((f) => f.synced).length;
    if (synced < this.#ctx.quorum) return;
    this.#established = true;
    for (const [id, follower] of this.#followers) if (follower.synced) this.#ctx.send(id, { type: 'uptodate' });
    this.#ctx.established();
    this.#tryCommit();
  }

  #ping(): void {
    const now = Date.now();
    const limit = this.#ctx.syncLimit * this.#ctx.tickTimeMs;
    for (const [id, follower] of this.#followers) {
      if (now - follower.lastSeen > limit) {
        this.#ctx.logger.warn(`follower ${id} silent for more than syncLimit (${limit} ms): dropping it`);
        this.#followers.delete(id);
        continue;
      }
      this.#ctx.send(id, { type: 'ping' });
    }
    this.#checkQuorum();
  }

  #tick(): void {
    if (!this.#established) {
      if (Date.now() - this.#startedAt > this.#ctx.initLimit * this.#ctx.tickTimeMs) {
        this.#ctx.stepDown(`no quorum of followers within initLimit (${this.#ctx.initLimit} ticks)`);
      }
      return;
    }
    for (const { sessionId, timeoutMs } of this.#sessions.takeExpired()) {
      this.#ctx.logger.info(`Expiring session 0x${sessionId.toString(16)}, timeout of ${timeoutMs}ms exceeded`);
      this.#propose({ type: 'closeSession', sessionId }, makeZxid(this.epoch, this.#counter + 1), undefined);
    }
  }

  #checkQuorum(): void {
    if (!this.#established || this.#stopped) return;
    const synced = 1 + [...this.#followers.values()].filter((f) => f.synced).length;
    if (synced < this.#ctx.quorum) {
      this.#ctx.stepDown(`lost quorum: ${synced} of ${this.#ctx.members.length} members (need ${this.#ctx.quorum})`);
    }
  }
}

/** Rough serialized size of a transaction, for `Proposal sizes` in srvr/mntr. */
function estimateSize(txn: Txn): number {
  switch (txn.type) {
    case 'create':
      return 36 + txn.path.length + (txn.data?.length ?? 0) + txn.acl.length * 24;
    case 'setData':
      return 32 + txn.path.length + (txn.data?.length ?? 0);
    case 'delete':
    case 'check':
      return 28 + txn.path.length;
    case 'setACL':
      return 32 + txn.path.length + txn.acl.length * 24;
    case 'multi':
      return 28 + txn.txns.reduce((n, t) => n + estimateSize(t), 0);
    case 'error':
      return 32;
    default:
      return 36;
  }
}
