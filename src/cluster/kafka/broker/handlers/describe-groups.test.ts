import { describe, expect, it } from 'vitest';
import { offsetsPartitionFor } from '../../group/java-string-hash.ts';
import { createHandlerContext } from '../../group/handler-test-context.ts';
import describeGroups from './describe-groups.ts';

describe('DescribeGroups handler', () => {
  it('describes each group on its own: unknown = Dead, elsewhere = NOT_COORDINATOR', async () => {
    const t = await createHandlerContext({ t: 1 });
    await t.coordinator.commitOffsets({ groupId: 'offsets-only', generationId: -1, memberId: '', groupInstanceId: null, offsets: [{ topic: 't', partition: 0, offset: 1n, leaderEpoch: -1, metadata: null }] });
    const elsewhere = ['x1', 'x2', 'x3', 'x4', 'x5'].find((g) => offsetsPartitionFor(g, 4) !== offsetsPartitionFor('offsets-only', 4) && offsetsPartitionFor(g, 4) !== offsetsPartitionFor('nobody', 4))!;
    t.topic.setLeader(offsetsPartitionFor(elsewhere, 4), false);
    const response = await t.call(describeGroups, 0, { groups: ['offsets-only', 'nobody', elsewhere] });
    expect(response.groups).toEqual([
      { errorCode: 0, groupId: 'offsets-only', groupState: 'Empty', protocolType: '', protocolData: '', members: [] },
      { errorCode: 0, groupId: 'nobody', groupState: 'Dead', protocolType: '', protocolData: '', members: [] },
      { errorCode: 16, groupId: elsewhere, groupState: '', protocolType: '', protocolData: '', members: [] },
    ]);
  });
});

describe('DescribeGroups handler, v3 to v5', () => {
  /** A Stable group whose one member is static ('instance-1'). */
  async function stableStaticGroup() {
    const t = await createHandlerContext({ t: 1 });
    const joined = t.coordinator.joinGroup({
      groupId: 'static', memberId: '', groupInstanceId: 'instance-1', requireKnownMemberId: false, clientId: 'c', clientHost: '/h',
      sessionTimeoutMs: 30_000, rebalanceTimeoutMs: 30_000, protocolType: 'consumer', protocols: [{ name: 'range', metadata: new Uint8Array([1]) }],
    });
    await t.scheduler.advance(3_000);
    const { memberId, generationId } = await joined;
    const synced = await t.coordinator.syncGroup({
      groupId: 'static', generationId, memberId, groupInstanceId: 'instance-1', assignments: [{ memberId, assignment: new Uint8Array([2]) }],
    });
    expect(synced.errorCode).toBe(0);
    return { t, memberId };
  }

  it('v3 answers the group operations only when asked, and only for groups answered without error', async () => {
    const { t } = await stableStaticGroup();
    const elsewhere = ['x1', 'x2', 'x3', 'x4', 'x5'].find((g) => offsetsPartitionFor(g, 4) !== offsetsPartitionFor('static', 4) && offsetsPartitionFor(g, 4) !== offsetsPartitionFor('nobody', 4))!;
    t.topic.setLeader(offsetsPartitionFor(elsewhere, 4), false);
    const asked = await t.call(describeGroups, 3, { groups: ['static', 'nobody', elsewhere], includeAuthorizedOperations: true });
    // READ (3), DELETE (6), DESCRIBE (8): AclEntry.supportedOperations(GROUP) without an authorizer.
    expect(asked.groups.map((g) => [g.groupId, g.groupState, g.authorizedOperations])).toEqual([
      ['static', 'Stable', (1 << 3) | (1 << 6) | (1 << 8)],
      ['nobody', 'Dead', (1 << 3) | (1 << 6) | (1 << 8)],
      [elsewhere, '', -2147483648],
    ]);
    const notAsked = await t.call(describeGroups, 3, { groups: ['static'], includeAuthorizedOperations: false });
    expect(notAsked.groups[0].authorizedOperations).toBe(-2147483648);
    expect(notAsked.groups[0].members[0]).not.toHaveProperty('groupInstanceId');
  });

  it('v4 and v5 (flexible) answer each member with its group instance id', async () => {
    const { t, memberId } = await stableStaticGroup();
    for (const version of [4, 5]) {
      const response = await t.call(describeGroups, version, { groups: ['static'], includeAuthorizedOperations: false });
      expect(response.groups).toEqual([
        {
          errorCode: 0, groupId: 'static', groupState: 'Stable', protocolType: 'consumer', protocolData: 'range', authorizedOperations: -2147483648,
          members: [{ memberId, groupInstanceId: 'instance-1', clientId: 'c', clientHost: '/h', memberMetadata: new Uint8Array([1]), memberAssignment: new Uint8Array([2]) }],
        },
      ]);
    }
  });
});
