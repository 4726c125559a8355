import type { FastifyInstance } from 'fastify';
import { Kafka, logLevel } from 'kafkajs';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { WebSocket as ServerSocket } from 'ws';
import { MemoryTransport } from '../../src/cluster/transport/memory-transport.ts';
import { buildApp } from '../../src/server/app.ts';
import { LabEngine } from '../../src/server/labs/lab-engine.ts';
import { LOCAL_LEARNER } from '../../src/server/labs/learner.ts';
import { ProgressStore } from '../../src/server/labs/progress-store.ts';
import { EmbeddedRuntime } from '../../src/server/runtime/embedded-runtime.ts';
import { buildSite, siteIsStale } from '../../src/server/site-build.ts';
import { transportSocketFactory } from '../../src/terminal/tools/kafka/transport-socket-factory.ts';
import { launchChromium } from '../support/browser.ts';
import { describeWithPeer } from '../support/peers.ts';
import { projectRoot } from '../support/start-kafkalab.ts';

/**
 * The in-page terminal in a real browser, against the real server (terminal route, lab shell, Kafka
 * tools) and an embedded cluster on the seed's ports — 19092/29092/39092 and 12181/22181/32181 — on an
 * in-memory network, so that the seed's commands are typed exactly as the course writes them and no
 * port of this machine is taken. Every command is typed key by key into xterm.js.
 */
describeWithPeer('chromium', 'the terminal in a real browser', () => {
  const screenshots = join(projectRoot, 'test-results');
  let transport: MemoryTransport;
  let runtime: EmbeddedRuntime;
  let store: ProgressStore;
  let engine: LabEngine;
  let app: FastifyInstance;
  let browser: Browser;
  let port: number;
  let base: string;
  /** A copy of the built site: other test runs may rebuild dist/ while this one runs. */
  let siteDir: string;

  const serve = async () => {
    const served = await buildApp({ runtime, version: 'test', siteDir, labs: engine });
    await served.listen({ host: '127.0.0.1', port });
    port = (served.server.address() as { port: number }).port;
    base = `http://127.0.0.1:${port}`;
    return served;
  };

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    if (siteIsStale(projectRoot)) await buildSite(projectRoot, () => {});
    siteDir = mkdtempSync(join(tmpdir(), 'kafkalab-site-'));
    cpSync(join(projectRoot, 'dist'), siteDir, { recursive: true });
    transport = new MemoryTransport();
    runtime = new EmbeddedRuntime({ transport });
    await runtime.up();
    store = new ProgressStore(':memory:');
    engine = new LabEngine({ runtime, store });
    port = 0;
    app = await serve();
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

  /** Page errors and failed requests: a learner's session has none. */
  const watch = (page: Page): string[] => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} for ${response.url()}`);
    });
    return problems;
  };

  const newContext = async (): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    return context;
  };

  const frame = (page: Page, slot: number) => page.locator(`[data-terminal-frame][data-slot="${slot}"]`);
  /** The terminal's screen and scrollback as text (wrapped rows joined), read from xterm.js's buffer. */
  const screen = (page: Page, slot: number) =>
    page.evaluate((slot) => {
      const element = document.querySelector(`[data-terminal-frame][data-slot="${slot}"]`) as (HTMLElement & { kafkalabTerminal?: { text(): string } }) | null;
      return element?.kafkalabTerminal?.text() ?? '';
    }, slot);
  const waitForScreen = (page: Page, slot: number, pattern: RegExp, timeout = 30_000) => expect.poll(() => screen(page, slot), { timeout, interval: 100 }).toMatch(pattern);
  const attached = (page: Page, slot: number) => frame(page, slot).and(page.locator('[data-state="attached"]')).waitFor({ timeout: 20_000 });
  /** Clicks into terminal `slot` (its tab first) and types `line` key by key, then Enter. */
  const typeLine = async (page: Page, slot: number, line: string) => {
    await page.locator(`[role="tab"][data-slot="${slot}"]`).click();
    await frame(page, slot).locator('.xterm-screen').click();
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  };
  const PROMPT = /kafkalab:~\$ $/;

  it("runs the seed's commands typed key by key: create, consume in a second terminal, produce, Ctrl-C, describe", async () => {
    const context = await newContext();
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(`${base}/labs/seed-topic/`);
    await attached(page, 0);
    await waitForScreen(page, 0, PROMPT);

    await typeLine(page, 0, 'kafka-topics --bootstrap-server localhost:19092 --create --topic test --partitions 2 --replication-factor 3');
    await waitForScreen(page, 0, /\nCreated topic test\.\n[^\n]*kafkalab:~\$ $/);

    // A second terminal for the consumer.
    await page.getByRole('button', { name: '+ terminal' }).click();
    await attached(page, 1);
    await expect(page.getByRole('tab').allTextContents()).resolves.toEqual(['Shell 1', 'Shell 2']);
    await waitForScreen(page, 1, PROMPT);
    await typeLine(page, 1, 'kafka-console-consumer --bootstrap-server localhost:19092 --topic test');

    // The producer in the first, and a line typed into it.
    await typeLine(page, 0, 'kafka-console-producer --bootstrap-server localhost:19092 --topic test');
    await waitForScreen(page, 0, /\n>$/);
    await page.keyboard.type('hello from the page');
    await page.keyboard.press('Enter');

    // The consumer's terminal shows it; Ctrl-C stops it with the real tool's last line.
    await waitForScreen(page, 1, /\nhello from the page\n?$/, 60_000);
    await page.locator('[role="tab"][data-slot="1"]').click();
    await frame(page, 1).locator('.xterm-screen').click();
    await page.keyboard.press('Control+C');
    await waitForScreen(page, 1, /\nProcessed a total of 1 messages\n[^\n]*kafkalab:~\$ $/);
    await page.screenshot({ path: join(screenshots, 'terminal-two-shells.png') });

    // Back in the first: Ctrl-D ends the producer's input; then describe.
    await page.locator('[role="tab"][data-slot="0"]').click();
    await frame(page, 0).locator('.xterm-screen').click();
    await page.keyboard.press('Control+D');
    await waitForScreen(page, 0, PROMPT);
    await typeLine(page, 0, 'kafka-topics --describe --bootstrap-server localhost:19092 --topic test');
    await waitForScreen(page, 0, /Topic: test\s+Partition: 1\s[^\n]*\n[^\n]*kafkalab:~\$ $/);
    const text = await screen(page, 0);
    const describe = text.slice(text.lastIndexOf('kafka-topics --describe'));
    // Tabs are cursor moves on a terminal: the screen has the spaces they leave.
    expect(describe).toMatch(/\nTopic: test\s+TopicId: [A-Za-z0-9_-]{22}\s+PartitionCount: 2\s+ReplicationFactor: 3\s+Configs: [^\n]*\n/);
    for (const partition of [0, 1]) {
      expect(describe).toMatch(new RegExp(`\\n\\s+Topic: test\\s+Partition: ${partition}\\s+Leader: [123]\\s+Replicas: [123],[123],[123]\\s+Isr: [123],[123],[123]\\s+Elr: \\S*\\s+LastKnownElr: [^\\n]*\\n`));
    }
    await page.screenshot({ path: join(screenshots, 'terminal-describe.png') });

    // Each line was recorded for the learner's lab progress, with its exit status and topic.
    const commands = engine.activity.since(LOCAL_LEARNER).filter((entry) => entry.kind === 'command');
    const create = commands.find((entry) => entry.detail.includes('--create'));
    expect(create?.command).toMatchObject({ exitCode: 0, commands: [{ exitCode: 0, topics: ['test'] }] });
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);

  it('keeps the shell across a dropped socket and a reload: its screen and its history come back', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${base}/labs/seed-topic/`);
    await attached(page, 0);
    await waitForScreen(page, 0, PROMPT);
    await typeLine(page, 0, 'kafkalab status');
    await waitForScreen(page, 0, /kafka-1[^\n]*\n[\s\S]*kafkalab:~\$ $/);
    const before = await screen(page, 0);

    // The server drops every socket; the page attaches again to the same session.
    const sockets = [...(app.websocketServer.clients as Set<ServerSocket>)];
    expect(sockets.length).toBeGreaterThan(0);
    for (const socket of sockets) socket.terminate();
    await frame(page, 0).and(page.locator(':not([data-state="attached"])')).waitFor({ timeout: 10_000 });
    await attached(page, 0);
    await expect.poll(() => screen(page, 0), { timeout: 10_000 }).toContain('kafkalab status');
    // The shell's history: Up brings the last line back.
    await frame(page, 0).locator('.xterm-screen').click();
    await page.keyboard.press('ArrowUp');
    await waitForScreen(page, 0, /kafkalab:~\$ kafkalab status$/);
    await page.keyboard.press('Control+C');

    // A reload finds the same shell through the tab's session storage.
    await page.reload();
    await attached(page, 0);
    await expect.poll(() => screen(page, 0), { timeout: 10_000 }).toContain(before.split('\n').find((line) => line.includes('kafka-1'))!);
    await frame(page, 0).locator('.xterm-screen').click();
    await page.keyboard.press('ArrowUp');
    await waitForScreen(page, 0, /kafkalab:~\$ kafkalab status$/);
    await context.close();
  }, 120_000);

  it('says when the server is gone and when it is back, and offers a new shell when one ends', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${base}/labs/seed-topic/`);
    await attached(page, 0);
    await waitForScreen(page, 0, PROMPT);
    const notice = frame(page, 0).locator('[data-terminal-notice]');

    await app.close();
    await notice.getByText('Lost the connection to the kafkalab server — reconnecting…').waitFor({ timeout: 10_000 });
    await notice.getByText('The server is not running: start it with').waitFor({ timeout: 20_000 });
    await expect(notice.locator('code').textContent()).resolves.toBe('npm start');
    await frame(page, 0).screenshot({ path: join(screenshots, 'terminal-server-gone.png') });
    app = await serve();
    await attached(page, 0);
    await expect(notice.isHidden()).resolves.toBe(true);
    // The old server's shells ended with it: the page says this one is new.
    await waitForScreen(page, 0, /\nkafkalab:~\$ ?\nYour previous shell is gone[^\n]*\n[\s\S]*kafkalab:~\$ $/);

    await typeLine(page, 0, 'exit');
    await frame(page, 0).and(page.locator('[data-state="ended"]')).waitFor({ timeout: 10_000 });
    await notice.getByText('Shell ended').waitFor();
    await notice.getByRole('button', { name: 'New shell' }).click();
    await attached(page, 0);
    await waitForScreen(page, 0, PROMPT);
    await context.close();
  }, 120_000);
});
