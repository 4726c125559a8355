/**
 * The docker CLI's current context, read the way the CLI reads it (cheap: two small files, no process):
 * DOCKER_CONTEXT, else `currentContext` in $DOCKER_CONFIG/config.json (default ~/.docker); its endpoint is
 * `Endpoints.docker.Host` in contexts/meta/<sha256 of the name>/meta.json, its TLS files (if any) in
 * contexts/tls/<sha256>/docker/. The `default` context is DOCKER_HOST or the default socket: nothing to read.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineCandidate } from './engine-candidate.ts';
import { candidateFor } from './endpoint-options.ts';

export function dockerConfigDir(env: NodeJS.ProcessEnv, home: string): string {
  return env.DOCKER_CONFIG || join(home, '.docker');
}

export function currentContextCandidate(env: NodeJS.ProcessEnv, home: string): EngineCandidate | undefined {
  const configDir = dockerConfigDir(env, home);
  const name = env.DOCKER_CONTEXT || readJson<{ currentContext?: string }>(join(configDir, 'config.json'))?.currentContext;
  if (!name || name === 'default') return undefined;
  const id = createHash('sha256').update(name).digest('hex');
  const source = `docker context ${name}`;
  const meta = readJson<{ Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } } }>(join(configDir, 'contexts', 'meta', id, 'meta.json'));
  const host = meta?.Endpoints?.docker?.Host;
  if (!host) return { endpoint: `context ${name}`, source, problem: `the docker context "${name}" has no docker endpoint in ${join(configDir, 'contexts', 'meta', id, 'meta.json')}` };
  const tlsDir = join(configDir, 'contexts', 'tls', id, 'docker');
  const tls = existsSync(join(tlsDir, 'ca.pem')) ? { verify: !meta?.Endpoints?.docker?.SkipTLSVerify, certPath: tlsDir } : undefined;
  return candidateFor(host, source, tls);
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}
