/**
 * The runtime `kafkalab start` serves: a RuntimeSwitch that starts on the runtime `chooseRuntime` picks
 * (docker when an engine answers and the stack's images are present, embedded otherwise, or what
 * `--runtime` / `KAFKALAB_RUNTIME` forces) and can switch to the other from the page. Without an engine
 * this costs next to nothing (no socket to dial); a dead endpoint costs at most `probeTimeoutMs`.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DockerEngine, EngineDiscovery, TriedEndpoint } from './docker/engine/docker-engine.ts';
import { engineCandidates } from './docker/engine/engine-candidates.ts';
import { ApiError } from '../http-error.ts';
import { courseImageRecipeOf } from '../images/course-image-recipes.ts';
import { PullProgressPrinter, type ProgressOutput } from '../images/pull-progress-bar.ts';
import type { ClusterRuntime, ClusterStatus, RuntimeKind } from './cluster-runtime.ts';
import { createEmbeddedRuntime } from './embedded-runtime.ts';
import { chooseRuntime, type RuntimeChoice } from './runtime-choice.ts';
import { RuntimeSwitch } from './runtime-switch.ts';

export const RUNTIME_KINDS: readonly RuntimeKind[] = ['embedded', 'docker'];

export interface ServerRuntimeOptions {
  /** `--runtime` or `KAFKALAB_RUNTIME`. */
  forced?: RuntimeKind;
  /** Compose services to leave out (`--without akhq`). */
  without?: string[];
  env?: NodeJS.ProcessEnv;
  composeFile?: string;
  /** Per engine endpoint tried; default 1500 ms. */
  probeTimeoutMs?: number;
  /** The Docker runtime's progress lines. */
  log?: (line: string) => void;
  /** A line when the page switches runtimes, and when the switch is done. */
  switchLog?: (line: string) => void;
  /** The embedded runtime to start from (tests give free ports); default the course's ports. */
  embedded?: () => ClusterRuntime;
}

export interface ServerRuntime {
  runtime: RuntimeSwitch;
  choice: RuntimeChoice;
  /** The engine that answered, if any. */
  engine: DockerEngine | null;
  /** Every endpoint tried before it (or all of them), with why it did not answer. */
  tried: TriedEndpoint[];
  /** The stack's images the engine lacks (pulled when the Docker runtime comes up). */
  missingImages: string[];
}

/** `--runtime` / `KAFKALAB_RUNTIME` as a runtime kind; a bad value fails naming it and the choices. */
export function parseRuntimeKind(text: string | undefined, from: string): RuntimeKind | undefined {
  if (text === undefined || text === '') return undefined;
  if (RUNTIME_KINDS.includes(text as RuntimeKind)) return text as RuntimeKind;
  throw new ApiError('bad_request', 400, `invalid ${from} "${text}"`, `Use ${RUNTIME_KINDS.map((kind) => (from.startsWith('--') ? `${from} ${kind}` : `${from}=${kind}`)).join(' or ')}.`);
}

export async function createServerRuntime(options: ServerRuntimeOptions = {}): Promise<ServerRuntime> {
  const env = options.env ?? process.env;
  const without = options.without ?? [];
  const composeFile = options.composeFile ?? join(import.meta.dirname, '..', '..', '..', 'docker-compose.yml');
  const makeEmbedded = options.embedded ?? (() => createEmbeddedRuntime({}));
  // Probed even when embedded is forced: the page then offers the switch to Docker.
  const { engine, tried } = await probeEngine(env, options.probeTimeoutMs ?? 1500);

  let images: Array<{ name: string; present: boolean }> = [];
  let stackProblem: string | undefined;
  const docker = engine ? await loadDocker() : null;
  if (engine && docker) {
    const { stackImages, imagePresent } = docker;
    try {
      images = await Promise.all(stackImages({ env, without, composeFile }).map(async (image) => ({ name: image.name, present: await imagePresent(engine.docker, image.name).catch(() => false) })));
    } catch (error) {
      stackProblem = error instanceof ApiError || error instanceof Error ? error.message : String(error);
    }
  }
  let choice = chooseRuntime({ forced: options.forced, engine, images });
  if (stackProblem && choice.kind === 'docker' && !options.forced) choice = { kind: 'embedded', reason: `docker-compose.yml cannot be used: ${stackProblem}` };
  if (choice.kind === 'docker' && (!engine || stackProblem)) {
    throw new ApiError(
      'invalid_state',
      409,
      engine ? `--runtime docker: docker-compose.yml cannot be used: ${stackProblem}` : `--runtime docker: no Docker-compatible engine answered (${describeTried(tried)})`,
      engine ? 'Fix the file or the KAFKALAB_* variables it reads, or start with --runtime embedded.' : 'Start Docker or Podman (or set DOCKER_HOST), check with `kafkalab doctor`, or start without --runtime docker to use the embedded cluster.',
    );
  }

  const engineName = engine ? { name: engine.name, version: engine.version } : undefined;
  const makeDocker = engine && docker && !stackProblem ? async () => new docker.DockerRuntime({ docker: engine.docker, engine: engineName!, composeFile, env, without, log: options.log }) : undefined;
  const missingImages = images.filter((image) => !image.present).map((image) => image.name);
  const dockerReason = !engine
    ? `no Docker-compatible engine answered (${describeTried(tried)})`
    : stackProblem
      ? `docker-compose.yml cannot be used: ${stackProblem}`
      : `${engine.name} ${engine.version} answered at ${engine.endpoint}; ${describeMissing(missingImages)}`;
  const current = choice.kind === 'docker' ? await makeDocker!() : makeEmbedded();
  const runtime = new RuntimeSwitch({
    current,
    factories: { embedded: makeEmbedded, ...(makeDocker ? { docker: makeDocker } : {}) },
    reasons: { embedded: 'the in-process teaching cluster, always available', docker: dockerReason },
    engine: engineName,
    log: options.switchLog,
  });
  return { runtime, choice, engine, tried, missingImages };
}

/**
 * `discoverEngine`, unless no endpoint could answer (every socket file missing, nothing in DOCKER_HOST):
 * then the reasons without loading dockerode, so `kafkalab start` on a machine without Docker starts as
 * fast as it did before the Docker runtime existed.
 */
async function probeEngine(env: NodeJS.ProcessEnv, timeoutMs: number): Promise<EngineDiscovery> {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const candidates = engineCandidates(env, { platform: process.platform, home: env.HOME || env.USERPROFILE || homedir(), uid });
  const missingSocket = (socketPath: string | undefined) => socketPath !== undefined && !socketPath.startsWith('//') && !existsSync(socketPath);
  if (candidates.every((candidate) => candidate.problem || !candidate.options || missingSocket(candidate.options.socketPath))) {
    return { engine: null, tried: candidates.map((candidate) => ({ endpoint: candidate.endpoint, source: candidate.source, error: candidate.problem ?? (candidate.options?.socketPath ? `no socket at ${candidate.options.socketPath}` : 'no way to reach it') })) };
  }
  const { discoverEngine } = await import('./docker/engine/discover-engine.ts');
  return discoverEngine(env, { timeoutMs });
}

/** The Docker side's modules (dockerode, the compose planner), loaded only once an engine answered. */
async function loadDocker() {
  const [{ DockerRuntime }, { stackImages }, { imagePresent }] = await Promise.all([import('./docker/docker-runtime.ts'), import('../images/course-images.ts'), import('../images/image-presence.ts')]);
  return { DockerRuntime, stackImages, imagePresent };
}

/** The endpoints tried, for one line: `unix:///var/run/docker.sock: no socket at /var/run/docker.sock; ...`. */
function describeTried(tried: TriedEndpoint[]): string {
  if (tried.length === 0) return 'no endpoint to try';
  return tried.map((endpoint) => `${endpoint.endpoint}: ${endpoint.error}`).join('; ');
}

/** The CLI's view of image pulls on `runtime` (at start, or after a switch from the page): one progress line per image. */
export function printPulls(runtime: ClusterRuntime, out: ProgressOutput, warn: (line: string) => void): () => void {
  const printers = new Map<string, PullProgressPrinter>();
  return runtime.onEvent((event) => {
    if (event.type === 'image-pull') {
      let printer = printers.get(event.image);
      if (!printer) printers.set(event.image, (printer = new PullProgressPrinter(out)));
      printer.update(event);
      if (event.done) printers.delete(event.image);
    } else if (event.type === 'image-pull-failed') {
      printers.get(event.image)?.abort();
      printers.delete(event.image);
      warn(`kafkalab: could not pull ${event.image}: ${event.message}`);
      warn(`  ${event.hint}`);
    }
  });
}

/** How the CLI names the runtime that runs the cluster: `Embedded cluster`, `Docker stack (Podman 4.3.1)`. */
export function runtimeTitle(status: Pick<ClusterStatus, 'runtime' | 'engine'>): string {
  if (status.runtime === 'embedded') return 'Embedded cluster';
  return status.engine ? `Docker stack (${status.engine.name} ${status.engine.version})` : 'Docker stack';
}

/** What happens to the images the engine lacks: others' are pulled at `up`; kafkalab's own are built, never pulled. */
function describeMissing(missing: string[]): string {
  if (missing.length === 0) return 'every image the stack needs is present';
  const own = missing.filter((image) => courseImageRecipeOf(image) !== undefined);
  const pulled = missing.filter((image) => !own.includes(image));
  return [
    pulled.length ? `${pulled.join(', ')} will be pulled when it comes up` : '',
    own.length ? `${own.join(', ')} must be built first (kafkalab images build)` : '',
  ]
    .filter(Boolean)
    .join('; ');
}
