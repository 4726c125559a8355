/**
 * Runs a command in a container without a TTY and collects its exit code and output: what a compose
 * healthcheck does (`CMD-SHELL echo srvr | nc ...`), so the runtime can judge health itself on engines
 * that do not run healthchecks on their own (podman without systemd never does).
 */
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';

export interface ExecResult {
  exitCode: number;
  output: string;
}

export async function execInContainer(container: Docker.Container, cmd: string[], timeoutMs: number): Promise<ExecResult> {
  // The engine does not end an exec whose client gave up: `timeout` (coreutils, where the image has it)
  // ends the command itself, so a hung probe (an `nc` that never returns) does not pile up in the container.
  const seconds = String(Math.max(1, Math.ceil(timeoutMs / 1000)));
  const bounded = ['/bin/sh', '-c', 'if command -v timeout >/dev/null 2>&1; then exec timeout "$0" "$@"; else exec "$@"; fi', seconds, ...cmd];
  const exec = await container.exec({ Cmd: bounded, AttachStdout: true, AttachStderr: true, Tty: false });
  const stream = await exec.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  container.modem.demuxStream(stream, sink, sink);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      stream.destroy();
      // (`timeout` inside ends the command a moment later.)
      reject(new Error(`\`${cmd.join(' ')}\` did not finish within ${timeoutMs} ms`));
    }, timeoutMs + 1000);
    stream.on('end', () => {
      clearTimeout(timer);
      resolve();
    });
    stream.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
    stream.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  // The exit code is recorded a moment after the stream ends.
  for (let attempt = 0; attempt < 50; attempt++) {
    const info = await exec.inspect();
    if (!info.Running && info.ExitCode !== null) return { exitCode: info.ExitCode, output: Buffer.concat(chunks).toString('utf8') };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`\`${cmd.join(' ')}\` ended without an exit code`);
}

/** A compose healthcheck's `test` as the command to exec: `CMD a b` → [a, b], `CMD-SHELL s` → sh -c s. */
export function healthcheckCommand(test: string[]): string[] | null {
  const [kind, ...rest] = test;
  if (kind === 'CMD') return rest;
  if (kind === 'CMD-SHELL') return ['/bin/sh', '-c', rest.join(' ')];
  return null;
}
