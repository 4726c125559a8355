import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogLine } from '../../logger.ts';
import { createLogger } from '../../logger.ts';
import { MemoryTransport } from '../../transport/memory-transport.ts';
import type { Connection } from '../../transport/transport.ts';
import { ZooKeeperEnsemble } from '../zookeeper-ensemble.ts';
import { badInputs, connectRequestFrame, random, randomInput } from './testing/bad-frames.ts';
import { RawClient } from './testing/raw-client.ts';
import { waitUntil } from './testing/wait.ts';

const transport = new MemoryTransport();
const logs: LogLine[] = [];
let zk: ZooKeeperEnsemble;
let port: number;
let healthy: RawClient;

async function send(chunks: Uint8Array[], afterHandshake: boolean): Promise<Connection> {
  const connection = await transport.connect('127.0.0.1', port);
  if (afterHandshake) {
    const handshake = new Promise<void>((resolve) => connection.onData(() => resolve()));
    connection.write(connectRequestFrame());
    await handshake;
  }
  for (const chunk of chunks) connection.write(chunk);
  return connection;
}

beforeAll(async () => {
  zk = await ZooKeeperEnsemble.start({ transport, clientPorts: [0, 0, 0], tickTimeMs: 100, logger: createLogger((line) => logs.push(line), 'debug') });
  port = zk.status()[0].clientPort;
  healthy = await RawClient.connect(transport, '127.0.0.1', port);
  await healthy.create('/healthy', 'yes');
  await healthy.exists('/healthy-watch', true);
});
afterAll(() => zk.close());

describe('bad input closes that connection only, with a logged reason', () => {
  it.each(badInputs.map((b) => [b.name, b] as const))('%s', async (_name, input) => {
    const before = logs.length;
    const connection = await send(input.chunks, input.afterHandshake);
    await waitUntil(() => connection.closed, 'the server to close the connection', 2000);
    const reasons = logs.slice(before).filter((l) => l.message.startsWith('closing connection'));
    expect(reasons.map((l) => l.message)).toEqual([expect.stringMatching(input.reason)]);
    expect(reasons[0].level).toBe('warn');
    expect((await healthy.getData('/healthy')).data).toBe('yes');
  });

  it('answers an unknown opcode with UNIMPLEMENTED and keeps the connection', async () => {
    const client = await RawClient.connect(transport, '127.0.0.1', port);
    const reply = await client.request(999);
    expect(reply.header.err).toBe(-6);
    expect((await client.getData('/healthy')).data).toBe('yes');
    client.destroy();
  });

  it('survives a bounded fuzz run: every member and every other session keep working', async () => {
    const next = random(0xc0ffee);
    const connections: Connection[] = [];
    for (let i = 0; i < 300; i++) {
      const id = 1 + (i % 3);
      const target = zk.status()[id - 1].clientPort;
      const connection = await transport.connect('127.0.0.1', target);
      const afterHandshake = next() < 0.6;
      if (afterHandshake) {
        const handshake = new Promise<void>((resolve) => connection.onData(() => resolve()));
        connection.write(connectRequestFrame());
        await handshake;
      }
      for (const chunk of randomInput(next)) connection.write(chunk);
      connections.push(connection);
      if (i % 50 === 49) {
        for (const c of connections.splice(0)) c.destroy();
        expect((await healthy.getData('/healthy')).data).toBe('yes');
      }
    }
    for (const c of connections) c.destroy();
    expect(zk.status().every((s) => s.running && s.serving)).toBe(true);
    expect(logs.filter((l) => l.level === 'error')).toEqual([]);
    // The healthy session still writes, reads and gets its watch.
    await healthy.create('/healthy-watch');
    await healthy.waitForEvents(1);
    expect(healthy.events).toEqual([{ type: 1, state: 3, path: '/healthy-watch' }]);
    for (const id of [1, 2, 3]) {
      const client = await RawClient.connect(transport, '127.0.0.1', zk.status()[id - 1].clientPort);
      await client.request(9, (w) => w.ustring('/'));
      expect((await client.getData('/healthy')).data).toBe('yes');
      await client.close();
    }
  });
});
