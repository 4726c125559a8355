import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../http-error.ts';
import { NODE_ACTIONS, type ClusterRuntime } from '../runtime/cluster-runtime.ts';

const nodeActionParams = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'a node name such as zookeeper-1 or kafka-2'),
  action: z.enum(NODE_ACTIONS),
});

/**
 * Cluster control:
 * - `GET /api/cluster`: runtime, state, nodes, connection strings, Kafka's partition state.
 * - `POST /api/cluster/up`, `POST /api/cluster/down`.
 * - `POST /api/cluster/nodes/{name}/stop|start|kill|isolate|heal`.
 */
export function registerClusterRoutes(app: FastifyInstance, runtime: ClusterRuntime): void {
  app.get('/api/cluster', async () => runtime.status());
  app.post('/api/cluster/up', async () => runtime.up());
  app.post('/api/cluster/down', async () => runtime.down());
  app.post('/api/cluster/nodes/:name/:action', async (request) => {
    const parsed = nodeActionParams.safeParse(request.params);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ApiError(
        'bad_request',
        400,
        `Invalid ${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'not understood'}.`,
        `Use POST /api/cluster/nodes/{name}/${NODE_ACTIONS.join('|')}.`,
      );
    }
    return runtime.nodeAction(parsed.data.name, parsed.data.action);
  });
}
