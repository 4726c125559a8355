/**
 * What `kafkalab` does in the lab shell, one entry per subcommand: `status`, the node actions and `up` /
 * `down`. Each says in one line what it did, from the cluster's state afterwards.
 */
import type { ShellCluster } from '../../tool-environment.ts';
import { statusTable } from './status-table.ts';

export type NodeAction = 'stop' | 'start' | 'kill' | 'isolate' | 'heal';

export interface KafkalabSubcommand {
  readonly name: string;
  /** `<node>` for the node actions. */
  readonly argument?: string;
  /** One line for `kafkalab help`. */
  readonly summary: string;
  /** What it prints before waiting on the cluster for long (`Bringing the cluster up...`). */
  progress?: string;
  /** Does it and returns what to print. */
  run(cluster: ShellCluster, node: string | undefined): Promise<string>;
}

async function stateOf(cluster: ShellCluster, name: string): Promise<string> {
  const node = (await cluster.status()).nodes.find((candidate) => candidate.name === name);
  return node?.state ?? 'unknown';
}

/** A node action; no progress line: the runtime may refuse it at once (`it is already stopped`). */
function nodeAction(action: NodeAction, summary: string): KafkalabSubcommand {
  return {
    name: action,
    argument: '<node>',
    summary,
    async run(cluster, node) {
      await cluster.nodeAction(node!, action);
      return `${node} is ${await stateOf(cluster, node!)}.\n`;
    },
  };
}

export const kafkalabSubcommands: readonly KafkalabSubcommand[] = [
  {
    name: 'status',
    summary: 'each node: state, role, address; then the connection strings',
    run: async (cluster) => statusTable(await cluster.status()),
  },
  nodeAction('start', 'start a stopped node'),
  nodeAction('stop', 'stop a node gracefully (a broker hands over its leaderships)'),
  nodeAction('kill', 'stop a node abruptly, as kill -9 would'),
  nodeAction('isolate', 'cut a running node off from its peers (a network partition)'),
  nodeAction('heal', 'reconnect an isolated node to its peers'),
  {
    name: 'up',
    summary: 'bring every node up',
    progress: 'Bringing the cluster up...\n',
    async run(cluster) {
      await cluster.up();
      return `The cluster is ${(await cluster.status()).state}.\n`;
    },
  },
  {
    name: 'down',
    summary: 'stop every node',
    progress: 'Taking the cluster down...\n',
    async run(cluster) {
      await cluster.down();
      return `The cluster is ${(await cluster.status()).state}.\n`;
    },
  },
];
