/**
 * `--describe --state`: per group its coordinator (`host:port  (id)`, two spaces), assignment strategy,
 * state and member count, in `\n%-Ws %-25s %-20s %-15s %s` with W = max(25, coordinator's length): the
 * first column (GROUP) takes the coordinator's width, a 3.9 quirk (KAFKA_CLI.md 5.5).
 */
import { padRight } from './group-command-output.ts';
import type { ConsumerGroupService } from './consumer-group-service.ts';

export async function describeState(service: ConsumerGroupService, groupIds: readonly string[]): Promise<void> {
  const groups = await service.describeConsumerGroups(groupIds, ['collectGroupsState', 777], ['describeGroups', 460]);
  const { output } = service;
  for (const groupId of [...groups.keys()].sort()) {
    const group = groups.get(groupId)!;
    if (!(await output.shouldPrintMemberState(groupId, group.state, 1))) continue;
    const coordinator = `${group.coordinator.host}:${group.coordinator.port}  (${group.coordinator.nodeId})`;
    const width = Math.max(25, coordinator.length);
    const line = (...cells: Array<string | number>) =>
      `\n${padRight(cells[0], width)} ${padRight(cells[1], 25)} ${padRight(cells[2], 20)} ${padRight(cells[3], 15)} ${cells[4]}`;
    await output.out(
      line('GROUP', 'COORDINATOR (ID)', 'ASSIGNMENT-STRATEGY', 'STATE', '#MEMBERS') +
        line(groupId, coordinator, group.partitionAssignor, group.state, group.members.length) +
        '\n',
    );
  }
}
