/**
 * `close` (ZooKeeper 3.8.4 `CloseCommand`): ends the session (the watcher prints `state:Closed`); later
 * commands print `Not connected` until `connect`.
 */
import type { CliCommand } from '../cli-command.ts';

export const closeCommand: CliCommand = {
  name: 'close',
  options: [],
  async run(_words, context) {
    await context.session.close({ report: true });
  },
};
