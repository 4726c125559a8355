import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterSources } from '../support/chapters.ts';
import { startKafkalab, type RunningKafkalab } from '../support/start-kafkalab.ts';

/** The README's start command, run as a child process: the course and its API are served. */
describe('kafkalab start', () => {
  let server: RunningKafkalab;
  beforeAll(async () => {
    server = await startKafkalab();
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  it('binds loopback and prints the URL', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers /api/health with ok:true', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { ok: boolean; name: string; runtime: string };
    expect(body).toMatchObject({ ok: true, name: 'kafkalab', runtime: 'embedded' });
  });

  it('lists every chapter on the home page', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    const chapters = chapterSources();
    expect(chapters.length).toBeGreaterThanOrEqual(7);
    for (const chapter of chapters) {
      expect(html).toContain(`href="/${chapter.slug}/"`);
      expect(html).toContain(escapeHtml(chapter.title));
    }
  });

  it('serves every chapter page with its title', async () => {
    for (const chapter of chapterSources()) {
      const response = await fetch(`${server.url}/${chapter.slug}/`);
      expect(response.status, chapter.slug).toBe(200);
      const html = await response.text();
      expect(html).toMatch(new RegExp(`<h1 id="_top"[^>]*>${escapeRegExp(escapeHtml(chapter.title))}</h1>`));
    }
  });

  it('answers unknown API routes with a JSON 404 and unknown pages with the 404 page', async () => {
    const api = await fetch(`${server.url}/api/nope`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const page = await fetch(`${server.url}/no-such-chapter/`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('<html');
  });
});

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

describe('kafkalab start refuses a non-loopback address without --allow-remote', () => {
  it('exits with a clear message', async () => {
    await expect(startKafkalab(['--port', '0', '--no-cluster', '--host', '0.0.0.0'], 30_000)).rejects.toThrow(/Refusing to listen on 0\.0\.0\.0[\s\S]*--allow-remote/);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
