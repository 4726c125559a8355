import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TcpTransport } from '../../src/cluster/transport/tcp-transport.ts';
import type { Transport } from '../../src/cluster/transport/transport.ts';
import { clusterOnlyTransport } from '../../src/server/terminal/cluster-only-transport.ts';

/** A TCP server that counts the connections it accepts. */
async function countingServer(): Promise<{ port: number; accepted: () => number; close: () => Promise<void> }> {
  let accepted = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.end('hello\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    accepted: () => accepted,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('clusterOnlyTransport: the server terminal reaches the cluster\'s ports on loopback, nothing else', () => {
  let cluster: Awaited<ReturnType<typeof countingServer>>;
  let other: Awaited<ReturnType<typeof countingServer>>;
  const dialled: string[] = [];
  let transport: Transport;

  beforeAll(async () => {
    cluster = await countingServer();
    other = await countingServer();
    const tcp = new TcpTransport();
    const recording: Transport = {
      listen: (host, port, onConnection) => tcp.listen(host, port, onConnection),
      connect: (host, port) => {
        dialled.push(`${host}:${port}`);
        return tcp.connect(host, port);
      },
    };
    transport = clusterOnlyTransport(recording, async () => [cluster.port, 0]);
  });
  afterAll(async () => {
    await cluster?.close();
    await other?.close();
  });

  it('connects to a cluster port by every loopback name', async () => {
    for (const host of ['localhost', '127.0.0.1', 'LOCALHOST']) {
      const connection = await transport.connect(host, cluster.port);
      const greeting = await new Promise<string>((resolve) => connection.onData((bytes) => resolve(Buffer.from(bytes).toString())));
      expect(greeting).toBe('hello\n');
      connection.close();
    }
    expect(cluster.accepted()).toBe(3);
  });

  it('refuses another port on loopback as a refused connection, without dialling it', async () => {
    dialled.length = 0;
    const refused = await transport.connect('localhost', other.port).catch((error: NodeJS.ErrnoException) => error);
    expect(refused).toBeInstanceOf(Error);
    expect(refused).toMatchObject({ code: 'ECONNREFUSED', syscall: 'connect', message: `connect ECONNREFUSED 127.0.0.1:${other.port}` });
    expect(dialled).toEqual([]);
    expect(other.accepted()).toBe(0);
  });

  it('refuses a cluster port under any other name or address (the host\'s network, the metadata service)', async () => {
    dialled.length = 0;
    for (const host of ['example.com', '10.0.0.1', '169.254.169.254', '127.0.0.2', '0.0.0.0', 'localhost.example']) {
      const refused = await transport.connect(host, cluster.port).catch((error: NodeJS.ErrnoException) => error);
      expect(refused, host).toMatchObject({ code: 'ECONNREFUSED' });
    }
    for (const port of [0, -1, 1.5, 65536]) {
      const refused = await transport.connect('localhost', port).catch((error: NodeJS.ErrnoException) => error);
      expect(refused, String(port)).toMatchObject({ code: 'ECONNREFUSED' });
    }
    expect(dialled).toEqual([]);
  });

  it('listens nowhere', async () => {
    await expect(transport.listen('127.0.0.1', 0, () => {})).rejects.toMatchObject({ code: 'EACCES' });
  });
});
