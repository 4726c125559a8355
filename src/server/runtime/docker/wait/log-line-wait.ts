/** Ready once the container has written a line matching `pattern` (since it last started). */
import type Docker from 'dockerode';
import type { WaitStrategy } from './wait-strategy.ts';

export function logLineWait(name: string, container: Docker.Container, pattern: RegExp): WaitStrategy {
  return {
    description: `${name} to log a line matching ${pattern}`,
    async probe() {
      const info = await container.inspect();
      if (!info.State.Running) return { ready: false, saw: `${name} is ${info.State.Status}` };
      const since = Math.floor(new Date(info.State.StartedAt).getTime() / 1000);
      const raw = (await container.logs({ stdout: true, stderr: true, follow: false, since, tail: 2000 })) as unknown as Buffer;
      const text = demuxed(raw);
      const match = text.split('\n').find((line) => pattern.test(line));
      return match ? { ready: true, saw: match } : { ready: false, saw: `${text.split('\n').length - 1} lines, none matching` };
    },
  };
}

/** A non-TTY container's log is multiplexed: 8-byte headers (stream, 0, 0, 0, size) before each chunk. */
export function demuxed(raw: Buffer): string {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= raw.length && (raw[offset] === 1 || raw[offset] === 2) && raw[offset + 1] === 0) {
    const size = raw.readUInt32BE(offset + 4);
    parts.push(raw.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  return offset === 0 ? raw.toString('utf8') : Buffer.concat(parts).toString('utf8');
}
