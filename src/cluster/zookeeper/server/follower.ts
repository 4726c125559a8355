/**
 * The follower role (`quorum/Follower.java` + `Learner.java`): announce itself to the elected leader
 * (FOLLOWERINFO, repeated each tick until answered), take the sync (DIFF or SNAP), acknowledge it,
 * start serving on UPTODATE; then log and acknowledge every proposal and apply it when COMMIT arrives.
 * Silence from the leader for `syncLimit` ticks (or `initLimit` ticks before the sync), or the leader
 * going away, sends the member back to LOOKING.
 */
import type { Logger } from '../../logger.ts';
import type { PeerMessage, Proposal } from './quorum-messages.ts';

export interface FollowerContext {
  readonly id: number;
  readonly tickTimeMs: number;
  readonly initLimit: number;
  readonly syncLimit: number;
  readonly logger: Logger;
  appliedZxid(): bigint;
  acceptedEpoch(): number;
  send(to: number, message: PeerMessage): void;
  /** Applies a sync from the leader (tree, storage, epochs). */
  applySync(message: Extract<PeerMessage, { type: 'sync' }>): void;
  logProposal(proposal: Proposal): void;
  applyCommitted(proposal: Proposal): void;
  resolveLocalSync(id: number): void;
  resolveRevalidate(id: number, valid: boolean): void;
  sessionMoved(sessionId: bigint): void;
  takeTouchedSessions(): bigint[];
  uptodate(): void;
  stepDown(reason: string): void;
}

let attempts = 0;

export class Follower {
  readonly leaderId: number;
  readonly #attempt = ++attempts;
  readonly #ctx: FollowerContext;
  readonly #pending: Proposal[] = [];
  readonly #startedAt = Date.now();
  #synced = false;
  #serving = false;
  #lastContact = Date.now();
  #timer: ReturnType<typeof setInterval> | undefined;
  #stopped = false;

  constructor(ctx: FollowerContext, leaderId: number) {
    this.#ctx = ctx;
    this.leaderId = leaderId;
  }

  /** Logged proposals not committed yet. */
  get pending(): readonly Proposal[] {
    return this.#pending;
  }

  get serving(): boolean {
    return this.#serving;
  }

  start(): void {
    this.#ctx.logger.info(`FOLLOWING - leader is ${this.leaderId}`);
    this.#announce();
    this.#timer = setInterval(() => this.#tick(), this.#ctx.tickTimeMs);
  }

  stop(): void {
    this.#stopped = true;
    clearInterval(this.#timer);
  }

  /** Sends a client's request (or sync / revalidation) to the leader. */
  forward(message: PeerMessage): void {
    this.#ctx.send(this.leaderId, message);
  }

  receive(from: number, message: PeerMessage): void {
    if (this.#stopped || from !== this.leaderId) return;
    this.#lastContact = Date.now();
    switch (message.type) {
      case 'sync':
        if (message.epoch < this.#ctx.acceptedEpoch()) {
          this.#ctx.stepDown(`leader ${from} offers epoch ${message.epoch}, older than accepted ${this.#ctx.acceptedEpoch()}`);
          return;
        }
        this.#pending.length = 0;
        this.#ctx.applySync(message);
        this.#synced = true;
        this.#ctx.send(from, { type: 'sync-ack', epoch: message.epoch });
        for (const proposal of message.proposals) this.#log(proposal);
        return;
      case 'uptodate':
        if (!this.#synced || this.#serving) return;
        this.#serving = true;
        this.#ctx.uptodate();
        return;
      case 'propose':
        if (this.#synced) this.#log(message.proposal);
        return;
      case 'commit':
        while (this.#pending.length > 0 && this.#pending[0].zxid <= message.zxid) {
          this.#ctx.applyCommitted(this.#pending.shift() as Proposal);
        }
        return;
      case 'ping':
        this.#ctx.send(from, { type: 'ping-ack', sessions: this.#ctx.takeTouchedSessions() });
        return;
      case 'sync-done':
        this.#ctx.resolveLocalSync(message.id);
        return;
      case 'revalidated':
        this.#ctx.resolveRevalidate(message.id, message.valid);
        return;
      case 'session-moved':
        this.#ctx.sessionMoved(message.sessionId);
        return;
      default:
        return;
    }
  }

  peerDown(id: number): void {
    if (id === this.leaderId) this.#ctx.stepDown(`leader ${id} went away`);
  }

  #log(proposal: Proposal): void {
    this.#pending.push(proposal);
    this.#ctx.logProposal(proposal);
    this.#ctx.send(this.leaderId, { type: 'ack', zxid: proposal.zxid });
  }

  #announce(): void {
    this.#ctx.send(this.leaderId, { type: 'follower-info', appliedZxid: this.#ctx.appliedZxid(), acceptedEpoch: this.#ctx.acceptedEpoch(), attempt: this.#attempt });
  }

  #tick(): void {
    const now = Date.now();
    if (!this.#synced) {
      if (now - this.#startedAt > this.#ctx.initLimit * this.#ctx.tickTimeMs) {
        this.#ctx.stepDown(`leader ${this.leaderId} did not sync us within initLimit (${this.#ctx.initLimit} ticks)`);
        return;
      }
      this.#announce();
      return;
    }
    if (now - this.#lastContact > this.#ctx.syncLimit * this.#ctx.tickTimeMs) {
      this.#ctx.stepDown(`no word from leader ${this.leaderId} for syncLimit (${this.#ctx.syncLimit} ticks)`);
    }
  }
}
