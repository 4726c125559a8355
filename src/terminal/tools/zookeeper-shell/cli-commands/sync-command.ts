/** `sync path` (ZooKeeper 3.8.4 `SyncCommand`): `Sync is OK`, or `Sync has failed. rc=<code>`. */
import { ZooKeeperError } from '../../../../cluster/zookeeper/client/index.ts';
import type { CliCommand } from '../cli-command.ts';
import { CliError } from '../cli-error.ts';
import { parseCommandLine } from '../cli-options.ts';
import { invalidPathMessage } from '../path-utils.ts';
import { commandUsage } from '../usage.ts';

export const syncCommand: CliCommand = {
  name: 'sync',
  options: [],
  async run(words, context) {
    const line = parseCommandLine([], words);
    if (line.args.length < 2) throw new CliError(commandUsage('sync'));
    const path = line.args[1];
    const invalid = invalidPathMessage(path);
    if (invalid) throw new CliError(invalid);
    // Java syncs asynchronously and prints the callback's result code, failures included.
    const rc = await context.session.request(path, (client) => client.sync(path)).then(
      () => 0,
      (error: unknown) => {
        if (error instanceof ZooKeeperError) return error.code;
        throw error;
      },
    );
    await context.out(rc === 0 ? 'Sync is OK\n' : `Sync has failed. rc=${rc}\n`);
  },
};
