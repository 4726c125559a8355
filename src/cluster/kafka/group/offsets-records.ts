/**
 * The records the group coordinator writes to `__consumer_offsets`, byte for byte as Kafka 3.4 writes
 * them, so Kafka's own tooling (`kafka-console-consumer --formatter ...GroupMetadataManager\$OffsetsMessageFormatter`)
 * could read them. Hand-written from Apache Kafka 3.4.0 `core/src/main/resources/common/message/`:
 *
 * | record | key | value |
 * | --- | --- | --- |
 * | committed offset | `OffsetCommitKey` v1: `group, topic, partition` | `OffsetCommitValue` v3: `offset, leaderEpoch, metadata, commitTimestamp` |
 * | group metadata | `GroupMetadataKey` v2: `group` | `GroupMetadataValue` v3: `protocolType, generation, protocol, leader, currentStateTimestamp, members[...]` |
 *
 * Keys and values start with their int16 schema version; the fields follow in the non-flexible encoding
 * (int16-length strings, int32-length bytes and arrays). A null value is a tombstone: the offset or group was
 * deleted. Decoders accept every version Kafka 3.4 can read (offset keys v0-v1, values v0-v3).
 */
import { ProtocolDecodeError } from '../protocol/codec-errors.ts';
import { KafkaReader } from '../protocol/reader.ts';
import { KafkaWriter } from '../protocol/writer.ts';

/** `OffsetCommitKey` versions 0 and 1 (same layout); Kafka writes 1. */
export const OFFSET_COMMIT_KEY_VERSION = 1;
/** `GroupMetadataKey` has only version 2. */
export const GROUP_METADATA_KEY_VERSION = 2;
/** `OffsetCommitValue` v3 (with leaderEpoch), what Kafka 3.4 writes. */
export const OFFSET_COMMIT_VALUE_VERSION = 3;
/** `GroupMetadataValue` v3 (with groupInstanceId), what Kafka 3.4 writes. */
export const GROUP_METADATA_VALUE_VERSION = 3;

export interface OffsetCommitKey {
  readonly type: 'offset';
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
}

export interface GroupMetadataKey {
  readonly type: 'group';
  readonly group: string;
}

/** A key this coordinator does not know (a newer Kafka's record type): skipped when loading. */
export interface UnknownRecordKey {
  readonly type: 'unknown';
  readonly version: number;
}

export type OffsetsRecordKey = OffsetCommitKey | GroupMetadataKey | UnknownRecordKey;

export interface OffsetCommitValue {
  readonly offset: bigint;
  /** -1 when unknown (and in v0-v2). */
  readonly leaderEpoch: number;
  readonly metadata: string;
  readonly commitTimestamp: bigint;
  /** Only v1 has it; -1 otherwise. */
  readonly expireTimestamp: bigint;
}

export interface GroupMemberValue {
  readonly memberId: string;
  /** v3+; null for dynamic members. */
  readonly groupInstanceId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  /** v1+; v0 records carry only the session timeout, which Kafka then uses for both. */
  readonly rebalanceTimeout: number;
  readonly sessionTimeout: number;
  /** The member's metadata for the group's protocol. */
  readonly subscription: Uint8Array;
  readonly assignment: Uint8Array;
}

export interface GroupMetadataValue {
  readonly protocolType: string;
  readonly generation: number;
  readonly protocol: string | null;
  readonly leader: string | null;
  /** v2+; -1 when unknown. */
  readonly currentStateTimestamp: bigint;
  readonly members: readonly GroupMemberValue[];
}

export function encodeOffsetCommitKey(group: string, topic: string, partition: number): Uint8Array {
  const writer = new KafkaWriter();
  writer.int16(OFFSET_COMMIT_KEY_VERSION).string(group).string(topic).int32(partition);
  return writer.toBytes().slice();
}

export function encodeGroupMetadataKey(group: string): Uint8Array {
  const writer = new KafkaWriter();
  writer.int16(GROUP_METADATA_KEY_VERSION).string(group);
  return writer.toBytes().slice();
}

export function decodeOffsetsRecordKey(bytes: Uint8Array): OffsetsRecordKey {
  const reader = new KafkaReader(bytes);
  const version = reader.int16();
  if (version === 0 || version === 1) {
    const key: OffsetCommitKey = { type: 'offset', group: reader.string(), topic: reader.string(), partition: reader.int32() };
    reader.expectEnd('OffsetCommitKey');
    return key;
  }
  if (version === GROUP_METADATA_KEY_VERSION) {
    const key: GroupMetadataKey = { type: 'group', group: reader.string() };
    reader.expectEnd('GroupMetadataKey');
    return key;
  }
  return { type: 'unknown', version };
}

/** Always writes v3 (leaderEpoch, no expireTimestamp), like Kafka 3.4. */
export function encodeOffsetCommitValue(value: Omit<OffsetCommitValue, 'expireTimestamp'>): Uint8Array {
  const writer = new KafkaWriter();
  writer
    .int16(OFFSET_COMMIT_VALUE_VERSION)
    .int64(value.offset)
    .int32(value.leaderEpoch)
    .string(value.metadata)
    .int64(value.commitTimestamp);
  return writer.toBytes().slice();
}

export function decodeOffsetCommitValue(bytes: Uint8Array): OffsetCommitValue {
  const reader = new KafkaReader(bytes);
  const version = reader.int16();
  if (version < 0 || version > 3) throw new ProtocolDecodeError(`unknown OffsetCommitValue version ${version}`, 0);
  const offset = reader.int64();
  const leaderEpoch = version >= 3 ? reader.int32() : -1;
  const metadata = reader.string();
  const commitTimestamp = reader.int64();
  const expireTimestamp = version === 1 ? reader.int64() : -1n;
  reader.expectEnd(`OffsetCommitValue v${version}`);
  return { offset, leaderEpoch, metadata, commitTimestamp, expireTimestamp };
}

/** Always writes v3, like Kafka 3.4. */
export function encodeGroupMetadataValue(value: GroupMetadataValue): Uint8Array {
  const writer = new KafkaWriter();
  writer
    .int16(GROUP_METADATA_VALUE_VERSION)
    .string(value.protocolType)
    .int32(value.generation)
    .nullableString(value.protocol)
    .nullableString(value.leader)
    .int64(value.currentStateTimestamp)
    .array(value.members, (w, member) => {
      w.string(member.memberId)
        .nullableString(member.groupInstanceId)
        .string(member.clientId)
        .string(member.clientHost)
        .int32(member.rebalanceTimeout)
        .int32(member.sessionTimeout)
        .bytes(member.subscription)
        .bytes(member.assignment);
    });
  return writer.toBytes().slice();
}

export function decodeGroupMetadataValue(bytes: Uint8Array): GroupMetadataValue {
  const reader = new KafkaReader(bytes);
  const version = reader.int16();
  if (version < 0 || version > 3) throw new ProtocolDecodeError(`unknown GroupMetadataValue version ${version}`, 0);
  const protocolType = reader.string();
  const generation = reader.int32();
  const protocol = reader.nullableString();
  const leader = reader.nullableString();
  const currentStateTimestamp = version >= 2 ? reader.int64() : -1n;
  const members = reader.array((r): GroupMemberValue => {
    const memberId = r.string();
    const groupInstanceId = version >= 3 ? r.nullableString() : null;
    const clientId = r.string();
    const clientHost = r.string();
    const rebalanceTimeout = version >= 1 ? r.int32() : -1;
    const sessionTimeout = r.int32();
    return {
      memberId,
      groupInstanceId,
      clientId,
      clientHost,
      rebalanceTimeout: rebalanceTimeout === -1 ? sessionTimeout : rebalanceTimeout,
      sessionTimeout,
      subscription: r.bytes().slice(),
      assignment: r.bytes().slice(),
    };
  });
  reader.expectEnd(`GroupMetadataValue v${version}`);
  return { protocolType, generation, protocol, leader, currentStateTimestamp, members };
}

