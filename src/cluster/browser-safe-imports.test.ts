/**
 * `src/cluster/` must run in a browser tab: no `node:` module (nor a bare Node built-in such as `fs`)
 * outside the files that are Node-only by design. Scans every import of every source file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = import.meta.dirname;

/** Node-only by design: the TCP transport, the on-disk storages. */
const nodeOnlyFiles = new Set([
  'transport/tcp-transport.ts',
  'zookeeper/server/file-storage.ts',
  'kafka/log/fs-broker-storage.ts',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' || entry.name === 'test-support' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Module specifiers of static imports, re-exports, dynamic imports and require calls. */
function importedModules(source: string): string[] {
  const patterns = [/\b(?:import|export)\s[^'"]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1]));
}

/** The code of a file without its comments (a doc comment may name what the code must not use). */
function code(file: string): string {
  return readFileSync(join(root, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');
}

const isNodeModule = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]);

describe('src/cluster is browser-safe', () => {
  const files = sourceFiles(root).map((path) => relative(root, path));

  it('finds the sources and sees their imports (the scan itself works)', () => {
    expect(files).toContain('embedded-cluster.ts');
    expect(importedModules(code('transport/tcp-transport.ts'))).toContain('node:net');
  });

  it('imports no Node module outside the Node-only files', () => {
    const offenders = files
      .filter((file) => !nodeOnlyFiles.has(file))
      .flatMap((file) => importedModules(code(file)).filter(isNodeModule).map((specifier) => `${file} imports ${specifier}`));
    expect(offenders).toEqual([]);
  });

  it('uses no secure-context API (crypto.randomUUID, crypto.subtle): plain-http pages lack them', () => {
    const offenders = files.filter((file) => /crypto\s*\.\s*(randomUUID|subtle)\b/.test(code(file)));
    expect(offenders).toEqual([]);
  });
});
