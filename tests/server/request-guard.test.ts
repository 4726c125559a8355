import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp } from '../../src/server/app.ts';
import type { ClusterStatus } from '../../src/server/runtime/cluster-runtime.ts';
import { EmbeddedRuntime } from '../../src/server/runtime/embedded-runtime.ts';
import { rawBytes, rawRequest } from './support/raw-http.ts';

/**
 * The attacks a web page can make on a server on the learner's machine, replayed on the wire against
 * a real embedded cluster: each is refused in the project's error format, and kafka-3 keeps running;
 * the same requests from the course's own origin work.
 */
describe('the local server refuses other web pages', () => {
  let app: FastifyInstance;
  let runtime: EmbeddedRuntime;
  let port: number;
  let siteDir: string;
  const own = () => `http://127.0.0.1:${port}`;
  const json = { 'content-type': 'application/json' };

  const kafka3State = async () => {
    const response = await rawRequest(port, 'GET', '/api/cluster');
    return response.json<ClusterStatus>().nodes.find((node) => node.name === 'kafka-3')?.state;
  };

  beforeAll(async () => {
    siteDir = mkdtempSync(join(tmpdir(), 'kafkalab-site-'));
    writeFileSync(join(siteDir, 'index.html'), '<!doctype html><title>kafkalab</title>');
    writeFileSync(join(siteDir, '404.html'), '<!doctype html><title>Not found</title>');
    writeFileSync(join(siteDir, '.kafkalab-build-stamp'), '123');
    writeFileSync(join(siteDir, '.env'), 'SECRET=1');
    runtime = new EmbeddedRuntime({ zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0] });
    await runtime.up();
    app = await buildApp({ runtime, version: 'test', siteDir });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.[Symbol.asyncDispose]();
    rmSync(siteDir, { recursive: true, force: true });
  });

  describe('DNS rebinding: a foreign Host', () => {
    it('is refused for reads and for actions, and the broker keeps running', async () => {
      const read = await rawRequest(port, 'GET', '/api/cluster', { host: `evil.example:${port}` });
      expect(read.status).toBe(403);
      expect(read.json().error).toMatchObject({ code: 'host_not_allowed' });
      expect(read.json().error?.hint).toMatch(/--allowed-host/);
      const stop = await rawRequest(port, 'POST', '/api/cluster/nodes/kafka-3/stop', { host: `evil.example:${port}`, ...json }, '{}');
      expect(stop.status).toBe(403);
      expect(stop.json().error?.code).toBe('host_not_allowed');
      const page = await rawRequest(port, 'GET', '/', { host: 'attacker.test' });
      expect(page.status).toBe(403);
      expect(await kafka3State()).toBe('running');
    });

    it('answers to the loopback names', async () => {
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LOCALHOST.:${port}`]) {
        const response = await rawRequest(port, 'GET', '/api/health', { host });
        expect(response.status, host).toBe(200);
      }
    });

    it('refuses a request without a Host header, or with a malformed one', async () => {
      const answer = await rawBytes(port, 'GET /api/cluster HTTP/1.0\r\n\r\n');
      expect(answer).toMatch(/^HTTP\/1\.1 403/);
      expect(answer).toContain('"host_not_allowed"');
      const odd = await rawRequest(port, 'GET', '/api/cluster', { host: 'localhost@evil.example' });
      expect(odd.status).toBe(403);
    });
  });

  describe('cross-site requests: a foreign Origin', () => {
    for (const origin of ['http://evil.example', 'http://127.0.0.1:1', 'http://localhost.evil.example', 'null', 'file://']) {
      it(`refuses a JSON POST from ${origin}`, async () => {
        const response = await rawRequest(port, 'POST', '/api/cluster/nodes/kafka-3/stop', { origin, ...json }, '{}');
        expect(response.status).toBe(403);
        expect(response.json().error?.code).toBe('origin_not_allowed');
        expect(await kafka3State()).toBe('running');
      });
    }

    it('refuses what the browser marks Sec-Fetch-Site: cross-site even without an Origin', async () => {
      const response = await rawRequest(port, 'POST', '/api/cluster/down', { 'sec-fetch-site': 'cross-site', ...json }, '{}');
      expect(response.status).toBe(403);
      expect(response.json().error?.code).toBe('origin_not_allowed');
      expect((await rawRequest(port, 'GET', '/api/cluster')).json<ClusterStatus>().state).toBe('up');
    });
  });

  describe('simple requests no page may send without a preflight', () => {
    const cases: Array<[string, string, string]> = [
      ['a <form enctype=text/plain> POST', 'text/plain', '{"x":"=1"}'],
      ['a urlencoded form POST', 'application/x-www-form-urlencoded', 'a=1'],
      ['a multipart form POST', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n'],
    ];
    for (const [what, type, body] of cases) {
      it(`refuses ${what} with 415, even with no Origin`, async () => {
        const response = await rawRequest(port, 'POST', '/api/cluster/nodes/kafka-3/kill', { 'content-type': type }, body);
        expect(response.status).toBe(415);
        expect(response.json().error?.code).toBe('unsupported_media_type');
        expect(await kafka3State()).toBe('running');
      });
    }

    it('refuses a body-less POST without the X-Kafkalab header', async () => {
      const response = await rawRequest(port, 'POST', '/api/cluster/nodes/kafka-3/stop');
      expect(response.status).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'header_required' });
      expect(await kafka3State()).toBe('running');
    });

    it('refuses a body of no declared type', async () => {
      const response = await rawRequest(port, 'POST', '/api/cluster/nodes/kafka-3/stop', { 'x-kafkalab': '1' }, 'stop');
      expect(response.status).toBe(415);
      expect(await kafka3State()).toBe('running');
    });
  });

  describe("the course's own requests", () => {
    it('work from the own origin with JSON, and from curl with the header', async () => {
      const stop = await rawRequest(port, 'POST', '/api/cluster/nodes/kafka-3/stop', { origin: own(), 'sec-fetch-site': 'same-origin', ...json }, '{}');
      expect(stop.status).toBe(200);
      expect(stop.json<ClusterStatus>().nodes.find((node) => node.name === 'kafka-3')?.state).toBe('stopped');
      const start = await rawRequest(port, 'POST', '/api/cluster/nodes/kafka-3/start', { 'x-kafkalab': '1' });
      expect(start.status).toBe(200);
      expect(await kafka3State()).toBe('running');
      const emptyJson = await rawRequest(port, 'POST', '/api/cluster/up', { origin: `http://localhost:${port}`, host: `localhost:${port}`, ...json });
      expect(emptyJson.status).toBe(200);
    });
  });

  describe('the events WebSocket', () => {
    const open = (headers: Record<string, string>) =>
      new Promise<{ status?: number; body?: string; first?: unknown }>((resolve, reject) => {
        const socket = new WebSocket(`ws://127.0.0.1:${port}/api/events`, { headers });
        // A refused upgrade gets an HTTP answer and the server closes the socket (no lingering upgrade).
        socket.on('unexpected-response', (_request, response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.socket.once('close', () => resolve({ status: response.statusCode, body }));
        });
        socket.on('message', (data) => {
          resolve({ first: JSON.parse(String(data)) });
          socket.close();
        });
        socket.on('error', (error) => {
          if (!/Unexpected server response/.test(error.message)) reject(error);
        });
      });

    it('refuses an upgrade from a foreign origin', async () => {
      const refused = await open({ origin: 'http://evil.example' });
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.body ?? '{}').error?.code).toBe('origin_not_allowed');
    });

    it('refuses an upgrade naming a foreign host', async () => {
      const refused = await open({ origin: 'http://evil.example', host: 'evil.example' });
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.body ?? '{}').error?.code).toBe('host_not_allowed');
    });

    it('streams the status to the own origin', async () => {
      const accepted = await open({ origin: own() });
      expect(accepted.first).toMatchObject({ type: 'status', status: { runtime: 'embedded', state: 'up' } });
    });
  });

  describe('every error in the project format', () => {
    it('never serves dotfiles', async () => {
      for (const path of ['/.kafkalab-build-stamp', '/.env', '/%2ekafkalab-build-stamp']) {
        const response = await rawRequest(port, 'GET', path);
        expect(response.status, path).toBe(404);
        expect(response.text).not.toContain('123');
        expect(response.text).not.toContain('SECRET');
      }
    });

    it('answers invalid JSON, an oversized body and unknown routes as JSON with their codes', async () => {
      const badJson = await rawRequest(port, 'POST', '/api/cluster/up', json, '{"oops"');
      expect(badJson.status).toBe(400);
      expect(badJson.json().error?.code).toBe('bad_request');
      const huge = await rawRequest(port, 'POST', '/api/cluster/up', json, `"${'x'.repeat(2 * 1024 * 1024)}"`);
      expect(huge.status).toBe(413);
      expect(huge.json().error?.code).toBe('payload_too_large');
      const unknown = await rawRequest(port, 'POST', '/api/nothing', json, '{}');
      expect(unknown.status).toBe(404);
      expect(unknown.json().error?.code).toBe('not_found');
      const badAction = await rawRequest(port, 'POST', '/api/cluster/nodes/kafka-3/explode', json, '{}');
      expect(badAction.status).toBe(400);
      expect(badAction.json().error?.code).toBe('bad_request');
    });

    it('answers a request the HTTP parser cannot read as JSON, and keeps serving', async () => {
      const answer = await rawBytes(port, 'GARBAGE \u0001 nonsense\r\n\r\n');
      expect(answer).toMatch(/^HTTP\/1\.1 400/);
      expect(answer).toContain('"code":"bad_request"');
      expect((await rawRequest(port, 'GET', '/api/health')).status).toBe(200);
    });
  });
});
