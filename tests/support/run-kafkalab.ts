/** Runs `kafkalab ARGS` (bin/kafkalab.js, a real child process) to its end with exactly the environment given. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface KafkalabRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runKafkalab(args: string[], env: Record<string, string | undefined>): Promise<KafkalabRun> {
  const root = join(import.meta.dirname, '..', '..');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'kafkalab.js'), ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
