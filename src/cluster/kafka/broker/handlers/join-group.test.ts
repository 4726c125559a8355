import { describe, expect, it } from 'vitest';
import { createHandlerContext } from '../../group/handler-test-context.ts';
import describeGroups from './describe-groups.ts';
import heartbeat from './heartbeat.ts';
import joinGroup from './join-group.ts';
import syncGroup from './sync-group.ts';

const subscription = new Uint8Array([0, 1, 0, 0, 0, 1, 0, 6, 0x6f, 0x72, 0x64, 0x65, 0x72, 0x73, 0, 0, 0, 0]);

describe('JoinGroup, SyncGroup and Heartbeat handlers', () => {
  it('runs the v5 flow both clients use: MEMBER_ID_REQUIRED, rejoin, sync, heartbeat', async () => {
    const t = await createHandlerContext();
    const request = {
      groupId: 'g',
      sessionTimeoutMs: 30_000,
      rebalanceTimeoutMs: 60_000,
      memberId: '',
      groupInstanceId: null,
      protocolType: 'consumer',
      protocols: [{ name: 'RoundRobinAssigner', metadata: subscription }],
    };
    const first = await t.call(joinGroup, 5, request);
    expect(first).toEqual({ throttleTimeMs: 0, errorCode: 79, generationId: -1, protocolName: '', leader: '', memberId: 'test-client-1', members: [] });

    const joined = t.call(joinGroup, 5, { ...request, memberId: first.memberId });
    await t.scheduler.advance(0);
    expect(await joined).toEqual({
      throttleTimeMs: 0,
      errorCode: 0,
      generationId: 1,
      protocolName: 'RoundRobinAssigner',
      leader: 'test-client-1',
      memberId: 'test-client-1',
      members: [{ memberId: 'test-client-1', groupInstanceId: null, metadata: subscription }],
    });

    const assignment = new Uint8Array([0, 1, 2, 3]);
    const sync = await t.call(syncGroup, 3, { groupId: 'g', generationId: 1, memberId: 'test-client-1', groupInstanceId: null, assignments: [{ memberId: 'test-client-1', assignment }] });
    expect(sync).toEqual({ throttleTimeMs: 0, errorCode: 0, assignment });
    expect(await t.call(heartbeat, 3, { groupId: 'g', generationId: 1, memberId: 'test-client-1', groupInstanceId: null })).toEqual({ throttleTimeMs: 0, errorCode: 0 });
    expect(await t.call(heartbeat, 0, { groupId: 'g', generationId: 0, memberId: 'test-client-1' })).toEqual({ errorCode: 22 });

    const described = await t.call(describeGroups, 2, { groups: ['g'] });
    expect(described.groups[0]).toMatchObject({
      errorCode: 0,
      groupState: 'Stable',
      protocolType: 'consumer',
      protocolData: 'RoundRobinAssigner',
      members: [{ memberId: 'test-client-1', clientId: 'test-client', clientHost: '/127.0.0.1', memberMetadata: subscription, memberAssignment: assignment }],
    });
  });

  it('assigns the member id at once below v4, and uses the session timeout as rebalance timeout in v0', async () => {
    const t = await createHandlerContext();
    const joined = t.call(joinGroup, 0, { groupId: 'g0', sessionTimeoutMs: 10_000, memberId: '', protocolType: 'consumer', protocols: [{ name: 'range', metadata: subscription }] });
    await t.scheduler.advance(0);
    expect(await joined).toMatchObject({ errorCode: 0, generationId: 1, memberId: 'test-client-1', leader: 'test-client-1' });
    // A second member joins; the first (v0: rebalance timeout = session timeout 10 s) never rejoins.
    const second = t.call(joinGroup, 3, { groupId: 'g0', sessionTimeoutMs: 60_000, rebalanceTimeoutMs: 60_000, memberId: '', protocolType: 'consumer', protocols: [{ name: 'range', metadata: subscription }] });
    await t.scheduler.advance(10_000);
    expect(await second).toMatchObject({ errorCode: 0, generationId: 2 });
  });

  it('refuses session timeouts outside group.min/max.session.timeout.ms', async () => {
    const t = await createHandlerContext();
    const result = await t.call(joinGroup, 5, { groupId: 'g', sessionTimeoutMs: 100, rebalanceTimeoutMs: 100, memberId: '', groupInstanceId: null, protocolType: 'consumer', protocols: [] });
    expect(result.errorCode).toBe(26);
  });
});
