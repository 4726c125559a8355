/**
 * `/api/events` while the runtime is slow to answer `status()` (a Docker engine busy pulling, a switch
 * under way): events that arrive while a status is being read are followed by one more status, so the
 * page's last status is never older than the last event. The runtime is a real embedded cluster whose
 * first status is held (taken before `up`, answered after it) by a wrapper that says so in its name.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp } from '../../src/server/app.ts';
import type { ClusterEventMessage } from '../../src/server/routes/events-route.ts';
import type { ClusterRuntime, ClusterStatus } from '../../src/server/runtime/cluster-runtime.ts';
import { EmbeddedRuntime } from '../../src/server/runtime/embedded-runtime.ts';

/** Forwards to `inner`, but its first `status()` reads the status at once and answers only at `release()`. */
function firstStatusHeld(inner: ClusterRuntime): { runtime: ClusterRuntime; held: Promise<void>; release(): void } {
  let release!: () => void;
  let reached!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const held = new Promise<void>((resolve) => (reached = resolve));
  let first = true;
  const runtime = Object.create(inner) as ClusterRuntime;
  runtime.status = async (): Promise<ClusterStatus> => {
    const status = await inner.status();
    if (first) {
      first = false;
      reached();
      await gate;
    }
    return status;
  };
  for (const method of ['up', 'down', 'nodeAction', 'configure', 'onEvent', 'openTerminal'] as const) (runtime as unknown as Record<string, unknown>)[method] = (inner[method] as (...args: unknown[]) => unknown).bind(inner);
  return { runtime, held, release };
}

describe('/api/events with a slow status', () => {
  let inner: EmbeddedRuntime;
  let app: FastifyInstance;
  let port: number;
  let held: ReturnType<typeof firstStatusHeld>;

  beforeAll(async () => {
    inner = new EmbeddedRuntime({ zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0] });
    held = firstStatusHeld(inner);
    app = await buildApp({ runtime: held.runtime, version: 'test' });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    held?.release();
    await app?.close();
    await inner?.[Symbol.asyncDispose]();
  });

  it('sends one more status after events that came while a status was being read', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/api/events`, { origin: `http://127.0.0.1:${port}` });
    const messages: ClusterEventMessage[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data)) as ClusterEventMessage));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    // The status on connect is being read (it saw the cluster down); the cluster comes up meanwhile.
    await held.held;
    await inner.up();
    expect(messages.some((message) => message.type === 'event' && message.event.type === 'cluster-state' && message.event.state === 'up')).toBe(true);
    expect(messages.some((message) => message.type === 'status')).toBe(false);
    held.release();
    const statuses = () => messages.flatMap((message) => (message.type === 'status' ? [message.status.state] : []));
    await expect.poll(statuses).toEqual(['down', 'up']);
    socket.close();
  }, 30_000);
});
