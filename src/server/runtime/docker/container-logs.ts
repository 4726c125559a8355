/**
 * A container's log as lines, followed: what `docker logs -f` shows, but reopened when the container
 * restarts (a follow stream ends when its container stops), without repeating lines already given.
 */
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';

export interface FollowLogsOptions {
  /** Lines from before now to begin with; default 100. */
  tail?: number;
  signal: AbortSignal;
}

export async function followContainerLogs(container: Docker.Container, onLine: (line: string) => void, options: FollowLogsOptions): Promise<void> {
  const { signal } = options;
  let since = 0;
  let first = true;
  // `since` has one-second resolution (and podman's timestamps too), so a reopened stream repeats the lines of
  // the last second given: those are remembered (stamped, as a multiset) and skipped once each.
  let lastSecondAt = Number.NaN;
  let lastSecond = new Map<string, number>();
  while (!signal.aborted) {
    const info = await container.inspect().catch(() => null);
    if (!info) return;
    if (!info.State.Running) {
      await waitForStart(container, signal);
      continue;
    }
    const stream = (await container.logs({
      stdout: true,
      stderr: true,
      follow: true,
      timestamps: true,
      ...(first ? { tail: options.tail ?? 100 } : { since }),
    })) as unknown as NodeJS.ReadableStream & { destroy(): void };
    first = false;
    if (signal.aborted) {
      stream.destroy();
      return;
    }
    const repeats = new Map(lastSecond);
    const sink = new PassThrough();
    container.modem.demuxStream(stream, sink, sink);
    let pending = '';
    sink.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const stamped of lines) {
        const space = stamped.indexOf(' ');
        const stamp = space > 0 ? stamped.slice(0, space) : '';
        const seconds = Date.parse(stamp);
        if (!Number.isNaN(seconds)) since = Math.floor(seconds / 1000);
        const repeated = repeats.get(stamped) ?? 0;
        if (repeated > 0) {
          repeats.set(stamped, repeated - 1);
          continue;
        }
        if (Math.floor(seconds / 1000) !== lastSecondAt) {
          lastSecondAt = Math.floor(seconds / 1000);
          lastSecond = new Map();
        }
        lastSecond.set(stamped, (lastSecond.get(stamped) ?? 0) + 1);
        onLine(Number.isNaN(seconds) ? stamped : stamped.slice(space + 1));
      }
    });
    let failed = false;
    await new Promise<void>((resolve) => {
      const stop = () => {
        stream.destroy();
        resolve();
      };
      signal.addEventListener('abort', stop, { once: true });
      stream.on('end', () => {
        signal.removeEventListener('abort', stop);
        resolve();
      });
      stream.on('close', () => {
        signal.removeEventListener('abort', stop);
        resolve();
      });
      stream.on('error', () => {
        failed = true;
        resolve();
      });
    });
    // The last line, when the stream ended without its newline.
    if (pending) {
      const space = pending.indexOf(' ');
      onLine(Number.isNaN(Date.parse(pending.slice(0, space))) ? pending : pending.slice(space + 1));
      pending = '';
    }
    // A stream that broke (not one that ended with its container) is reopened after a pause, not in a tight loop.
    if (failed && !signal.aborted) await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function waitForStart(container: Docker.Container, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    const info = await container.inspect().catch(() => null);
    if (!info || info.State.Running) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
