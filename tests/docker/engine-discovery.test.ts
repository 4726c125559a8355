/**
 * Engine discovery against a real engine (podman's Docker API in CI) and against endpoints that do not
 * answer: a socket file left behind by a killed process, a socket that accepts and never replies.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { discoverEngine } from '../../src/server/runtime/docker/engine/discover-engine.ts';
import { describeWithEngine } from '../support/container-engine.ts';

/** The engine the Docker tests use (tests/support/container-engine.ts). */
const realEndpoint = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kafkalab-engine-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A socket file nobody listens on: a process bound it and was killed (Node removes it on a clean close). */
async function deadSocket(path: string): Promise<void> {
  const child = spawn(process.execPath, ['-e', `require('node:net').createServer().listen(${JSON.stringify(path)}, () => console.log('listening'))`], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  expect(existsSync(path)).toBe(true);
}

/** An isolated environment: only DOCKER_HOST and a HOME with no docker config, so no other endpoint answers by accident. */
const isolated = (dockerHost: string): NodeJS.ProcessEnv => ({ DOCKER_HOST: dockerHost, HOME: dir, XDG_RUNTIME_DIR: join(dir, 'run') });

it('a dead DOCKER_HOST is listed in `tried` with the reason, and is final: no other engine is used (as the docker CLI)', async () => {
  const path = join(dir, 'dead.sock');
  await deadSocket(path);
  const { engine: found, tried } = await discoverEngine(isolated(`unix://${path}`), { timeoutMs: 1000 });
  expect(tried).toEqual([{ endpoint: `unix://${path}`, source: 'DOCKER_HOST', error: expect.stringMatching(/^connection refused .*\[ECONNREFUSED\]$/) }]);
  expect(found).toBeNull();
});

it('without DOCKER_HOST every well-known socket is tried, each missing one named', async () => {
  const { tried } = await discoverEngine({ HOME: dir }, { timeoutMs: 1000 });
  expect(tried.find((t) => t.source === 'Docker Desktop')?.error).toBe(`no socket at ${join(dir, '.docker', 'run', 'docker.sock')}`);
});

it('refuses an engine on another machine without dialling it: the cluster’s ports would be published there', async () => {
  const { engine: found, tried } = await discoverEngine({ DOCKER_HOST: 'tcp://192.0.2.10:2375', HOME: dir }, { timeoutMs: 1000 });
  expect(found).toBeNull();
  expect(tried).toEqual([{ endpoint: 'tcp://192.0.2.10:2375', source: 'DOCKER_HOST', error: expect.stringMatching(/^an engine on another machine \(192\.0\.2\.10\)/) }]);
});

it('gives up on a socket that accepts and never answers after the timeout', async () => {
  const path = join(dir, 'silent.sock');
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(path, resolve));
  try {
    const started = performance.now();
    const { tried } = await discoverEngine(isolated(`unix://${path}`), { timeoutMs: 500 });
    expect(tried[0]).toEqual({ endpoint: `unix://${path}`, source: 'DOCKER_HOST', error: 'no answer within 500 ms' });
    expect(sockets.length).toBeGreaterThan(0);
    // Only that endpoint waited: the others are missing files, refused at once.
    expect(performance.now() - started).toBeLessThan(500 * 3);
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
});

describeWithEngine('a real engine on DOCKER_HOST', () => {
  it('names the engine, its version and API version, and the endpoint it answered on', async () => {
    const { engine: found, tried } = await discoverEngine(isolated(realEndpoint));
    expect(tried).toEqual([]);
    expect(found).toMatchObject({ endpoint: realEndpoint, source: 'DOCKER_HOST' });
    expect(found?.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(found?.apiVersion).toMatch(/^1\.\d+$/);
    expect(found?.memTotalBytes).toBeGreaterThan(64 * 1024 * 1024);
    // The client it returns works for ordinary requests.
    expect(((await found!.docker.version()) as { ApiVersion: string }).ApiVersion).toBe(found?.apiVersion);
    if (process.env.DOCKER_HOST?.includes('podman')) expect(found?.name).toBe('Podman');
  });

  it('uses the docker CLI’s current context when DOCKER_HOST is not set', async () => {
    const { engine: real } = await discoverEngine(isolated(realEndpoint));
    expect(real).not.toBeNull();
    const home = mkdtempSync(join(dir, 'home-'));
    const { createHash } = await import('node:crypto');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const id = createHash('sha256').update('kafkalab-test').digest('hex');
    mkdirSync(join(home, '.docker', 'contexts', 'meta', id), { recursive: true });
    writeFileSync(join(home, '.docker', 'contexts', 'meta', id, 'meta.json'), JSON.stringify({ Name: 'kafkalab-test', Endpoints: { docker: { Host: realEndpoint } } }));
    writeFileSync(join(home, '.docker', 'config.json'), JSON.stringify({ currentContext: 'kafkalab-test' }));
    const { engine: found, tried } = await discoverEngine({ HOME: home });
    expect(tried).toEqual([]);
    expect(found).toMatchObject({ endpoint: realEndpoint, source: 'docker context kafkalab-test', name: real?.name, version: real?.version });
  });
});
