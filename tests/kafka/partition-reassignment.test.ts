/**
 * Partition reassignment as `kafka-reassign-partitions` / kafkajs admin drive it on Kafka 3.9 in ZooKeeper
 * mode: on a 4-broker cluster a partition on [1,2,3] moves to [2,3,4] while a producer writes with acks=all.
 * While the new replica catches up (its fetches are held back for a moment) ListPartitionReassignments and
 * the topic znode show RS = TRS ++ ORS with adding/removing replicas; afterwards the replicas are [2,3,4],
 * the ISR settles on them, broker 1 has deleted its replica and every acknowledged message is read back.
 * Also: a hand-written `/admin/reassign_partitions` is honoured and removed, cancellation reverts, and
 * Kafka's errors for bad targets.
 */
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/terminal/testing/run-command.ts';
import { testToolEnvironment } from '../../src/terminal/testing/test-tool-environment.ts';
import { kafkaTopicsCommand } from '../../src/terminal/tools/kafka-topics/kafka-topics-command.ts';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';

const FETCH = 1;
const NOT_LEADER_OR_FOLLOWER = 6;

describe('partition reassignment', () => {
  let cluster: KafkaTestCluster;
  let kafka: Kafka;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ ids: [1, 2, 3, 4], config: { minInsyncReplicas: 2, offsetsTopicNumPartitions: 3, replicaLagTimeMaxMs: 1500 } });
    kafka = new Kafka({ clientId: 'reassign', brokers: cluster.bootstrap, logLevel: logLevel.NOTHING, retry: { retries: 40, initialRetryTime: 100, maxRetryTime: 500 } });
  });
  afterAll(async () => {
    await cluster?.close();
  });

  const topicJson = async (topic: string) => {
    const zk = await cluster.zookeeperClient();
    const { data } = await zk.getData(`/brokers/topics/${topic}`);
    return JSON.parse(new TextDecoder().decode(data)) as { partitions: Record<string, number[]>; adding_replicas: Record<string, number[]>; removing_replicas: Record<string, number[]> };
  };

  it('moves a partition from [1,2,3] to [2,3,4] under acks=all load without losing an acknowledged message', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'moving', replicaAssignment: [{ partition: 0, replicas: [1, 2, 3] }] }], waitForLeaders: true });

    // Broker 4's replica fetches are held back until the ongoing reassignment has been observed.
    let held = true;
    const removeHooks = cluster.ids.map((id) =>
      cluster.broker(id).faults.add(FETCH, (_ctx, request) => (held && (request as { replicaId: number }).replicaId === 4 ? { action: 'error', errorCode: NOT_LEADER_OR_FOLLOWER } : undefined)),
    );

    const producer = kafka.producer({ retry: { retries: 40, initialRetryTime: 100, maxRetryTime: 500 } });
    await producer.connect();
    const acked: string[] = [];
    let stop = false;
    const writing = (async () => {
      for (let i = 0; !stop || i < 100; i++) {
        const value = `m-${i}`;
        await producer.send({ topic: 'moving', acks: -1, timeout: 5000, messages: [{ partition: 0, value }] });
        acked.push(value);
      }
    })();
    await eventually('some messages acknowledged', () => acked.length >= 30);

    await admin.alterPartitionReassignments({ topics: [{ topic: 'moving', partitionAssignment: [{ partition: 0, replicas: [2, 3, 4] }] }] });
    const ongoing = await admin.listPartitionReassignments({});
    expect(ongoing.topics).toEqual([{ name: 'moving', partitions: [{ partition: 0, replicas: [2, 3, 4, 1], addingReplicas: [4], removingReplicas: [1] }] }]);
    const during = await topicJson('moving');
    expect(during.partitions['0']).toEqual([2, 3, 4, 1]);
    expect(during.adding_replicas).toEqual({ '0': [4] });
    expect(during.removing_replicas).toEqual({ '0': [1] });
    expect(cluster.broker(4).services.internals.replicas.getPartition('moving', 0)).toBeDefined();
    // kafka-topics --describe as Kafka 3.9's TopicCommand prints a partition being reassigned.
    const described = await runCommand(kafkaTopicsCommand, ['--bootstrap-server', cluster.bootstrap.join(','), '--describe', '--topic', 'moving'], { env: testToolEnvironment() });
    const [topicLine, partitionLine] = described.stdout.split('\n');
    expect(topicLine).toMatch(/^Topic: moving\tTopicId: \S+\tPartitionCount: 1\tReplicationFactor: 3\tConfigs: min.insync.replicas=2$/);
    expect(partitionLine).toMatch(/^\tTopic: moving\tPartition: 0\tLeader: \d\tReplicas: 2,3,4,1\tIsr: [\d,]+\tAdding Replicas: 4\tRemoving Replicas: 1\tElr: N\/A\tLastKnownElr: N\/A$/);

    held = false;
    for (const remove of removeHooks) remove();
    await eventually('reassignment finished', async () => (await admin.listPartitionReassignments({})).topics.length === 0, 20_000);
    stop = true;
    await writing;
    await producer.disconnect();

    await eventually('ISR settles on the new replicas', async () => {
      const { topics } = await admin.fetchTopicMetadata({ topics: ['moving'] });
      const p = topics[0].partitions[0];
      return p.replicas.join() === '2,3,4' && [...p.isr].sort().join() === '2,3,4' && [2, 3, 4].includes(p.leader);
    }, 20_000);
    const after = await topicJson('moving');
    expect(after).toMatchObject({ partitions: { '0': [2, 3, 4] }, adding_replicas: {}, removing_replicas: {} });
    await eventually('broker 1 deleted its replica', () => cluster.broker(1).services.internals.replicas.getPartition('moving', 0) === undefined);
    await admin.disconnect();

    const consumer = kafka.consumer({ groupId: 'moving-audit', maxWaitTimeInMs: 200 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'moving', fromBeginning: true });
    const read = new Set<string>();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${read.size} of ${acked.length}`)), 20_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          read.add(message.value!.toString());
          if (acked.every((v) => read.has(v))) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    await consumer.disconnect();
    expect(acked.filter((v) => !read.has(v))).toEqual([]);
  }, 60_000);

  it('honours a reassignment written to /admin/reassign_partitions by hand and removes the znode when done', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'legacy', replicaAssignment: [{ partition: 0, replicas: [1, 2] }] }], waitForLeaders: true });
    const zk = await cluster.zookeeperClient();
    await zk.create('/admin/reassign_partitions', JSON.stringify({ version: 1, partitions: [{ topic: 'legacy', partition: 0, replicas: [3, 4] }] }), 'persistent');
    await eventually('the znode is removed', async () => (await zk.exists('/admin/reassign_partitions')) === null, 20_000);
    await eventually('replicas [3,4] in sync', async () => {
      const { topics } = await admin.fetchTopicMetadata({ topics: ['legacy'] });
      const p = topics[0].partitions[0];
      return p.replicas.join() === '3,4' && [...p.isr].sort().join() === '3,4' && [3, 4].includes(p.leader);
    }, 20_000);
    await admin.disconnect();
  }, 40_000);

  it('cancels an ongoing reassignment (back to the original replicas) and answers Kafka\'s errors', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'undo', replicaAssignment: [{ partition: 0, replicas: [1, 2] }] }], waitForLeaders: true });
    const removeHooks = cluster.ids.map((id) =>
      cluster.broker(id).faults.add(FETCH, (_ctx, request) => ((request as { replicaId: number }).replicaId === 3 ? { action: 'error', errorCode: NOT_LEADER_OR_FOLLOWER } : undefined)),
    );
    await admin.alterPartitionReassignments({ topics: [{ topic: 'undo', partitionAssignment: [{ partition: 0, replicas: [1, 3] }] }] });
    expect((await topicJson('undo')).partitions['0']).toEqual([1, 3, 2]);

    // kafkajs sends a null replica list for a cancellation only through the raw protocol; use the broker API.
    const controllerId = cluster.ids.find((id) => cluster.broker(id).services.internals.controller.isActive)!;
    const reassignments = cluster.broker(controllerId).services.internals.controller.reassignments;
    expect(await reassignments.alter([{ topic: 'undo', partition: 0, replicas: null }])).toEqual([{ topic: 'undo', partition: 0, replicas: null, error: null, message: null }]);
    expect(await topicJson('undo')).toMatchObject({ partitions: { '0': [1, 2] }, adding_replicas: {}, removing_replicas: {} });
    await eventually('broker 3 dropped the cancelled replica', () => cluster.broker(3).services.internals.replicas.getPartition('undo', 0) === undefined);
    for (const remove of removeHooks) remove();

    expect(await reassignments.alter([{ topic: 'undo', partition: 0, replicas: null }])).toEqual([
      { topic: 'undo', partition: 0, replicas: null, error: 'NO_REASSIGNMENT_IN_PROGRESS', message: null },
    ]);
    await expect(admin.alterPartitionReassignments({ topics: [{ topic: 'undo', partitionAssignment: [{ partition: 0, replicas: [1, 9] }] }] })).rejects.toMatchObject({
      errors: [{ type: 'INVALID_REPLICA_ASSIGNMENT', topic: 'undo', partition: 0 }],
    });
    const outcomes = await reassignments.alter([
      { topic: 'undo', partition: 0, replicas: [1, 9] },
      { topic: 'undo', partition: 0, replicas: [2, 2] },
      { topic: 'nowhere', partition: 0, replicas: [1, 2] },
      { topic: 'undo', partition: 5, replicas: [1, 2] },
    ]);
    expect(outcomes.map((o) => [o.error, o.message])).toEqual([
      ['INVALID_REPLICA_ASSIGNMENT', 'Replica assignment has brokers that are not alive. Replica list: ArrayBuffer(9), live broker list: Set(1, 2, 3, 4)'],
      ['INVALID_REPLICA_ASSIGNMENT', 'Duplicate replica ids in partition reassignment replica list: ArrayBuffer(2, 2)'],
      ['UNKNOWN_TOPIC_OR_PARTITION', 'The partition does not exist.'],
      ['UNKNOWN_TOPIC_OR_PARTITION', 'The partition does not exist.'],
    ]);
    await admin.disconnect();
  }, 40_000);

  it('survives a controller change: the new controller resumes the reassignment from the topic znode', async () => {
    const admin = kafka.admin();
    await admin.connect();
    const controllerId = cluster.ids.find((id) => cluster.broker(id).services.internals.controller.isActive)!;
    const others = cluster.ids.filter((id) => id !== controllerId);
    // The controller's broker is an original replica that the reassignment removes.
    await admin.createTopics({ topics: [{ topic: 'handover', replicaAssignment: [{ partition: 0, replicas: [others[0], controllerId] }] }], waitForLeaders: true });
    const newcomer = others[2];
    let held = true;
    const hold = (id: number) =>
      cluster.broker(id).faults.add(FETCH, (_ctx, request) => (held && (request as { replicaId: number }).replicaId === newcomer ? { action: 'error', errorCode: NOT_LEADER_OR_FOLLOWER } : undefined));
    for (const id of cluster.ids) hold(id);
    await admin.alterPartitionReassignments({ topics: [{ topic: 'handover', partitionAssignment: [{ partition: 0, replicas: [others[0], newcomer] }] }] });
    expect((await topicJson('handover')).adding_replicas).toEqual({ '0': [newcomer] });

    await cluster.stop(controllerId);
    await eventually('another controller', () => others.some((id) => cluster.broker(id).services.internals.controller.isActive));
    held = false;
    await eventually('the new controller completed the reassignment', async () => {
      const json = await topicJson('handover');
      return json.partitions['0'].join() === `${others[0]},${newcomer}` && Object.keys(json.adding_replicas).length === 0;
    }, 20_000);
    await eventually('ISR = the new replicas', async () => {
      const { topics } = await admin.fetchTopicMetadata({ topics: ['handover'] });
      return [...topics[0].partitions[0].isr].sort().join() === [others[0], newcomer].sort().join();
    }, 20_000);
    const restarted = await cluster.start(controllerId);
    await eventually('the restarted broker sees the new replicas', () => restarted.services.metadata.topic('handover')?.partitions[0]?.replicas.join() === `${others[0]},${newcomer}`);
    expect(restarted.services.internals.replicas.getPartition('handover', 0)).toBeUndefined();
    await admin.disconnect();
  }, 40_000);

  it('does not let a replica being removed back into the ISR while the reassignment is in progress', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'leaving', replicaAssignment: [{ partition: 0, replicas: [2, 1, 3] }] }], waitForLeaders: true });
    const leader = () => cluster.broker(2).services.internals.replicas.getPartition('leaving', 0)!;
    await eventually('broker 2 leads with the full ISR', () => leader()?.role === 'leader' && leader().isr.length === 3);
    // Broker 4 (added) never catches up, so the reassignment stays in progress; broker 1 (removed) is held back too.
    let holdRemoved = true;
    const removeHooks = cluster.ids.map((id) =>
      cluster.broker(id).faults.add(FETCH, (_ctx, request) => {
        const replicaId = (request as { replicaId: number }).replicaId;
        return replicaId === 4 || (holdRemoved && replicaId === 1) ? { action: 'error', errorCode: NOT_LEADER_OR_FOLLOWER } : undefined;
      }),
    );
    try {
      await admin.alterPartitionReassignments({ topics: [{ topic: 'leaving', partitionAssignment: [{ partition: 0, replicas: [2, 3, 4] }] }] });
      expect((await topicJson('leaving')).removing_replicas).toEqual({ '0': [1] });
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic: 'leaving', acks: 1, messages: [{ value: 'while 1 is away' }] });
      await producer.disconnect();
      await eventually('the leader dropped broker 1 from the ISR (replica.lag.time.max.ms)', () => !leader().isr.includes(1) && leader().pendingIsr === null, 10_000);

      const released = Date.now();
      holdRemoved = false;
      // Broker 1 catches up: the leader sees a caught-up fetch, where it would propose the expansion.
      await eventually('broker 1 caught up with the leader', () => (leader().followers.get(1)?.lastCaughtUpTimeMs ?? 0) >= released, 10_000);
      expect(leader().maximalIsr).not.toContain(1);
      expect((await admin.fetchTopicMetadata({ topics: ['leaving'] })).topics[0].partitions[0].isr).not.toContain(1);
    } finally {
      for (const remove of removeHooks) remove();
      await admin.disconnect();
    }
  }, 30_000);
});

