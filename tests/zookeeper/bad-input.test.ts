/**
 * Bad input over real TCP: malformed, truncated and oversized frames (and a bounded fuzz run) close
 * only the offending connection, with a logged reason; the member, the ensemble and a healthy session
 * (a real client, node-zookeeper-client) keep working.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badInputs, connectRequestFrame, random, randomInput } from '../../src/cluster/zookeeper/server/testing/bad-frames.ts';
import { waitUntil } from '../../src/cluster/zookeeper/server/testing/wait.ts';
import { connectNzc, nz, nzc, text } from './helpers/nzc.ts';
import type { NzcClient } from './helpers/nzc.ts';
import { startTcpEnsemble } from './helpers/tcp-ensemble.ts';
import type { TcpEnsemble } from './helpers/tcp-ensemble.ts';

let ensemble: TcpEnsemble;
let healthy: NzcClient;
let port: number;

/** Sends raw chunks on a fresh socket; resolves when the server closes it (or after `timeoutMs`). */
function sendRaw(chunks: Uint8Array[], afterHandshake: boolean, timeoutMs = 3000): Promise<'closed' | 'open'> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('open');
    }, timeoutMs);
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve('closed');
    });
    socket.on('connect', () => {
      if (afterHandshake) {
        socket.write(connectRequestFrame());
        socket.once('data', () => chunks.forEach((c) => socket.write(c)));
      } else {
        chunks.forEach((c) => socket.write(c));
      }
    });
  });
}

beforeAll(async () => {
  ensemble = await startTcpEnsemble();
  port = ensemble.zk.status()[0].clientPort;
  ({ client: healthy } = await connectNzc(ensemble.address(1)));
  await nz(healthy).create('/healthy', Buffer.from('yes'), nzc.CreateMode.PERSISTENT);
});
afterAll(async () => {
  healthy.close();
  await ensemble.zk.close();
});

describe('bad input over TCP', () => {
  it.each(badInputs.map((b) => [b.name, b] as const))('%s: that connection closes with the reason logged', async (_name, input) => {
    const before = ensemble.logs.length;
    expect(await sendRaw(input.chunks, input.afterHandshake)).toBe('closed');
    await waitUntil(() => ensemble.logs.slice(before).some((l) => l.message.startsWith('closing connection')), 'the log line');
    const reasons = ensemble.logs.slice(before).filter((l) => l.message.startsWith('closing connection 127.0.0.1:'));
    expect(reasons.map((l) => l.message)).toEqual([expect.stringMatching(input.reason)]);
    const [data] = await nz(healthy).getData('/healthy');
    expect(text(data)).toBe('yes');
  });

  it('a client that dies half-way through a frame does not disturb another session', async () => {
    const frame = connectRequestFrame();
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.on('error', () => {});
    await new Promise((resolve) => socket.on('connect', resolve));
    socket.write(frame.subarray(0, 20));
    socket.destroy();
    const [data] = await nz(healthy).getData('/healthy');
    expect(text(data)).toBe('yes');
  });

  it('survives 200 random frames across all members; every other session keeps working', async () => {
    const next = random(20261125);
    const { zk } = ensemble;
    for (let i = 0; i < 200; i++) {
      port = zk.status()[i % 3].clientPort;
      await sendRaw(randomInput(next), next() < 0.6, 40);
    }
    port = zk.status()[0].clientPort;
    expect(zk.status().every((s) => s.running && s.serving)).toBe(true);
    expect(ensemble.logs.filter((l) => l.level === 'error')).toEqual([]);
    const [stat] = await nz(healthy).setData('/healthy', Buffer.from('still'), -1);
    expect(stat.version).toBe(1);
  });
});
