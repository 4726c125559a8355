import type { FastifyInstance } from 'fastify';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { LabEngine } from '../../src/server/labs/lab-engine.ts';
import type { ProgressReply } from '../../src/server/labs/lab-api.ts';
import { ProgressStore } from '../../src/server/labs/progress-store.ts';
import { EmbeddedRuntime } from '../../src/server/runtime/embedded-runtime.ts';
import { buildSite, siteIsStale } from '../../src/server/site-build.ts';
import { launchChromium } from '../support/browser.ts';
import { describeWithPeer } from '../support/peers.ts';
import { projectRoot } from '../support/start-kafkalab.ts';

/**
 * A learner's session with the broker-failure lab in a real browser, against the real server (lab
 * engine, embedded cluster on free ports, the built course): bring the cluster up and set the lab up
 * from the page, check too early and read what the check saw, stop kafka-2 and watch the picture move
 * leadership and shrink the ISR, answer and pass the step, start kafka-2 and see the ISR whole again.
 * Screenshots go to test-results/ (wide, light and dark, and 390 px).
 */
describeWithPeer('chromium', 'the lab page in a real browser', () => {
  const screenshots = join(projectRoot, 'test-results');
  let runtime: EmbeddedRuntime;
  let store: ProgressStore;
  let engine: LabEngine;
  let app: FastifyInstance;
  let browser: Browser;
  let port: number;
  let url: string;
  /** A copy of the built site: other test runs may rebuild dist/ while this one runs. */
  let siteDir: string;

  const serve = async () => {
    const served = await buildApp({ runtime, version: 'test', siteDir, labs: engine });
    await served.listen({ host: '127.0.0.1', port });
    port = (served.server.address() as { port: number }).port;
    return served;
  };

  /** Console errors, page errors and failed requests: a learner's session has none. */
  const watch = (page: Page): string[] => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} for ${response.url()}`);
    });
    return problems;
  };

  /** Full-page screenshots: Starlight's fixed header and sidebar, and the sticky cluster, laid out in the flow. */
  const flat = { fullPage: true, style: 'header.header, .sidebar-pane { position: absolute !important; } .cluster-picture { position: static !important; max-height: none !important; }' };
  const partition = (page: Page, id: number) => page.locator(`[data-cluster-picture] table[data-topic="test"] tr[data-partition="${id}"]`);
  const replicaSet = async (page: Page, id: number, attribute: 'data-isr' | 'data-replicas') =>
    ((await partition(page, id).getAttribute(attribute)) ?? '').split(',').filter(Boolean).map(Number).sort();

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    if (siteIsStale(projectRoot)) await buildSite(projectRoot, () => {});
    siteDir = mkdtempSync(join(tmpdir(), 'kafkalab-site-'));
    cpSync(join(projectRoot, 'dist'), siteDir, { recursive: true });
    runtime = new EmbeddedRuntime({ zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0] });
    store = new ProgressStore(':memory:');
    engine = new LabEngine({ runtime, store });
    port = 0;
    app = await serve();
    url = `http://127.0.0.1:${port}/labs/broker-failure/`;
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await engine?.close();
    store?.close();
    await runtime?.[Symbol.asyncDispose]();
    if (siteDir) rmSync(siteDir, { recursive: true, force: true });
  });

  it('runs the broker-failure lab from the page: the check, the picture and the ISR follow the cluster', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    const problems = watch(page);
    await page.goto(url);
    await expect(page.locator('h1').first().textContent()).resolves.toBe('Survive a broker failure');
    const picture = page.locator('[data-cluster-picture]');
    const stopBroker = page.locator('[data-step="stop-broker"]');

    // The cluster is down; the learner brings it up from the page, then sets the lab up (the topic).
    await page.locator('[data-cluster-picture][data-state="down"]').waitFor({ timeout: 15_000 });
    await expect(stopBroker.getAttribute('data-state')).resolves.toBe('current');
    await page.getByRole('button', { name: 'Bring up', exact: true }).click();
    await page.locator('[data-cluster-picture][data-state="up"]').waitFor({ timeout: 30_000 });
    await expect(picture.locator('li[data-node]').count()).resolves.toBe(6);
    await picture.locator('li[data-node][data-controller="true"]').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Set up the lab', exact: true }).click();
    await partition(page, 1).waitFor({ timeout: 30_000 });
    await page.locator('[data-lab-setup]').waitFor({ state: 'hidden', timeout: 15_000 });
    // The lab's starting state, as chapter 5 describes it: kafka-2 leads test-0, every ISR is whole.
    await expect(partition(page, 0).getAttribute('data-leader')).resolves.toBe('2');
    for (const id of [0, 1]) await expect.poll(() => replicaSet(page, id, 'data-isr'), { timeout: 15_000 }).toEqual([1, 2, 3]);

    // Checked too early, each check says what it saw.
    await page.locator('#question-leader-after-stop').fill('2');
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    const result = stopBroker.locator('[data-step-result]');
    await result.and(page.locator('[data-passed="false"]')).waitFor({ timeout: 30_000 });
    const stopped = result.locator('li[data-check="broker-stopped"]');
    await expect(stopped.getAttribute('data-passed')).resolves.toBe('false');
    await expect(stopped.locator('.lab-check-saw dd').textContent()).resolves.toContain('kafka-2');
    await expect(stopped.locator('.lab-check-expected dd').textContent()).resolves.toContain('kafka-2');
    await page.screenshot({ path: join(screenshots, 'lab-broker-failure-not-yet.png') });

    // Stop kafka-2 from its card: leadership of test-0 moves, both ISRs drop broker 2.
    await page.getByRole('button', { name: 'Stop kafka-2', exact: true }).click();
    await picture.locator('li[data-node="kafka-2"][data-state="stopped"]').waitFor({ timeout: 15_000 });
    await expect.poll(() => partition(page, 0).getAttribute('data-leader'), { timeout: 20_000 }).not.toBe('2');
    for (const id of [0, 1]) await expect.poll(() => replicaSet(page, id, 'data-isr'), { timeout: 20_000 }).not.toContain(2);
    await expect(replicaSet(page, 0, 'data-replicas')).resolves.toEqual([1, 2, 3]);
    await expect(partition(page, 0).locator('td[data-broker="2"]').getAttribute('data-role')).resolves.toBe('outOfSync');
    await expect.poll(() => picture.locator('[data-changes] li[data-kind="leader"]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // The controller's LeaderAndIsr naming the new leader of test-0 shows in the list too.
    const newLeader = await partition(page, 0).getAttribute('data-leader');
    await expect
      .poll(() => picture.locator('[data-changes] li[data-kind="controller-request"]', { hasText: new RegExp(`LeaderAndIsr .*test-0 \\(leader ${newLeader},`) }).count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await picture.screenshot({ path: join(screenshots, 'lab-broker-failure-picture-stopped.png') });
    await picture.locator('[data-changes]').screenshot({ path: join(screenshots, 'lab-broker-failure-changes.png') });

    // The learner reads the new leader off the picture, answers, and the step passes.
    const leader = await partition(page, 0).getAttribute('data-leader');
    await page.locator('#question-leader-after-stop').fill(leader!);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await result.and(page.locator('[data-passed="true"]')).waitFor({ timeout: 30_000 });
    await expect(result.locator('li[data-passed="false"]').count()).resolves.toBe(0);
    await expect(stopBroker.getAttribute('data-state')).resolves.toBe('passed');
    await expect(page.locator('[data-step="write-and-read"]').getAttribute('data-state')).resolves.toBe('current');
    await stopBroker.locator('[data-solution]:not([hidden]) code').waitFor({ timeout: 10_000 });
    await expect(page.locator('[data-progress-text]').textContent()).resolves.toBe('1 of 3 steps done');
    const progress = (await app.inject({ url: '/api/progress' })).json() as ProgressReply;
    expect(progress.labs.find((lab) => lab.id === 'broker-failure')?.steps[0]).toMatchObject({ id: 'stop-broker', state: 'passed' });
    await page.screenshot({ path: join(screenshots, 'lab-broker-failure-passed.png'), ...flat });

    // kafka-2 back: it catches up and rejoins both ISRs (leadership stays where it moved).
    await page.getByRole('button', { name: 'Start kafka-2', exact: true }).click();
    await picture.locator('li[data-node="kafka-2"][data-state="running"]').waitFor({ timeout: 15_000 });
    for (const id of [0, 1]) await expect.poll(() => replicaSet(page, id, 'data-isr'), { timeout: 30_000 }).toEqual([1, 2, 3]);
    await expect(partition(page, 0).locator('td[data-broker="2"]').getAttribute('data-role')).resolves.toBe('inSync');
    await page.screenshot({ path: join(screenshots, 'lab-broker-failure-recovered.png') });
    expect(problems).toEqual([]);
    await page.close();

    // The same page in the dark theme, as a reader who prefers it opens it.
    const dark = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark' });
    await dark.goto(url);
    await partition(dark, 1).waitFor({ timeout: 15_000 });
    await expect(dark.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    await dark.screenshot({ path: join(screenshots, 'lab-broker-failure-dark.png') });
    await dark.close();
  }, 180_000);

  it('fits a 390 px screen: the columns stack, nothing overflows, the controls work by keyboard', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
    const problems = watch(page);
    await page.goto(url);
    await page.locator('[data-cluster-picture][data-state="up"]').waitFor({ timeout: 15_000 });
    await partition(page, 0).waitFor({ timeout: 15_000 });
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    const steps = await page.locator('[data-lab-steps]').boundingBox();
    const picture = await page.locator('[data-cluster-picture]').boundingBox();
    expect(picture!.y).toBeGreaterThan(steps!.y + steps!.height - 1);

    // Keyboard: a step's heading toggles its body; the node controls are real buttons.
    const toggle = page.locator('[data-step="write-and-read"] [data-step-toggle]');
    await toggle.focus();
    const expanded = await toggle.getAttribute('aria-expanded');
    await page.keyboard.press('Enter');
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe(expanded === 'true' ? 'false' : 'true');
    await page.screenshot({ path: join(screenshots, 'lab-broker-failure-390.png'), ...flat });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('says so when the server goes away, and comes back by itself when it returns', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(url);
    await page.locator('[data-lab-page][data-connected="true"]').waitFor({ timeout: 20_000 });
    await app.close();
    const banner = page.locator('[data-server-banner]');
    await banner.waitFor({ state: 'visible', timeout: 20_000 });
    await expect(banner.locator('[data-server-banner-message]').textContent()).resolves.toContain('not reachable');
    await expect(page.locator('[data-cluster-picture]').getAttribute('data-state')).resolves.toBe('unreachable');
    await page.screenshot({ path: join(screenshots, 'lab-server-gone.png') });
    app = await serve();
    // The page retries with a growing delay (at most 8 s) and then reloads the lab and the cluster.
    await page.locator('[data-lab-page][data-connected="true"]').waitFor({ timeout: 30_000 });
    await banner.waitFor({ state: 'hidden', timeout: 10_000 });
    await page.locator('[data-cluster-picture][data-state="up"]').waitFor({ timeout: 20_000 });
    await page.close();
  }, 120_000);
});
