import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** What the site is built from: a change to any of these makes the built site stale. */
const SITE_INPUTS = ['src/content', 'src/components', 'src/pages', 'src/labs', 'src/styles', 'src/assets', 'src/content.config.ts', 'astro.config.mjs', 'public', 'package-lock.json'];
const STAMP = '.kafkalab-build-stamp';

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when `dist/` is missing or older than any site input. */
export function siteIsStale(root: string): boolean {
  const stamp = join(root, 'dist', STAMP);
  if (!existsSync(join(root, 'dist', 'index.html')) || !existsSync(stamp)) return true;
  const builtFrom = Number(readFileSync(stamp, 'utf8'));
  return SITE_INPUTS.some((input) => newestMtime(join(root, input)) > builtFrom);
}

/** Runs `astro build` with the current Node, streaming its output, and stamps the result. */
export async function buildSite(root: string, log: (line: string) => void): Promise<void> {
  const startedAt = Math.max(...SITE_INPUTS.map((input) => newestMtime(join(root, input))));
  const astroBin = join(createRequire(join(root, 'package.json')).resolve('astro/package.json'), '..', 'bin', 'astro.mjs');
  log('Building the course site (astro build)...');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [astroBin, 'build'], {
      cwd: root,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`astro build failed (exit ${code}):\n${tail}`));
    });
  });
  writeFileSync(join(root, 'dist', STAMP), String(startedAt));
  log('Site built.');
}
