import { describe, expect, it } from 'vitest';
import { NetworkPartition } from './network-partition.ts';
import { MemoryTransport } from './transport/memory-transport.ts';

describe('NetworkPartition', () => {
  it('cuts an isolated node from its peers both ways, leaves outsiders alone, and heals', async () => {
    const memory = new MemoryTransport();
    const partition = new NetworkPartition();
    const ports = new Map([[1001, 'a'], [1002, 'b']]);
    const peerOf = (_host: string, port: number) => ports.get(port);
    const a = partition.transportFor('a', memory, peerOf);
    const b = partition.transportFor('b', memory, peerOf);
    await a.listen('h', 1001, () => {});
    await b.listen('h', 1002, () => {});
    await memory.listen('h', 2000, () => {});

    const aToB = await a.connect('h', 1002);
    const bToA = await b.connect('h', 1001);
    const aToOutside = await a.connect('h', 2000);
    partition.isolate('a');
    expect(aToB.closed && bToA.closed).toBe(true);
    expect(aToOutside.closed).toBe(false);
    await expect(a.connect('h', 1002)).rejects.toThrow(/a is isolated/);
    await expect(b.connect('h', 1001)).rejects.toThrow(/a is isolated/);
    // A client outside the cluster still reaches the isolated node.
    expect((await memory.connect('h', 1001)).closed).toBe(false);

    partition.heal('a');
    expect((await b.connect('h', 1001)).closed).toBe(false);
  });
});
