import { describe, expect, it } from 'vitest';
import { KAFKA_ERRORS as E } from '../protocol/errors.ts';
import { createHarness, INITIAL_DELAY_MS, SESSION_MS } from './coordinator-test-harness.ts';
import { settle } from './manual-scheduler.ts';
import { decodeGroupMetadataValue, decodeOffsetsRecordKey } from './offsets-records.ts';

const G = 'inventory';

describe('GroupCoordinator: __consumer_offsets partitions', () => {
  it('stores the group as GroupMetadataKey v2 / GroupMetadataValue v3 when it stabilizes', async () => {
    const h = await createHarness();
    const { members, generationId } = await h.stableGroup(G, 2);
    const records = h.topic.log.records(h.coordinator.partitionFor(G));
    const last = records.at(-1)!;
    expect(decodeOffsetsRecordKey(last.key!)).toEqual({ type: 'group', group: G });
    const value = decodeGroupMetadataValue(last.value!);
    expect(value).toMatchObject({ protocolType: 'consumer', generation: generationId, protocol: 'RoundRobinAssigner', leader: members[0] });
    expect(value.members.map((m) => [m.memberId, m.clientId, m.clientHost, m.sessionTimeout, [...m.assignment]])).toEqual([
      [members[0], 'c0', '/127.0.0.1', 10_000, [0]],
      [members[1], 'c1', '/127.0.0.1', 10_000, [1]],
    ]);
  });

  it('answers NOT_COORDINATOR for groups of partitions it does not lead', async () => {
    const h = await createHarness();
    h.topic.setLeader(h.coordinator.partitionFor(G), false);
    expect((await h.join({ groupId: G }).promise).errorCode).toBe(E.NOT_COORDINATOR.code);
    expect(h.heartbeat(G, 1, 'm')).toBe(E.NOT_COORDINATOR.code);
    expect(h.coordinator.fetchOffsets(G, null).errorCode).toBe(E.NOT_COORDINATOR.code);
    expect(h.coordinator.describeGroup(G).errorCode).toBe(E.NOT_COORDINATOR.code);
    expect(h.coordinator.isCoordinatorFor(G)).toBe(false);
  });

  it('hands a stable group with its generation, assignments and offsets to the next leader', async () => {
    const h = await createHarness();
    const { members, generationId } = await h.stableGroup(G, 2);
    await h.coordinator.commitOffsets({
      groupId: G,
      generationId,
      memberId: members[1],
      groupInstanceId: null,
      offsets: [{ topic: 'orders', partition: 1, offset: 77n, leaderEpoch: 3, metadata: 'x' }],
    });
    const p = h.coordinator.partitionFor(G);
    const parked = h.join({ groupId: G, memberId: members[0] }); // leader rejoins: rebalance in progress
    await settle();
    const b = await h.second();
    h.topic.setLeader(p, false);
    b.topic.setLeader(p, true);
    await settle();
    // The old coordinator lets go: parked requests and new ones learn NOT_COORDINATOR.
    expect(parked.value.errorCode).toBe(E.NOT_COORDINATOR.code);
    expect(h.heartbeat(G, generationId, members[1])).toBe(E.NOT_COORDINATOR.code);
    expect(h.coordinator.listGroups().groups).toEqual([]);
    // The new one knows the group as last stored (Stable, same generation) and its offsets.
    expect(b.coordinator.describeGroup(G)).toMatchObject({ state: 'Stable', members: [{ memberId: members[0] }, { memberId: members[1] }] });
    expect(b.coordinator.heartbeat({ groupId: G, generationId, memberId: members[1], groupInstanceId: null })).toBe(0);
    const sync = await b.coordinator.syncGroup({ groupId: G, generationId, memberId: members[1], groupInstanceId: null, assignments: [] });
    expect(sync).toMatchObject({ errorCode: 0, protocolName: 'RoundRobinAssigner', assignment: new Uint8Array([1]) });
    expect(b.coordinator.fetchOffsets(G, [{ topic: 'orders', partitions: [1] }]).offsets[0]).toMatchObject({ offset: 77n, leaderEpoch: 3, metadata: 'x' });
    // Loaded members must keep heartbeating to the new coordinator.
    await h.scheduler.advance(SESSION_MS);
    expect(b.coordinator.describeGroup(G).state).not.toBe('Stable');
  });

  it('answers COORDINATOR_LOAD_IN_PROGRESS while replaying, heartbeats blindly, and SyncGroup with a rejoin', async () => {
    const h = await createHarness();
    await h.stableGroup(G, 1);
    const p = h.coordinator.partitionFor(G);
    const b = await h.second();
    let release = () => {};
    b.topic.gate = new Promise<void>((resolve) => (release = resolve));
    b.topic.setLeader(p, true);
    await settle();
    expect((await b.coordinator.joinGroup({
      groupId: G, memberId: '', groupInstanceId: null, requireKnownMemberId: false, clientId: 'c', clientHost: '/h',
      sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 10_000, protocolType: 'consumer', protocols: [{ name: 'x', metadata: new Uint8Array() }],
    })).errorCode).toBe(E.COORDINATOR_LOAD_IN_PROGRESS.code);
    expect(b.coordinator.heartbeat({ groupId: G, generationId: 1, memberId: 'm', groupInstanceId: null })).toBe(0);
    expect((await b.coordinator.syncGroup({ groupId: G, generationId: 1, memberId: 'm', groupInstanceId: null, assignments: [] })).errorCode).toBe(
      E.REBALANCE_IN_PROGRESS.code,
    );
    expect(b.coordinator.fetchOffsets(G, null).errorCode).toBe(E.COORDINATOR_LOAD_IN_PROGRESS.code);
    expect(b.coordinator.listGroups().errorCode).toBe(E.COORDINATOR_LOAD_IN_PROGRESS.code);
    release();
    await settle();
    expect(b.coordinator.describeGroup(G).state).toBe('Stable');
    expect(b.coordinator.listGroups()).toEqual({ errorCode: 0, groups: [{ groupId: G, protocolType: 'consumer', state: 'Stable' }] });
  });

  it('abandons a load when leadership moves away again before it finishes', async () => {
    const h = await createHarness();
    await h.stableGroup(G, 1);
    const p = h.coordinator.partitionFor(G);
    const b = await h.second();
    let release = () => {};
    b.topic.gate = new Promise<void>((resolve) => (release = resolve));
    b.topic.setLeader(p, true);
    await settle();
    b.topic.setLeader(p, false);
    release();
    await settle();
    expect(b.coordinator.ownedPartitions()).not.toContain(p);
    expect(b.coordinator.describeGroup(G).errorCode).toBe(E.NOT_COORDINATOR.code);
  });

  it('replays deletions and emptied groups: only what is live survives a reload', async () => {
    const h = await createHarness();
    const commit = (groupId: string) =>
      h.coordinator.commitOffsets({ groupId, generationId: -1, memberId: '', groupInstanceId: null, offsets: [{ topic: 't', partition: 0, offset: 5n, leaderEpoch: -1, metadata: null }] });
    await commit('gone');
    await commit('kept');
    await h.coordinator.deleteGroups(['gone']);
    const { members } = await h.stableGroup(G, 1);
    h.coordinator.leaveGroup(G, [{ memberId: members[0], groupInstanceId: null }]);
    await settle();
    const b = await h.second();
    for (let p = 0; p < 4; p++) {
      h.topic.setLeader(p, false);
      b.topic.setLeader(p, true);
    }
    await settle();
    const listed = b.coordinator.listGroups().groups.map((g) => `${g.groupId}:${g.state}`).sort();
    expect(listed).toEqual([`${G}:Empty`, 'kept:Empty']);
    expect(b.coordinator.describeGroup('gone').state).toBe('Dead');
    // A member rejoining after the move starts the next generation.
    const again = joinOn(b, G);
    await h.scheduler.advance(INITIAL_DELAY_MS);
    expect((await again).generationId).toBe(3);
  });

  it('stop() answers parked requests and forgets everything', async () => {
    const h = await createHarness();
    const join = h.join({ groupId: G });
    await settle();
    h.coordinator.stop();
    await settle();
    expect(join.value.errorCode).toBe(E.NOT_COORDINATOR.code);
    expect(h.coordinator.listGroups().errorCode).toBe(E.COORDINATOR_NOT_AVAILABLE.code);
    expect(h.scheduler.pending).toBe(0);
  });
});

function joinOn(b: { coordinator: import('./group-coordinator.ts').GroupCoordinator }, groupId: string) {
  return b.coordinator.joinGroup({
    groupId, memberId: '', groupInstanceId: null, requireKnownMemberId: false, clientId: 'c', clientHost: '/h',
    sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 10_000, protocolType: 'consumer', protocols: [{ name: 'RoundRobinAssigner', metadata: new Uint8Array() }],
  });
}
