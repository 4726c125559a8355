/**
 * The whole cluster without Node: three ZooKeeper members and three brokers over `MemoryTransport` (as
 * in a browser tab), on the course's ports of a private in-memory network. Kafka is driven through its
 * wire protocol (CreateTopics, Produce, Fetch on our own codecs) and Kafka's state read from ZooKeeper's
 * znodes through our ZooKeeper client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseBrokerConfig } from './course-broker-config.ts';
import { EmbeddedCluster } from './embedded-cluster.ts';
import type { EmbeddedClusterEvents } from './embedded-cluster-status.ts';
import { pollUntil } from './poll-until.ts';
import { WireKafkaClient } from './testing/wire-kafka-client.ts';
import { MemoryTransport } from './transport/memory-transport.ts';
import type { ZooKeeperClient } from './zookeeper/client/index.ts';

interface PartitionState {
  leader: number;
  isr: number[];
  leader_epoch: number;
}

type NodeStateChange = EmbeddedClusterEvents['node-state'][0];

describe('EmbeddedCluster over MemoryTransport', () => {
  let cluster: EmbeddedCluster;
  let zk: ZooKeeperClient;
  let client: WireKafkaClient;
  const changes: NodeStateChange[] = [];

  beforeAll(async () => {
    const transport = new MemoryTransport();
    cluster = await EmbeddedCluster.start({
      transport,
      brokers: { config: { ...courseBrokerConfig, offsetsTopicNumPartitions: 3, replicaLagTimeMaxMs: 2000 } },
    });
    cluster.on('node-state', (change) => changes.push(change));
    zk = await cluster.openZooKeeperClient();
    client = new WireKafkaClient(transport);
  });
  afterAll(async () => {
    client?.close();
    await zk?.close();
    await cluster?.close();
  });

  async function partitionState(topic: string, partition: number): Promise<PartitionState | null> {
    try {
      const { data } = await zk.getData(`/brokers/topics/${topic}/partitions/${partition}/state`);
      return JSON.parse(new TextDecoder().decode(data ?? new Uint8Array())) as PartitionState;
    } catch {
      return null;
    }
  }

  async function waitForState(what: string, topic: string, partition: number, check: (state: PartitionState) => boolean, timeoutMs = 15_000): Promise<PartitionState> {
    let last: PartitionState | null = null;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      last = await partitionState(topic, partition);
      if (last && check(last)) return last;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} on ${topic}-${partition} (last state: ${JSON.stringify(last)})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const address = (brokerId: number) => {
    const node = cluster.status().nodes.find((n) => n.kind === 'kafka' && n.id === brokerId)!;
    return `${node.host}:${node.port}`;
  };

  it('starts on the course layout: one ZooKeeper leader, three brokers, one controller', () => {
    const status = cluster.status();
    expect(status.nodes.map((node) => `${node.name}:${node.port}:${node.state}`)).toEqual([
      'zookeeper-1:12181:running', 'zookeeper-2:22181:running', 'zookeeper-3:32181:running',
      'kafka-1:19092:running', 'kafka-2:29092:running', 'kafka-3:39092:running',
    ]);
    expect(status.nodes.filter((node) => node.kind === 'zookeeper').map((node) => node.mode).sort()).toEqual(['follower', 'follower', 'leader']);
    expect(status.controllerId).not.toBeNull();
    expect(status.nodes.filter((node) => node.controller).map((node) => node.id)).toEqual([status.controllerId]);
    expect(status.zookeeper.leader).toMatch(/^zookeeper-\d$/);
  });

  it('fails over: stop the leader of partition 0, no acknowledged loss, acks=all still works, ISR back to 3 after a restart', async () => {
    const controllerId = cluster.status().controllerId!;
    expect(await client.createTopic(address(controllerId), 'test', 2, 3)).toBe(0);
    const before = await Promise.all([0, 1].map((p) => waitForState('3 in-sync replicas', 'test', p, (s) => s.leader > 0 && s.isr.length === 3)));

    const sent: string[][] = [[], []];
    for (let i = 0; i < 30; i++) {
      const partition = i % 2;
      const value = `m${i}`;
      expect(await client.produce(address(before[partition].leader), 'test', partition, [value], -1)).toBe(0);
      sent[partition].push(value);
    }

    const victim = before[0].leader;
    const victimName = cluster.brokerName(victim);
    await cluster.stop(victimName);
    expect(cluster.status().nodes.find((node) => node.name === victimName)?.state).toBe('stopped');
    const after = await Promise.all(
      [0, 1].map((p) => waitForState('leadership and ISR without the stopped broker', 'test', p, (s) => s.leader > 0 && s.leader !== victim && !s.isr.includes(victim))),
    );
    expect(after.map((s) => s.isr.length)).toEqual([2, 2]);
    expect(after[0].leader_epoch).toBeGreaterThan(before[0].leader_epoch);

    for (let i = 30; i < 40; i++) {
      const partition = i % 2;
      const value = `m${i}`;
      expect(await client.produce(address(after[partition].leader), 'test', partition, [value], -1)).toBe(0);
      sent[partition].push(value);
    }
    for (const partition of [0, 1]) {
      const read = await client.readAll(address(after[partition].leader), 'test', partition);
      expect(read.errorCode).toBe(0);
      expect(read.values).toEqual(sent[partition]);
    }

    await cluster.start(victimName);
    await Promise.all([0, 1].map((p) => waitForState('the restarted broker back in the ISR', 'test', p, (s) => s.isr.length === 3)));
    expect(changes).toContainEqual({ node: victimName, kind: 'kafka', id: victim, state: 'stopped' });
    expect(changes.filter((change) => change.node === victimName).at(-1)?.state).toBe('running');
  }, 40_000);

  it('isolates a broker: its session expires, leadership moves, clients still reach it; healed, it rejoins the ISR', async () => {
    const controllerId = cluster.status().controllerId!;
    expect(await client.createTopic(address(controllerId), 'cut', 1, 3)).toBe(0);
    const before = await waitForState('3 in-sync replicas', 'cut', 0, (s) => s.leader > 0 && s.isr.length === 3);
    expect(await client.produce(address(before.leader), 'cut', 0, ['before'], -1)).toBe(0);

    const victim = before.leader;
    const victimName = cluster.brokerName(victim);
    cluster.isolate(victimName);
    expect(cluster.status().nodes.find((node) => node.name === victimName)?.state).toBe('isolated');
    const moved = await waitForState('a new leader once the isolated broker\'s session expired', 'cut', 0, (s) => s.leader > 0 && s.leader !== victim && !s.isr.includes(victim), 20_000);
    expect(await client.produce(address(moved.leader), 'cut', 0, ['during'], -1)).toBe(0);
    // A client still reaches the isolated broker: it answers (it does not lead the partition any more, or cannot reach its followers).
    const fromIsolated = await client.readAll(address(victim), 'cut', 0).catch((error: unknown) => ({ errorCode: -999, values: [String(error)] }));
    expect(fromIsolated.errorCode).not.toBe(-999);

    cluster.heal(victimName);
    expect(cluster.status().nodes.find((node) => node.name === victimName)?.state).toBe('running');
    await waitForState('the healed broker back in the ISR', 'cut', 0, (s) => s.isr.length === 3, 20_000);
    expect((await client.readAll(address(moved.leader), 'cut', 0)).values).toEqual(['before', 'during']);
  }, 40_000);

  it('isolates the ZooKeeper leader: another member leads; healed, it follows', async () => {
    const leader = cluster.status().zookeeper.leader!;
    cluster.isolate(leader);
    expect(cluster.status().nodes.find((node) => node.name === leader)?.state).toBe('isolated');
    await pollUntil('a new ZooKeeper leader', () => cluster.status().zookeeper.leader !== null && cluster.status().zookeeper.leader !== leader, 10_000);
    cluster.heal(leader);
    await pollUntil(`${leader} following`, () => cluster.status().nodes.find((node) => node.name === leader)?.mode === 'follower', 10_000);
    expect(changes.filter((change) => change.node === leader).map((change) => change.state)).toEqual(['isolated', 'running']);
  }, 30_000);

  it('refuses to isolate a stopped node, and names the nodes it knows', async () => {
    await cluster.kill('kafka-3');
    expect(() => cluster.isolate('kafka-3')).toThrow(/stopped/);
    expect(() => cluster.isolate('kafka-9')).toThrow(/kafka-1, kafka-2, kafka-3/);
    await cluster.start('kafka-3');
    expect(cluster.status().nodes.find((node) => node.name === 'kafka-3')?.state).toBe('running');
  }, 30_000);
});
