/**
 * The runtime `kafkalab start` serves (createServerRuntime) and what `start` prints about it: without an
 * engine the embedded cluster, Docker listed as unavailable with the endpoints tried, `--runtime docker`
 * refused with the way out; with the test engine (podman's API) Docker available, chosen when forced.
 * The real CLI runs in a child process with only the variables given, as a fresh shell would.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedRuntime } from '../../src/server/runtime/embedded-runtime.ts';
import { createServerRuntime, parseRuntimeKind, printPulls } from '../../src/server/runtime/server-runtime.ts';
import { describeWithEngine } from '../support/container-engine.ts';
import { FakeDockerRuntime } from './support/fake-docker-runtime.ts';

const root = join(import.meta.dirname, '..', '..');
let home: string;
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'kafkalab-start-runtime-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** A machine without Docker: a fresh HOME and runtime dir, no DOCKER_HOST. */
const noEngine = () => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, XDG_RUNTIME_DIR: join(home, 'run') });
const freePorts = () => new EmbeddedRuntime({ zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0] });

/** `kafkalab start ARGS` until it serves (then SIGINT) or exits; its output and exit code. */
function start(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string; msToServing?: number }> {
  return new Promise((resolve, reject) => {
    const began = Date.now();
    const child = spawn(process.execPath, [join(root, 'bin', 'kafkalab.js'), 'start', '--no-build', '--no-cluster', '--port', '0', ...args], {
      cwd: root,
      env: { ...env, KAFKALAB_DATA_DIR: join(home, 'data') },
    });
    let stdout = '';
    let stderr = '';
    let msToServing: number | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      if (msToServing === undefined && stdout.includes('kafkalab is serving the course at')) {
        msToServing = Date.now() - began;
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, msToServing }));
  });
}

describe('without a container engine', () => {
  it('runs the embedded cluster and lists Docker as unavailable, naming each endpoint tried', async () => {
    const { runtime, choice, engine, tried } = await createServerRuntime({ env: noEngine(), embedded: freePorts });
    try {
      expect(engine).toBeNull();
      expect(choice).toEqual({ kind: 'embedded', reason: 'no Docker-compatible engine answered' });
      expect(runtime.kind).toBe('embedded');
      expect(tried.map((endpoint) => endpoint.endpoint)).toContain('unix:///var/run/docker.sock');
      const docker = runtime.view().available.find((option) => option.kind === 'docker')!;
      expect(docker.available).toBe(false);
      expect(docker.reason).toMatch(/^no Docker-compatible engine answered \(unix:\/\/\/var\/run\/docker\.sock: no socket at \/var\/run\/docker\.sock; /);
      await expect(runtime.switchTo('docker')).rejects.toMatchObject({ status: 409, hint: expect.stringContaining('kafkalab doctor') });
    } finally {
      await runtime[Symbol.asyncDispose]();
    }
  });

  it('refuses --runtime docker with what to do', async () => {
    await expect(createServerRuntime({ env: noEngine(), forced: 'docker', embedded: freePorts })).rejects.toMatchObject({
      message: expect.stringMatching(/^--runtime docker: no Docker-compatible engine answered \(/),
      hint: expect.stringContaining('kafkalab doctor'),
    });
  });

  it('reads --runtime and KAFKALAB_RUNTIME, and names a bad value and the choices', () => {
    expect(parseRuntimeKind('docker', '--runtime')).toBe('docker');
    expect(parseRuntimeKind('', 'KAFKALAB_RUNTIME')).toBeUndefined();
    expect(() => parseRuntimeKind('kubernetes', '--runtime')).toThrow(expect.objectContaining({ message: 'invalid --runtime "kubernetes"', hint: 'Use --runtime embedded or --runtime docker.' }));
    expect(() => parseRuntimeKind('podman', 'KAFKALAB_RUNTIME')).toThrow(expect.objectContaining({ hint: 'Use KAFKALAB_RUNTIME=embedded or KAFKALAB_RUNTIME=docker.' }));
  });

  it('kafkalab start says which runtime and why, and serves; a bad --runtime or KAFKALAB_RUNTIME exits 1 naming it', async () => {
    const served = await start([], noEngine());
    expect(served.stdout).toContain('Runtime: embedded (no Docker-compatible engine answered)\n');
    expect(served.stdout).not.toContain('Container engine:');
    expect(served.msToServing).toBeDefined();
    const forced = await start(['--runtime', 'docker'], noEngine());
    expect(forced.code).toBe(1);
    expect(forced.stderr).toMatch(/^kafkalab: --runtime docker: no Docker-compatible engine answered/);
    expect(forced.stderr).toContain('kafkalab doctor');
    const bad = await start([], { ...noEngine(), KAFKALAB_RUNTIME: 'kubernetes' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('kafkalab: invalid KAFKALAB_RUNTIME "kubernetes"\n  Use KAFKALAB_RUNTIME=embedded or KAFKALAB_RUNTIME=docker.\n');
  }, 60_000);
});

describe('the pull progress start prints', () => {
  it('draws one line per image as it pulls (a log gets a line per tenth), and says why a pull failed', async () => {
    const written: string[] = [];
    const warned: string[] = [];
    const fake = new FakeDockerRuntime({ pull: { image: 'confluentinc/cp-kafka:7.9.1', totalBytes: 40_000_000, steps: 4 } });
    const stop = printPulls(fake, { write: (text) => written.push(text), isTTY: false }, (line) => warned.push(line));
    try {
      await fake.up();
      expect(written.join('')).toBe(
        [
          'confluentinc/cp-kafka:7.9.1 [###.......] 10.0/40.0 MB 1/4 layers',
          'confluentinc/cp-kafka:7.9.1 [#####.....] 20.0/40.0 MB 2/4 layers',
          'confluentinc/cp-kafka:7.9.1 [########..] 30.0/40.0 MB 3/4 layers',
          'confluentinc/cp-kafka:7.9.1 [##########] 40.0/40.0 MB 4/4 layers done',
          '',
        ].join('\n'),
      );
      expect(warned).toEqual([]);
    } finally {
      stop();
      await fake[Symbol.asyncDispose]();
    }

    const failing = new FakeDockerRuntime({ pull: { image: 'tchiotludo/akhq:0.25.1', totalBytes: 2_000_000, steps: 2, fail: { message: 'no such host', hint: 'Offline? kafkalab images load FILE.' } } });
    const terminal: string[] = [];
    printPulls(failing, { write: (text) => terminal.push(text), isTTY: true }, (line) => warned.push(line));
    await expect(failing.up()).rejects.toMatchObject({ status: 409 });
    // On a terminal the redrawn line is ended before the error starts.
    expect(terminal.join('')).toBe('\rtchiotludo/akhq:0.25.1 [#####.....] 1.0/2.0 MB 1/2 layers\n');
    expect(warned).toEqual(['kafkalab: could not pull tchiotludo/akhq:0.25.1: no such host', '  Offline? kafkalab images load FILE.']);
  });
});

describeWithEngine('with the test engine', () => {
  const withEngine = () => ({ ...noEngine(), DOCKER_HOST: process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock' });

  it('lists Docker as available with the engine, and runs it when forced (nothing is brought up here)', async () => {
    const { runtime, choice, engine } = await createServerRuntime({ env: withEngine(), forced: 'docker', without: ['akhq'], embedded: freePorts });
    // Not disposed: that would take down whatever stack carries the project's labels, which other tests may run.
    expect(engine).not.toBeNull();
    expect(choice.kind).toBe('docker');
    expect(choice.reason).toMatch(/^forced with --runtime docker \(engine: \S+ \S+/);
    expect(runtime.kind).toBe('docker');
    const view = runtime.view();
    expect(view.engine).toEqual({ name: engine!.name, version: engine!.version });
    expect(view.available.find((option) => option.kind === 'docker')).toMatchObject({ available: true, reason: expect.stringContaining(`${engine!.name} ${engine!.version} answered at `) });
    const status = await runtime.status();
    expect(status).toMatchObject({ runtime: 'docker', engine: { name: engine!.name, version: engine!.version } });
    expect(status.capabilities.nodeActions).not.toContain('isolate');
  }, 60_000);

  it('kafkalab start names the engine that answered', async () => {
    const served = await start(['--runtime', 'embedded'], withEngine());
    expect(served.stdout).toContain('Runtime: embedded (forced with --runtime embedded)\n');
    expect(served.stdout).toMatch(/^Container engine: \S+ \S+ at unix:\/\/\S+ \(DOCKER_HOST\)$/m);
  }, 60_000);
});
