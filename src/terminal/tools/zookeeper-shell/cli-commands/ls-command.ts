/** `ls [-s] [-w] [-R] path` (ZooKeeper 3.8.4 `LsCommand`): sorted children as `[a, b]`; `-R` every descendant. */
import { ErrorCode, ZooKeeperError } from '../../../../cluster/zookeeper/client/index.ts';
import type { Watcher, ZooKeeperClient } from '../../../../cluster/zookeeper/client/index.ts';
import { onZooKeeper } from '../cli-command.ts';
import type { CliCommand, CliCommandContext } from '../cli-command.ts';
import { CliError } from '../cli-error.ts';
import { parseCommandLine } from '../cli-options.ts';
import type { CliOption } from '../cli-options.ts';
import { statBlock } from '../stat-printer.ts';
import { commandUsage } from '../usage.ts';
import { deprecatedWatchForm } from './deprecated-watch-form.ts';

const options: CliOption[] = [
  { name: '?', hasArg: false, description: 'help' },
  { name: 's', hasArg: false, description: 'stat' },
  { name: 'w', hasArg: false, description: 'watch' },
  { name: 'R', hasArg: false, description: 'recurse' },
];

/** commons-cli's `HelpFormatter.printHelp("ls [options] path", options)`, options sorted ignoring case. */
const help = 'usage: ls [options] path\n -?   help\n -R   recurse\n -s   stat\n -w   watch\n';

export const lsCommand: CliCommand = {
  name: 'ls',
  options,
  async run(words, context) {
    let line = parseCommandLine(options, words);
    if (line.has('?')) await context.out(help);
    line = await deprecatedWatchForm(line, words, options, context, "'ls path [watch]' has been deprecated. Please use 'ls [-w] path' instead.");
    if (line.args.length < 2) throw new CliError(commandUsage('ls'));
    const path = line.args[1];
    const watcher = line.has('w') ? context.watcher : undefined;
    if (line.has('R')) {
      await onZooKeeper(context, path, async (client) => {
        await client.getData(path, watcher);
        await context.out(`${path}\n`);
        await visitChildren(client, path, watcher, context);
      });
      return;
    }
    const { children, stat } = await onZooKeeper(context, path, async (client) => {
      const children = await client.getChildren(path, watcher);
      return { children, stat: line.has('s') ? await client.exists(path) : null };
    });
    await context.out(`[${children.sort().join(', ')}]\n`);
    if (stat) await context.out(statBlock(context.env, stat));
  },
};

/** `ZKUtil.visitSubTreeDFSHelper`: a node's children, then each child's subtree; a node gone meanwhile is skipped. */
async function visitChildren(client: ZooKeeperClient, path: string, watcher: Watcher | undefined, context: CliCommandContext): Promise<void> {
  let children: string[];
  try {
    children = (await client.getChildren(path, watcher)).sort();
  } catch (error) {
    if (error instanceof ZooKeeperError && error.code === ErrorCode.NONODE) return;
    throw error;
  }
  const childPaths = children.map((child) => (path === '/' ? `/${child}` : `${path}/${child}`));
  for (const childPath of childPaths) await context.out(`${childPath}\n`);
  for (const childPath of childPaths) await visitChildren(client, childPath, watcher, context);
}
