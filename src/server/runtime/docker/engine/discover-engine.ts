/**
 * Finds a Docker-compatible engine: tries each candidate endpoint (engine-candidates.ts) in order with a
 * short ping (a socket file nobody listens on, or an endpoint that never answers, costs at most
 * `timeoutMs`), and returns the first that answers, with what it is. Every endpoint that did not answer
 * is listed in `tried` with its reason, for `kafkalab doctor`.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import Docker from 'dockerode';
import type { DockerEngine, EngineDiscovery, TriedEndpoint } from './docker-engine.ts';
import type { EngineCandidate } from './engine-candidate.ts';
import { engineCandidates } from './engine-candidates.ts';
import { identifyEngine } from './engine-identity.ts';
import type { EngineVersion } from './engine-identity.ts';

export interface DiscoverOptions {
  /** How long an endpoint may take to answer a ping; default 2000 ms. */
  timeoutMs?: number;
  /**
   * How long an engine that answered the ping may take for /version and /info; default 20 s. podman
   * answers its ping at once but took up to 6 s for /version while it built an image here.
   */
  describeTimeoutMs?: number;
}

export async function discoverEngine(env: NodeJS.ProcessEnv = process.env, options: DiscoverOptions = {}): Promise<EngineDiscovery> {
  const home = env.HOME || env.USERPROFILE || homedir();
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const candidates = engineCandidates(env, { platform: process.platform, home, uid });
  const tried: TriedEndpoint[] = [];
  for (const candidate of candidates) {
    const remote = remoteHost(candidate.endpoint);
    const result = remote
      ? { error: `an engine on another machine (${remote}): the cluster's ports would be published there, not on this machine, where the course and its checks reach them` }
      : await tryCandidate(candidate, options.timeoutMs ?? 2000, options.describeTimeoutMs ?? 20_000);
    if ('engine' in result) return { engine: result.engine, tried };
    tried.push({ endpoint: candidate.endpoint, source: candidate.source, error: result.error });
    // DOCKER_HOST names THE engine, as it does for the docker CLI: when it does not answer, kafkalab must
    // not quietly use another one than `docker ps` shows.
    if (candidate.source === 'DOCKER_HOST') return { engine: null, tried };
  }
  return { engine: null, tried };
}

async function tryCandidate(candidate: EngineCandidate, timeoutMs: number, describeTimeoutMs: number): Promise<{ engine: DockerEngine } | { error: string }> {
  if (candidate.problem || !candidate.options) return { error: candidate.problem ?? 'no way to reach it' };
  const socketPath = candidate.options.socketPath;
  if (socketPath && !socketPath.startsWith('//') && !existsSync(socketPath)) return { error: `no socket at ${socketPath}` };
  // A client with a request timeout for the probe only; the engine's own client has none.
  const probe = new Docker({ ...candidate.options, timeout: timeoutMs });
  const client = new Docker({ ...candidate.options, timeout: describeTimeoutMs });
  try {
    await withDeadline(probe.ping(), timeoutMs);
    const [version, info] = await Promise.all([
      withDeadline(client.version(), describeTimeoutMs) as Promise<EngineVersion>,
      withDeadline(client.info(), describeTimeoutMs).catch(() => undefined) as Promise<{ MemTotal?: number } | undefined>,
    ]);
    const identity = identifyEngine(version);
    return {
      engine: {
        docker: new Docker(candidate.options),
        endpoint: candidate.endpoint,
        source: candidate.source,
        ...identity,
        ...(typeof info?.MemTotal === 'number' && info.MemTotal > 0 ? { memTotalBytes: info.MemTotal } : {}),
      },
    };
  } catch (error) {
    return { error: describeFailure(error) };
  }
}

/** The engine did not answer in time: a dead endpoint must not hang discovery even if the client's own timeout does not fire. */
function withDeadline<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused (nothing listens there: is the engine running?)',
  ENOENT: 'no such socket',
  EACCES: 'permission denied (add yourself to the docker group, or use rootless Docker or podman)',
  EPERM: 'permission denied',
  ETIMEDOUT: 'no answer in time',
  ENOTFOUND: 'unknown host',
  EHOSTUNREACH: 'host unreachable',
};

function describeFailure(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (error instanceof Error && /^no answer within/.test(error.message)) return error.message;
  if (code === 'ETIMEDOUT' || (error instanceof Error && /timeout/i.test(error.message))) return 'no answer in time';
  if (code && REASONS[code]) return `${REASONS[code]} [${code}]`;
  const status = (error as { statusCode?: number }).statusCode;
  const message = error instanceof Error ? error.message : String(error);
  return status ? `answered HTTP ${status}, not a Docker API: ${message}` : message;
}

/** The host of a tcp:// (or http(s)://) endpoint that is not this machine; undefined for sockets, pipes and loopback. */
function remoteHost(endpoint: string): string | undefined {
  const match = /^(?:tcp|https?):\/\/\[?([^\]/:]+)\]?/.exec(endpoint);
  if (!match) return undefined;
  const host = match[1].toLowerCase();
  return host === 'localhost' || host === '::1' || host.startsWith('127.') ? undefined : host;
}
