/**
 * `/api/runtime` on the real server (raw HTTP on loopback, as a browser or curl puts it on the wire)
 * over a RuntimeSwitch between the embedded cluster and the FAKE Docker runtime (an embedded cluster
 * that reports itself as `docker`): the listing, a switch and back, 409 while busy, 400 for a bad kind,
 * 403 for another site's page; and without an engine, Docker listed as unavailable and refused.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ClusterEventMessage } from '../../src/server/routes/events-route.ts';
import { buildApp } from '../../src/server/app.ts';
import type { ClusterStatus } from '../../src/server/runtime/cluster-runtime.ts';
import { EmbeddedRuntime } from '../../src/server/runtime/embedded-runtime.ts';
import { RuntimeSwitch, type RuntimeView } from '../../src/server/runtime/runtime-switch.ts';
import { FakeDockerRuntime } from './support/fake-docker-runtime.ts';
import { rawRequest } from './support/raw-http.ts';

const freePorts = () => new EmbeddedRuntime({ zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0] });
const json = { 'content-type': 'application/json' };

async function serve(runtime: RuntimeSwitch): Promise<{ app: FastifyInstance; port: number }> {
  const app = await buildApp({ runtime, version: 'test' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, port: (app.server.address() as { port: number }).port };
}

describe('/api/runtime with both runtimes', () => {
  let runtimeSwitch: RuntimeSwitch;
  let fake: FakeDockerRuntime | undefined;
  let app: FastifyInstance;
  let port: number;
  const post = (body: string, headers: Record<string, string> = json) => rawRequest(port, 'POST', '/api/runtime', headers, body);

  beforeAll(async () => {
    runtimeSwitch = new RuntimeSwitch({
      current: freePorts(),
      factories: {
        embedded: freePorts,
        docker: async () => (fake = new FakeDockerRuntime({ engine: { name: 'Podman', version: '4.3.1' }, services: [{ name: 'AKHQ', url: 'http://localhost:8080' }], pull: { image: 'confluentinc/cp-kafka:7.9.0', totalBytes: 2_000_000, steps: 2 } })),
      },
      reasons: { embedded: 'always available', docker: 'Podman 4.3.1 answered; the images are present' },
      engine: { name: 'Podman', version: '4.3.1' },
    });
    ({ app, port } = await serve(runtimeSwitch));
  });
  afterAll(async () => {
    await app?.close();
    await runtimeSwitch?.[Symbol.asyncDispose]();
  });

  it('lists both runtimes, the current one and the engine', async () => {
    const response = await rawRequest(port, 'GET', '/api/runtime');
    expect(response.status).toBe(200);
    expect(response.json<RuntimeView>()).toEqual({
      current: 'embedded',
      available: [
        { kind: 'embedded', available: true, reason: 'always available' },
        { kind: 'docker', available: true, reason: 'Podman 4.3.1 answered; the images are present' },
      ],
      engine: { name: 'Podman', version: '4.3.1' },
    });
  });

  it('answers 400 naming what is wrong for a bad kind, a missing kind or an extra field', async () => {
    for (const body of ['{"kind":"kubernetes"}', '{}', '{"kind":"docker","now":true}']) {
      const response = await post(body);
      expect(response.status, body).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'bad_request', hint: expect.stringContaining('{"kind": "docker"}') });
    }
    expect((await post('{"kind":"kubernetes"}')).json().error?.message).toBe('Invalid kind: Invalid option: expected one of "embedded"|"docker".');
    expect(runtimeSwitch.kind).toBe('embedded');
  });

  it("refuses another site's page (403) and a form post (415); the runtime does not change", async () => {
    const foreign = await post('{"kind":"docker"}', { ...json, origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.json().error?.code).toBe('origin_not_allowed');
    const form = await post('kind=docker', { 'content-type': 'application/x-www-form-urlencoded', origin: `http://127.0.0.1:${port}` });
    expect(form.status).toBe(415);
    expect(runtimeSwitch.kind).toBe('embedded');
    expect(fake).toBeUndefined();
  });

  it('answers 409 with a hint while a cluster action runs', async () => {
    const up = rawRequest(port, 'POST', '/api/cluster/up', json, '{}');
    // The up request is in the switch once the cluster says it is starting.
    await expect.poll(async () => (await rawRequest(port, 'GET', '/api/cluster')).json<ClusterStatus>().state, { interval: 5 }).not.toBe('down');
    const busy = await post('{"kind":"docker"}', { ...json, origin: `http://127.0.0.1:${port}` });
    const upResponse = await up;
    expect(upResponse.status, upResponse.text).toBe(200);
    expect(busy.status).toBe(409);
    expect(busy.json().error).toMatchObject({ code: 'invalid_state', message: expect.stringContaining('while a cluster action is running'), hint: expect.stringContaining('Wait') });
  }, 30_000);

  it('switches a running cluster to Docker from the course page, and back; /api/events follows', async () => {
    const events = new WebSocket(`ws://127.0.0.1:${port}/api/events`, { origin: `http://127.0.0.1:${port}` });
    const messages: ClusterEventMessage[] = [];
    events.on('message', (data) => messages.push(JSON.parse(String(data)) as ClusterEventMessage));
    await new Promise((resolve, reject) => events.once('open', resolve).once('error', reject));
    await expect.poll(() => messages.length).toBeGreaterThan(0);
    const toDocker = await post('{"kind":"docker"}', { ...json, origin: `http://127.0.0.1:${port}` });
    expect(toDocker.status).toBe(200);
    const status = toDocker.json<ClusterStatus>();
    expect(status).toMatchObject({ runtime: 'docker', state: 'up', engine: { name: 'Podman', version: '4.3.1' }, services: [{ name: 'AKHQ', url: 'http://localhost:8080' }] });
    expect(status.capabilities.nodeActions).toEqual(['stop', 'start', 'kill']);
    expect((await rawRequest(port, 'GET', '/api/runtime')).json<RuntimeView>().current).toBe('docker');
    expect((await rawRequest(port, 'GET', '/api/cluster')).json<ClusterStatus>().runtime).toBe('docker');
    expect((await fake!.cluster.status()).state).toBe('up');
    // The page saw the pull as it happened, and the status after the last event is the new runtime's.
    const pulls = messages.flatMap((message) => (message.type === 'event' && message.event.type === 'image-pull' ? [message.event] : []));
    expect(pulls.map((pull) => [pull.currentBytes, pull.done])).toEqual([
      [1_000_000, false],
      [2_000_000, true],
    ]);
    const lastStatus = () => messages.findLast((message) => message.type === 'status');
    await expect.poll(() => lastStatus()?.type === 'status' && [lastStatus()!.status.runtime, lastStatus()!.status.state].join(' ')).toBe('docker up');
    events.close();

    const back = await post('{"kind":"embedded"}');
    expect(back.status).toBe(200);
    expect(back.json<ClusterStatus>()).toMatchObject({ runtime: 'embedded', state: 'up' });
    expect((await fake!.cluster.status()).state).toBe('down');
  }, 60_000);
});

describe('/api/runtime without a container engine', () => {
  let runtimeSwitch: RuntimeSwitch;
  let app: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    runtimeSwitch = new RuntimeSwitch({ current: freePorts(), factories: { embedded: freePorts }, reasons: { docker: 'no container engine answered' } });
    ({ app, port } = await serve(runtimeSwitch));
  });
  afterAll(async () => {
    await app?.close();
    await runtimeSwitch?.[Symbol.asyncDispose]();
  });

  it('lists Docker as unavailable, and a switch to it says to run kafkalab doctor', async () => {
    const view = (await rawRequest(port, 'GET', '/api/runtime')).json<RuntimeView>();
    expect(view.available.find((option) => option.kind === 'docker')).toEqual({ kind: 'docker', available: false, reason: 'no container engine answered' });
    expect(view.engine).toBeUndefined();
    const refused = await rawRequest(port, 'POST', '/api/runtime', json, '{"kind":"docker"}');
    expect(refused.status).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'invalid_state', message: 'Cannot switch to the Docker runtime: it is not available (no container engine answered).', hint: expect.stringContaining('kafkalab doctor') });
  });
});

describe('a server given one runtime, not a switch', () => {
  it('lists that runtime only and refuses a switch with a hint', async () => {
    const runtime = freePorts();
    const app = await buildApp({ runtime, version: 'test' });
    try {
      const view = await app.inject({ method: 'GET', url: '/api/runtime' });
      expect(view.statusCode).toBe(200);
      expect(view.json()).toEqual({ current: 'embedded', available: [{ kind: 'embedded', available: true, reason: 'the only runtime this server runs' }] });
      const refused = await app.inject({ method: 'POST', url: '/api/runtime', payload: { kind: 'docker' } });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({ code: 'invalid_state', message: 'Cannot switch to the docker runtime: this server runs the embedded runtime only.' });
      expect((await app.inject({ method: 'POST', url: '/api/runtime', payload: { kind: 'embedded' } })).json()).toMatchObject({ runtime: 'embedded', state: 'down' });
    } finally {
      await app.close();
    }
  });
});
