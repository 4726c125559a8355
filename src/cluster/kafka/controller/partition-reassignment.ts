/**
 * Partition reassignment as the ZooKeeper-mode controller drives it (`KafkaController.onPartitionReassignment`,
 * `core/src/main/scala/kafka/controller/KafkaController.scala`), started by AlterPartitionReassignments or by a
 * `/admin/reassign_partitions` znode written by hand (the legacy `kafka-reassign-partitions` way):
 *
 * 1. RS = TRS ++ ORS, AR and RR are written to `/brokers/topics/<t>` (`adding_replicas`, `removing_replicas`)
 *    and the leader epoch is bumped: the new replicas see themselves assigned, start following and catch up;
 * 2. once every target replica is in the ISR (watched on the partition state), a leader from TRS is elected
 *    if the current one is not in it, RR leave the ISR, the assignment becomes TRS (the removed brokers drop
 *    their replica and delete its log), and the partition leaves `/admin/reassign_partitions`.
 *
 * A null target cancels: the partition is reassigned back to ORS. Decisions go through the controller's
 * own write primitives (assignment and partition state, guarded by the controller epoch), so whatever
 * carries those to the brokers carries the reassignment.
 */
import type { Logger } from '../../logger.ts';
import { ErrorCode } from '../../zookeeper/client/index.ts';
import type { KafkaErrorName } from '../protocol/index.ts';
import type { CachedPartitionState, CachedTopic, ZkMetadataCache } from '../metadata/zk-metadata-cache.ts';
import { isZkError } from '../zk/kafka-zk.ts';
import type { ControllerEpoch, KafkaZk } from '../zk/kafka-zk.ts';
import { ZkPaths } from '../zk/znode-paths.ts';
import { encodeTopicAssignment } from '../zk/znode-json.ts';
import type { TopicAssignment } from '../zk/znode-json.ts';
import type { LeaderAndIsr } from './leader-election.ts';
import {
  invalidReassignmentReason,
  isBeingReassigned,
  originReplicas,
  reassignTo,
  replicaAssignment,
  sameAssignment,
  targetReplicas,
} from './replica-reassignment.ts';
import type { ReplicaReassignment } from './replica-reassignment.ts';

/** `/admin/reassign_partitions` (`ReassignPartitionsZNode`). */
export const REASSIGN_PARTITIONS_PATH = '/admin/reassign_partitions';

/** What the reassignment needs from the controller (its event queue and write primitives). */
export interface ReassignmentControllerHooks {
  readonly zk: KafkaZk;
  readonly cache: ZkMetadataCache;
  readonly log: Logger;
  epoch(): ControllerEpoch | null;
  liveBrokers(): Set<number>;
  /** Brokers in controlled shutdown (never elected). */
  shuttingDown(): ReadonlySet<number>;
  /** A conditional partition state write that bumps the leader epoch (`KafkaController.#updatePartition`). */
  updatePartition(topic: string, partition: number, decide: (current: CachedPartitionState) => LeaderAndIsr | null | undefined): Promise<boolean>;
  /** Runs `work` on the controller's event queue. */
  enqueue<T>(what: string, work: () => Promise<T>): Promise<T>;
}

export interface ReassignmentRequest {
  topic: string;
  partition: number;
  /** The target replicas; null cancels an ongoing reassignment. */
  replicas: number[] | null;
}

export interface ReassignmentOutcome {
  topic: string;
  partition: number;
  error: KafkaErrorName | null;
  message: string | null;
}

export interface OngoingReassignment {
  topic: string;
  partition: number;
  replicas: number[];
  adding: number[];
  removing: number[];
}

function key(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

export function fullAssignmentOf(topic: CachedTopic, partition: number): ReplicaReassignment | undefined {
  const replicas = topic.assignment.get(partition);
  if (!replicas) return undefined;
  return replicaAssignment(replicas, topic.adding.get(partition) ?? [], topic.removing.get(partition) ?? []);
}

export class PartitionReassignments {
  readonly #hooks: ReassignmentControllerHooks;
  /** Partitions being reassigned (`controllerContext.partitionsBeingReassigned`). */
  readonly #reassigning = new Set<string>();
  #unsubscribe: Array<() => void> = [];
  #active = false;

  constructor(hooks: ReassignmentControllerHooks) {
    this.#hooks = hooks;
  }

  /**
   * This broker became controller: resume reassignments recorded in the topic znodes
   * (`initializePartitionReassignments`), watch ISR changes of reassigning partitions and
   * `/admin/reassign_partitions`.
   */
  activate(): void {
    this.#active = true;
    this.#reassigning.clear();
    const { cache } = this.#hooks;
    this.#unsubscribe.push(
      cache.on('partition', (topic, partition) => {
        if (this.#reassigning.has(key(topic, partition))) {
          void this.#hooks.enqueue('reassignment ISR change', () => this.#maybeComplete(topic, partition));
        }
      }),
    );
    void this.#hooks.enqueue('resume reassignments', async () => {
      for (const topic of [...cache.cachedTopics()]) {
        for (const partition of topic.assignment.keys()) {
          const assignment = fullAssignmentOf(topic, partition);
          if (assignment && isBeingReassigned(assignment)) await this.#onPartitionReassignment(topic.name, partition, assignment);
        }
      }
    });
    void this.#watchZkReassignment();
  }

  deactivate(): void {
    this.#active = false;
    for (const off of this.#unsubscribe.splice(0)) off();
    this.#reassigning.clear();
  }

  /** AlterPartitionReassignments (`processApiPartitionReassignment`): one outcome per requested partition. */
  alter(requests: readonly ReassignmentRequest[]): Promise<ReassignmentOutcome[]> {
    return this.#hooks.enqueue('alter partition reassignments', async () => {
      const outcomes: ReassignmentOutcome[] = [];
      const started: Array<[ReassignmentRequest, ReplicaReassignment]> = [];
      const live = this.#hooks.liveBrokers();
      for (const request of requests) {
        const topic = this.#hooks.cache.cachedTopic(request.topic);
        const current = topic ? fullAssignmentOf(topic, request.partition) : undefined;
        if (request.replicas !== null) {
          const problem = invalidReassignmentReason(current ?? replicaAssignment([]), request.replicas, live);
          if (problem) {
            outcomes.push({ ...request, error: 'INVALID_REPLICA_ASSIGNMENT', message: problem });
            continue;
          }
        }
        const built = this.#build(current ?? replicaAssignment([]), request.replicas);
        if (!built) outcomes.push({ ...request, error: 'NO_REASSIGNMENT_IN_PROGRESS', message: null });
        else started.push([request, built]);
      }
      // The latest reassignment wins over one written to /admin/reassign_partitions.
      const keys = new Set(started.map(([r]) => key(r.topic, r.partition)));
      await this.#removeFromZkReassignment((topic, partition) => keys.has(key(topic, partition)));
      for (const [request, assignment] of started) outcomes.push({ ...request, ...(await this.#trigger(request.topic, request.partition, assignment)) });
      return outcomes;
    });
  }

  /** ListPartitionReassignments (`processListPartitionReassignments`): all ongoing ones, or those asked for. */
  list(partitions: ReadonlyArray<{ topic: string; partition: number }> | null): OngoingReassignment[] {
    const { cache } = this.#hooks;
    const candidates = partitions ?? [...cache.cachedTopics()].flatMap((t) => [...t.assignment.keys()].map((partition) => ({ topic: t.name, partition })));
    const ongoing: OngoingReassignment[] = [];
    for (const { topic, partition } of candidates) {
      const cached = cache.cachedTopic(topic);
      const assignment = cached ? fullAssignmentOf(cached, partition) : undefined;
      if (!assignment || !isBeingReassigned(assignment)) continue;
      ongoing.push({ topic, partition, replicas: [...assignment.replicas], adding: [...assignment.adding], removing: [...assignment.removing] });
    }
    return ongoing;
  }

  // ---- the reassignment itself ------------------------------------------------------------------------

  /** `maybeBuildReassignment`: null when there is nothing to cancel. */
  #build(current: ReplicaReassignment, target: readonly number[] | null): ReplicaReassignment | null {
    if (isBeingReassigned(current)) return reassignTo(current, target ?? originReplicas(current));
    return target ? reassignTo(current, target) : null;
  }

  /** `maybeTriggerPartitionReassignment` for one partition. */
  async #trigger(topic: string, partition: number, assignment: ReplicaReassignment): Promise<Omit<ReassignmentOutcome, 'topic' | 'partition'>> {
    const cached = this.#hooks.cache.cachedTopic(topic);
    if (!cached || !cached.assignment.has(partition)) return { error: 'UNKNOWN_TOPIC_OR_PARTITION', message: 'The partition does not exist.' };
    try {
      await this.#onPartitionReassignment(topic, partition, assignment);
      return { error: null, message: null };
    } catch (error) {
      this.#hooks.log.error('error completing reassignment', { topic, partition, error: String(error) });
      return { error: 'UNKNOWN_SERVER_ERROR', message: null };
    }
  }

  async #onPartitionReassignment(topic: string, partition: number, assignment: ReplicaReassignment): Promise<void> {
    await this.#updateCurrentReassignment(topic, partition, assignment);
    if (!this.#isComplete(topic, partition, assignment)) {
      // A1: every replica in ORS + TRS learns the new RS (a new leader epoch); A2: the added ones start.
      await this.#bumpLeaderEpoch(topic, partition);
      this.#hooks.log.info('reassignment started', { topic, partition, replicas: assignment.replicas, adding: assignment.adding, removing: assignment.removing });
      return;
    }
    const target = targetReplicas(assignment);
    // B3: a leader from TRS if the current one is not in it (or dead), else a new epoch for the new RS.
    await this.#moveLeaderIfRequired(topic, partition, target);
    // B4/B5: the removed replicas leave the ISR; once unassigned, their brokers delete them.
    await this.#stopRemovedReplicas(topic, partition, assignment.removing);
    // B6: RS = TRS, AR = RR = [].
    await this.#writeAssignment(topic, partition, replicaAssignment(target));
    // B7: out of /admin/reassign_partitions.
    this.#reassigning.delete(key(topic, partition));
    await this.#removeFromZkReassignment((t, p, replicas) => t === topic && p === partition && replicas.length === target.length && replicas.every((id, i) => id === target[i]));
    this.#hooks.log.info('reassignment completed', { topic, partition, replicas: target });
  }

  async #maybeComplete(topic: string, partition: number): Promise<void> {
    if (!this.#reassigning.has(key(topic, partition))) return;
    const cached = this.#hooks.cache.cachedTopic(topic);
    const assignment = cached ? fullAssignmentOf(cached, partition) : undefined;
    if (!assignment) {
      this.#reassigning.delete(key(topic, partition));
      return;
    }
    if (this.#isComplete(topic, partition, assignment)) {
      this.#hooks.log.info('target replicas caught up with the leader', { topic, partition, target: targetReplicas(assignment) });
      await this.#onPartitionReassignment(topic, partition, assignment);
    }
  }

  /** `updateCurrentReassignment`: writes the new RS/AR/RR; replicas of a superseded reassignment stop. */
  async #updateCurrentReassignment(topic: string, partition: number, assignment: ReplicaReassignment): Promise<void> {
    const cached = this.#hooks.cache.cachedTopic(topic);
    const current = cached ? fullAssignmentOf(cached, partition) : undefined;
    if (!current || !sameAssignment(current, assignment)) {
      await this.#writeAssignment(topic, partition, assignment);
      const unneeded = (current?.replicas ?? []).filter((id) => !assignment.replicas.includes(id));
      if (unneeded.length > 0) await this.#stopRemovedReplicas(topic, partition, unneeded);
    }
    this.#reassigning.add(key(topic, partition));
  }

  /** `isReassignmentComplete`: TRS is a subset of the ISR. */
  #isComplete(topic: string, partition: number, assignment: ReplicaReassignment): boolean {
    if (!isBeingReassigned(assignment)) return true;
    const state = this.#hooks.cache.cachedTopic(topic)?.states.get(partition);
    if (!state) return false;
    return targetReplicas(assignment).every((id) => state.isr.includes(id));
  }

  #bumpLeaderEpoch(topic: string, partition: number): Promise<boolean> {
    return this.#hooks.updatePartition(topic, partition, (current) => ({ leader: current.leader, isr: current.isr }));
  }

  /** `moveReassignedPartitionLeaderIfRequired` with `ReassignPartitionLeaderElectionStrategy`. */
  async #moveLeaderIfRequired(topic: string, partition: number, target: readonly number[]): Promise<void> {
    const live = this.#hooks.liveBrokers();
    const state = this.#hooks.cache.cachedTopic(topic)?.states.get(partition);
    if (!state) return;
    if (target.includes(state.leader) && live.has(state.leader)) {
      await this.#bumpLeaderEpoch(topic, partition);
      return;
    }
    const shuttingDown = this.#hooks.shuttingDown();
    const moved = await this.#hooks.updatePartition(topic, partition, (current) => {
      const leader = target.find((id) => live.has(id) && !shuttingDown.has(id) && current.isr.includes(id));
      return leader === undefined ? null : { leader, isr: current.isr };
    });
    if (moved) this.#hooks.log.info('reassigned partition has a new leader from the target replicas', { topic, partition, leader: this.#hooks.cache.cachedTopic(topic)?.states.get(partition)?.leader });
    else this.#hooks.log.warn('no target replica can lead the reassigned partition', { topic, partition, target });
  }

  /** `stopRemovedReplicasOfReassignedPartition`: OfflineReplica (out of the ISR, never below one member). */
  async #stopRemovedReplicas(topic: string, partition: number, removed: readonly number[]): Promise<void> {
    if (removed.length === 0) return;
    await this.#hooks.updatePartition(topic, partition, (current) => {
      let isr = current.isr.filter((id) => !removed.includes(id));
      if (isr.length === 0) isr = current.isr.slice(0, 1);
      const leader = removed.includes(current.leader) ? -1 : current.leader;
      if (leader === current.leader && isr.length === current.isr.length) return undefined;
      return { leader, isr };
    });
  }

  /** `updateReplicaAssignmentForPartition`: rewrites `/brokers/topics/<t>` in a controller-epoch multi. */
  async #writeAssignment(topic: string, partition: number, assignment: ReplicaReassignment): Promise<void> {
    const { cache, zk } = this.#hooks;
    const epoch = this.#hooks.epoch();
    const cached = cache.cachedTopic(topic);
    if (!epoch || !cached) throw new Error(`cannot update the assignment of ${topic}-${partition}: ${epoch ? 'no such topic' : 'not the controller'}`);
    const partitions = new Map(cached.assignment);
    const adding = new Map(cached.adding);
    const removing = new Map(cached.removing);
    partitions.set(partition, [...assignment.replicas]);
    if (assignment.adding.length > 0) adding.set(partition, [...assignment.adding]);
    else adding.delete(partition);
    if (assignment.removing.length > 0) removing.set(partition, [...assignment.removing]);
    else removing.delete(partition);
    const next: TopicAssignment = { partitions, topicId: cached.topicId || null, adding, removing };
    const [stat] = await zk.controllerMulti(epoch.epochZkVersion, [{ type: 'setData', path: ZkPaths.topic(topic), data: encodeTopicAssignment(next) }]);
    cache.applyLocalAssignment(topic, next, stat.version);
    this.#hooks.log.info('updated the assignment of a partition', { topic, partition, replicas: assignment.replicas, adding: assignment.adding, removing: assignment.removing });
  }

  // ---- /admin/reassign_partitions -----------------------------------------------------------------------

  async #watchZkReassignment(): Promise<void> {
    if (!this.#active) return;
    const { zk } = this.#hooks;
    let data: Uint8Array | null = null;
    try {
      const stat = await zk.client.exists(REASSIGN_PARTITIONS_PATH, () => void this.#watchZkReassignment());
      if (!stat) return;
      data = (await zk.client.getData(REASSIGN_PARTITIONS_PATH)).data;
    } catch (error) {
      if (!isZkError(error, ErrorCode.NONODE) && this.#active) this.#hooks.log.warn('cannot read /admin/reassign_partitions', { error: String(error) });
      return;
    }
    const entries = decodeReassignPartitions(data);
    if (entries === null) {
      this.#hooks.log.warn('/admin/reassign_partitions is not the JSON Kafka expects; ignoring it', {});
      return;
    }
    void this.#hooks.enqueue('zk partition reassignment', async () => {
      const failed = new Set<string>();
      for (const entry of entries) {
        const cached = this.#hooks.cache.cachedTopic(entry.topic);
        const current = cached ? fullAssignmentOf(cached, entry.partition) : undefined;
        const built = this.#build(current ?? replicaAssignment([]), entry.replicas);
        const outcome = built ? await this.#trigger(entry.topic, entry.partition, built) : { error: 'NO_REASSIGNMENT_IN_PROGRESS' as const };
        if (outcome.error) failed.add(key(entry.topic, entry.partition));
      }
      if (failed.size > 0) {
        this.#hooks.log.warn('failed reassignment through zk', { partitions: failed.size });
        await this.#removeFromZkReassignment((topic, partition) => failed.has(key(topic, partition)));
      }
    });
  }

  /** `maybeRemoveFromZkReassignment`: drops matching entries; deletes the znode once empty. */
  async #removeFromZkReassignment(remove: (topic: string, partition: number, replicas: number[]) => boolean): Promise<void> {
    const { zk } = this.#hooks;
    const epoch = this.#hooks.epoch();
    if (!epoch) return;
    let data: Uint8Array;
    try {
      data = (await zk.client.getData(REASSIGN_PARTITIONS_PATH)).data;
    } catch (error) {
      if (isZkError(error, ErrorCode.NONODE)) return;
      throw error;
    }
    const entries = decodeReassignPartitions(data) ?? [];
    const remaining = entries.filter((e) => !remove(e.topic, e.partition, e.replicas));
    if (remaining.length === entries.length && entries.length > 0) return;
    if (remaining.length === 0) {
      this.#hooks.log.info('no more partitions need to be reassigned; deleting /admin/reassign_partitions', {});
      await zk.controllerMulti(epoch.epochZkVersion, [{ type: 'delete', path: REASSIGN_PARTITIONS_PATH }]).catch((error: unknown) => this.#hooks.log.warn('cannot delete /admin/reassign_partitions', { error: String(error) }));
    } else {
      await zk.controllerMulti(epoch.epochZkVersion, [{ type: 'setData', path: REASSIGN_PARTITIONS_PATH, data: encodeReassignPartitions(remaining) }]);
    }
  }
}

/** `ReassignPartitionsZNode.decode`: `{"version":1,"partitions":[{"topic":"t","partition":0,"replicas":[1,2]}]}`; null if malformed. */
export function decodeReassignPartitions(data: Uint8Array | null): Array<{ topic: string; partition: number; replicas: number[] }> | null {
  try {
    const json = JSON.parse(new TextDecoder().decode(data ?? new Uint8Array(0))) as { partitions?: unknown };
    if (!Array.isArray(json.partitions)) return null;
    return json.partitions.map((p: { topic?: unknown; partition?: unknown; replicas?: unknown }) => {
      if (typeof p.topic !== 'string' || !Number.isInteger(p.partition) || !Array.isArray(p.replicas)) throw new Error('bad entry');
      return { topic: p.topic, partition: p.partition as number, replicas: (p.replicas as unknown[]).map(Number) };
    });
  } catch {
    return null;
  }
}

export function encodeReassignPartitions(entries: ReadonlyArray<{ topic: string; partition: number; replicas: readonly number[] }>): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ version: 1, partitions: entries.map((e) => ({ topic: e.topic, partition: e.partition, replicas: e.replicas })) }));
}
