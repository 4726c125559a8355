/**
 * A benchmark's helper process: spawned as a fresh Node process with this process's flags
 * (`process.execArgv`), it answers JSON lines on stdout — first a `ready` line, then one answer per JSON
 * command written to its stdin. `spawnedAt`/`readyAt` are this process's `performance.now()` readings, so
 * `readyAt - spawnedAt` is the wall time from spawn to ready, Node's own start-up included.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

export interface JsonChild<Ready> {
  readonly process: ChildProcess;
  readonly spawnedAt: number;
  readonly readyAt: number;
  readonly ready: Ready;
  /** Sends a command and resolves with the next answer line. */
  request<Answer>(command: Record<string, unknown>): Promise<Answer>;
  /** Asks the child to exit (closes its stdin) and waits for it. */
  close(): Promise<void>;
}

/** `env` adds variables to this process's environment for the child. */
export async function spawnJsonChild<Ready>(script: string, timeoutMs = 60_000, env: Record<string, string> = {}): Promise<JsonChild<Ready>> {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...process.execArgv, script], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const waiting: Array<(line: string) => void> = [];
  const lines: string[] = [];
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    for (let newline = buffered.indexOf('\n'); newline !== -1; newline = buffered.indexOf('\n')) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      const next = waiting.shift();
      if (next) next(line);
      else lines.push(line);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      const queued = lines.shift();
      if (queued !== undefined) return resolve(queued);
      const timer = setTimeout(() => reject(new Error(`${script} answered nothing within ${timeoutMs} ms`)), timeoutMs);
      waiting.push((line) => {
        clearTimeout(timer);
        resolve(line);
      });
      void exited.then((code) => reject(new Error(`${script} exited with ${code}`)));
    });
  const ready = JSON.parse(await nextLine()) as Ready;
  const readyAt = performance.now();
  return {
    process: child,
    spawnedAt,
    readyAt,
    ready,
    async request<Answer>(command: Record<string, unknown>): Promise<Answer> {
      child.stdin!.write(JSON.stringify(command) + '\n');
      return JSON.parse(await nextLine()) as Answer;
    },
    async close() {
      child.stdin!.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The child's side: calls `handle` for each JSON command line on stdin, writes its answer as one line; exits when stdin closes. */
export function serveJsonCommands(handle: (command: Record<string, unknown>) => Promise<unknown>, onEnd: () => Promise<void>): void {
  let buffered = '';
  let queue = Promise.resolve();
  process.stdin.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    for (let newline = buffered.indexOf('\n'); newline !== -1; newline = buffered.indexOf('\n')) {
      const command = JSON.parse(buffered.slice(0, newline)) as Record<string, unknown>;
      buffered = buffered.slice(newline + 1);
      queue = queue.then(async () => {
        process.stdout.write(JSON.stringify(await handle(command)) + '\n');
      });
    }
  });
  process.stdin.on('end', () => void queue.then(onEnd).then(() => process.exit(0)));
}

/** A full GC in a process not started with --expose-gc, to tell live memory from garbage not yet returned. */
export async function collectGarbage(): Promise<void> {
  const v8 = await import('node:v8');
  const { runInNewContext } = await import('node:vm');
  v8.setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
