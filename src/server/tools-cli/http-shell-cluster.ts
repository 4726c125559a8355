/**
 * The cluster controls of a running course server, over its HTTP API: what `kafkalab status|up|down|
 * start|stop|kill <node>` drives in a shell outside the server's process — the page's terminal on the
 * Docker runtime, a shell in a container on the host's network (`KAFKALAB_API=http://127.0.0.1:4321`).
 * The server records these actions as the learner's, as the page's buttons are. An API error becomes an
 * Error with the server's message and hint.
 */
import type { ShellCluster } from '../../terminal/tool-environment.ts';
import type { LabClusterStatus, LabNodeAction } from '../../labs/lab-context.ts';

export function httpShellCluster(apiUrl: string): ShellCluster {
  const base = apiUrl.replace(/\/+$/, '');
  async function call(method: 'GET' | 'POST', path: string): Promise<LabClusterStatus> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        // A state change is JSON, as the course's own pages send it (the server's request guard).
        ...(method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}),
      });
    } catch (error) {
      throw new Error(`the course server at ${base} does not answer (${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}); is \`kafkalab start\` running?`);
    }
    const body = (await response.json().catch(() => null)) as (LabClusterStatus & { error?: { message?: string; hint?: string } }) | null;
    if (!response.ok || !body) {
      const message = body?.error?.message ?? `${method} ${path} answered ${response.status}`;
      throw new Error(body?.error?.hint ? `${message} ${body.error.hint}` : message);
    }
    return body;
  }
  return {
    status: () => call('GET', '/api/cluster'),
    up: () => call('POST', '/api/cluster/up'),
    down: () => call('POST', '/api/cluster/down'),
    nodeAction: (name: string, action: LabNodeAction) => call('POST', `/api/cluster/nodes/${encodeURIComponent(name)}/${action}`),
  };
}
