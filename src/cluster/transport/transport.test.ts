import { describe, expect, it } from 'vitest';
import { MemoryTransport } from './memory-transport.ts';
import { TcpTransport } from './tcp-transport.ts';
import type { Connection, Transport } from './transport.ts';

for (const [name, make] of [
  ['memory', () => new MemoryTransport()],
  ['tcp', () => new TcpTransport()],
] as Array<[string, () => Transport]>) {
  describe(`${name} transport`, () => {
    it('echoes bytes in order and reports closes on both sides', async () => {
      const transport = make();
      const serverSide: Connection[] = [];
      const listener = await transport.listen('127.0.0.1', 0, (connection) => {
        serverSide.push(connection);
        connection.onData((bytes) => connection.write(bytes));
      });
      expect(listener.port).toBeGreaterThan(0);
      const client = await transport.connect('127.0.0.1', listener.port);
      const received: number[] = [];
      const gotAll = new Promise<void>((resolve) =>
        client.onData((bytes) => {
          received.push(...bytes);
          if (received.length === 6) resolve();
        }),
      );
      client.write(new Uint8Array([1, 2, 3]));
      client.write(new Uint8Array([4, 5, 6]));
      await gotAll;
      expect(received).toEqual([1, 2, 3, 4, 5, 6]);
      const closed = new Promise<void>((resolve) => client.onClose(() => resolve()));
      await listener.close();
      await closed;
      expect(client.closed).toBe(true);
      await expect(transport.connect('127.0.0.1', listener.port)).rejects.toThrow(/ECONNREFUSED/);
    });
  });
}
