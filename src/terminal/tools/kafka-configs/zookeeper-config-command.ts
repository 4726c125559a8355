/** Placeholder: the `--zookeeper` path comes in the next commit. */
import type { CommandContext } from '../../command.ts';
import type { ConfigCommandOptions } from './config-command-options.ts';

export async function zookeeperConfigCommand(_context: CommandContext, _opts: ConfigCommandOptions): Promise<void> {}
