import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../http-error.ts';
import type { RuntimeSwitch } from '../runtime/runtime-switch.ts';

const switchBody = z.object({ kind: z.enum(['embedded', 'docker']) }).strict();

/**
 * Which runtime runs the cluster, and the switch between them:
 * - `GET /api/runtime`: `{ current, available: [{ kind, available, reason }], engine? }`.
 * - `POST /api/runtime` `{ "kind": "docker" | "embedded" }`: takes the current runtime down and brings
 *   the other up (if the cluster was up); answers the cluster's new status. Like every state-changing
 *   request, it passes the request guard (Host, Origin, a JSON body) before it gets here.
 */
export function registerRuntimeRoutes(app: FastifyInstance, runtimeSwitch: RuntimeSwitch): void {
  app.get('/api/runtime', async () => runtimeSwitch.view());
  app.post('/api/runtime', async (request) => {
    const parsed = switchBody.safeParse(request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ApiError(
        'bad_request',
        400,
        `Invalid ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'not understood'}.`,
        'Send {"kind": "embedded"} or {"kind": "docker"}; GET /api/runtime lists which are available.',
      );
    }
    return runtimeSwitch.switchTo(parsed.data.kind);
  });
}
