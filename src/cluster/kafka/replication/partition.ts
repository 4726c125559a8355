/**
 * One partition replica on this broker and Kafka's replication bookkeeping for it
 * (`core/src/main/scala/kafka/cluster/Partition.scala`, `Replica.scala`):
 *
 * - as leader: the log end offset (LEO) of every follower as seen from its fetches, the high watermark
 *   (HW = smallest LEO in the ISR), ISR shrink after `replica.lag.time.max.ms` without catching up and
 *   expansion once a follower reaches the HW, acks=all waiters released when the HW passes their offset;
 * - as follower: the HW learnt from the leader, appends of fetched batches.
 *
 * It decides; it does not talk to anyone. The replica manager writes the ISR changes it proposes to
 * ZooKeeper and feeds the results back.
 */
import { KAFKA_ERRORS, KafkaProtocolError } from '../protocol/errors.ts';
import type { KafkaErrorName } from '../protocol/errors.ts';
import { PartitionLog } from '../log/partition-log.ts';
import { hasProducerId } from '../log/producer-batch.ts';
import type { BatchMetadata } from '../log/producer-state-entry.ts';
import { ProducerStateManager } from '../log/producer-state-manager.ts';
import type { Logger } from '../../logger.ts';

export type ReplicaRole = 'leader' | 'follower' | 'none';

/** What the leader knows about one follower (`Replica.scala`). */
export interface FollowerProgress {
  /** -1 until the follower's first fetch in this leader epoch. */
  logEndOffset: bigint;
  lastCaughtUpTimeMs: number;
  lastFetchLeaderLogEndOffset: bigint;
  lastFetchTimeMs: number;
  /** The follower's log start offset from its last fetch (-1 unknown): DeleteRecords waits for it. */
  logStartOffset: bigint;
}

/** The partition state znode's content as the replica manager passes it in. */
export interface PartitionLeadership {
  leader: number;
  leaderEpoch: number;
  isr: readonly number[];
  replicas: readonly number[];
  /** dataVersion of the state znode (the "partition epoch" for conditional ISR writes). */
  zkVersion: number;
}

/** Offsets of a leader append; `duplicate` when it was a producer's retry, answered without appending. */
export interface LeaderAppendResult {
  baseOffset: bigint;
  lastOffset: bigint;
  duplicate?: BatchMetadata;
}

interface CommitWaiter {
  requiredOffset: bigint;
  minIsr: number;
  resolve: (error: KafkaErrorName | null) => void;
  timer: ReturnType<typeof setTimeout>;
}

function protocolError(name: KafkaErrorName, detail?: string): KafkaProtocolError {
  return new KafkaProtocolError(KAFKA_ERRORS[name], detail);
}

export class Partition {
  readonly topic: string;
  readonly partition: number;
  readonly brokerId: number;
  readonly log: PartitionLog;
  /** Idempotent producers' state, kept on every replica (rebuilt from the log here and after truncation). */
  readonly producers: ProducerStateManager;
  role: ReplicaRole = 'none';
  /** Told where the log ends after a truncation or reset (the log cleaner's checkpoint follows it down). */
  onTruncated: ((logEndOffset: bigint) => void) | undefined;
  leaderId = -1;
  leaderEpoch = -1;
  isr: number[] = [];
  replicas: number[] = [];
  zkVersion = -1;
  /** ISR asked of the controller (AlterPartition) and not answered yet (`pendingIsr`), or null. */
  pendingIsr: number[] | null = null;
  readonly followers = new Map<number, FollowerProgress>();
  #highWatermark = 0n;
  #waiters: CommitWaiter[] = [];
  #listeners = new Set<() => void>();

  /** `logger` receives the producer state's warnings (an epoch going backwards in replicated data). */
  constructor(topic: string, partition: number, brokerId: number, log = new PartitionLog(), logger?: Logger) {
    this.topic = topic;
    this.partition = partition;
    this.brokerId = brokerId;
    this.log = log;
    this.producers = new ProducerStateManager(`${topic}-${partition}`, logger ? (message, fields) => logger.warn(message, fields) : undefined);
    this.producers.rebuild(log.batches());
  }

  get name(): string {
    return `${this.topic}-${this.partition}`;
  }

  get highWatermark(): bigint {
    return this.#highWatermark;
  }

  get logEndOffset(): bigint {
    return this.log.logEndOffset;
  }

  /** Called after appends and HW moves: wakes long-polling fetches. Returns an unsubscribe function. */
  onProgress(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  // -------------------------------------------------------------------------------------------------
  // role changes

  /**
   * Becomes (or stays) leader for `state.leaderEpoch`. Followers' fetch positions are forgotten and
   * the ISR members count as caught up now, as Kafka does on `makeLeader`. Returns true when the epoch
   * is new (the caller then tells listeners about the leadership).
   */
  becomeLeader(state: PartitionLeadership, nowMs: number): boolean {
    const isNew = this.role !== 'leader' || this.leaderEpoch !== state.leaderEpoch;
    this.role = 'leader';
    this.leaderId = this.brokerId;
    this.replicas = [...state.replicas];
    this.isr = [...state.isr];
    this.zkVersion = state.zkVersion;
    this.pendingIsr = null;
    if (isNew) {
      this.leaderEpoch = state.leaderEpoch;
      this.log.assignEpoch(state.leaderEpoch);
      this.followers.clear();
      for (const id of this.replicas) {
        if (id === this.brokerId) continue;
        this.followers.set(id, {
          logEndOffset: -1n,
          lastCaughtUpTimeMs: this.isr.includes(id) ? nowMs : 0,
          lastFetchLeaderLogEndOffset: -1n,
          lastFetchTimeMs: 0,
          logStartOffset: -1n,
        });
      }
    } else {
      for (const id of this.replicas) {
        if (id !== this.brokerId && !this.followers.has(id)) {
          this.followers.set(id, { logEndOffset: -1n, lastCaughtUpTimeMs: 0, lastFetchLeaderLogEndOffset: -1n, lastFetchTimeMs: 0, logStartOffset: -1n });
        }
      }
    }
    if (this.#highWatermark > this.log.logEndOffset) this.#highWatermark = this.log.logEndOffset;
    this.maybeIncrementHighWatermark();
    this.#notify();
    return isNew;
  }

  /** Becomes a follower of `state.leader` (-1: no leader yet). Pending acks=all writes fail. */
  becomeFollower(state: PartitionLeadership): boolean {
    const changed = this.role !== 'follower' || this.leaderEpoch !== state.leaderEpoch || this.leaderId !== state.leader;
    this.role = 'follower';
    this.leaderId = state.leader;
    this.leaderEpoch = Math.max(this.leaderEpoch, state.leaderEpoch);
    this.replicas = [...state.replicas];
    this.isr = [...state.isr];
    this.zkVersion = state.zkVersion;
    this.pendingIsr = null;
    this.followers.clear();
    this.#failWaiters('NOT_LEADER_OR_FOLLOWER');
    this.#notify();
    return changed;
  }

  /** The replica is being deleted or this broker stops. */
  close(): void {
    this.role = 'none';
    this.#failWaiters('NOT_LEADER_OR_FOLLOWER');
    this.#notify();
    this.#listeners.clear();
  }

  // -------------------------------------------------------------------------------------------------
  // leader side

  /** The ISR used for the HW and acks=all: the ISR plus members being added (Kafka's maximal ISR). */
  get maximalIsr(): number[] {
    if (!this.pendingIsr) return this.isr;
    return [...new Set([...this.isr, ...this.pendingIsr])];
  }

  /**
   * Appends validated batches as leader. With acks=all the ISR must have `minIsr` members first
   * (NOT_ENOUGH_REPLICAS before anything is written, as Kafka does).
   */
  appendAsLeader(batches: readonly Uint8Array[], acks: number, minIsr: number): LeaderAppendResult {
    if (this.role !== 'leader') throw protocolError('NOT_LEADER_OR_FOLLOWER', `broker ${this.brokerId} does not lead ${this.name}`);
    if (acks === -1 && this.isr.length < minIsr) {
      throw protocolError(
        'NOT_ENOUGH_REPLICAS',
        `the ISR of ${this.name} is [${this.isr.join(',')}], below min.insync.replicas=${minIsr}`,
      );
    }
    // Producer checks and the append in one synchronous step: no other append can come between them.
    const plan = this.producers.prepareLeaderAppend(batches);
    if (plan?.duplicate) return { baseOffset: plan.duplicate.firstOffset, lastOffset: plan.duplicate.lastOffset, duplicate: plan.duplicate };
    const result = this.log.appendAsLeader(batches, this.leaderEpoch);
    if (plan) this.producers.commitLeaderAppend(plan, result.baseOffset);
    this.maybeIncrementHighWatermark();
    this.#notify();
    return result;
  }

  /**
   * Resolves when the HW passes `lastOffset` (the whole ISR has it): `null` on success, otherwise the
   * error to answer with (NOT_ENOUGH_REPLICAS_AFTER_APPEND, NOT_LEADER_OR_FOLLOWER, REQUEST_TIMED_OUT).
   */
  waitForCommit(lastOffset: bigint, minIsr: number, timeoutMs: number): Promise<KafkaErrorName | null> {
    const requiredOffset = lastOffset + 1n;
    const ready = this.#commitOutcome(requiredOffset, minIsr);
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve) => {
      const waiter: CommitWaiter = {
        requiredOffset,
        minIsr,
        resolve: (error) => {
          clearTimeout(waiter.timer);
          resolve(error);
        },
        timer: setTimeout(() => {
          this.#waiters = this.#waiters.filter((w) => w !== waiter);
          resolve('REQUEST_TIMED_OUT');
        }, Math.max(0, timeoutMs)),
      };
      this.#waiters.push(waiter);
    });
  }

  /**
   * A follower fetched from `fetchOffset`: it has everything before it. Updates its LEO and caught-up time
   * (`Replica.updateFetchState`), moves the HW, and returns the ISR to write when the follower has caught
   * up and is not in it yet (or null).
   */
  recordFollowerFetch(replicaId: number, fetchOffset: bigint, nowMs: number, followerLogStartOffset = -1n): number[] | null {
    const progress = this.followers.get(replicaId);
    if (!progress) return null;
    if (followerLogStartOffset !== progress.logStartOffset) {
      progress.logStartOffset = followerLogStartOffset;
      this.#notify();
    }
    const leaderEnd = this.log.logEndOffset;
    if (fetchOffset >= leaderEnd) progress.lastCaughtUpTimeMs = Math.max(progress.lastCaughtUpTimeMs, nowMs);
    else if (progress.lastFetchLeaderLogEndOffset >= 0n && fetchOffset >= progress.lastFetchLeaderLogEndOffset) {
      progress.lastCaughtUpTimeMs = Math.max(progress.lastCaughtUpTimeMs, progress.lastFetchTimeMs);
    }
    progress.logEndOffset = fetchOffset;
    progress.lastFetchLeaderLogEndOffset = leaderEnd;
    progress.lastFetchTimeMs = nowMs;
    this.maybeIncrementHighWatermark();
    return this.#expansionFor(replicaId, progress);
  }

  /**
   * Followers in the ISR that have not caught up for `lagMs` (`getOutOfSyncReplicas`): returns the ISR
   * without them to write, or null. The leader itself always stays.
   */
  proposeIsrShrink(nowMs: number, lagMs: number): number[] | null {
    if (this.role !== 'leader' || this.pendingIsr) return null;
    const lagging = this.isr.filter((id) => {
      if (id === this.brokerId) return false;
      const progress = this.followers.get(id);
      return !progress || nowMs - progress.lastCaughtUpTimeMs > lagMs;
    });
    if (lagging.length === 0) return null;
    return this.isr.filter((id) => !lagging.includes(id));
  }

  /** Marks an ISR write as in flight (the caller writes it to ZooKeeper). */
  beginIsrUpdate(isr: number[]): void {
    this.pendingIsr = isr;
    this.maybeIncrementHighWatermark();
  }

  /** The ISR write succeeded with the state znode now at `zkVersion`. */
  completeIsrUpdate(isr: number[], zkVersion: number): void {
    this.isr = [...isr];
    this.zkVersion = zkVersion;
    this.pendingIsr = null;
    this.maybeIncrementHighWatermark();
    this.#checkWaiters();
  }

  /** The ISR write failed (another writer won): wait for the state from ZooKeeper. */
  abortIsrUpdate(): void {
    this.pendingIsr = null;
  }

  /** HW = smallest LEO among the leader and the (maximal) ISR followers; never moves backwards. */
  maybeIncrementHighWatermark(): boolean {
    if (this.role !== 'leader') return false;
    let candidate = this.log.logEndOffset;
    for (const id of this.maximalIsr) {
      if (id === this.brokerId) continue;
      const progress = this.followers.get(id);
      const end = progress ? progress.logEndOffset : -1n;
      if (end < candidate) candidate = end;
    }
    if (candidate > this.#highWatermark) {
      this.#highWatermark = candidate;
      this.#checkWaiters();
      this.#notify();
      return true;
    }
    this.#checkWaiters();
    return false;
  }

  // -------------------------------------------------------------------------------------------------
  // follower side

  /**
   * Appends batches fetched from the leader, adopts its HW (capped at the local log end) and its log start offset
   * (Kafka's follower `maybeIncrementLogStartOffset(leaderLogStartOffset)`, capped at the HW).
   */
  appendFromLeader(batches: readonly Uint8Array[], leaderHighWatermark: bigint, leaderLogStartOffset = -1n): number {
    const before = this.log.logEndOffset;
    let appended = 0;
    try {
      appended = batches.length > 0 ? this.log.appendAsFollower(batches) : 0;
    } finally {
      this.#recordReplicatedProducers(batches, before);
    }
    this.updateFollowerHighWatermark(leaderHighWatermark);
    if (leaderLogStartOffset > this.log.logStartOffset) this.log.maybeIncrementLogStartOffset(leaderLogStartOffset, this.#highWatermark);
    if (appended > 0) this.#notify();
    return appended;
  }

  updateFollowerHighWatermark(leaderHighWatermark: bigint): void {
    const hw = leaderHighWatermark < this.log.logEndOffset ? leaderHighWatermark : this.log.logEndOffset;
    if (hw > this.#highWatermark) {
      this.#highWatermark = hw;
      this.#notify();
    }
  }

  /** Truncates the local log (divergent tail of a returning replica); the HW follows if needed. */
  truncateTo(offset: bigint): void {
    const before = this.log.logEndOffset;
    this.log.truncateTo(offset);
    if (this.producers.size > 0 && this.log.logEndOffset < before) this.producers.rebuild(this.log.batches());
    if (this.#highWatermark > this.log.logEndOffset) this.#highWatermark = this.log.logEndOffset;
    this.onTruncated?.(this.log.logEndOffset);
  }

  /** Restarts the log at `offset` (the leader no longer has what this replica would need). */
  resetTo(offset: bigint): void {
    this.log.reset(offset);
    this.producers.clear();
    this.#highWatermark = offset;
    this.onTruncated?.(offset);
  }

  /** Sets the HW after a restart from storage, within [log start, log end] as Kafka keeps it. */
  restoreHighWatermark(hw: bigint): void {
    const start = this.log.logStartOffset;
    this.#highWatermark = hw < start ? start : hw < this.log.logEndOffset ? hw : this.log.logEndOffset;
  }

  // -------------------------------------------------------------------------------------------------

  /** Producer state follows what a follower append took: the batches from `before` to the new log end. */
  #recordReplicatedProducers(batches: readonly Uint8Array[], before: bigint): void {
    const end = this.log.logEndOffset;
    if (end <= before) return;
    for (const bytes of batches) {
      if (!hasProducerId(bytes)) continue;
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const baseOffset = view.getBigInt64(0);
      const lastOffset = baseOffset + BigInt(view.getInt32(23));
      if (lastOffset >= before && lastOffset < end) this.producers.applyReplicated(bytes);
    }
  }

  #expansionFor(replicaId: number, progress: FollowerProgress): number[] | null {
    if (this.role !== 'leader' || this.pendingIsr) return null;
    if (this.isr.includes(replicaId) || !this.replicas.includes(replicaId)) return null;
    // Caught up: at least at the HW, and past the start of this leader's epoch (`isFollowerInSync`).
    const epochStart = this.log.epochEntries.find((e) => e.epoch === this.leaderEpoch)?.startOffset ?? 0n;
    if (progress.logEndOffset < this.#highWatermark || progress.logEndOffset < epochStart) return null;
    return [...this.isr, replicaId];
  }

  #commitOutcome(requiredOffset: bigint, minIsr: number): KafkaErrorName | null | undefined {
    if (this.role !== 'leader') return 'NOT_LEADER_OR_FOLLOWER';
    if (this.#highWatermark < requiredOffset) return undefined;
    return this.maximalIsr.length < minIsr ? 'NOT_ENOUGH_REPLICAS_AFTER_APPEND' : null;
  }

  #checkWaiters(): void {
    if (this.#waiters.length === 0) return;
    const still: CommitWaiter[] = [];
    for (const waiter of this.#waiters) {
      const outcome = this.#commitOutcome(waiter.requiredOffset, waiter.minIsr);
      if (outcome === undefined) still.push(waiter);
      else waiter.resolve(outcome);
    }
    this.#waiters = still;
  }

  #failWaiters(error: KafkaErrorName): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter.resolve(error);
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
