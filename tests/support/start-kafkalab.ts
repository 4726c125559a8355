import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const projectRoot = join(import.meta.dirname, '..', '..');

export interface RunningKafkalab extends AsyncDisposable {
  url: string;
  output: () => string;
  process: ChildProcess;
}

/**
 * Runs `kafkalab start` as the README does (a real child process), on a free port, and resolves
 * with the URL it prints. `env` adds to the environment; without a `KAFKALAB_DATA_DIR` in it, the
 * server keeps its progress in a temporary dir (removed at dispose), never in the user's data dir.
 */
export async function startKafkalab(args: string[] = ['--port', '0', '--no-cluster'], timeoutMs = 120_000, env: Record<string, string> = {}): Promise<RunningKafkalab> {
  const ownDataDir = env.KAFKALAB_DATA_DIR ? undefined : mkdtempSync(join(tmpdir(), 'kafkalab-start-'));
  const child = spawn(process.execPath, [join(projectRoot, 'bin', 'kafkalab.js'), 'start', ...args], {
    cwd: projectRoot,
    env: { ...process.env, PORT: '', HOST: '', ...(ownDataDir ? { KAFKALAB_DATA_DIR: ownDataDir } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kafkalab start printed no URL within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving the course at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ''));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kafkalab start exited with ${code}:\n${output}`));
    });
  }).catch((error: unknown) => {
    if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    url,
    output: () => output,
    process: child,
    async [Symbol.asyncDispose]() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGINT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
    },
  };
}
