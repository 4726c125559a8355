import { describe, expect, it } from 'vitest';
import { offsetsPartitionFor } from '../../group/java-string-hash.ts';
import { createHandlerContext } from '../../group/handler-test-context.ts';
import offsetFetch from './offset-fetch.ts';

async function withCommits() {
  const t = await createHandlerContext({ a: 2, b: 1 });
  await t.coordinator.commitOffsets({
    groupId: 'g', generationId: -1, memberId: '', groupInstanceId: null,
    offsets: [
      { topic: 'b', partition: 0, offset: 30n, leaderEpoch: 2, metadata: null },
      { topic: 'a', partition: 1, offset: 11n, leaderEpoch: -1, metadata: 'x' },
    ],
  });
  return t;
}

describe('OffsetFetch handler', () => {
  it('v4 (kafkajs): listed partitions, -1 where nothing is committed', async () => {
    const t = await withCommits();
    expect(await t.call(offsetFetch, 4, { groupId: 'g', topics: [{ name: 'a', partitionIndexes: [0, 1] }] })).toEqual({
      throttleTimeMs: 0,
      errorCode: 0,
      topics: [{ name: 'a', partitions: [
        { partitionIndex: 0, committedOffset: -1n, metadata: '', errorCode: 0 },
        { partitionIndex: 1, committedOffset: 11n, metadata: 'x', errorCode: 0 },
      ] }],
    });
  });

  it('v5 (librdkafka): with leader epochs; null topics = every committed partition', async () => {
    const t = await withCommits();
    expect(await t.call(offsetFetch, 5, { groupId: 'g', topics: null })).toEqual({
      throttleTimeMs: 0,
      errorCode: 0,
      topics: [
        { name: 'a', partitions: [{ partitionIndex: 1, committedOffset: 11n, committedLeaderEpoch: -1, metadata: 'x', errorCode: 0 }] },
        { name: 'b', partitions: [{ partitionIndex: 0, committedOffset: 30n, committedLeaderEpoch: 2, metadata: '', errorCode: 0 }] },
      ],
    });
  });

  it('puts a group error on every partition in v0-v1 and at the top from v2', async () => {
    const t = await withCommits();
    t.topic.setLeader(offsetsPartitionFor('g', 4), false);
    expect(await t.call(offsetFetch, 1, { groupId: 'g', topics: [{ name: 'a', partitionIndexes: [0] }] })).toEqual({
      topics: [{ name: 'a', partitions: [{ partitionIndex: 0, committedOffset: -1n, metadata: '', errorCode: 16 }] }],
    });
    expect(await t.call(offsetFetch, 3, { groupId: 'g', topics: [{ name: 'a', partitionIndexes: [0] }] })).toEqual({ throttleTimeMs: 0, errorCode: 16, topics: [] });
  });
});
