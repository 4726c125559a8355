/**
 * `--delete`: deletes the groups and says which could not be (a group with members, a group that does not
 * exist), with 3.9's quoting quirks: the deleted ones inside one pair of quotes (`('g1, g2')`), and after a
 * partial failure `'g2', '` joined with `'` (KAFKA_CLI.md 5.7). Both lists follow `HashMap` order.
 */
import type { ConsumerGroupService } from './consumer-group-service.ts';
import { stringHashOrder } from '../kafka/java-hash-map.ts';
import { throwableText, wrapping } from '../kafka/java-exception.ts';

export async function deleteGroups(service: ConsumerGroupService): Promise<void> {
  const groupIds = await service.groupIds(1187, 'deleteGroups');
  const results = await service.admin.deleteConsumerGroups(groupIds, service.timeoutMs());
  const order = stringHashOrder([...results.keys()]);
  const succeeded = order.filter((groupId) => results.get(groupId) === null);
  const failed = order.filter((groupId) => results.get(groupId) !== null);
  const { output } = service;
  if (failed.length === 0) {
    await output.out(`Deletion of requested consumer groups ('${succeeded.join(', ')}') was successful.\n`);
    return;
  }
  await output.printError('Deletion of some consumer groups failed:');
  for (const groupId of failed) {
    // f.get() threw: the ExecutionException around the group's error is what gets printed.
    const error = wrapping('java.util.concurrent.ExecutionException', results.get(groupId)!, []);
    await output.out(`* Group '${groupId}' could not be deleted due to: ${throwableText(error)}\n`);
  }
  if (succeeded.length > 0) await output.out(`\nThese consumer groups were deleted successfully: '${succeeded.join("'")}', '\n`);
}
