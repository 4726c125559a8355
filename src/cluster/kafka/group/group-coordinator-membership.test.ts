import { describe, expect, it } from 'vitest';
import { KAFKA_ERRORS as E } from '../protocol/errors.ts';
import { createHarness, INITIAL_DELAY_MS, protocol, REBALANCE_MS, SESSION_MS } from './coordinator-test-harness.ts';
import { settle } from './manual-scheduler.ts';

const G = 'orders-app';

describe('GroupCoordinator: joining and syncing', () => {
  it('forms a one-member group after the initial rebalance delay', async () => {
    const h = await createHarness();
    const join = h.join({ groupId: G, clientId: 'kafkajs', protocols: [protocol('RoundRobinAssigner', [7, 7])] });
    await h.scheduler.advance(INITIAL_DELAY_MS - 1);
    expect(join.done).toBe(false);
    expect(h.coordinator.describeGroup(G).state).toBe('PreparingRebalance');
    await h.scheduler.advance(1);
    expect(join.value).toMatchObject({
      errorCode: 0,
      generationId: 1,
      protocolType: 'consumer',
      protocolName: 'RoundRobinAssigner',
      memberId: 'kafkajs-1',
      leaderId: 'kafkajs-1',
      members: [{ memberId: 'kafkajs-1', groupInstanceId: null, metadata: new Uint8Array([7, 7]) }],
    });
    expect(h.coordinator.describeGroup(G).state).toBe('CompletingRebalance');

    const sync = h.sync(G, 1, 'kafkajs-1', [['kafkajs-1', [1, 2, 3]]]);
    await settle();
    expect(sync.value).toEqual({ errorCode: 0, protocolType: 'consumer', protocolName: 'RoundRobinAssigner', assignment: new Uint8Array([1, 2, 3]) });
    expect(h.heartbeat(G, 1, 'kafkajs-1')).toBe(0);
    expect(h.coordinator.describeGroup(G)).toMatchObject({
      errorCode: 0,
      state: 'Stable',
      protocolType: 'consumer',
      protocolName: 'RoundRobinAssigner',
      members: [{ memberId: 'kafkajs-1', clientId: 'kafkajs', clientHost: '/127.0.0.1', metadata: new Uint8Array([7, 7]), assignment: new Uint8Array([1, 2, 3]) }],
    });
  });

  it('asks a v4+ first join for MEMBER_ID_REQUIRED and accepts the rejoin with that id', async () => {
    const h = await createHarness();
    const first = h.join({ groupId: G, clientId: 'rdkafka', requireKnownMemberId: true });
    await settle();
    expect(first.value).toMatchObject({ errorCode: E.MEMBER_ID_REQUIRED.code, memberId: 'rdkafka-1', generationId: -1 });
    const again = h.join({ groupId: G, clientId: 'rdkafka', memberId: 'rdkafka-1', requireKnownMemberId: true });
    await h.scheduler.advance(INITIAL_DELAY_MS);
    expect(again.value).toMatchObject({ errorCode: 0, memberId: 'rdkafka-1', leaderId: 'rdkafka-1', generationId: 1 });
  });

  it('forgets a MEMBER_ID_REQUIRED id that never comes back, and does not wait for it', async () => {
    const h = await createHarness();
    h.join({ groupId: G, requireKnownMemberId: true });
    await settle();
    await h.scheduler.advance(SESSION_MS);
    await expect(h.join({ groupId: G, memberId: 'client-1' }).promise).resolves.toMatchObject({ errorCode: E.UNKNOWN_MEMBER_ID.code });
  });

  it('extends the initial delay while members keep arriving, so they share generation 1', async () => {
    const h = await createHarness();
    const a = h.join({ groupId: G, clientId: 'a' });
    await h.scheduler.advance(200);
    const b = h.join({ groupId: G, clientId: 'b' });
    await h.scheduler.advance(100); // first delay ends; b arrived meanwhile: wait once more
    expect(a.done).toBe(false);
    await h.scheduler.advance(INITIAL_DELAY_MS);
    expect(a.value.generationId).toBe(1);
    expect(b.value.generationId).toBe(1);
    expect(a.value.leaderId).toBe('a-1');
    expect(a.value.members.map((m) => m.memberId)).toEqual(['a-1', 'b-2']);
    expect(b.value.members).toEqual([]);
  });

  it('hands every member its own part of the leader assignment; followers wait for the leader', async () => {
    const h = await createHarness();
    const a = h.join({ groupId: G, clientId: 'a' });
    const b = h.join({ groupId: G, clientId: 'b' });
    await h.scheduler.advance(2 * INITIAL_DELAY_MS); // b extended the initial delay once
    const gen = a.value.generationId;
    const follower = h.sync(G, gen, b.value.memberId);
    await settle();
    expect(follower.done).toBe(false);
    const leader = h.sync(G, gen, a.value.memberId, [[a.value.memberId, [0xa]], [b.value.memberId, [0xb]]]);
    await settle();
    expect(leader.value.assignment).toEqual(new Uint8Array([0xa]));
    expect(follower.value.assignment).toEqual(new Uint8Array([0xb]));
    // A late SyncGroup in Stable gets the stored assignment.
    const late = h.sync(G, gen, b.value.memberId);
    await settle();
    expect(late.value).toMatchObject({ errorCode: 0, assignment: new Uint8Array([0xb]) });
  });

  it('gives an empty assignment to members the leader left out', async () => {
    const h = await createHarness();
    const { members } = await h.stableGroup(G, 1);
    const joinB = h.join({ groupId: G, clientId: 'b' });
    expect(h.heartbeat(G, 1, members[0])).toBe(E.REBALANCE_IN_PROGRESS.code);
    const rejoin = h.join({ groupId: G, memberId: members[0], clientId: 'c0' });
    await settle();
    const gen = rejoin.value.generationId;
    const follower = h.sync(G, gen, joinB.value.memberId);
    h.sync(G, gen, members[0], [[members[0], [1]]]);
    await settle();
    expect(follower.value).toMatchObject({ errorCode: 0, assignment: new Uint8Array() });
  });

  it('chooses the protocol most members prefer among those all of them support', async () => {
    const h = await createHarness();
    const a = h.join({ groupId: G, clientId: 'a', protocols: [protocol('range'), protocol('roundrobin')] });
    const b = h.join({ groupId: G, clientId: 'b', protocols: [protocol('roundrobin'), protocol('range')] });
    const c = h.join({ groupId: G, clientId: 'c', protocols: [protocol('roundrobin'), protocol('sticky')] });
    await h.scheduler.advance(INITIAL_DELAY_MS * 2);
    expect(a.value.protocolName).toBe('roundrobin');
    expect(b.value.protocolName).toBe('roundrobin');
    expect(c.value.errorCode).toBe(0);
  });

  it('rejects a member with no protocol in common: INCONSISTENT_GROUP_PROTOCOL (kafkajs and kcat cannot share a group)', async () => {
    const h = await createHarness();
    await h.stableGroup(G, 1); // kafkajs: RoundRobinAssigner
    const kcat = h.join({ groupId: G, clientId: 'rdkafka', protocols: [protocol('range'), protocol('roundrobin')] });
    await settle();
    expect(kcat.value).toMatchObject({ errorCode: E.INCONSISTENT_GROUP_PROTOCOL.code, generationId: -1 });
    const otherType = h.join({ groupId: G, protocolType: 'connect' });
    await settle();
    expect(otherType.value.errorCode).toBe(E.INCONSISTENT_GROUP_PROTOCOL.code);
    const nothing = h.join({ groupId: 'fresh', protocols: [] });
    await settle();
    expect(nothing.value.errorCode).toBe(E.INCONSISTENT_GROUP_PROTOCOL.code);
  });

  it('validates the request: group id, session timeout, unknown member', async () => {
    const h = await createHarness();
    expect((await h.join({ groupId: '' }).promise).errorCode).toBe(E.INVALID_GROUP_ID.code);
    expect((await h.join({ groupId: G, sessionTimeoutMs: 5999 }).promise).errorCode).toBe(E.INVALID_SESSION_TIMEOUT.code);
    expect((await h.join({ groupId: G, sessionTimeoutMs: 1_800_001 }).promise).errorCode).toBe(E.INVALID_SESSION_TIMEOUT.code);
    expect((await h.join({ groupId: G, memberId: 'ghost' }).promise).errorCode).toBe(E.UNKNOWN_MEMBER_ID.code);
    expect(h.heartbeat('nope', 1, 'ghost')).toBe(E.UNKNOWN_MEMBER_ID.code);
    expect((await h.sync('nope', 1, 'ghost').promise).errorCode).toBe(E.UNKNOWN_MEMBER_ID.code);
  });

  it('answers a JoinGroup retry in CompletingRebalance with the same generation', async () => {
    const h = await createHarness();
    const a = h.join({ groupId: G, clientId: 'a' });
    await h.scheduler.advance(INITIAL_DELAY_MS);
    const retry = h.join({ groupId: G, clientId: 'a', memberId: a.value.memberId });
    await settle();
    expect(retry.value).toMatchObject({ errorCode: 0, generationId: 1, leaderId: a.value.memberId });
    expect(retry.value.members).toHaveLength(1);
  });
});

describe('GroupCoordinator: rebalancing', () => {
  it('rebalances when a member joins a stable group; completes as soon as everyone rejoined', async () => {
    const h = await createHarness();
    const { members, generationId } = await h.stableGroup(G, 2);
    const newcomer = h.join({ groupId: G, clientId: 'c' });
    await settle();
    expect(h.coordinator.describeGroup(G).state).toBe('PreparingRebalance');
    expect(h.heartbeat(G, generationId, members[0])).toBe(E.REBALANCE_IN_PROGRESS.code);
    expect(h.heartbeat(G, generationId, members[1])).toBe(E.REBALANCE_IN_PROGRESS.code);
    expect((await h.sync(G, generationId, members[1]).promise).errorCode).toBe(E.REBALANCE_IN_PROGRESS.code);
    const r0 = h.join({ groupId: G, memberId: members[0] });
    await settle();
    expect(r0.done).toBe(false);
    const r1 = h.join({ groupId: G, memberId: members[1] });
    await settle();
    expect(r0.value).toMatchObject({ errorCode: 0, generationId: generationId + 1, leaderId: members[0] });
    expect(r0.value.members).toHaveLength(3);
    expect(r1.value.members).toEqual([]);
    expect(newcomer.value.generationId).toBe(generationId + 1);
  });

  it('keeps a stable member that rejoins with the same protocols in the generation (no rebalance)', async () => {
    const h = await createHarness();
    const { members, generationId } = await h.stableGroup(G, 2);
    const follower = h.join({ groupId: G, memberId: members[1] });
    await settle();
    expect(follower.value).toMatchObject({ errorCode: 0, generationId });
    expect(h.coordinator.describeGroup(G).state).toBe('Stable');
  });

  it('starts a rebalance when the leader rejoins a stable group', async () => {
    const h = await createHarness();
    const { members, generationId } = await h.stableGroup(G, 1);
    const leader = h.join({ groupId: G, memberId: members[0] });
    await settle();
    expect(leader.value.generationId).toBe(generationId + 1);
  });

  it('sends REBALANCE_IN_PROGRESS to members waiting in SyncGroup when someone joins', async () => {
    const h = await createHarness();
    const a = h.join({ groupId: G, clientId: 'a' });
    const b = h.join({ groupId: G, clientId: 'b' });
    await h.scheduler.advance(2 * INITIAL_DELAY_MS); // b extended the initial delay once
    const follower = h.sync(G, 1, b.value.memberId);
    await settle();
    h.join({ groupId: G, clientId: 'c' });
    await settle();
    expect(follower.value.errorCode).toBe(E.REBALANCE_IN_PROGRESS.code);
    // The leader's late assignment for generation 1 is refused.
    expect((await h.sync(G, 1, a.value.memberId, [[a.value.memberId, [1]]]).promise).errorCode).toBe(E.REBALANCE_IN_PROGRESS.code);
  });

  it('drops members that do not rejoin within the rebalance timeout', async () => {
    const h = await createHarness();
    const { members, generationId } = await h.stableGroup(G, 2);
    h.join({ groupId: G, clientId: 'c' });
    const r0 = h.join({ groupId: G, memberId: members[0] });
    // members[1] keeps heartbeating but never rejoins.
    for (let t = 0; t < REBALANCE_MS; t += 3000) {
      await h.scheduler.advance(3000);
      if (!r0.done) expect(h.heartbeat(G, generationId, members[1])).toBe(E.REBALANCE_IN_PROGRESS.code);
    }
    expect(r0.value.generationId).toBe(generationId + 1);
    expect(r0.value.members.map((m) => m.memberId)).not.toContain(members[1]);
    expect(h.heartbeat(G, generationId + 1, members[1])).toBe(E.UNKNOWN_MEMBER_ID.code);
  });

  it('elects a new leader when the leader does not rejoin', async () => {
    const h = await createHarness();
    const { members } = await h.stableGroup(G, 2);
    h.join({ groupId: 'x', clientId: 'unrelated' });
    const r1 = h.join({ groupId: G, memberId: members[1], protocols: [protocol('RoundRobinAssigner', [9])] }); // new metadata => rebalance
    await h.scheduler.advance(REBALANCE_MS);
    expect(r1.value).toMatchObject({ errorCode: 0, leaderId: members[1] });
    expect(r1.value.members.map((m) => m.memberId)).toEqual([members[1]]);
  });

  it('removes members that never send SyncGroup after the rebalance timeout, and rebalances', async () => {
    const h = await createHarness();
    const a = h.join({ groupId: G, clientId: 'a' });
    const b = h.join({ groupId: G, clientId: 'b' });
    await h.scheduler.advance(2 * INITIAL_DELAY_MS); // b extended the initial delay once
    h.sync(G, 1, a.value.memberId, [[a.value.memberId, [1]], [b.value.memberId, [2]]]);
    await settle();
    // b heartbeats but never syncs.
    for (let t = 0; t < REBALANCE_MS; t += 3000) {
      await h.scheduler.advance(3000);
      h.heartbeat(G, 1, b.value.memberId);
      h.heartbeat(G, 1, a.value.memberId);
    }
    expect(h.coordinator.describeGroup(G).members.map((m) => m.memberId)).toEqual([a.value.memberId]);
    expect(h.heartbeat(G, 1, a.value.memberId)).toBe(E.REBALANCE_IN_PROGRESS.code);
  });
});

describe('GroupCoordinator: heartbeats, session expiry and LeaveGroup', () => {
  it('keeps members that heartbeat, expires those that stop', async () => {
    const h = await createHarness();
    const { members, generationId } = await h.stableGroup(G, 2);
    for (let i = 0; i < 5; i++) {
      await h.scheduler.advance(SESSION_MS / 2);
      expect(h.heartbeat(G, generationId, members[0])).toBe(0);
      expect(h.heartbeat(G, generationId, members[1])).toBe(0);
    }
    await h.scheduler.advance(SESSION_MS / 2);
    expect(h.heartbeat(G, generationId, members[0])).toBe(0);
    await h.scheduler.advance(SESSION_MS / 2); // members[1] silent for a whole session
    expect(h.heartbeat(G, generationId, members[0])).toBe(E.REBALANCE_IN_PROGRESS.code);
    expect(h.heartbeat(G, generationId, members[1])).toBe(E.UNKNOWN_MEMBER_ID.code);
    const rejoin = h.join({ groupId: G, memberId: members[0] });
    await settle();
    expect(rejoin.value).toMatchObject({ generationId: generationId + 1, members: [{ memberId: members[0] }] });
  });

  it('empties the group when its only member expires, bumping the generation', async () => {
    const h = await createHarness();
    const { members, generationId } = await h.stableGroup(G, 1);
    await h.scheduler.advance(SESSION_MS);
    expect(h.coordinator.describeGroup(G)).toMatchObject({ state: 'Empty', members: [] });
    expect(h.heartbeat(G, generationId, members[0])).toBe(E.UNKNOWN_MEMBER_ID.code);
    expect(h.coordinator.listGroups().groups).toEqual([{ groupId: G, protocolType: 'consumer', state: 'Empty' }]);
  });

  it('answers ILLEGAL_GENERATION to a heartbeat or sync from an old generation', async () => {
    const h = await createHarness();
    const { members, generationId } = await h.stableGroup(G, 1);
    expect(h.heartbeat(G, generationId - 1, members[0])).toBe(E.ILLEGAL_GENERATION.code);
    expect((await h.sync(G, generationId + 5, members[0]).promise).errorCode).toBe(E.ILLEGAL_GENERATION.code);
  });

  it('drops a new member whose first join never completes (new-member timeout is separate from the session)', async () => {
    const h = await createHarness();
    const { members, generationId } = await h.stableGroup(G, 2);
    const newcomer = h.join({ groupId: G, clientId: 'slow' });
    // Old members keep heartbeating but never rejoin, and the rebalance timeout removes them.
    await h.scheduler.advance(REBALANCE_MS);
    expect(newcomer.value).toMatchObject({ errorCode: 0, generationId: generationId + 1, members: [{ memberId: newcomer.value.memberId }] });
    expect(h.heartbeat(G, generationId, members[0])).toBe(E.UNKNOWN_MEMBER_ID.code);
  });

  it('removes leaving members (v3 list form) and reports unknown ones per member', async () => {
    const h = await createHarness();
    const { members, generationId } = await h.stableGroup(G, 3);
    const result = h.coordinator.leaveGroup(G, [
      { memberId: members[2], groupInstanceId: null },
      { memberId: 'ghost', groupInstanceId: null },
    ]);
    expect(result).toEqual({
      errorCode: 0,
      members: [
        { memberId: members[2], groupInstanceId: null, errorCode: 0 },
        { memberId: 'ghost', groupInstanceId: null, errorCode: E.UNKNOWN_MEMBER_ID.code },
      ],
    });
    expect(h.heartbeat(G, generationId, members[0])).toBe(E.REBALANCE_IN_PROGRESS.code);
    const r0 = h.join({ groupId: G, memberId: members[0] });
    const r1 = h.join({ groupId: G, memberId: members[1] });
    await settle();
    expect(r0.value.members.map((m) => m.memberId)).toEqual([members[0], members[1]]);
    expect(r1.value.generationId).toBe(generationId + 1);
  });

  it('completes a rebalance when the member it waits for leaves', async () => {
    const h = await createHarness();
    const { members, generationId } = await h.stableGroup(G, 2);
    const r0 = h.join({ groupId: G, memberId: members[0], protocols: [protocol('RoundRobinAssigner', [2])] });
    await settle();
    expect(r0.done).toBe(false);
    h.coordinator.leaveGroup(G, [{ memberId: members[1], groupInstanceId: null }]);
    await settle();
    expect(r0.value).toMatchObject({ errorCode: 0, generationId: generationId + 1 });
  });

  it('goes Empty when the last member leaves, and the next join starts from the initial delay again', async () => {
    const h = await createHarness();
    const { members, generationId } = await h.stableGroup(G, 1);
    h.coordinator.leaveGroup(G, [{ memberId: members[0], groupInstanceId: null }]);
    expect(h.coordinator.describeGroup(G)).toMatchObject({ state: 'Empty' });
    const again = h.join({ groupId: G, clientId: 'back' });
    await h.scheduler.advance(INITIAL_DELAY_MS);
    expect(again.value.generationId).toBe(generationId + 2);
  });

  it('answers LeaveGroup for an unknown group with per-member UNKNOWN_MEMBER_ID', async () => {
    const h = await createHarness();
    expect(h.coordinator.leaveGroup('nope', [{ memberId: 'm', groupInstanceId: null }])).toEqual({
      errorCode: 0,
      members: [{ memberId: 'm', groupInstanceId: null, errorCode: E.UNKNOWN_MEMBER_ID.code }],
    });
  });
});
