import type { FastifyInstance } from 'fastify';
import type { ClusterRuntime } from '../runtime/cluster-runtime.ts';

/** `GET /api/health`: is the backend up, which version, which cluster runtime. */
export function registerHealthRoute(app: FastifyInstance, runtime: ClusterRuntime, version: string): void {
  app.get('/api/health', async () => ({
    ok: true,
    name: 'kafkalab',
    version,
    node: process.versions.node,
    uptimeSeconds: Math.round(process.uptime()),
    runtime: runtime.kind,
  }));
}
