/**
 * A consumer group as `kafka-consumer-groups --describe` shows it, read through the admin API: its
 * state, its members and the partitions each member was assigned, and its committed offsets.
 */
import { KafkaReader } from '../../cluster/kafka/protocol/reader.ts';
import type { LabContext } from '../lab-context.ts';

export interface GroupMemberView {
  memberId: string;
  clientId: string;
  /** Partitions of each topic assigned to the member in the current generation. */
  assignment: ReadonlyMap<string, readonly number[]>;
}

export interface GroupView {
  groupId: string;
  /** `Stable`, `PreparingRebalance`, `CompletingRebalance`, `Empty`, `Dead`. */
  state: string;
  members: GroupMemberView[];
}

/**
 * The consumer protocol's assignment bytes (`ConsumerProtocolAssignment`: int16 version, then
 * [topic, [partition]], then user data). Empty or unreadable bytes are an empty assignment.
 */
export function decodeAssignment(bytes: Uint8Array): Map<string, number[]> {
  const assignment = new Map<string, number[]>();
  if (bytes.length < 2) return assignment;
  try {
    const reader = new KafkaReader(bytes);
    reader.int16();
    const topics = reader.int32();
    for (let t = 0; t < topics; t++) {
      const topic = reader.string();
      const count = reader.int32();
      const partitions: number[] = [];
      for (let p = 0; p < count; p++) partitions.push(reader.int32());
      assignment.set(topic, partitions.sort((a, b) => a - b));
    }
  } catch {
    return new Map();
  }
  return assignment;
}

export async function describeGroup(context: LabContext, groupId: string): Promise<GroupView> {
  const admin = await context.kafka.admin();
  const { groups } = await admin.describeGroups([groupId]);
  const group = groups.find((candidate) => candidate.groupId === groupId);
  return {
    groupId,
    state: group?.state ?? 'Dead',
    members: (group?.members ?? []).map((member) => ({
      memberId: member.memberId,
      clientId: member.clientId,
      assignment: decodeAssignment(member.memberAssignment),
    })),
  };
}

/** The group's committed offset of each partition of `topic` (absent: nothing committed). */
export async function committedOffsets(context: LabContext, groupId: string, topic: string): Promise<Map<number, bigint>> {
  const admin = await context.kafka.admin();
  const [topicOffsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const committed = new Map<number, bigint>();
  for (const { partition, offset } of topicOffsets?.partitions ?? []) if (BigInt(offset) >= 0n) committed.set(partition, BigInt(offset));
  return committed;
}
