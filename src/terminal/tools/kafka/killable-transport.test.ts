/** The kill switch of a tool's client: its connections destroyed (their owners hear it), none opened after. */
import { describe, expect, it } from 'vitest';
import { MemoryTransport } from '../../../cluster/transport/memory-transport.ts';
import type { Connection } from '../../../cluster/transport/transport.ts';
import { closeThenKill } from './client-shutdown.ts';
import { KillableTransport, TransportKilledError } from './killable-transport.ts';

async function listening() {
  const network = new MemoryTransport();
  const accepted: Connection[] = [];
  const listener = await network.listen('localhost', 9092, (connection) => accepted.push(connection));
  return { network, accepted, port: listener.port };
}

describe('KillableTransport', () => {
  it('passes connections through until killed, then destroys them all and refuses new ones', async () => {
    const { network, accepted, port } = await listening();
    const transport = new KillableTransport(network);
    const first = await transport.connect('localhost', port);
    const second = await transport.connect('localhost', port);
    const heard: Array<string> = [];
    first.onClose(() => heard.push('first closed'));
    first.write(new Uint8Array([1]));
    expect(transport.openConnections).toBe(2);

    transport.kill();
    expect(first.closed && second.closed).toBe(true);
    expect(transport.openConnections).toBe(0);
    await expect(transport.connect('localhost', port)).rejects.toBeInstanceOf(TransportKilledError);
    // Only the two connections made before the kill reached the network.
    expect(accepted).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(heard).toEqual(['first closed']);
    expect(accepted.every((connection) => connection.closed)).toBe(true);
  });

  it('destroys a connection that opens after the kill instead of handing it out', async () => {
    const { network, accepted, port } = await listening();
    const transport = new KillableTransport(network);
    const connecting = transport.connect('localhost', port);
    transport.kill();
    await expect(connecting).rejects.toBeInstanceOf(TransportKilledError);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(accepted.every((connection) => connection.closed)).toBe(true);
  });

  it('forgets connections that closed on their own', async () => {
    const { network, port } = await listening();
    const transport = new KillableTransport(network);
    const connection = await transport.connect('localhost', port);
    connection.close();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(transport.openConnections).toBe(0);
  });
});

describe('closeThenKill', () => {
  it('kills the client as soon as its close is done', async () => {
    const killed: number[] = [];
    const started = Date.now();
    await closeThenKill(Promise.resolve(), { kill: () => killed.push(Date.now() - started) }, 5_000);
    expect(killed).toHaveLength(1);
    expect(killed[0]).toBeLessThan(1_000);
  });

  it('kills it after the grace when the close hangs, and ignores a close that fails', async () => {
    let killed = 0;
    const started = Date.now();
    await closeThenKill(new Promise(() => {}), { kill: () => killed++ }, 100);
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    expect(killed).toBe(1);
    await closeThenKill(Promise.reject(new Error('coordinator gone')), { kill: () => killed++ }, 5_000);
    expect(killed).toBe(2);
  });
});
