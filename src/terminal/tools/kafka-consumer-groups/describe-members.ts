/**
 * `--describe --members [--verbose]`: one row per member. Header and rows use
 * `%-Gs %-Cs %-Hs %-Ls %-15s ` (G/C/H/L: longest group, consumer id, host, client id, at least 15; note the
 * trailing space), `ASSIGNMENT` with `--verbose`. In 3.9 the header is printed even for a group that does not
 * exist, and the verbose assignment lists partitions per topic without the topic's name: `(0,1,2)`, numbers
 * sorted as strings, topics' lists sorted as strings and joined with `, ` (KAFKA_CLI.md 5.4).
 */
import { padRight } from './group-command-output.ts';
import type { ConsumerGroupService } from './consumer-group-service.ts';
import type { TopicPartition } from '../kafka/topic-partition.ts';

interface MemberAssignmentState {
  group: string;
  consumerId: string;
  host: string;
  clientId: string;
  groupInstanceId: string;
  numPartitions: number;
  assignment: TopicPartition[];
}

export async function describeMembers(service: ConsumerGroupService, groupIds: readonly string[]): Promise<void> {
  const verbose = service.options.has('verbose');
  const groups = await service.describeConsumerGroups(groupIds, ['collectGroupsMembers', 752], ['describeGroups', 457]);
  const { output } = service;
  for (const groupId of [...groups.keys()].sort()) {
    const group = groups.get(groupId)!;
    const members: MemberAssignmentState[] = group.members.map((member) => ({
      group: groupId,
      consumerId: member.consumerId,
      host: member.host,
      clientId: member.clientId,
      groupInstanceId: member.groupInstanceId,
      numPartitions: member.assignment.length,
      assignment: verbose ? member.assignment : [],
    }));
    const widths = { group: 15, consumerId: 15, groupInstanceId: 17, host: 15, clientId: 15 };
    let includeGroupInstanceId = false;
    if (await output.shouldPrintMemberState(groupId, group.state, members.length)) {
      for (const member of members) {
        widths.group = Math.max(widths.group, member.group.length);
        widths.consumerId = Math.max(widths.consumerId, member.consumerId.length);
        widths.groupInstanceId = Math.max(widths.groupInstanceId, member.groupInstanceId.length);
        widths.host = Math.max(widths.host, member.host.length);
        widths.clientId = Math.max(widths.clientId, member.clientId.length);
        includeGroupInstanceId ||= member.groupInstanceId !== '';
      }
    }
    const line = (group: string, consumerId: string, instance: string, host: string, clientId: string, partitions: string | number) =>
      `${padRight(group, widths.group)} ${padRight(consumerId, widths.consumerId)} ` +
      (includeGroupInstanceId ? `${padRight(instance, widths.groupInstanceId)} ` : '') +
      `${padRight(host, widths.host)} ${padRight(clientId, widths.clientId)} ${padRight(partitions, 15)} `;
    let text = `\n${line('GROUP', 'CONSUMER-ID', 'GROUP-INSTANCE-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS')}${verbose ? 'ASSIGNMENT' : ''}\n`;
    for (const member of members) {
      text += line(member.group, member.consumerId, member.groupInstanceId, member.host, member.clientId, member.numPartitions);
      if (verbose) text += assignmentText(member.assignment);
      text += '\n';
    }
    await output.out(text);
  }
}

/** The 3.9 verbose ASSIGNMENT cell: `(0,1,2), (0)`, or `-`. */
export function assignmentText(assignment: readonly TopicPartition[]): string {
  if (assignment.length === 0) return '-';
  const byTopic = new Map<string, number[]>();
  for (const tp of assignment) byTopic.set(tp.topic, [...(byTopic.get(tp.topic) ?? []), tp.partition]);
  return [...byTopic.values()]
    .map((partitions) => `(${partitions.map(String).sort().join(',')})`)
    .sort()
    .join(', ');
}
