/**
 * The runtime's isolate and heal actions over the embedded cluster (on `MemoryTransport`: no ports), the reasons
 * it gives when an action makes no sense for the node's state, and the cluster events it forwards to the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryTransport } from '../../cluster/transport/memory-transport.ts';
import type { ClusterEvent } from './cluster-runtime.ts';
import { EmbeddedRuntime } from './embedded-runtime.ts';

describe('EmbeddedRuntime isolate and heal', () => {
  let runtime: EmbeddedRuntime;
  const events: ClusterEvent[] = [];

  beforeAll(async () => {
    runtime = new EmbeddedRuntime({ transport: new MemoryTransport(), zookeeperPorts: [0, 0, 0], kafkaPorts: [0, 0, 0], brokerConfig: { offsetsTopicNumPartitions: 3 } });
    runtime.onEvent((event) => events.push(event));
    await runtime.up();
  }, 30_000);
  afterAll(async () => {
    await runtime?.down();
  });

  const stateOf = async (name: string) => (await runtime.status()).nodes.find((node) => node.name === name)?.state;

  it('isolates a broker and heals it, and reports both as node-state events', async () => {
    const isolated = await runtime.nodeAction('kafka-2', 'isolate');
    expect(isolated.nodes.find((node) => node.name === 'kafka-2')?.state).toBe('isolated');
    await expect(runtime.nodeAction('kafka-2', 'isolate')).rejects.toMatchObject({ code: 'invalid_state', message: 'Cannot isolate kafka-2: it is already isolated.' });
    await expect(runtime.nodeAction('kafka-2', 'start')).rejects.toMatchObject({ code: 'invalid_state' });
    const healed = await runtime.nodeAction('kafka-2', 'heal');
    expect(healed.nodes.find((node) => node.name === 'kafka-2')?.state).toBe('running');
    expect(events.filter((event) => event.type === 'node-state' && event.node === 'kafka-2').map((event) => event.type === 'node-state' && event.state)).toEqual(['running', 'isolated', 'running']);
  });

  it('refuses to heal a node that is not isolated, and to isolate a stopped one', async () => {
    await expect(runtime.nodeAction('zookeeper-1', 'heal')).rejects.toMatchObject({ code: 'invalid_state', message: 'Cannot heal zookeeper-1: it is not isolated (it is running).' });
    await runtime.nodeAction('kafka-3', 'kill');
    await expect(runtime.nodeAction('kafka-3', 'isolate')).rejects.toMatchObject({ code: 'invalid_state', hint: expect.stringContaining('/kafka-3/start') });
    await runtime.nodeAction('kafka-3', 'start');
    expect(await stateOf('kafka-3')).toBe('running');
  }, 30_000);

  it("forwards the controller's requests to the brokers as kafka-controller-request events", async () => {
    const mark = events.length;
    await runtime.nodeAction('kafka-2', 'stop');
    await runtime.nodeAction('kafka-2', 'start');
    const deadline = Date.now() + 10_000;
    // The restarted broker 2 gets the full metadata (requests to it while it was stopping were dropped).
    const answered = () =>
      events.slice(mark).find((event) => event.type === 'kafka-controller-request' && event.broker === 2 && event.api === 'UpdateMetadata' && event.outcome.ok);
    while (!answered() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const update = answered();
    expect(update).toMatchObject({ type: 'kafka-controller-request', api: 'UpdateMetadata', broker: 2, outcome: { ok: true, errorCode: 0 } });
    // Plain data, as the events route sends it to the page.
    expect(JSON.parse(JSON.stringify(update))).toEqual(update);
  }, 30_000);

  it('stopping an isolated ZooKeeper member ends its isolation: it comes back connected', async () => {
    await runtime.nodeAction('zookeeper-2', 'isolate');
    expect(await stateOf('zookeeper-2')).toBe('isolated');
    await runtime.nodeAction('zookeeper-2', 'stop');
    expect(await stateOf('zookeeper-2')).toBe('stopped');
    await runtime.nodeAction('zookeeper-2', 'start');
    await expect.poll(async () => (await runtime.status()).nodes.find((node) => node.name === 'zookeeper-2')?.mode, { timeout: 10_000 }).toMatch(/leader|follower/);
    expect(await stateOf('zookeeper-2')).toBe('running');
  }, 30_000);
});
