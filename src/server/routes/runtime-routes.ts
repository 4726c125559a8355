import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../http-error.ts';
import type { ClusterRuntime, ClusterStatus, RuntimeKind } from '../runtime/cluster-runtime.ts';
import { RuntimeSwitch, type RuntimeView } from '../runtime/runtime-switch.ts';

const switchBody = z.object({ kind: z.enum(['embedded', 'docker']) }).strict();

/**
 * Which runtime runs the cluster, and the switch between them:
 * - `GET /api/runtime`: `{ current, available: [{ kind, available, reason }], engine? }`.
 * - `POST /api/runtime` `{ "kind": "docker" | "embedded" }`: takes the current runtime down and brings
 *   the other up (if the cluster was up); answers the cluster's new status. Like every state-changing
 *   request, it passes the request guard (Host, Origin, a JSON body) before it gets here.
 * A server given one runtime (not a RuntimeSwitch, as in most tests) lists only that one and refuses a switch.
 */
export function registerRuntimeRoutes(app: FastifyInstance, runtime: ClusterRuntime): void {
  const runtimeSwitch = runtime instanceof RuntimeSwitch ? runtime : new SingleRuntime(runtime);
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

/** What `/api/runtime` says of a server that runs one runtime only. */
class SingleRuntime {
  readonly #runtime: ClusterRuntime;

  constructor(runtime: ClusterRuntime) {
    this.#runtime = runtime;
  }

  view(): RuntimeView {
    return { current: this.#runtime.kind, available: [{ kind: this.#runtime.kind, available: true, reason: 'the only runtime this server runs' }] };
  }

  async switchTo(kind: RuntimeKind): Promise<ClusterStatus> {
    if (kind === this.#runtime.kind) return this.#runtime.status();
    throw new ApiError('invalid_state', 409, `Cannot switch to the ${kind} runtime: this server runs the ${this.#runtime.kind} runtime only.`, 'Start kafkalab with `kafkalab start` to switch runtimes from the page.');
  }
}
