import { describe, expect, it } from 'vitest';
import { createHandlerContext, type HandlerTestContext } from '../../group/handler-test-context.ts';
import listGroups from './list-groups.ts';

/** An offsets-only group ('simple', Empty) and a group with a member waiting to join ('app', PreparingRebalance). */
async function twoGroups(): Promise<HandlerTestContext> {
  const t = await createHandlerContext({ t: 1 });
  await t.coordinator.commitOffsets({ groupId: 'simple', generationId: -1, memberId: '', groupInstanceId: null, offsets: [{ topic: 't', partition: 0, offset: 1n, leaderEpoch: -1, metadata: null }] });
  void t.coordinator.joinGroup({
    groupId: 'app', memberId: '', groupInstanceId: null, requireKnownMemberId: false, clientId: 'c', clientHost: '/h',
    sessionTimeoutMs: 30_000, rebalanceTimeoutMs: 30_000, protocolType: 'consumer', protocols: [{ name: 'range', metadata: new Uint8Array() }],
  });
  return t;
}

const byId = <T extends { groupId: string }>(groups: readonly T[]): T[] => [...groups].sort((a, b) => a.groupId.localeCompare(b.groupId));

describe('ListGroups handler', () => {
  it('lists the groups this broker coordinates with their protocol type', async () => {
    const t = await twoGroups();
    const response = await t.call(listGroups, 2, {});
    expect(response.errorCode).toBe(0);
    expect(byId(response.groups)).toEqual([
      { groupId: 'app', protocolType: 'consumer' },
      { groupId: 'simple', protocolType: '' },
    ]);
    expect(await t.call(listGroups, 0, {})).toEqual({ errorCode: 0, groups: expect.any(Array) });
    expect(byId((await t.call(listGroups, 3, {})).groups)).toEqual([
      { groupId: 'app', protocolType: 'consumer' },
      { groupId: 'simple', protocolType: '' },
    ]);
  });

  it('v4 answers each group state and keeps only the states asked for, case-insensitively', async () => {
    const t = await twoGroups();
    expect(byId((await t.call(listGroups, 4, { statesFilter: [] })).groups)).toEqual([
      { groupId: 'app', protocolType: 'consumer', groupState: 'PreparingRebalance' },
      { groupId: 'simple', protocolType: '', groupState: 'Empty' },
    ]);
    expect((await t.call(listGroups, 4, { statesFilter: ['empty'] })).groups).toEqual([{ groupId: 'simple', protocolType: '', groupState: 'Empty' }]);
    expect((await t.call(listGroups, 4, { statesFilter: ['Stable', 'PREPARINGREBALANCE'] })).groups).toEqual([
      { groupId: 'app', protocolType: 'consumer', groupState: 'PreparingRebalance' },
    ]);
    expect(await t.call(listGroups, 4, { statesFilter: ['Dead', 'no-such-state'] })).toEqual({ throttleTimeMs: 0, errorCode: 0, groups: [] });
  });
});
