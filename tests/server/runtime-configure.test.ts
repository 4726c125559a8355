import { describe, expect, it } from 'vitest';
import type { ClusterEvent } from '../../src/server/runtime/cluster-runtime.ts';
import { EmbeddedRuntime } from '../../src/server/runtime/embedded-runtime.ts';

/** `configure({ brokerIds })`: other broker ids on the same runtime, without a new process. */
describe('EmbeddedRuntime.configure', () => {
  const kafkaIds = async (runtime: EmbeddedRuntime) => (await runtime.status()).nodes.filter((node) => node.kind === 'kafka').map((node) => node.id);

  it('changes the ids of a down cluster without bringing it up, and refuses ids that cannot work', async () => {
    await using runtime = new EmbeddedRuntime({ zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0] });
    const status = await runtime.configure({ brokerIds: [7, 8, 9] });
    expect(status.state).toBe('down');
    expect(await kafkaIds(runtime)).toEqual([7, 8, 9]);
    await expect(runtime.configure({ brokerIds: [1, 2] })).rejects.toMatchObject({ code: 'bad_request', status: 400, message: expect.stringContaining('2 broker ids but 3 broker ports') });
    await expect(runtime.configure({ brokerIds: [4, 4, 5] })).rejects.toMatchObject({ code: 'bad_request', hint: expect.stringContaining('own id') });
    expect(await kafkaIds(runtime)).toEqual([7, 8, 9]);
    // Omitted ids: the runtime's own again.
    await runtime.configure({});
    expect(await kafkaIds(runtime)).toEqual([1, 2, 3]);
  });

  it('brings a running cluster down and up again with the new ids, and does nothing when they are unchanged', async () => {
    await using runtime = new EmbeddedRuntime({ zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0], brokerIds: [1, 2, 3] });
    await runtime.up();
    const events: ClusterEvent[] = [];
    const off = runtime.onEvent((event) => events.push(event));
    await runtime.configure({ brokerIds: [1, 2, 3] });
    expect(events).toEqual([]);
    const status = await runtime.configure({ brokerIds: [101, 102, 103] });
    off();
    expect(status.state).toBe('up');
    expect(status.nodes.filter((node) => node.kind === 'kafka').map((node) => [node.name, node.id, node.state])).toEqual([
      ['kafka-1', 101, 'running'],
      ['kafka-2', 102, 'running'],
      ['kafka-3', 103, 'running'],
    ]);
    expect(events.filter((event) => event.type === 'cluster-state').map((event) => event.type === 'cluster-state' && event.state)).toEqual(['stopping', 'down', 'starting', 'up']);
    await expect.poll(async () => (await runtime.status()).kafka?.controllerId, { timeout: 10_000 }).toBeGreaterThan(100);
  });
});
