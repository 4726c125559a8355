import { ApiError } from '../http-error.ts';
import type { NodeAction, NodeState } from './cluster-runtime.ts';

/** The node names a runtime knows, for error messages. */
export function unknownNode(name: string, known: string[]): ApiError {
  return new ApiError('unknown_node', 404, `There is no node called "${name}".`, `Known nodes: ${known.join(', ')}.`);
}

export function clusterDown(action: string): ApiError {
  return new ApiError('invalid_state', 409, `Cannot ${action}: the cluster is down.`, 'Bring it up first: `kafkalab up` in the lab terminal, the page’s cluster controls, or POST /api/cluster/up.');
}

export function nodeAlready(name: string, state: 'running' | 'stopped', action: string): ApiError {
  return new ApiError(
    'invalid_state',
    409,
    `Cannot ${action} ${name}: it is already ${state}.`,
    state === 'running' ? `Stop or kill it first.` : `Start it first: POST /api/cluster/nodes/${name}/start.`,
  );
}

/** A node could not listen because another program holds its port (often a Docker stack or another kafkalab). */
export function portInUse(error: unknown): ApiError | undefined {
  // The listen error may be wrapped (a node's own error with the original as its cause).
  let cause: unknown = error;
  while (cause instanceof Error && (cause as { code?: string }).code !== 'EADDRINUSE') cause = cause.cause;
  if (!(cause instanceof Error)) return undefined;
  const { address, port } = cause as { address?: string; port?: number };
  const where = port !== undefined ? `${address ?? '127.0.0.1'}:${port}` : 'one of its ports';
  return new ApiError(
    'port_in_use',
    409,
    `The embedded cluster could not start: ${where} is already in use.`,
    'Another program holds that port: stop the Docker stack (docker compose down) or the other kafkalab, or run `kafkalab cluster` with other --zookeeper-ports/--kafka-ports.',
  );
}

/** Throws when `action` makes no sense for a node in `state` (starting a running node, healing a connected one, ...). */
export function refusePointlessAction(name: string, state: NodeState, action: NodeAction): void {
  if (action === 'start' && state !== 'stopped') throw nodeAlready(name, 'running', action);
  if ((action === 'stop' || action === 'kill') && state === 'stopped') throw nodeAlready(name, 'stopped', action);
  if (action === 'isolate' && state === 'stopped') throw new ApiError('invalid_state', 409, `Cannot isolate ${name}: it is stopped.`, `Start it first: POST /api/cluster/nodes/${name}/start.`);
  if (action === 'isolate' && state === 'isolated') throw new ApiError('invalid_state', 409, `Cannot isolate ${name}: it is already isolated.`, `Heal it first: POST /api/cluster/nodes/${name}/heal.`);
  if (action === 'heal' && state !== 'isolated') {
    throw new ApiError('invalid_state', 409, `Cannot heal ${name}: it is not isolated (it is ${state}).`, `Only an isolated node can be healed: POST /api/cluster/nodes/${name}/isolate cuts one off.`);
  }
}
