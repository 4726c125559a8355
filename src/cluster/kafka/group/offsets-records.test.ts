import { describe, expect, it } from 'vitest';
import { ProtocolDecodeError } from '../protocol/codec-errors.ts';
import { KafkaWriter } from '../protocol/writer.ts';
import {
  decodeGroupMetadataValue,
  decodeOffsetCommitValue,
  decodeOffsetsRecordKey,
  encodeGroupMetadataKey,
  encodeGroupMetadataValue,
  encodeOffsetCommitKey,
  encodeOffsetCommitValue,
  type GroupMetadataValue,
} from './offsets-records.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('__consumer_offsets keys', () => {
  it('writes OffsetCommitKey v1 as version, group, topic, partition', () => {
    const key = encodeOffsetCommitKey('g1', 'orders', 7);
    expect(hex(key)).toBe('0001' + '0002' + hex(Buffer.from('g1')) + '0006' + hex(Buffer.from('orders')) + '00000007');
    expect(decodeOffsetsRecordKey(key)).toEqual({ type: 'offset', group: 'g1', topic: 'orders', partition: 7 });
  });

  it('reads OffsetCommitKey v0 (same layout)', () => {
    const key = new KafkaWriter().int16(0).string('g').string('t').int32(3).toBytes();
    expect(decodeOffsetsRecordKey(key)).toEqual({ type: 'offset', group: 'g', topic: 't', partition: 3 });
  });

  it('writes GroupMetadataKey v2 as version and group', () => {
    const key = encodeGroupMetadataKey('grp');
    expect(hex(key)).toBe('0002' + '0003' + hex(Buffer.from('grp')));
    expect(decodeOffsetsRecordKey(key)).toEqual({ type: 'group', group: 'grp' });
  });

  it('reports a key version it does not know instead of guessing', () => {
    expect(decodeOffsetsRecordKey(new Uint8Array([0, 9, 1, 2]))).toEqual({ type: 'unknown', version: 9 });
  });

  it('rejects trailing bytes and truncation', () => {
    const key = encodeGroupMetadataKey('grp');
    expect(() => decodeOffsetsRecordKey(new Uint8Array([...key, 0]))).toThrow(ProtocolDecodeError);
    expect(() => decodeOffsetsRecordKey(key.subarray(0, key.length - 1))).toThrow(ProtocolDecodeError);
  });
});

describe('OffsetCommitValue', () => {
  it('writes v3: offset, leaderEpoch, metadata, commitTimestamp', () => {
    const value = encodeOffsetCommitValue({ offset: 42n, leaderEpoch: 5, metadata: 'm', commitTimestamp: 1_700_000_000_000n });
    expect(hex(value)).toBe('0003' + '000000000000002a' + '00000005' + '0001' + '6d' + '0000018bcfe56800');
    expect(decodeOffsetCommitValue(value)).toEqual({
      offset: 42n,
      leaderEpoch: 5,
      metadata: 'm',
      commitTimestamp: 1_700_000_000_000n,
      expireTimestamp: -1n,
    });
  });

  it('reads v0, v1 (with expireTimestamp) and v2 written by older brokers', () => {
    const v0 = new KafkaWriter().int16(0).int64(10n).string('').int64(100n).toBytes();
    const v1 = new KafkaWriter().int16(1).int64(11n).string('a').int64(101n).int64(999n).toBytes();
    const v2 = new KafkaWriter().int16(2).int64(12n).string('b').int64(102n).toBytes();
    expect(decodeOffsetCommitValue(v0)).toEqual({ offset: 10n, leaderEpoch: -1, metadata: '', commitTimestamp: 100n, expireTimestamp: -1n });
    expect(decodeOffsetCommitValue(v1)).toEqual({ offset: 11n, leaderEpoch: -1, metadata: 'a', commitTimestamp: 101n, expireTimestamp: 999n });
    expect(decodeOffsetCommitValue(v2)).toEqual({ offset: 12n, leaderEpoch: -1, metadata: 'b', commitTimestamp: 102n, expireTimestamp: -1n });
  });

  it('rejects an unknown version', () => {
    const v4 = new KafkaWriter().int16(4).int64(1n).toBytes();
    expect(() => decodeOffsetCommitValue(v4)).toThrow(/unknown OffsetCommitValue version 4/);
  });
});

describe('GroupMetadataValue', () => {
  const value: GroupMetadataValue = {
    protocolType: 'consumer',
    generation: 3,
    protocol: 'RoundRobinAssigner',
    leader: 'kjs-1',
    currentStateTimestamp: 1_700_000_000_123n,
    members: [
      {
        memberId: 'kjs-1',
        groupInstanceId: null,
        clientId: 'kjs',
        clientHost: '/127.0.0.1',
        rebalanceTimeout: 60_000,
        sessionTimeout: 30_000,
        subscription: new Uint8Array([0, 1, 2]),
        assignment: new Uint8Array([9]),
      },
      {
        memberId: 'kjs-2',
        groupInstanceId: 'static-2',
        clientId: 'kjs',
        clientHost: '/127.0.0.1',
        rebalanceTimeout: 60_000,
        sessionTimeout: 30_000,
        subscription: new Uint8Array(),
        assignment: new Uint8Array(),
      },
    ],
  };

  it('round-trips v3', () => {
    expect(decodeGroupMetadataValue(encodeGroupMetadataValue(value))).toEqual(value);
  });

  it('writes the v3 field order of the Kafka schema', () => {
    const empty: GroupMetadataValue = { protocolType: 'consumer', generation: 1, protocol: null, leader: null, currentStateTimestamp: 5n, members: [] };
    expect(hex(encodeGroupMetadataValue(empty))).toBe(
      '0003' + '0008' + hex(Buffer.from('consumer')) + '00000001' + 'ffff' + 'ffff' + '0000000000000005' + '00000000',
    );
  });

  it('reads v0 (no rebalance timeout: the session timeout stands in) and v2 (no instance id)', () => {
    const v0 = new KafkaWriter()
      .int16(0).string('consumer').int32(2).nullableString('range').nullableString('m1')
      .array([0], (w) => { w.string('m1').string('c').string('/h').int32(10_000).bytes(new Uint8Array([1])).bytes(new Uint8Array([2])); })
      .toBytes();
    const decoded0 = decodeGroupMetadataValue(v0);
    expect(decoded0.currentStateTimestamp).toBe(-1n);
    expect(decoded0.members[0]).toEqual({
      memberId: 'm1', groupInstanceId: null, clientId: 'c', clientHost: '/h', rebalanceTimeout: 10_000, sessionTimeout: 10_000,
      subscription: new Uint8Array([1]), assignment: new Uint8Array([2]),
    });
    const v2 = new KafkaWriter()
      .int16(2).string('consumer').int32(2).nullableString('range').nullableString('m1').int64(77n)
      .array([0], (w) => { w.string('m1').string('c').string('/h').int32(20_000).int32(10_000).bytes(new Uint8Array()).bytes(new Uint8Array()); })
      .toBytes();
    const decoded2 = decodeGroupMetadataValue(v2);
    expect(decoded2.currentStateTimestamp).toBe(77n);
    expect(decoded2.members[0].rebalanceTimeout).toBe(20_000);
    expect(decoded2.members[0].groupInstanceId).toBeNull();
  });

  it('copies member bytes so the decoded value outlives the input buffer', () => {
    const bytes = encodeGroupMetadataValue(value);
    const decoded = decodeGroupMetadataValue(bytes);
    bytes.fill(0);
    expect(decoded.members[0].subscription).toEqual(new Uint8Array([0, 1, 2]));
  });
});
