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
