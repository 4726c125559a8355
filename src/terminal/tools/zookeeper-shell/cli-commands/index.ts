/**
 * The ZooKeeper shell commands this zookeeper-shell runs, by name. The rest of ZooKeeper's list (ACLs,
 * quotas, reconfig, ...) is still known to the usage list, but answered with a plain "not here".
 */
import type { CliCommand } from '../cli-command.ts';
import { closeCommand } from './close-command.ts';
import { createCommand } from './create-command.ts';
import { deleteCommand } from './delete-command.ts';
import { deleteallCommand } from './deleteall-command.ts';
import { getCommand } from './get-command.ts';
import { lsCommand } from './ls-command.ts';
import { setCommand } from './set-command.ts';
import { statCommand } from './stat-command.ts';
import { syncCommand } from './sync-command.ts';

export const cliCommands: ReadonlyMap<string, CliCommand> = new Map(
  [lsCommand, getCommand, statCommand, createCommand, setCommand, deleteCommand, deleteallCommand, syncCommand, closeCommand].map((command) => [
    command.name,
    command,
  ]),
);
