/**
 * A course image's tag is the hash of everything its build reads, so an image is rebuilt exactly when
 * one of its inputs changed: every context file's path and bytes (the Dockerfile is one), the base image
 * name, and any other input the recipe names (the Node version of the node image).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ContextFile } from './build-context.ts';

export function hashImageInputs(files: ContextFile[], inputs: Record<string, string>): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(inputs).sort()) hash.update(`input ${name}=${inputs[name]}\n`);
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const bytes = file.content ?? readFileSync(file.source as string);
    hash.update(`file ${file.path} ${bytes.length}\n`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}
