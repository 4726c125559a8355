import type { FastifyInstance } from 'fastify';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import type { ClusterStatus } from '../../src/server/runtime/cluster-runtime.ts';
import { EmbeddedRuntime } from '../../src/server/runtime/embedded-runtime.ts';
import { buildSite, siteIsStale } from '../../src/server/site-build.ts';
import { launchChromium } from '../support/browser.ts';
import { describeWithPeer } from '../support/peers.ts';
import { projectRoot } from '../support/start-kafkalab.ts';

/**
 * A real browser visits a page on another origin that attacks the learner's kafkalab server the ways
 * a web page can: a no-cors fetch, a text/plain form, a WebSocket, and DNS rebinding (Chromium's
 * resolver maps `*.evil.example` to 127.0.0.1, as a rebound DNS answer would). The server sees
 * each attempt and refuses it; the course's own page, in the same browser, drives the cluster.
 */
describeWithPeer('chromium', 'cross-site attacks from a real browser', () => {
  let app: FastifyInstance;
  let runtime: EmbeddedRuntime;
  let attacker: Server;
  let browser: Browser;
  let port: number;
  let attackerPort: number;
  /** Every request the kafkalab server answered: proof the attacks reached it and how it answered. */
  const seen: Array<{ method: string; url: string; host: string; origin?: string; status: number }> = [];

  const kafka3 = async () => ((await app.inject({ url: '/api/cluster' })).json() as ClusterStatus).nodes.find((node) => node.name === 'kafka-3')?.state;

  beforeAll(async () => {
    if (siteIsStale(projectRoot)) await buildSite(projectRoot, () => {});
    runtime = new EmbeddedRuntime({ zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0] });
    await runtime.up();
    app = await buildApp({ runtime, version: 'test', siteDir: join(projectRoot, 'dist') });
    app.addHook('onResponse', async (request, reply) => {
      if (request.url.startsWith('/api/')) {
        seen.push({ method: request.method, url: request.url, host: request.headers.host ?? '', origin: request.headers.origin, status: reply.statusCode });
      }
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as { port: number }).port;
    attacker = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html');
      response.end(attackPage(port));
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerPort = (attacker.address() as { port: number }).port;
    browser = await launchChromium(['--host-resolver-rules=MAP *.evil.example 127.0.0.1, MAP evil.example 127.0.0.1']);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => attacker?.close(resolve));
    await app?.close();
    await runtime?.[Symbol.asyncDispose]();
  });

  it('refuses a no-cors fetch, a text/plain form and a WebSocket from a page on another origin', async () => {
    const page = await browser.newPage();
    await page.goto(`http://evil.example:${attackerPort}/`);
    const results = await page.waitForFunction(() => (window as unknown as { done?: Record<string, string> }).done, undefined, { timeout: 20_000 });
    const outcome = (await results.jsonValue()) as Record<string, string>;
    // The WebSocket never opened; the browser cannot tell the page why, the server's record below can.
    expect(outcome.websocket).toBe('closed without opening');

    const attacks = seen.filter((request) => request.origin === `http://evil.example:${attackerPort}`);
    const byUrl = (url: string) => attacks.filter((request) => request.url === url).map((request) => request.status);
    expect(byUrl('/api/cluster/nodes/kafka-3/stop')).toEqual([403]); // no-cors fetch
    expect(byUrl('/api/cluster/nodes/kafka-3/kill')).toEqual([403]); // text/plain form
    expect(byUrl('/api/events')).toEqual([403]); // WebSocket upgrade
    expect(await kafka3()).toBe('running');
    await page.close();
  });

  it('refuses DNS rebinding: a page whose own name now resolves to 127.0.0.1', async () => {
    const page = await browser.newPage();
    const rebound = `http://rebind.evil.example:${port}`;
    const first = await page.goto(`${rebound}/`);
    expect(first?.status()).toBe(403);
    // Same-origin for the browser now, so no CORS stands in the way: only the Host check does.
    const answers = await page.evaluate(async () => {
      const read = await fetch('/api/cluster');
      const stop = await fetch('/api/cluster/nodes/kafka-3/stop', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return { read: read.status, readBody: await read.text(), stop: stop.status };
    });
    expect(answers.read).toBe(403);
    expect(answers.readBody).toContain('host_not_allowed');
    expect(answers.readBody).not.toContain('bootstrapServers');
    expect(answers.stop).toBe(403);
    expect(seen.filter((request) => request.host === `rebind.evil.example:${port}`).every((request) => request.status === 403)).toBe(true);
    expect(await kafka3()).toBe('running');
    await page.close();
  });

  it("lets the course's own page show the live cluster and stop and start a broker", async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    // A lab page carries the cluster's controls (this server runs no lab engine: the steps say so).
    await page.goto(`http://127.0.0.1:${port}/labs/cluster-up/`);
    const picture = page.locator('[data-cluster-picture]');
    await picture.and(page.locator('[data-state="up"]')).waitFor({ timeout: 15_000 });
    await expect(picture.locator('li[data-node]').count()).resolves.toBe(6);
    await picture.getByRole('button', { name: 'Stop kafka-3', exact: true }).click();
    await picture.locator('li[data-node="kafka-3"][data-state="stopped"]').waitFor({ timeout: 15_000 });
    expect(await kafka3()).toBe('stopped');
    await picture.getByRole('button', { name: 'Start kafka-3', exact: true }).click();
    await picture.locator('li[data-node="kafka-3"][data-state="running"]').waitFor({ timeout: 15_000 });
    expect(await kafka3()).toBe('running');
    const own = seen.filter((request) => request.origin === `http://127.0.0.1:${port}`);
    expect(own.map((request) => `${request.url} ${request.status}`)).toEqual(
      expect.arrayContaining(['/api/cluster/nodes/kafka-3/stop 200', '/api/cluster/nodes/kafka-3/start 200']),
    );
    // The page follows the cluster over /api/events (a hijacked upgrade, so not in `seen`).
    await expect(page.locator('[data-lab-page]').getAttribute('data-connected')).resolves.toBe('true');
    expect(problems).toEqual([]);
    await page.close();
  });
});

/** The attacker's page: each attack a page on another origin can make without the user's help. */
function attackPage(port: number): string {
  const target = `http://127.0.0.1:${port}`;
  return `<!doctype html><title>totally harmless</title>
<iframe name="sink" style="display:none"></iframe>
<form id="form" method="POST" enctype="text/plain" target="sink" action="${target}/api/cluster/nodes/kafka-3/kill">
  <input name='{"x":"' value='"}'>
</form>
<script>
  const done = {};
  const settle = [];
  settle.push(fetch('${target}/api/cluster/nodes/kafka-3/stop', { method: 'POST', mode: 'no-cors', body: '{}' })
    .then((r) => (done.noCors = 'opaque ' + r.type), (e) => (done.noCors = 'error ' + e)));
  settle.push(new Promise((resolve) => {
    document.querySelector('iframe').addEventListener('load', () => resolve(done.form = 'submitted'), { once: true });
    document.getElementById('form').submit();
  }));
  settle.push(new Promise((resolve) => {
    const socket = new WebSocket('ws://127.0.0.1:${port}/api/events');
    socket.onopen = () => { done.websocket = 'OPEN'; resolve(); };
    socket.onclose = () => { done.websocket ??= 'closed without opening'; resolve(); };
  }));
  Promise.all(settle).then(() => { window.done = done; });
</script>`;
}
