/**
 * Test support for the coordinator's unit tests: a coordinator on a manual clock over an in-memory
 * `__consumer_offsets`, and helpers that speak for a member the way kafkajs and librdkafka would.
 */
import { silentLogger } from '../../logger.ts';
import { resolveBrokerConfig, type BrokerConfig } from '../broker-config.ts';
import type { JoinGroupParams, JoinGroupResult, SyncGroupResult } from './coordinator-results.ts';
import { GroupCoordinator } from './group-coordinator.ts';
import { InMemoryOffsetsLog, InMemoryOffsetsTopic } from './in-memory-offsets-topic.ts';
import { ManualScheduler, settle } from './manual-scheduler.ts';
import type { MemberProtocol } from './member-metadata.ts';

export const SESSION_MS = 10_000;
export const REBALANCE_MS = 20_000;
export const INITIAL_DELAY_MS = 300;

/** A promise whose settlement a test can check without awaiting it. */
export interface Tracked<T> {
  readonly promise: Promise<T>;
  readonly done: boolean;
  readonly value: T;
}

export function track<T>(promise: Promise<T>): Tracked<T> {
  const state = { done: false, value: undefined as T };
  void promise.then((value) => {
    state.done = true;
    state.value = value;
  });
  return {
    promise,
    get done() {
      return state.done;
    },
    get value() {
      if (!state.done) throw new Error('the request is still parked');
      return state.value;
    },
  };
}

export function protocol(name: string, bytes: number[] = [1]): MemberProtocol {
  return { name, metadata: new Uint8Array(bytes) };
}

export interface Harness {
  readonly scheduler: ManualScheduler;
  readonly topic: InMemoryOffsetsTopic;
  readonly coordinator: GroupCoordinator;
  /** A second broker over the same log (leads nothing until `topic2.setLeader`). */
  readonly second: () => Promise<{ topic: InMemoryOffsetsTopic; coordinator: GroupCoordinator }>;
  join(params: Partial<JoinGroupParams> & { groupId: string }): Tracked<JoinGroupResult>;
  sync(groupId: string, generationId: number, memberId: string, assignments?: Array<[string, number[]]>): Tracked<SyncGroupResult>;
  heartbeat(groupId: string, generationId: number, memberId: string): number;
  /** Joins `count` members with the same protocol and completes join + sync; returns their ids (leader first). */
  stableGroup(groupId: string, count: number): Promise<{ members: string[]; generationId: number }>;
}

export async function createHarness(config: Partial<BrokerConfig> = {}, partitionCount = 4): Promise<Harness> {
  const scheduler = new ManualScheduler();
  const log = new InMemoryOffsetsLog(partitionCount);
  const all = Array.from({ length: partitionCount }, (_, p) => p);
  const topic = new InMemoryOffsetsTopic(log, all);
  const brokerConfig = resolveBrokerConfig({ groupInitialRebalanceDelayMs: INITIAL_DELAY_MS, ...config });
  let next = 0;
  const make = (offsetsTopic: InMemoryOffsetsTopic, brokerId: number) => {
    const c = new GroupCoordinator(
      { brokerId, config: brokerConfig, logger: silentLogger, offsetsTopic },
      { scheduler, newMemberId: (clientId) => `${clientId}-${++next}` },
    );
    c.start();
    return c;
  };
  const coordinator = make(topic, 1);
  await settle();

  const join: Harness['join'] = (params) =>
    track(
      coordinator.joinGroup({
        memberId: '',
        groupInstanceId: null,
        requireKnownMemberId: false,
        clientId: 'client',
        clientHost: '/127.0.0.1',
        sessionTimeoutMs: SESSION_MS,
        rebalanceTimeoutMs: REBALANCE_MS,
        protocolType: 'consumer',
        protocols: [protocol('RoundRobinAssigner')],
        ...params,
      }),
    );
  const sync: Harness['sync'] = (groupId, generationId, memberId, assignments = []) =>
    track(
      coordinator.syncGroup({
        groupId,
        generationId,
        memberId,
        groupInstanceId: null,
        assignments: assignments.map(([id, bytes]) => ({ memberId: id, assignment: new Uint8Array(bytes) })),
      }),
    );
  const heartbeat: Harness['heartbeat'] = (groupId, generationId, memberId) =>
    coordinator.heartbeat({ groupId, generationId, memberId, groupInstanceId: null });

  return {
    scheduler,
    topic,
    coordinator,
    async second() {
      const topic2 = new InMemoryOffsetsTopic(log);
      const coordinator2 = make(topic2, 2);
      await settle();
      return { topic: topic2, coordinator: coordinator2 };
    },
    join,
    sync,
    heartbeat,
    async stableGroup(groupId, count) {
      const joins = Array.from({ length: count }, (_, i) => join({ groupId, clientId: `c${i}` }));
      // Members arriving during the initial delay extend it once more (Kafka's InitialDelayedJoin).
      await scheduler.advance(count > 1 ? 2 * INITIAL_DELAY_MS : INITIAL_DELAY_MS);
      const results = joins.map((j) => j.value);
      const leader = results.find((r) => r.members.length > 0);
      if (!leader) throw new Error('no leader elected');
      const members = [leader.memberId, ...results.map((r) => r.memberId).filter((id) => id !== leader.memberId)];
      const generationId = leader.generationId;
      const syncs = members.map((id, i) =>
        sync(groupId, generationId, id, id === leader.memberId ? members.map((m, j) => [m, [j]] as [string, number[]]) : []),
      );
      await settle();
      for (const [i, s] of syncs.entries()) {
        if (!s.done || s.value.errorCode !== 0) throw new Error(`sync of member ${i} failed`);
      }
      return { members, generationId };
    },
  };
}
