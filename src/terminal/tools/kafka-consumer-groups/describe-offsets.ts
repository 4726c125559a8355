/**
 * `--describe` (the offsets view): per group, one row per partition with its committed offset, log-end
 * offset, lag and owner. Members come in descending order of partition count, each member's partitions
 * (and then the committed partitions nobody owns) sorted by number and then printed in the order of the
 * `HashMap` they pass through (KAFKA_CLI.md 5.3). Format `\n%-Gs %-Ts %-10s %-15s %-15s %-15s %-Cs %-Hs %s`
 * with G/T/C/H the longest group, topic, consumer id and host (at least 15); each line starts with `\n`
 * and the table ends with one (the layout of Kafka 3.9.2 and later, KAFKA_CLI.md 5.9).
 */
import { padRight } from './group-command-output.ts';
import type { ConsumerGroupService } from './consumer-group-service.ts';
import { copiedHashSetSizing, javaHashOrder } from '../kafka/java-hash-map.ts';
import { topicPartitionHash, topicPartitionHashOrder, topicPartitionKey, topicPartitionText, type TopicPartition } from '../kafka/topic-partition.ts';

const MISSING = '-';

export interface PartitionAssignmentState {
  group: string;
  topic?: string;
  partition?: number;
  offset?: number;
  logEndOffset?: number;
  lag?: number;
  consumerId: string;
  host: string;
  clientId: string;
}

export interface GroupOffsets {
  state: string;
  rows: PartitionAssignmentState[];
}

/** `collectGroupsOffsets`: per group (sorted by id), its state and rows. */
export async function collectGroupsOffsets(service: ConsumerGroupService, groupIds: readonly string[]): Promise<Map<string, GroupOffsets>> {
  const groups = await service.describeConsumerGroups(groupIds, ['collectGroupsOffsets', 698], ['describeGroups', 453]);
  const result = new Map<string, GroupOffsets>();
  for (const [groupId, group] of groups) {
    const committed = await service.committedOffsets(groupId, ['collectGroupsOffsets', 703]);
    const committedByKey = new Map(committed.map((entry) => [topicPartitionKey(entry.tp), entry.offset]));
    const owner = (consumerId: string, host: string, clientId: string) => ({ consumerId, host, clientId });
    const rows: PartitionAssignmentState[] = [];
    const assigned = new Set<string>();
    const members = group.members.filter((member) => member.assignment.length > 0).sort((a, b) => b.assignment.length - a.assignment.length);
    for (const member of members) {
      // MemberAssignment keeps its partitions in a HashSet copied from the assignment's list.
      const partitions = javaHashOrder(member.assignment, topicPartitionHash, topicPartitionText, copiedHashSetSizing(member.assignment.length));
      for (const tp of partitions) assigned.add(topicPartitionKey(tp));
      rows.push(...(await describePartitions(service, groupId, partitions, committedByKey, owner(member.consumerId, member.host, member.clientId))));
    }
    const unassigned = topicPartitionHashOrder(committed.map((entry) => entry.tp).filter((tp) => !assigned.has(topicPartitionKey(tp))));
    if (unassigned.length > 0) rows.push(...(await describePartitions(service, groupId, unassigned, committedByKey, owner(MISSING, MISSING, MISSING))));
    result.set(groupId, { state: group.state, rows });
  }
  return new Map([...result].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** `collectConsumerAssignment` + `describePartitions`: sorted by partition, then the log-end map's order. */
async function describePartitions(
  service: ConsumerGroupService,
  group: string,
  partitions: readonly TopicPartition[],
  committed: ReadonlyMap<string, number>,
  owner: { consumerId: string; host: string; clientId: string },
): Promise<PartitionAssignmentState[]> {
  const sorted = [...partitions].sort((a, b) => a.partition - b.partition);
  const logEnd = await service.logOffsets(sorted, 'latest', ['getLogEndOffsets', 791]);
  return topicPartitionHashOrder(sorted).map((tp) => {
    const offset = committed.get(topicPartitionKey(tp));
    const logEndOffset = logEnd.get(topicPartitionKey(tp));
    const lag = offset !== undefined && offset !== -1 && logEndOffset !== undefined ? logEndOffset - offset : undefined;
    return { group, topic: tp.topic, partition: tp.partition, offset, logEndOffset, lag, ...owner };
  });
}

export async function printOffsets(service: ConsumerGroupService, groups: ReadonlyMap<string, GroupOffsets>): Promise<void> {
  const { output } = service;
  for (const [groupId, { state, rows }] of groups) {
    if (!(await output.shouldPrintMemberState(groupId, state, rows.length))) continue;
    const width = (pick: (row: PartitionAssignmentState) => string) => rows.reduce((max, row) => Math.max(max, pick(row).length), 15);
    const widths = [width((r) => r.group), width((r) => r.topic ?? MISSING), 10, 15, 15, 15, width((r) => r.consumerId), width((r) => r.host)];
    const line = (cells: ReadonlyArray<string | number | undefined>) =>
      '\n' + cells.map((cell, index) => (index < widths.length ? padRight(cell ?? MISSING, widths[index]) : String(cell ?? MISSING))).join(' ');
    let text = line(['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID']);
    for (const row of rows) {
      text += line([row.group, row.topic, row.partition, row.offset, row.logEndOffset, row.lag, row.consumerId, row.host, row.clientId]);
    }
    await output.out(`${text}\n`);
  }
}
