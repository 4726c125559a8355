/**
 * Where a Docker-compatible engine may be listening, in the order kafkalab tries them: DOCKER_HOST, the
 * docker CLI's current context, the default socket, Docker Desktop's, rootless Docker's, podman's (and
 * podman machine's on macOS), Colima's, Rancher Desktop's, OrbStack's, and on Windows the named pipes. Same endpoints found twice are tried once (the first source names them).
 */
import { join } from 'node:path';
import type { EngineCandidate } from './engine-candidate.ts';
import { currentContextCandidate, dockerConfigDir } from './docker-context.ts';
import { candidateFor } from './endpoint-options.ts';

export interface CandidateHost {
  platform: NodeJS.Platform;
  home: string;
  /** The user id (rootless sockets live in /run/user/<uid>); undefined on Windows. */
  uid?: number;
}

/** A well-known socket: where it is, and whose it is. */
interface KnownSocket {
  source: string;
  path: (env: NodeJS.ProcessEnv, host: CandidateHost) => string | undefined;
  platforms?: NodeJS.Platform[];
}

const runtimeDir = (env: NodeJS.ProcessEnv, host: CandidateHost) => env.XDG_RUNTIME_DIR || (host.uid !== undefined ? `/run/user/${host.uid}` : undefined);
const unix: NodeJS.Platform[] = ['linux', 'darwin', 'freebsd', 'openbsd', 'sunos', 'aix'];

const KNOWN_SOCKETS: KnownSocket[] = [
  { source: 'default socket', path: () => '/var/run/docker.sock', platforms: unix },
  { source: 'Docker Desktop', path: (_env, host) => join(host.home, '.docker', 'run', 'docker.sock'), platforms: unix },
  { source: 'Docker Desktop', path: (_env, host) => join(host.home, '.docker', 'desktop', 'docker.sock'), platforms: unix },
  { source: 'rootless Docker', path: (env) => (env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'docker.sock') : undefined), platforms: unix },
  { source: 'rootless Docker', path: (_env, host) => (host.uid !== undefined ? `/run/user/${host.uid}/docker.sock` : undefined), platforms: ['linux'] },
  { source: 'podman (rootless)', path: (env, host) => ((dir) => (dir ? join(dir, 'podman', 'podman.sock') : undefined))(runtimeDir(env, host)), platforms: ['linux'] },
  { source: 'podman (rootful)', path: () => '/run/podman/podman.sock', platforms: ['linux'] },
  { source: 'podman machine', path: (_env, host) => join(host.home, '.local', 'share', 'containers', 'podman', 'machine', 'podman.sock'), platforms: ['darwin'] },
  { source: 'podman machine', path: (_env, host) => join(host.home, '.local', 'share', 'containers', 'podman', 'machine', 'qemu', 'podman.sock'), platforms: ['darwin'] },
  { source: 'Colima', path: (_env, host) => join(host.home, '.colima', 'default', 'docker.sock'), platforms: ['darwin', 'linux'] },
  { source: 'Rancher Desktop', path: (_env, host) => join(host.home, '.rd', 'docker.sock'), platforms: ['darwin', 'linux'] },
  { source: 'OrbStack', path: (_env, host) => join(host.home, '.orbstack', 'run', 'docker.sock'), platforms: ['darwin'] },
];

/** Windows: Docker Desktop's (and podman's, when it took over the Docker pipe) named pipes. */
const WINDOWS_PIPES: Array<{ source: string; endpoint: string }> = [
  { source: 'Windows named pipe', endpoint: 'npipe:////./pipe/docker_engine' },
  { source: 'Docker Desktop', endpoint: 'npipe:////./pipe/dockerDesktopLinuxEngine' },
  { source: 'podman machine', endpoint: 'npipe:////./pipe/podman-machine-default' },
];

export function engineCandidates(env: NodeJS.ProcessEnv, host: CandidateHost): EngineCandidate[] {
  const candidates: EngineCandidate[] = [];
  if (env.DOCKER_HOST) {
    const verify = Boolean(env.DOCKER_TLS_VERIFY);
    candidates.push(candidateFor(env.DOCKER_HOST, 'DOCKER_HOST', verify ? { verify, certPath: env.DOCKER_CERT_PATH || dockerConfigDir(env, host.home) } : undefined));
  }
  const context = currentContextCandidate(env, host.home);
  if (context) candidates.push(context);
  for (const socket of KNOWN_SOCKETS) {
    if (socket.platforms && !socket.platforms.includes(host.platform)) continue;
    const path = socket.path(env, host);
    if (path) candidates.push(candidateFor(`unix://${path}`, socket.source));
  }
  if (host.platform === 'win32') for (const pipe of WINDOWS_PIPES) candidates.push(candidateFor(pipe.endpoint, pipe.source));
  const seen = new Set<string>();
  return candidates.filter((candidate) => !seen.has(candidate.endpoint) && seen.add(candidate.endpoint));
}
