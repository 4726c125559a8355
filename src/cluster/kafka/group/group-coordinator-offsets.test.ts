import { describe, expect, it } from 'vitest';
import { KAFKA_ERRORS as E, KafkaProtocolError } from '../protocol/errors.ts';
import type { OffsetToCommit } from './coordinator-results.ts';
import { createHarness, INITIAL_DELAY_MS } from './coordinator-test-harness.ts';
import { settle } from './manual-scheduler.ts';
import { decodeOffsetCommitValue, decodeOffsetsRecordKey } from './offsets-records.ts';

const G = 'billing';

function offset(topic: string, partition: number, value: bigint, metadata: string | null = null): OffsetToCommit {
  return { topic, partition, offset: value, leaderEpoch: -1, metadata };
}

describe('GroupCoordinator: committed offsets', () => {
  it('commits for a member of the current generation and fetches them back', async () => {
    const h = await createHarness();
    const { members, generationId } = await h.stableGroup(G, 1);
    const errors = await h.coordinator.commitOffsets({
      groupId: G,
      generationId,
      memberId: members[0],
      groupInstanceId: null,
      offsets: [offset('orders', 0, 10n, 'm'), offset('orders', 1, 20n), offset('audit', 0, 5n)],
    });
    expect(errors).toEqual([
      { topic: 'orders', partition: 0, errorCode: 0 },
      { topic: 'orders', partition: 1, errorCode: 0 },
      { topic: 'audit', partition: 0, errorCode: 0 },
    ]);
    expect(h.coordinator.fetchOffsets(G, [{ topic: 'orders', partitions: [0, 1, 2] }])).toEqual({
      errorCode: 0,
      offsets: [
        { topic: 'orders', partition: 0, offset: 10n, leaderEpoch: -1, metadata: 'm', errorCode: 0 },
        { topic: 'orders', partition: 1, offset: 20n, leaderEpoch: -1, metadata: '', errorCode: 0 },
        { topic: 'orders', partition: 2, offset: -1n, leaderEpoch: -1, metadata: '', errorCode: 0 },
      ],
    });
    expect(h.coordinator.fetchOffsets(G, null).offsets.map((o) => `${o.topic}-${o.partition}=${o.offset}`)).toEqual([
      'audit-0=5',
      'orders-0=10',
      'orders-1=20',
    ]);
  });

  it('writes each commit as an OffsetCommitKey v1 / OffsetCommitValue v3 record in the group partition', async () => {
    const h = await createHarness();
    await h.coordinator.commitOffsets({ groupId: G, generationId: -1, memberId: '', groupInstanceId: null, offsets: [{ ...offset('t', 3, 42n, 'meta'), leaderEpoch: 7 }] });
    const records = h.topic.log.records(h.coordinator.partitionFor(G));
    expect(records).toHaveLength(1);
    expect(decodeOffsetsRecordKey(records[0].key!)).toEqual({ type: 'offset', group: G, topic: 't', partition: 3 });
    expect(decodeOffsetCommitValue(records[0].value!)).toEqual({
      offset: 42n,
      leaderEpoch: 7,
      metadata: 'meta',
      commitTimestamp: BigInt(h.scheduler.now()),
      expireTimestamp: -1n,
    });
  });

  it('accepts simple commits (generation -1, no member) for groups without members, like kcat or admin tools', async () => {
    const h = await createHarness();
    const errors = await h.coordinator.commitOffsets({ groupId: 'simple', generationId: -1, memberId: '', groupInstanceId: null, offsets: [offset('t', 0, 3n)] });
    expect(errors[0].errorCode).toBe(0);
    expect(h.coordinator.describeGroup('simple')).toMatchObject({ state: 'Empty', protocolType: '', members: [] });
    expect(h.coordinator.listGroups().groups).toEqual([{ groupId: 'simple', protocolType: '', state: 'Empty' }]);
    expect(h.coordinator.fetchOffsets('simple', null).offsets).toHaveLength(1);
  });

  it('refuses commits that do not belong to the current generation', async () => {
    const h = await createHarness();
    const commit = (generationId: number, memberId: string, groupId = G) =>
      h.coordinator.commitOffsets({ groupId, generationId, memberId, groupInstanceId: null, offsets: [offset('t', 0, 1n)] }).then((r) => r[0].errorCode);
    expect(await commit(3, 'someone', 'unknown-group')).toBe(E.ILLEGAL_GENERATION.code);
    const { members, generationId } = await h.stableGroup(G, 1);
    expect(await commit(-1, '')).toBe(E.UNKNOWN_MEMBER_ID.code); // only members commit to a non-empty group
    expect(await commit(generationId, 'ghost')).toBe(E.UNKNOWN_MEMBER_ID.code);
    expect(await commit(generationId - 1, members[0])).toBe(E.ILLEGAL_GENERATION.code);
    expect(await commit(generationId, members[0])).toBe(0);
  });

  it('answers REBALANCE_IN_PROGRESS to commits between JoinGroup and SyncGroup, accepts them while preparing', async () => {
    const h = await createHarness();
    const join = h.join({ groupId: G, clientId: 'a' });
    await h.scheduler.advance(INITIAL_DELAY_MS);
    const { memberId, generationId } = join.value;
    const commit = () =>
      h.coordinator.commitOffsets({ groupId: G, generationId, memberId, groupInstanceId: null, offsets: [offset('t', 0, 1n)] }).then((r) => r[0].errorCode);
    expect(await commit()).toBe(E.REBALANCE_IN_PROGRESS.code);
    h.sync(G, generationId, memberId, [[memberId, [1]]]);
    await settle();
    h.join({ groupId: G, clientId: 'b' }); // PreparingRebalance
    await settle();
    expect(await commit()).toBe(0);
  });

  it('rejects metadata over offset.metadata.max.bytes per partition', async () => {
    const h = await createHarness();
    const errors = await h.coordinator.commitOffsets({
      groupId: G,
      generationId: -1,
      memberId: '',
      groupInstanceId: null,
      offsets: [offset('t', 0, 1n, 'x'.repeat(4097)), offset('t', 1, 1n, 'x'.repeat(4096))],
    });
    expect(errors.map((e) => e.errorCode)).toEqual([E.OFFSET_METADATA_TOO_LARGE.code, 0]);
  });

  it('maps offsets-topic failures to what consumers retry on', async () => {
    const h = await createHarness();
    const commit = () =>
      h.coordinator.commitOffsets({ groupId: G, generationId: -1, memberId: '', groupInstanceId: null, offsets: [offset('t', 0, 1n)] }).then((r) => r[0].errorCode);
    h.topic.failAppends = new KafkaProtocolError(E.NOT_ENOUGH_REPLICAS);
    expect(await commit()).toBe(E.COORDINATOR_NOT_AVAILABLE.code);
    h.topic.failAppends = new KafkaProtocolError(E.NOT_LEADER_OR_FOLLOWER);
    expect(await commit()).toBe(E.NOT_COORDINATOR.code);
    h.topic.failAppends = new KafkaProtocolError(E.REQUEST_TIMED_OUT);
    expect(await commit()).toBe(E.REQUEST_TIMED_OUT.code);
    expect(h.coordinator.fetchOffsets(G, [{ topic: 't', partitions: [0] }]).offsets[0].offset).toBe(-1n);
  });

  it('does not acknowledge a commit before the offsets topic has it', async () => {
    const h = await createHarness();
    let release = () => {};
    h.topic.gate = new Promise<void>((resolve) => (release = resolve));
    let done = false;
    const pending = h.coordinator
      .commitOffsets({ groupId: G, generationId: -1, memberId: '', groupInstanceId: null, offsets: [offset('t', 0, 9n)] })
      .then(() => (done = true));
    await settle();
    expect(done).toBe(false);
    expect(h.coordinator.fetchOffsets(G, [{ topic: 't', partitions: [0] }]).offsets[0].offset).toBe(-1n);
    release();
    await pending;
    expect(h.coordinator.fetchOffsets(G, [{ topic: 't', partitions: [0] }]).offsets[0].offset).toBe(9n);
  });

  it('fails a SyncGroup whose assignment could not be stored, and rebalances', async () => {
    const h = await createHarness();
    const join = h.join({ groupId: G, clientId: 'a' });
    await h.scheduler.advance(INITIAL_DELAY_MS);
    h.topic.failAppends = new KafkaProtocolError(E.NOT_ENOUGH_REPLICAS);
    const sync = h.sync(G, join.value.generationId, join.value.memberId, [[join.value.memberId, [1]]]);
    await settle();
    expect(sync.value.errorCode).toBe(E.COORDINATOR_NOT_AVAILABLE.code);
    expect(h.coordinator.describeGroup(G).state).toBe('PreparingRebalance');
  });
});

describe('GroupCoordinator: DescribeGroups, ListGroups, DeleteGroups', () => {
  it('describes an unknown group as Dead', async () => {
    const h = await createHarness();
    expect(h.coordinator.describeGroup('nobody')).toEqual({ errorCode: 0, groupId: 'nobody', state: 'Dead', protocolType: '', protocolName: '', members: [] });
  });

  it('hides subscriptions and assignments unless the group is Stable', async () => {
    const h = await createHarness();
    h.join({ groupId: G, clientId: 'a' });
    await h.scheduler.advance(INITIAL_DELAY_MS);
    expect(h.coordinator.describeGroup(G)).toMatchObject({
      state: 'CompletingRebalance',
      protocolName: '',
      members: [{ memberId: 'a-1', metadata: new Uint8Array(), assignment: new Uint8Array() }],
    });
  });

  it('deletes empty groups with their offsets, refuses non-empty and unknown ones', async () => {
    const h = await createHarness();
    await h.coordinator.commitOffsets({ groupId: 'old', generationId: -1, memberId: '', groupInstanceId: null, offsets: [offset('t', 0, 1n), offset('t', 1, 2n)] });
    const { members } = await h.stableGroup(G, 1);
    h.coordinator.leaveGroup(G, [{ memberId: members[0], groupInstanceId: null }]); // Empty, generation 2
    h.join({ groupId: 'busy', clientId: 'x' });
    await settle();
    const result = await h.coordinator.deleteGroups(['old', G, 'busy', 'never']);
    expect(result).toEqual([
      { groupId: 'old', errorCode: 0 },
      { groupId: G, errorCode: 0 },
      { groupId: 'busy', errorCode: E.NON_EMPTY_GROUP.code },
      { groupId: 'never', errorCode: E.GROUP_ID_NOT_FOUND.code },
    ]);
    expect(h.coordinator.describeGroup('old').state).toBe('Dead');
    expect(h.coordinator.fetchOffsets('old', null).offsets).toEqual([]);
    expect(h.coordinator.listGroups().groups.map((g) => g.groupId)).toEqual(['busy']);
    // Tombstones: one per offset of 'old' (no group record: it never had members) and one for G's group record.
    const tombstones = [0, 1, 2, 3].flatMap((p) => h.topic.log.records(p)).filter((r) => r.value === null);
    expect(tombstones.map((r) => decodeOffsetsRecordKey(r.key!))).toEqual(
      expect.arrayContaining([
        { type: 'offset', group: 'old', topic: 't', partition: 0 },
        { type: 'offset', group: 'old', topic: 't', partition: 1 },
        { type: 'group', group: G },
      ]),
    );
    expect(tombstones).toHaveLength(3);
  });
});
