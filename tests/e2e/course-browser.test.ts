import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { describeWithPeer } from '../support/peers.ts';
import { chapterSources } from '../support/chapters.ts';
import { projectRoot, startKafkalab, type RunningKafkalab } from '../support/start-kafkalab.ts';

/** A real browser reads the course the way a learner does. */
describeWithPeer('chromium', 'the course in a real browser', () => {
  let server: RunningKafkalab;
  let browser: Browser;
  const screenshots = join(projectRoot, 'test-results');

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    server = await startKafkalab();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.[Symbol.asyncDispose]();
  });

  it('opens the home page, follows the navigation through two chapters, with no console errors', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} for ${response.url()}`);
    });

    const [first, second] = chapterSources();
    await page.goto(`${server.url}/`);
    await expect(page.title()).resolves.toContain('kafkalab');
    const listed = await page.locator('.chapter-list li').count();
    expect(listed).toBe(chapterSources().length);
    await page.screenshot({ path: join(screenshots, 'home.png'), fullPage: true });

    // Home → chapter 1 through the chapter list.
    await page.locator('.chapter-list a', { hasText: first.title }).click();
    await page.waitForURL(`**/${first.slug}/`);
    await expect(page.locator('h1').first().textContent()).resolves.toBe(first.title);
    await expect(page.locator('main img').first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(screenshots, 'chapter-1.png'), fullPage: false });

    // Chapter 1 → chapter 2 through the "Next" pagination link.
    await page.locator('a[rel="next"]').first().click();
    await page.waitForURL(`**/${second.slug}/`);
    await expect(page.locator('h1').first().textContent()).resolves.toBe(second.title);

    // The sidebar reaches every chapter.
    const sidebarLinks = await page.locator('nav[aria-label="Main"] a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    for (const chapter of chapterSources()) expect(sidebarLinks).toContain(`/${chapter.slug}/`);

    // Every diagram on the page loads and decodes (they are lazy: load them all now).
    const brokenImages = await page.locator('main img').evaluateAll((images) =>
      Promise.all(
        images.map((img) => {
          const image = img as HTMLImageElement;
          image.loading = 'eager';
          return image.decode().then(
            () => (image.naturalWidth > 0 ? null : image.src),
            () => image.src,
          );
        }),
      ).then((results) => results.filter((src) => src !== null)),
    );
    expect(brokenImages).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'chapter-2.png'), fullPage: false });
    expect(problems).toEqual([]);
  });

  it('finds a chapter through the built-in search', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${server.url}/`);
    await page.locator('button[data-open-modal]').click();
    await page.locator('dialog input[type="search"], dialog input').first().fill('quorum');
    const result = page.locator('dialog a[href*="03-zookeeper-ensemble-and-quorum"]').first();
    await result.waitFor({ timeout: 10_000 });
    await result.click();
    await page.waitForURL('**/03-zookeeper-ensemble-and-quorum/**');
    expect(problems).toEqual([]);
  });

  it("follows the reader's dark or light preference", async () => {
    const page = await browser.newPage({ colorScheme: 'dark' });
    await page.goto(`${server.url}/${chapterSources()[2].slug}/`);
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    await page.screenshot({ path: join(screenshots, 'chapter-3-dark.png') });
  });
});
