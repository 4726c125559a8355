/**
 * `/controller` deleted while a broker is the active controller (by hand, with zookeeper-shell): that
 * broker resigns and the election runs again (Kafka's `processReelect`), so the cluster has a controller
 * znode, a new controller epoch, and keeps working.
 */
import { describe, expect, it } from 'vitest';
import { decodeController } from '../../src/cluster/kafka/zk/znode-json.ts';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';

describe('controller re-election', () => {
  it('a deleted /controller is written again with a higher controller epoch', async () => {
    // One broker: nobody else can take over, so the deleted znode comes back only if the active one re-runs the election.
    await using cluster = await startKafkaTestCluster({ ids: [1], config: { offsetsTopicNumPartitions: 1, offsetsTopicReplicationFactor: 1, defaultReplicationFactor: 1 } });
    const zk = await cluster.zookeeperClient();
    const before = await eventually('a controller', () => [...cluster.brokers.values()].find((b) => b.status().controller)?.id);
    const epochBefore = Number(new TextDecoder().decode((await zk.getData('/controller_epoch')).data ?? new Uint8Array()));
    await zk.delete('/controller');
    const elected = await eventually('/controller written again', async () => {
      const stat = await zk.exists('/controller');
      return stat ? decodeController('/controller', (await zk.getData('/controller')).data) : undefined;
    });
    const epochAfter = Number(new TextDecoder().decode((await zk.getData('/controller_epoch')).data ?? new Uint8Array()));
    expect(epochAfter).toBeGreaterThan(epochBefore);
    await eventually('exactly the elected broker is active', () =>
      [...cluster.brokers.values()].filter((b) => b.status().controller).map((b) => b.id).join() === String(elected) ? true : undefined,
    );
    expect(elected).toBe(before);
    // The new controller works: a new topic gets a leader.
    const admin = cluster.broker(elected).services.internals.admin;
    await admin.createTopic({ name: 'after-reelect', numPartitions: 1, replicationFactor: 1, assignments: new Map(), configs: {} });
    await admin.waitForLeaders('after-reelect', 5000);
  }, 30_000);
});
