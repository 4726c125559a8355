import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import type { ClusterStatus } from '../../src/server/runtime/cluster-runtime.ts';
import { EmbeddedRuntime } from '../../src/server/runtime/embedded-runtime.ts';

/** `/api/cluster` drives a real embedded cluster (free ports) through the HTTP API. */
describe('cluster API on the embedded runtime', () => {
  let app: FastifyInstance;
  let runtime: EmbeddedRuntime;

  beforeAll(async () => {
    runtime = new EmbeddedRuntime({ zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0] });
    app = await buildApp({ runtime, version: 'test' });
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.[Symbol.asyncDispose]();
  });

  const call = async (method: 'GET' | 'POST', url: string) => {
    // As the course's page sends them: state changes as JSON.
    const response = await app.inject(method === 'POST' ? { method, url, payload: {} } : { method, url });
    return { status: response.statusCode, body: response.json() as ClusterStatus & { ok?: boolean; error?: { code: string; message: string; hint?: string } } };
  };

  it('reports a down cluster with the six nodes stopped', async () => {
    const { status, body } = await call('GET', '/api/cluster');
    expect(status).toBe(200);
    expect(body.runtime).toBe('embedded');
    expect(body.state).toBe('down');
    expect(body.nodes.map((node) => node.name)).toEqual(['zookeeper-1', 'zookeeper-2', 'zookeeper-3', 'kafka-1', 'kafka-2', 'kafka-3']);
    expect(body.nodes.every((node) => node.state === 'stopped')).toBe(true);
  });

  it('refuses node actions while the cluster is down, with a hint', async () => {
    const { status, body } = await call('POST', '/api/cluster/nodes/kafka-2/stop');
    expect(status).toBe(409);
    expect(body.error).toMatchObject({ code: 'invalid_state' });
    expect(body.error?.hint).toMatch(/cluster\/up/);
  });

  it('brings the cluster up: one ZooKeeper leader, two followers, three brokers, one controller', async () => {
    const { status, body } = await call('POST', '/api/cluster/up');
    expect(status).toBe(200);
    expect(body.state).toBe('up');
    const modes = body.nodes.filter((node) => node.kind === 'zookeeper').map((node) => node.mode).sort();
    expect(modes).toEqual(['follower', 'follower', 'leader']);
    const brokers = body.nodes.filter((node) => node.kind === 'kafka');
    expect(brokers.every((node) => node.state === 'running' && node.port > 0)).toBe(true);
    expect(body.connections.zookeeper.split(',')).toHaveLength(3);
    expect(body.connections.bootstrapServers.split(',')).toHaveLength(3);
    // The controller flag and Kafka's own view (read from ZooKeeper) agree.
    await expect.poll(async () => (await call('GET', '/api/cluster')).body.kafka?.controllerId, { timeout: 10_000 }).toBeGreaterThan(0);
    const after = (await call('GET', '/api/cluster')).body;
    expect(after.nodes.filter((node) => node.controller).map((node) => node.id)).toEqual([after.kafka?.controllerId]);
  });

  it('stops, kills and starts nodes by name, and says why a repeated action is refused', async () => {
    const stopped = await call('POST', '/api/cluster/nodes/kafka-2/stop');
    expect(stopped.status).toBe(200);
    expect(stopped.body.nodes.find((node) => node.name === 'kafka-2')?.state).toBe('stopped');

    const again = await call('POST', '/api/cluster/nodes/kafka-2/stop');
    expect(again.status).toBe(409);
    expect(again.body.error?.message).toMatch(/already stopped/);

    const started = await call('POST', '/api/cluster/nodes/kafka-2/start');
    expect(started.body.nodes.find((node) => node.name === 'kafka-2')?.state).toBe('running');

    const leader = started.body.nodes.find((node) => node.mode === 'leader')!;
    const killed = await call('POST', `/api/cluster/nodes/${leader.name}/kill`);
    expect(killed.status).toBe(200);
    expect(killed.body.nodes.find((node) => node.name === leader.name)?.state).toBe('stopped');
    await expect
      .poll(async () => (await call('GET', '/api/cluster')).body.nodes.filter((node) => node.mode === 'leader').map((node) => node.name), { timeout: 10_000 })
      .toHaveLength(1);
    const restarted = await call('POST', `/api/cluster/nodes/${leader.name}/start`);
    expect(restarted.body.nodes.find((node) => node.name === leader.name)?.state).toBe('running');
  });

  it('answers unknown nodes with 404 and bad actions with 400', async () => {
    const unknown = await call('POST', '/api/cluster/nodes/kafka-9/stop');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'unknown_node' });
    expect(unknown.body.error?.hint).toContain('kafka-3');
    const badAction = await call('POST', '/api/cluster/nodes/kafka-1/explode');
    expect(badAction.status).toBe(400);
    expect(badAction.body.error?.message).toMatch(/action/);
  });

  it('isolates a ZooKeeper member from its peers and heals it, through the API', async () => {
    const leader = (await call('GET', '/api/cluster')).body.nodes.find((node) => node.mode === 'leader')!;
    const isolated = await call('POST', `/api/cluster/nodes/${leader.name}/isolate`);
    expect(isolated.status).toBe(200);
    expect(isolated.body.nodes.find((node) => node.name === leader.name)?.state).toBe('isolated');
    // Cut off from both followers, it cannot stay leader: the other two elect one of themselves.
    await expect
      .poll(async () => (await call('GET', '/api/cluster')).body.nodes.filter((node) => node.mode === 'leader' && node.name !== leader.name).length, { timeout: 15_000 })
      .toBe(1);
    const again = await call('POST', `/api/cluster/nodes/${leader.name}/isolate`);
    expect(again.status).toBe(409);
    const healed = await call('POST', `/api/cluster/nodes/${leader.name}/heal`);
    expect(healed.status).toBe(200);
    expect(healed.body.nodes.find((node) => node.name === leader.name)?.state).toBe('running');
    await expect
      .poll(async () => (await call('GET', '/api/cluster')).body.nodes.filter((node) => node.kind === 'zookeeper').map((node) => node.mode).sort(), { timeout: 15_000 })
      .toEqual(['follower', 'follower', 'leader']);
  });

  it('brings the cluster down and frees its ports', async () => {
    const before = (await call('GET', '/api/cluster')).body;
    const { body } = await call('POST', '/api/cluster/down');
    expect(body.state).toBe('down');
    const port = before.nodes[0].port;
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });
});

describe('cluster API when a port is taken', () => {
  for (const [what, ports] of [
    ['a Kafka port', (taken: number) => ({ zookeeperPorts: [0, 0, 0], kafkaPorts: [0, taken, 0] })],
    ['a ZooKeeper port', (taken: number) => ({ zookeeperPorts: [taken, 0, 0], kafkaPorts: [0, 0, 0] })],
  ] as const) {
    it(`answers 409 port_in_use for ${what}, with the port and a hint, and stays down`, async () => {
      const { createServer } = await import('node:net');
      const blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
      const taken = (blocker.address() as { port: number }).port;
      const runtime = new EmbeddedRuntime(ports(taken));
      const app = await buildApp({ runtime, version: 'test' });
      try {
        const response = await app.inject({ method: 'POST', url: '/api/cluster/up', headers: { 'x-kafkalab': '1' } });
        expect(response.statusCode).toBe(409);
        const body = response.json() as { error: { code: string; message: string; hint: string } };
        expect(body.error.code).toBe('port_in_use');
        expect(body.error.message).toContain(`127.0.0.1:${taken}`);
        expect(body.error.hint).toMatch(/docker compose down/);
        expect((await runtime.status()).state).toBe('down');
      } finally {
        await app.close();
        await runtime[Symbol.asyncDispose]();
        blocker.close();
      }
    });
  }
});
