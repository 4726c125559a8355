/**
 * A broker that dies and re-registers before the controller handles its disappearance ("bounced": same
 * id, new registration epoch) goes through failover first, as Kafka's `processBrokerChange` does
 * (`onBrokerFailure` then `onBrokerStartup`): it came back with an empty log, so it must not stay the
 * leader at the old epoch (its followers would truncate to its empty log and acknowledged records vanish).
 */
import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { API_KEYS } from '../../src/cluster/kafka/protocol/index.ts';
import { decodePartitionState } from '../../src/cluster/kafka/zk/znode-json.ts';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';

describe('bounced broker', () => {
  it('a leader that re-registers before the controller noticed it gone loses its leadership and no acknowledged record is lost', async () => {
    // A 2 s session: the old registration expires well within the controller's 3 s wait for StopReplica answers.
    await using cluster = await startKafkaTestCluster({ config: { offsetsTopicNumPartitions: 1, zookeeperSessionTimeoutMs: 2000 } });
    const controller = await eventually('a controller', () => [...cluster.brokers.values()].find((b) => b.status().controller)?.id);
    const [leader, follower] = [1, 2, 3].filter((id) => id !== controller);
    const admin = cluster.broker(controller).services.internals.admin;
    await admin.createTopic({ name: 'data', numPartitions: -1, replicationFactor: -1, assignments: new Map([[0, [leader, follower]]]), configs: {} });
    // Topics whose deletion keeps the controller busy (below): each waits up to 3 s for a StopReplica answer.
    const slow = ['slow-1', 'slow-2', 'slow-3', 'slow-4'];
    for (const name of slow) await admin.createTopic({ name, numPartitions: -1, replicationFactor: -1, assignments: new Map([[0, [follower]]]), configs: {} });
    await admin.waitForLeaders('data', 5000);
    for (const name of slow) await admin.waitForLeaders(name, 5000);
    const kafka = new Kafka({ brokers: cluster.bootstrap, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'data', acks: -1, messages: ['a', 'b', 'c', 'd', 'e'].map((value) => ({ value })) });
    await producer.disconnect();
    const zk = await cluster.zookeeperClient();
    const path = '/brokers/topics/data/partitions/0/state';
    const state = async () => decodePartitionState(path, (await zk.getData(path)).data);
    expect(await state()).toMatchObject({ leader, leaderEpoch: 0 });

    // Keep the controller busy from before the kill until the broker has registered again: each topic
    // deletion, one after the other, waits (up to 3 s) for the follower's answer to StopReplica, which is
    // held until then: 12 s at most, whatever the machine's load does to the restart.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const controllerBusy = new Promise<void>((resolve) => (holding = resolve));
    const removeHold = cluster.broker(follower).faults.add(API_KEYS.StopReplica, async () => {
      holding();
      await held;
      return undefined;
    });
    for (const name of slow) await zk.create(`/admin/delete_topics/${name}`, new Uint8Array(), 'persistent');
    await controllerBusy;

    await cluster.kill(leader);
    await cluster.start(leader); // registers again once the old session has expired
    expect(await state()).toMatchObject({ leader, leaderEpoch: 0 }); // the controller has not acted yet
    release();
    removeHold();

    const after = await eventually('a new leader epoch for data-0', async () => {
      const current = await state();
      return current.leaderEpoch > 0 ? current : undefined;
    });
    expect(after.leader).not.toBe(-1);
    const newLeader = cluster.broker(after.leader).services.internals.replicas.getPartition('data', 0)!;
    await eventually('the leader has the five acknowledged records', () => (newLeader.logEndOffset === 5n ? true : undefined));
    await eventually('the bounced broker catches up', () =>
      cluster.broker(leader).services.internals.replicas.getPartition('data', 0)?.logEndOffset === 5n ? true : undefined,
    );
  }, 60_000);
});
