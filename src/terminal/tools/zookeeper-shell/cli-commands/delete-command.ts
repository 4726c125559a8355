/** `delete [-v version] path` (ZooKeeper 3.8.4 `DeleteCommand`): silent; a znode with children is `Node not empty`. */
import { onZooKeeper } from '../cli-command.ts';
import type { CliCommand } from '../cli-command.ts';
import { CliError, parseJavaInt } from '../cli-error.ts';
import { parseCommandLine } from '../cli-options.ts';
import type { CliOption } from '../cli-options.ts';
import { commandUsage } from '../usage.ts';

const options: CliOption[] = [{ name: 'v', hasArg: true, description: 'version' }];

export const deleteCommand: CliCommand = {
  name: 'delete',
  options,
  async run(words, context) {
    const line = parseCommandLine(options, words);
    if (line.args.length < 2) throw new CliError(commandUsage('delete'));
    // The old `delete path version` form: Java warns and ignores the version.
    if (line.args.length > 2) await context.err("'delete path [version]' has been deprecated. Please use 'delete [-v version] path' instead.\n");
    const path = line.args[1];
    const version = line.has('v') ? parseJavaInt(line.value('v')!) : -1;
    await onZooKeeper(context, path, (client) => client.delete(path, version));
  },
};
