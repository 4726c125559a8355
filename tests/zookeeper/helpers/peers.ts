/**
 * Real ZooKeeper peers from Debian packages: kazoo (python3-kazoo, run with /usr/bin/python3 because the
 * first python3 on PATH may lack Debian's modules), zkCli.sh (zookeeper) and nc (netcat-openbsd).
 * Tests that need one use `describe.skipIf(skip(available))`: skipped on a machine without the package,
 * but under CI=true a missing peer fails the run instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export const python = '/usr/bin/python3';
export const zkCli = '/usr/share/zookeeper/bin/zkCli.sh';

export const kazooAvailable = existsSync(python) && spawnSync(python, ['-c', 'import kazoo'], { stdio: 'ignore' }).status === 0;
export const zkCliAvailable = existsSync(zkCli) && spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
export const ncAvailable = spawnSync('nc', ['-h'], { stdio: 'ignore' }).error === undefined;

/** True when a test needing a peer should be skipped (missing here, and not in CI). */
export function skip(available: boolean): boolean {
  return !available && process.env.CI !== 'true';
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion (killed after `timeoutMs`). */
export function run(command: string, args: string[], options: { input?: string; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Starts a long-running process and resolves once its stdout printed a line matching `ready`. */
export function startProcess(command: string, args: string[], ready: RegExp, timeoutMs = 20_000): Promise<{ child: ChildProcess; match: RegExpMatchArray; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} did not print ${ready} within ${timeoutMs} ms; output: ${out}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(ready);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match, output: () => out });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
  });
}
