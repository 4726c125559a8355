import { describe, expect, it } from 'vitest';
import { createHandlerContext } from '../../group/handler-test-context.ts';
import listGroups from './list-groups.ts';

describe('ListGroups handler', () => {
  it('lists the groups this broker coordinates with their protocol type', async () => {
    const t = await createHandlerContext({ t: 1 });
    await t.coordinator.commitOffsets({ groupId: 'simple', generationId: -1, memberId: '', groupInstanceId: null, offsets: [{ topic: 't', partition: 0, offset: 1n, leaderEpoch: -1, metadata: null }] });
    void t.coordinator.joinGroup({
      groupId: 'app', memberId: '', groupInstanceId: null, requireKnownMemberId: false, clientId: 'c', clientHost: '/h',
      sessionTimeoutMs: 30_000, rebalanceTimeoutMs: 30_000, protocolType: 'consumer', protocols: [{ name: 'range', metadata: new Uint8Array() }],
    });
    const response = await t.call(listGroups, 2, {});
    expect(response.errorCode).toBe(0);
    expect([...response.groups].sort((a, b) => a.groupId.localeCompare(b.groupId))).toEqual([
      { groupId: 'app', protocolType: 'consumer' },
      { groupId: 'simple', protocolType: '' },
    ]);
    expect(await t.call(listGroups, 0, {})).toEqual({ errorCode: 0, groups: expect.any(Array) });
  });
});
