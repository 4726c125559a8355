import { describe, expect, it } from 'vitest';
import { createHandlerContext } from '../../group/handler-test-context.ts';
import deleteGroups from './delete-groups.ts';

describe('DeleteGroups handler', () => {
  it('deletes empty groups and reports the others per group', async () => {
    const t = await createHandlerContext({ t: 1 });
    await t.coordinator.commitOffsets({ groupId: 'old', generationId: -1, memberId: '', groupInstanceId: null, offsets: [{ topic: 't', partition: 0, offset: 1n, leaderEpoch: -1, metadata: null }] });
    void t.coordinator.joinGroup({
      groupId: 'busy', memberId: '', groupInstanceId: null, requireKnownMemberId: false, clientId: 'c', clientHost: '/h',
      sessionTimeoutMs: 30_000, rebalanceTimeoutMs: 30_000, protocolType: 'consumer', protocols: [{ name: 'range', metadata: new Uint8Array() }],
    });
    expect(await t.call(deleteGroups, 1, { groupsNames: ['old', 'busy', 'never'] })).toEqual({
      throttleTimeMs: 0,
      results: [
        { groupId: 'old', errorCode: 0 },
        { groupId: 'busy', errorCode: 68 },
        { groupId: 'never', errorCode: 69 },
      ],
    });
  });
});
