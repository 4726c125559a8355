/**
 * `deleteall path [-b batch size]` (ZooKeeper 3.8.4 `DeleteAllCommand` and `ZKUtil.deleteRecursive`): lists
 * the subtree breadth first, then deletes it leaves first in atomic batches (`multi`) of up to 1000.
 */
import { onZooKeeper } from '../cli-command.ts';
import type { CliCommand } from '../cli-command.ts';
import { CliError } from '../cli-error.ts';
import { parseCommandLine } from '../cli-options.ts';
import type { CliOption } from '../cli-options.ts';
import { commandUsage } from '../usage.ts';

const options: CliOption[] = [{ name: 'b', hasArg: true, description: 'batch size' }];

export const deleteallCommand: CliCommand = {
  name: 'deleteall',
  options,
  async run(words, context) {
    const line = parseCommandLine(options, words);
    if (line.args.length < 2) throw new CliError(commandUsage('deleteall'));
    const batchText = line.value('b');
    const batchSize = batchText === undefined ? 1000 : Number(batchText);
    if (batchText !== undefined && (!/^[+-]?\d+$/.test(batchText) || Math.abs(batchSize) > 2147483647)) {
      throw new CliError('-b argument must be an int value');
    }
    const root = line.args[1];
    const tree = await onZooKeeper(context, root, async () => [root]);
    for (let i = 0; i < tree.length; i++) {
      const node = tree[i];
      const children = await onZooKeeper(context, node, (client) => client.getChildren(node));
      tree.push(...children.map((child) => (node === '/' ? '' : node) + '/' + child));
    }
    const leavesFirst = tree.reverse();
    if (batchSize <= 0) {
      for (const node of leavesFirst) await onZooKeeper(context, node, (client) => client.delete(node));
      return;
    }
    for (let start = 0; start < leavesFirst.length; start += batchSize) {
      const batch = leavesFirst.slice(start, start + batchSize);
      const deleted = await onZooKeeper(context, root, (client) => client.multi(batch.map((path) => ({ type: 'delete' as const, path })))).then(
        () => true,
        () => false,
      );
      if (!deleted) {
        await context.err('Failed to delete some node(s) in the subtree!\n');
        return;
      }
    }
  },
};
