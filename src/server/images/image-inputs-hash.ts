/**
 * A course image's tag is the hash of everything its build reads, so an image is rebuilt exactly when
 * one of its inputs changed: every context file's path and bytes (the Dockerfile is one), the base image
 * name, and any other input the recipe names (the Node version of the node image).
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { ContextFile } from './build-context.ts';

export function hashImageInputs(files: ContextFile[], inputs: Record<string, string>): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(inputs).sort()) hash.update(`input ${name}=${inputs[name]}\n`);
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    hash.update(`file ${file.path} ${file.content ? sha256(file.content) : sourceDigest(file.source as string)}\n`);
  }
  return hash.digest('hex');
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Digests of big files read before, by path, size and mtime: the 120 MB Node binary is hashed once per
 * process. Sources (small) are read every time, so an edit is always seen.
 */
const digests = new Map<string, { key: string; digest: string }>();
const MEMO_MIN_BYTES = 1 << 20;

function sourceDigest(path: string): string {
  const stat = statSync(path);
  if (stat.size < MEMO_MIN_BYTES) return sha256(readFileSync(path));
  const key = `${stat.size}:${stat.mtimeMs}`;
  const known = digests.get(path);
  if (known?.key === key) return known.digest;
  const digest = sha256(readFileSync(path));
  digests.set(path, { key, digest });
  return digest;
}
