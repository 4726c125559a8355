/**
 * `kafkalab status`: one row per node (name, kind, id, state, role, address) in aligned columns, then the
 * cluster's state and the two connection strings a learner types into the tools.
 */
import type { ShellClusterNode, ShellClusterStatus } from '../../tool-environment.ts';

const HEADER = ['NAME', 'KIND', 'ID', 'STATE', 'ROLE', 'ADDRESS'];

/** A ZooKeeper member's quorum mode, a broker's part (`controller` or `broker`); `-` for a stopped node. */
function role(node: ShellClusterNode): string {
  if (node.state === 'stopped') return '-';
  if (node.kind === 'zookeeper') return node.mode ?? '-';
  return node.controller ? 'controller' : 'broker';
}

export function statusTable(status: ShellClusterStatus): string {
  const rows = [HEADER, ...status.nodes.map((node) => [node.name, node.kind, String(node.id), node.state, role(node), `${node.host}:${node.port}`])];
  const widths = HEADER.map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const lines = rows.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column])))
      .join('  '),
  );
  return (
    `${lines.join('\n')}\n\n` +
    `Cluster: ${status.state}\n` +
    `Bootstrap servers: ${status.connections.bootstrapServers || '-'}\n` +
    `ZooKeeper connect: ${status.connections.zookeeper || '-'}\n`
  );
}
