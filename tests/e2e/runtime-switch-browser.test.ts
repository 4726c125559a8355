import type { FastifyInstance } from 'fastify';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { LabEngine } from '../../src/server/labs/lab-engine.ts';
import { ProgressStore } from '../../src/server/labs/progress-store.ts';
import { EmbeddedRuntime } from '../../src/server/runtime/embedded-runtime.ts';
import { RuntimeSwitch } from '../../src/server/runtime/runtime-switch.ts';
import { buildSite, siteIsStale } from '../../src/server/site-build.ts';
import { FakeDockerRuntime } from '../server/support/fake-docker-runtime.ts';
import { launchChromium } from '../support/browser.ts';
import { describeWithPeer } from '../support/peers.ts';
import { projectRoot } from '../support/start-kafkalab.ts';

/**
 * The runtime line of a lab page in a real browser, against the real server with a RuntimeSwitch
 * between the embedded cluster and the FAKE Docker runtime (an embedded cluster that reports itself as
 * Docker on Podman 4.3.1, with AKHQ, no Kill, and a scripted image pull that the test holds half-way and
 * that fails the first time). The page names the runtime, switches down one and up the other, draws the
 * pull as a progress bar from the `image-pull` events on /api/events, says why a pull failed, links to
 * AKHQ, and offers only the node actions the runtime can do.
 */
describeWithPeer('chromium', 'the runtime switch on a lab page', () => {
  const screenshots = join(projectRoot, 'test-results');
  const IMAGE = 'confluentinc/cp-kafka:7.9.0';
  let runtimeSwitch: RuntimeSwitch;
  let store: ProgressStore;
  let engine: LabEngine;
  let app: FastifyInstance;
  let browser: Browser;
  let url: string;
  let siteDir: string;
  /** The pull waits here after its first event until the test lets it go on. */
  let releasePull!: () => void;
  let pullHeld!: Promise<void>;
  let pullReached!: () => void;
  let pullReachedHalf!: Promise<void>;

  const armPull = () => {
    pullHeld = new Promise((resolve) => (releasePull = resolve));
    pullReachedHalf = new Promise((resolve) => (pullReached = resolve));
  };

  /** The sticky cluster picture laid out in the flow, for screenshots of all of it. */
  const flat = '.cluster-picture { position: static !important; max-height: none !important; }';

  /** Console errors, page errors and failed requests, but for the refused switch the test provokes. */
  const watch = (page: Page): string[] => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().includes('409')) problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400 && !(response.status() === 409 && response.url().endsWith('/api/runtime'))) problems.push(`${response.status()} for ${response.url()}`);
    });
    return problems;
  };

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    if (siteIsStale(projectRoot)) await buildSite(projectRoot, () => {});
    siteDir = mkdtempSync(join(tmpdir(), 'kafkalab-site-'));
    cpSync(join(projectRoot, 'dist'), siteDir, { recursive: true });
    armPull();
    const freePorts = () => new EmbeddedRuntime({ zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0] });
    runtimeSwitch = new RuntimeSwitch({
      current: freePorts(),
      factories: {
        embedded: freePorts,
        docker: async () =>
          new FakeDockerRuntime({
            engine: { name: 'Podman', version: '4.3.1' },
            services: [{ name: 'AKHQ', url: 'http://localhost:8080/' }],
            nodeActions: ['stop', 'start'],
            pull: {
              image: IMAGE,
              totalBytes: 300_000_000,
              steps: 3,
              between: async (step) => {
                if (step === 1) {
                  pullReached();
                  await pullHeld;
                }
              },
              fail: { message: 'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host', hint: 'Offline? Load the images from a file: kafkalab images load FILE.', times: 1 },
            },
          }),
      },
      reasons: { embedded: 'always available', docker: 'Podman 4.3.1 answered' },
      engine: { name: 'Podman', version: '4.3.1' },
    });
    store = new ProgressStore(':memory:');
    engine = new LabEngine({ runtime: runtimeSwitch, store });
    app = await buildApp({ runtime: runtimeSwitch, version: 'test', siteDir, labs: engine });
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/labs/broker-failure/`;
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    releasePull?.();
    await browser?.close();
    await app?.close();
    await engine?.close();
    store?.close();
    await runtimeSwitch?.[Symbol.asyncDispose]();
    if (siteDir) rmSync(siteDir, { recursive: true, force: true });
  });

  it('names the runtime, switches to Docker and back, and shows the pull, its failure and AKHQ', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    const problems = watch(page);
    await page.goto(url);
    const picture = page.locator('[data-cluster-picture]');
    const name = picture.locator('[data-runtime-name]');
    const switchButton = picture.locator('[data-runtime-switch]');

    // The embedded cluster runs it; the switch to Docker is offered. Bring the cluster up from the page.
    await page.locator('[data-cluster-picture] [data-runtime-name][data-runtime="embedded"]').waitFor({ timeout: 15_000 });
    await expect(name.textContent()).resolves.toBe('Embedded cluster');
    await page.getByRole('button', { name: 'Switch to Docker', exact: true }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Bring up', exact: true }).click();
    await page.locator('[data-cluster-picture][data-state="up"]').waitFor({ timeout: 30_000 });
    await expect(picture.getByRole('button', { name: 'Kill kafka-2', exact: true }).isVisible()).resolves.toBe(true);
    await expect(picture.locator('[data-runtime-services] a').count()).resolves.toBe(0);

    // The first switch fails in the pull: the page says which image and what to do; the embedded cluster is back up.
    await switchButton.click();
    const error = picture.locator('[data-runtime-error]');
    await error.waitFor({ state: 'visible', timeout: 30_000 });
    await expect(error.textContent()).resolves.toMatch(/^Could not pull confluentinc\/cp-kafka:7\.9\.0: .*no such host.*Offline\? Load the images from a file: kafkalab images load FILE\./);
    await page.locator('[data-cluster-picture][data-state="up"] [data-runtime-name][data-runtime="embedded"]').waitFor({ timeout: 30_000 });
    await expect(picture.locator('[data-image-pulls] li').count()).resolves.toBe(0);

    // Again: the pull shows as a progress bar while it runs (held a third of the way).
    await switchButton.click();
    await pullReachedHalf;
    const pull = picture.locator(`[data-image-pulls] li[data-image="${IMAGE}"]`);
    await pull.waitFor({ timeout: 15_000 });
    await expect(error.isHidden()).resolves.toBe(true);
    await expect(pull.locator('progress').evaluate((bar: HTMLProgressElement) => [bar.value, bar.max])).resolves.toEqual([100_000_000, 300_000_000]);
    await expect(pull.textContent()).resolves.toBe(`Pulling ${IMAGE}: 100 MB of 300 MB`);
    await expect(pull.locator('progress').getAttribute('aria-label')).resolves.toBe(`Download of ${IMAGE}`);
    await expect(switchButton.textContent()).resolves.toBe('Switching…');
    await expect(switchButton.getAttribute('aria-disabled')).resolves.toBe('true');
    await picture.screenshot({ path: join(screenshots, 'runtime-switch-pulling.png'), style: flat });
    releasePull();

    // On Docker: named with its engine, AKHQ linked, Kill not offered (this runtime cannot), the bar gone.
    await page.locator('[data-cluster-picture][data-state="up"] [data-runtime-name][data-runtime="docker"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => name.textContent(), { timeout: 10_000 }).toBe('Docker (Podman 4.3.1)');
    await expect(picture.locator('[data-image-pulls] li').count()).resolves.toBe(0);
    const akhq = picture.getByRole('link', { name: 'Open AKHQ' });
    await expect(akhq.getAttribute('href')).resolves.toBe('http://localhost:8080/');
    await expect(akhq.getAttribute('target')).resolves.toBe('_blank');
    await expect.poll(() => picture.locator('li[data-node="kafka-2"] [data-action="kill"]').isHidden(), { timeout: 10_000 }).toBe(true);
    await expect(picture.getByRole('button', { name: 'Stop kafka-2', exact: true }).isVisible()).resolves.toBe(true);
    await expect(picture.locator('li[data-node][data-state="running"]').count()).resolves.toBe(6);
    await page.getByRole('button', { name: 'Switch to the embedded cluster', exact: true }).waitFor();
    await picture.screenshot({ path: join(screenshots, 'runtime-switch-docker.png'), style: flat });

    // And back: the embedded cluster, up, with Kill offered again and no AKHQ.
    await switchButton.click();
    await page.locator('[data-cluster-picture][data-state="up"] [data-runtime-name][data-runtime="embedded"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => picture.getByRole('button', { name: 'Kill kafka-2', exact: true }).isVisible(), { timeout: 10_000 }).toBe(true);
    await expect(picture.locator('[data-runtime-services] a').count()).resolves.toBe(0);
    await expect(name.textContent()).resolves.toBe('Embedded cluster');
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
