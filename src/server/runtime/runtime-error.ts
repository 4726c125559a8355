import { ApiError } from '../http-error.ts';

/** The node names a runtime knows, for error messages. */
export function unknownNode(name: string, known: string[]): ApiError {
  return new ApiError('unknown_node', 404, `There is no node called "${name}".`, `Known nodes: ${known.join(', ')}.`);
}

export function clusterDown(action: string): ApiError {
  return new ApiError('invalid_state', 409, `Cannot ${action}: the cluster is down.`, 'Bring it up first: POST /api/cluster/up (or `kafkalab cluster`).');
}

export function nodeAlready(name: string, state: 'running' | 'stopped', action: string): ApiError {
  return new ApiError(
    'invalid_state',
    409,
    `Cannot ${action} ${name}: it is already ${state}.`,
    state === 'running' ? `Stop or kill it first.` : `Start it first: POST /api/cluster/nodes/${name}/start.`,
  );
}
