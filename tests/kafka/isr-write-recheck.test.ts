/**
 * A leader whose ISR write failed on a version mismatch (the znode moved on, e.g. its own write landed but
 * the answer was lost) re-reads the partition state znode and takes its version, as Kafka's
 * `checkLeaderAndIsrZkData` does; otherwise every later ISR change of that partition fails forever.
 */
import { describe, expect, it } from 'vitest';
import { decodePartitionState } from '../../src/cluster/kafka/zk/znode-json.ts';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';

describe('ISR write re-check', () => {
  it('a leader whose ISR write hits BADVERSION adopts the znode version and the follower rejoins the ISR', async () => {
    await using cluster = await startKafkaTestCluster({ config: { replicaLagTimeMaxMs: 1000, offsetsTopicNumPartitions: 1 } });
    const controller = await eventually('a controller', () => [...cluster.brokers.values()].find((b) => b.status().controller)?.id);
    const [leader, follower] = [1, 2, 3].filter((id) => id !== controller);
    const admin = cluster.broker(controller).services.internals.admin;
    await admin.createTopic({ name: 't', numPartitions: -1, replicationFactor: -1, assignments: new Map([[0, [leader, follower]]]), configs: {} });
    await admin.waitForLeaders('t', 5000);
    const zk = await cluster.zookeeperClient();
    const path = '/brokers/topics/t/partitions/0/state';
    const isrInZk = async () => decodePartitionState(path, (await zk.getData(path)).data).isr;

    await cluster.stop(follower);
    await eventually('the leader shrinks the ISR to itself', async () => ((await isrInZk()).join() === String(leader) ? true : undefined));
    // The znode moves on behind the leader's back (same content, new version).
    const { data, stat } = await zk.getData(path);
    await zk.setData(path, data, stat.version);

    await cluster.start(follower);
    await eventually('the follower rejoins the ISR in ZooKeeper', async () => ((await isrInZk()).includes(follower) ? true : undefined), 20_000);
    const partition = cluster.broker(leader).services.internals.replicas.getPartition('t', 0)!;
    expect(partition.isr).toContain(follower);
    expect(partition.zkVersion).toBe((await zk.getData(path)).stat.version);
  }, 60_000);
});
