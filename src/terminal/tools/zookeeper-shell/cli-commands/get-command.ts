/** `get [-s] [-w] path` (ZooKeeper 3.8.4 `GetCommand`): the data on one line (`null` when none), `-s` adds the stat block. */
import { dataText, onZooKeeper } from '../cli-command.ts';
import type { CliCommand } from '../cli-command.ts';
import { CliError } from '../cli-error.ts';
import { parseCommandLine } from '../cli-options.ts';
import type { CliOption } from '../cli-options.ts';
import { statBlock } from '../stat-printer.ts';
import { commandUsage } from '../usage.ts';
import { deprecatedWatchForm } from './deprecated-watch-form.ts';

const options: CliOption[] = [
  { name: 's', hasArg: false, description: 'stats' },
  { name: 'w', hasArg: false, description: 'watch' },
];

export const getCommand: CliCommand = {
  name: 'get',
  options,
  async run(words, context) {
    let line = parseCommandLine(options, words);
    if (line.args.length < 2) throw new CliError(commandUsage('get'));
    line = await deprecatedWatchForm(line, words, options, context, "'get path [watch]' has been deprecated. Please use 'get [-s] [-w] path' instead.");
    const path = line.args[1];
    const { data, stat } = await onZooKeeper(context, path, (client) => client.getData(path, line.has('w') ? context.watcher : undefined));
    await context.out(`${dataText(data)}\n`);
    if (line.has('s')) await context.out(statBlock(context.env, stat));
  },
};
