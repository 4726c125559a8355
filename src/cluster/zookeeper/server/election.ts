/**
 * Fast leader election (`quorum/FastLeaderElection.java`), reduced to what an in-process ensemble
 * needs. A LOOKING member proposes itself, broadcasts its vote, and adopts any better vote it hears
 * (higher last zxid, then higher id) within the same round; once a quorum holds the same vote and
 * nothing better arrives for `finalizeWaitMs`, the vote's leader is elected. A member that hears from
 * a quorum of members already FOLLOWING/LEADING the same leader joins that leader at once (a
 * restarted member joining a running ensemble). Rounds (`logicalclock`) keep stale votes out.
 */
import type { PeerMessage, PeerState, Vote } from './quorum-messages.ts';
import { betterVote } from './quorum-messages.ts';

type VoteMessage = Extract<PeerMessage, { type: 'vote' }>;

export interface ElectionContext {
  readonly id: number;
  readonly members: readonly number[];
  readonly quorum: number;
  /** Last logged zxid (proposals included): what this member offers. */
  loggedZxid(): bigint;
  acceptedEpoch(): number;
  send(to: number, message: PeerMessage): void;
  /** Re-broadcast period while undecided. */
  readonly rebroadcastMs: number;
  readonly finalizeWaitMs: number;
}

export interface ElectionResult {
  leader: number;
  round: number;
  /** Highest accepted epoch among the votes that elected the leader (the new epoch must exceed it). */
  maxAcceptedEpoch: number;
}

export class Election {
  readonly #ctx: ElectionContext;
  readonly #decided: (result: ElectionResult) => void;
  #round = 0;
  #proposal: Vote = { leader: 0, zxid: 0n };
  #votes = new Map<number, VoteMessage>();
  #outOfElection = new Map<number, VoteMessage>();
  #running = false;
  #finalizeTimer: ReturnType<typeof setTimeout> | undefined;
  #rebroadcastTimer: ReturnType<typeof setInterval> | undefined;

  constructor(ctx: ElectionContext, decided: (result: ElectionResult) => void) {
    this.#ctx = ctx;
    this.#decided = decided;
  }

  get round(): number {
    return this.#round;
  }

  get running(): boolean {
    return this.#running;
  }

  /** The current vote (what a member tells LOOKING peers after the election, too). */
  get vote(): Vote {
    return this.#proposal;
  }

  start(): void {
    this.stop();
    this.#running = true;
    this.#round++;
    this.#proposal = { leader: this.#ctx.id, zxid: this.#ctx.loggedZxid() };
    this.#votes = new Map();
    this.#outOfElection = new Map();
    this.#broadcast();
    this.#rebroadcastTimer = setInterval(() => this.#broadcast(), this.#ctx.rebroadcastMs);
    this.#check();
  }

  stop(): void {
    this.#running = false;
    clearTimeout(this.#finalizeTimer);
    clearInterval(this.#rebroadcastTimer);
    this.#finalizeTimer = undefined;
    this.#rebroadcastTimer = undefined;
  }

  /** Fixes the vote after a decision (so later LOOKING peers hear who leads). */
  settle(leader: number, zxid: bigint): void {
    this.#proposal = { leader, zxid };
  }

  /** The notification this member sends: while looking or, afterwards, to answer LOOKING peers. */
  notification(state: PeerState): VoteMessage {
    return { type: 'vote', round: this.#round, vote: this.#proposal, state, acceptedEpoch: this.#ctx.acceptedEpoch() };
  }

  receive(from: number, message: VoteMessage): void {
    if (!this.#running) return;
    if (message.state === 'looking') {
      if (message.round > this.#round) {
        this.#round = message.round;
        this.#votes = new Map();
        const mine: Vote = { leader: this.#ctx.id, zxid: this.#ctx.loggedZxid() };
        this.#proposal = betterVote(message.vote, mine) ? message.vote : mine;
        this.#broadcast();
      } else if (message.round < this.#round) {
        // A peer in an old round: tell it where we are so it catches up.
        this.#ctx.send(from, this.notification('looking'));
        return;
      } else if (betterVote(message.vote, this.#proposal)) {
        this.#proposal = message.vote;
        this.#broadcast();
      }
      this.#votes.set(from, message);
      this.#check();
      return;
    }
    // The peer already follows or leads someone.
    this.#outOfElection.set(from, message);
    const leader = message.vote.leader;
    const supporters = [...this.#outOfElection.values()].filter((m) => m.vote.leader === leader).length;
    const leaderLeads = leader !== this.#ctx.id && this.#outOfElection.get(leader)?.state === 'leading';
    if (supporters >= this.#ctx.quorum && leaderLeads) {
      this.#round = Math.max(this.#round, message.round);
      this.#proposal = message.vote;
      this.#finish();
    }
  }

  #check(): void {
    const agreeing = 1 + [...this.#votes.values()].filter((m) => m.round === this.#round && sameVote(m.vote, this.#proposal)).length;
    clearTimeout(this.#finalizeTimer);
    this.#finalizeTimer = undefined;
    if (agreeing < this.#ctx.quorum) return;
    const proposal = this.#proposal;
    const round = this.#round;
    // Wait a little for a better vote before settling (`finalizeWait`).
    this.#finalizeTimer = setTimeout(() => {
      if (this.#running && this.#round === round && sameVote(this.#proposal, proposal)) this.#finish();
    }, this.#ctx.finalizeWaitMs);
  }

  #finish(): void {
    const maxAcceptedEpoch = Math.max(
      this.#ctx.acceptedEpoch(),
      ...[...this.#votes.values()].filter((m) => m.round === this.#round).map((m) => m.acceptedEpoch),
    );
    const result = { leader: this.#proposal.leader, round: this.#round, maxAcceptedEpoch };
    this.stop();
    this.#decided(result);
  }

  #broadcast(): void {
    const message = this.notification('looking');
    for (const member of this.#ctx.members) if (member !== this.#ctx.id) this.#ctx.send(member, message);
  }
}

function sameVote(a: Vote, b: Vote): boolean {
  return a.leader === b.leader && a.zxid === b.zxid;
}
