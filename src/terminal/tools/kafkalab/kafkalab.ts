/**
 * `kafkalab` in the lab shell: the course cluster's controls (`kafkalab status`, `kafkalab stop kafka-2`,
 * `kafkalab up`), the same ones as the lab page's buttons. Where the shell has no cluster to drive (the
 * tools on the learner's own machine), it says so.
 */
import type { Command, CommandContext } from '../../command.ts';
import type { ShellCluster } from '../../tool-environment.ts';
import { unlessInterrupted } from '../interruption.ts';
import { kafkalabSubcommands } from './kafkalab-subcommands.ts';
import type { KafkalabSubcommand } from './kafkalab-subcommands.ts';

const NO_CLUSTER = "kafkalab: the cluster controls exist only in the course's terminal (on a lab page); this shell has no cluster to drive\n";

export function kafkalabHelp(): string {
  const width = Math.max(...kafkalabSubcommands.map((sub) => usageOf(sub).length), 'help'.length) + 2;
  const lines = kafkalabSubcommands.map((sub) => `  ${usageOf(sub).padEnd(width)}${sub.summary}`);
  lines.push(`  ${'help'.padEnd(width)}this help`);
  return (
    'Usage: kafkalab <command> [<node>]\n\n' +
    "Drives the lab's cluster: ZooKeeper members zookeeper-1..3, brokers kafka-1..3.\n\n" +
    `${lines.join('\n')}\n\n` +
    'Example: kafkalab stop kafka-2\n'
  );
}

function usageOf(sub: KafkalabSubcommand): string {
  return sub.argument ? `${sub.name} ${sub.argument}` : sub.name;
}

export const kafkalab: Command = {
  name: 'kafkalab',
  summary: "the lab cluster's controls: kafkalab status | start | stop | kill | isolate | heal <node> | up | down",
  completions: [...kafkalabSubcommands.map((sub) => sub.name), 'help'],
  async run(context) {
    const [name, node, ...extra] = context.argv.slice(1);
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      await context.stdout.write(kafkalabHelp());
      return 0;
    }
    const sub = kafkalabSubcommands.find((candidate) => candidate.name === name);
    if (!sub) return usageError(context, `kafkalab: unknown command "${name}"`);
    if (sub.argument && node === undefined) return usageError(context, `kafkalab: ${name} needs a node name, as in: kafkalab ${name} kafka-2`);
    if ((!sub.argument && node !== undefined) || extra.length > 0) return usageError(context, `kafkalab: too many arguments for ${name}`);
    const cluster = context.env.cluster;
    if (!cluster) {
      await context.stderr.write(NO_CLUSTER);
      return 1;
    }
    return runSubcommand(context, cluster, sub, node);
  },
};

async function usageError(context: CommandContext, message: string): Promise<number> {
  await context.stderr.write(`${message}\nSee: kafkalab help\n`);
  return 2;
}

async function runSubcommand(context: CommandContext, cluster: ShellCluster, sub: KafkalabSubcommand, node: string | undefined): Promise<number> {
  try {
    if (node !== undefined) {
      const names = (await cluster.status()).nodes.map((candidate) => candidate.name);
      if (!names.includes(node)) {
        await context.stderr.write(`kafkalab: there is no node called "${node}"; the nodes are ${names.join(', ')}\n`);
        return 1;
      }
    }
    if (sub.progress) await context.stdout.write(sub.progress);
    const outcome = await unlessInterrupted(sub.run(cluster, node), context.signal, INTERRUPTED);
    if (outcome === INTERRUPTED) {
      await context.stderr.write(`kafkalab: ${sub.name}${node ? ` ${node}` : ''} goes on in the background (Ctrl-C does not undo it)\n`);
      return 130;
    }
    await context.stdout.write(outcome);
    return 0;
  } catch (error) {
    await context.stderr.write(`kafkalab: ${(error as Error).message}\n`);
    return 1;
  }
}

const INTERRUPTED = Symbol('interrupted');
