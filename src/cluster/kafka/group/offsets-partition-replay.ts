/**
 * Rebuilds the groups of one `__consumer_offsets` partition from its records, as Kafka's
 * `GroupMetadataManager.loadGroupsAndOffsets` does when a broker becomes the partition's leader: later
 * records win, null values (tombstones) delete, and a group comes back in the state it was stored in
 * (Stable with its members, generation and assignments, or Empty), with its committed offsets.
 */
import type { Logger } from '../../logger.ts';
import type { OffsetsTopicRecord } from '../broker/broker-services.ts';
import type { CommittedOffset } from './coordinator-results.ts';
import { GroupMetadata, topicPartitionKey } from './group-metadata.ts';
import { MemberMetadata } from './member-metadata.ts';
import { decodeGroupMetadataValue, decodeOffsetCommitValue, decodeOffsetsRecordKey, type GroupMetadataValue } from './offsets-records.ts';

type StoredOffset = CommittedOffset & { readonly topic: string; readonly partition: number };

export function replayOffsetsPartition(partition: number, records: readonly OffsetsTopicRecord[], now: number, log: Logger): GroupMetadata[] {
  const offsets = new Map<string, Map<string, StoredOffset>>();
  const metadata = new Map<string, GroupMetadataValue>();
  for (const record of records) {
    if (record.key === null) continue;
    try {
      const key = decodeOffsetsRecordKey(record.key);
      if (key.type === 'offset') {
        let byPartition = offsets.get(key.group);
        if (!byPartition) offsets.set(key.group, (byPartition = new Map()));
        const tp = topicPartitionKey(key.topic, key.partition);
        if (record.value === null) byPartition.delete(tp);
        else {
          const { offset, leaderEpoch, metadata: text, commitTimestamp } = decodeOffsetCommitValue(record.value);
          byPartition.set(tp, { topic: key.topic, partition: key.partition, offset, leaderEpoch, metadata: text, commitTimestamp });
        }
      } else if (key.type === 'group') {
        if (record.value === null) metadata.delete(key.group);
        else metadata.set(key.group, decodeGroupMetadataValue(record.value));
      } else {
        log.warn('skipping __consumer_offsets record with an unknown key version', { partition, offset: String(record.offset), version: key.version });
      }
    } catch (error) {
      log.warn('skipping undecodable __consumer_offsets record', { partition, offset: String(record.offset), error: String(error) });
    }
  }
  const withOffsets = [...offsets].filter(([, byPartition]) => byPartition.size > 0).map(([groupId]) => groupId);
  return [...new Set([...metadata.keys(), ...withOffsets])].map((groupId) => {
    const group = new GroupMetadata(groupId, partition, now);
    const value = metadata.get(groupId);
    if (value) restoreGroup(group, value);
    for (const [tp, offset] of offsets.get(groupId) ?? []) group.offsets.set(tp, offset);
    return group;
  });
}

/** A group as it was last stored: Stable with its members and their assignments, or Empty. */
function restoreGroup(group: GroupMetadata, value: GroupMetadataValue): void {
  group.generationId = value.generation;
  group.protocolType = value.protocolType === '' ? null : value.protocolType;
  group.protocolName = value.protocol;
  if (value.currentStateTimestamp >= 0n) group.currentStateTimestamp = Number(value.currentStateTimestamp);
  for (const m of value.members) {
    const member = new MemberMetadata({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      rebalanceTimeoutMs: m.rebalanceTimeout,
      sessionTimeoutMs: m.sessionTimeout,
      protocolType: value.protocolType,
      // Only the chosen protocol's subscription is stored; that is all a rejoin is compared against.
      protocols: [{ name: value.protocol ?? '', metadata: m.subscription }],
    });
    member.assignment = m.assignment;
    group.add(member, null);
  }
  group.leaderId = value.leader;
  group.restoreState(value.members.length > 0 ? 'Stable' : 'Empty');
}
