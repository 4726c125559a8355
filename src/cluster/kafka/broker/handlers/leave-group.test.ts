import { describe, expect, it } from 'vitest';
import { createHandlerContext } from '../../group/handler-test-context.ts';
import leaveGroup from './leave-group.ts';

async function groupWithOneMember() {
  const t = await createHandlerContext();
  const join = t.coordinator.joinGroup({
    groupId: 'g', memberId: '', groupInstanceId: null, requireKnownMemberId: false, clientId: 'c', clientHost: '/127.0.0.1',
    sessionTimeoutMs: 30_000, rebalanceTimeoutMs: 30_000, protocolType: 'consumer', protocols: [{ name: 'range', metadata: new Uint8Array() }],
  });
  await t.scheduler.advance(0);
  return { t, memberId: (await join).memberId };
}

describe('LeaveGroup handler', () => {
  it('v3 (kafkajs): a members array answered per member', async () => {
    const { t, memberId } = await groupWithOneMember();
    const response = await t.call(leaveGroup, 3, { groupId: 'g', members: [{ memberId, groupInstanceId: null }, { memberId: 'ghost', groupInstanceId: null }] });
    expect(response).toEqual({
      throttleTimeMs: 0,
      errorCode: 0,
      members: [
        { memberId, groupInstanceId: null, errorCode: 0 },
        { memberId: 'ghost', groupInstanceId: null, errorCode: 25 },
      ],
    });
    expect(t.coordinator.describeGroup('g').state).toBe('Empty');
  });

  it('v1 (librdkafka): one member id, its error as the response error', async () => {
    const { t, memberId } = await groupWithOneMember();
    expect(await t.call(leaveGroup, 1, { groupId: 'g', memberId: 'ghost' })).toEqual({ throttleTimeMs: 0, errorCode: 25 });
    expect(await t.call(leaveGroup, 1, { groupId: 'g', memberId })).toEqual({ throttleTimeMs: 0, errorCode: 0 });
    expect(await t.call(leaveGroup, 0, { groupId: '', memberId })).toEqual({ errorCode: 24 });
  });
});
