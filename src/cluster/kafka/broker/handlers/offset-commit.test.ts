import { describe, expect, it } from 'vitest';
import { createHandlerContext } from '../../group/handler-test-context.ts';
import offsetCommit from './offset-commit.ts';
import offsetFetch from './offset-fetch.ts';

describe('OffsetCommit handler', () => {
  it('v5: commits known partitions and answers UNKNOWN_TOPIC_OR_PARTITION for the rest, in request order', async () => {
    const t = await createHandlerContext({ orders: 2 });
    const response = await t.call(offsetCommit, 5, {
      groupId: 'g',
      generationId: -1,
      memberId: '',
      topics: [
        { name: 'orders', partitions: [{ partitionIndex: 1, committedOffset: 5n, committedMetadata: null }, { partitionIndex: 2, committedOffset: 1n, committedMetadata: '' }] },
        { name: 'ghost', partitions: [{ partitionIndex: 0, committedOffset: 1n, committedMetadata: '' }] },
      ],
    });
    expect(response).toEqual({
      throttleTimeMs: 0,
      topics: [
        { name: 'orders', partitions: [{ partitionIndex: 1, errorCode: 0 }, { partitionIndex: 2, errorCode: 3 }] },
        { name: 'ghost', partitions: [{ partitionIndex: 0, errorCode: 3 }] },
      ],
    });
    expect(t.coordinator.fetchOffsets('g', [{ topic: 'orders', partitions: [1] }]).offsets[0].offset).toBe(5n);
  });

  it('v1 keeps the client’s commit timestamp; v0 commits without a generation', async () => {
    const t = await createHandlerContext({ orders: 1 });
    await t.call(offsetCommit, 1, {
      groupId: 'g1',
      generationId: -1,
      memberId: '',
      topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, committedOffset: 7n, commitTimestamp: 1234n, committedMetadata: 'm' }] }],
    });
    const fetched = await t.call(offsetFetch, 1, { groupId: 'g1', topics: [{ name: 'orders', partitionIndexes: [0] }] });
    expect(fetched.topics[0].partitions[0]).toEqual({ partitionIndex: 0, committedOffset: 7n, metadata: 'm', errorCode: 0 });
    expect((await t.call(offsetCommit, 0, { groupId: 'g0', topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, committedOffset: 3n, committedMetadata: null }] }] })).topics[0].partitions[0].errorCode).toBe(0);
  });

  it('refuses a commit from a stale generation', async () => {
    const t = await createHandlerContext({ orders: 1 });
    const response = await t.call(offsetCommit, 5, {
      groupId: 'g',
      generationId: 4,
      memberId: 'm',
      topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, committedOffset: 1n, committedMetadata: null }] }],
    });
    expect(response.topics[0].partitions[0].errorCode).toBe(22);
  });
});
