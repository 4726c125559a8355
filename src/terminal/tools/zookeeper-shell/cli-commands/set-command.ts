/** `set [-s] [-v version] path data` (ZooKeeper 3.8.4 `SetCommand`): silent, or the new stat block with `-s`. */
import { onZooKeeper } from '../cli-command.ts';
import type { CliCommand } from '../cli-command.ts';
import { CliError, parseJavaInt } from '../cli-error.ts';
import { parseCommandLine } from '../cli-options.ts';
import type { CliOption } from '../cli-options.ts';
import { statBlock } from '../stat-printer.ts';
import { commandUsage } from '../usage.ts';

const options: CliOption[] = [
  { name: 's', hasArg: false, description: 'stats' },
  { name: 'v', hasArg: true, description: 'version' },
];

export const setCommand: CliCommand = {
  name: 'set',
  options,
  async run(words, context) {
    const line = parseCommandLine(options, words);
    if (line.args.length < 3) throw new CliError(commandUsage('set'));
    const [, path, data] = line.args;
    const version = line.has('v') ? parseJavaInt(line.value('v')!) : -1;
    const stat = await onZooKeeper(context, path, (client) => client.setData(path, data, version));
    if (line.has('s')) await context.out(statBlock(context.env, stat));
  },
};
