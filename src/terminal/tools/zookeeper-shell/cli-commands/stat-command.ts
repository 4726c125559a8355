/** `stat [-w] path` (ZooKeeper 3.8.4 `StatCommand`): the stat block, or `Node does not exist: <path>`. */
import { ErrorCode, ZooKeeperError } from '../../../../cluster/zookeeper/client/index.ts';
import { onZooKeeper } from '../cli-command.ts';
import type { CliCommand } from '../cli-command.ts';
import { CliError, wrapZooKeeperError } from '../cli-error.ts';
import { parseCommandLine } from '../cli-options.ts';
import type { CliOption } from '../cli-options.ts';
import { statBlock } from '../stat-printer.ts';
import { commandUsage } from '../usage.ts';
import { deprecatedWatchForm } from './deprecated-watch-form.ts';

const options: CliOption[] = [{ name: 'w', hasArg: false, description: 'watch' }];

export const statCommand: CliCommand = {
  name: 'stat',
  options,
  async run(words, context) {
    let line = parseCommandLine(options, words);
    if (line.args.length < 2) throw new CliError(commandUsage('stat'));
    line = await deprecatedWatchForm(line, words, options, context, "'stat path [watch]' has been deprecated. Please use 'stat [-w] path' instead.");
    const path = line.args[1];
    const stat = await onZooKeeper(context, path, (client) => client.exists(path, line.has('w') ? context.watcher : undefined));
    if (!stat) throw wrapZooKeeperError(new ZooKeeperError(ErrorCode.NONODE, path), path);
    await context.out(statBlock(context.env, stat));
  },
};
