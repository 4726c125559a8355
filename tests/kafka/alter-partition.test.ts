/**
 * ISR changes go as in Kafka 3.9: the partition leader sends AlterPartition to the active controller, the
 * controller writes the state znode and tells every broker with UpdateMetadata, and the leader applies the
 * ISR from the controller's answer. Seen through the requests reaching the controller, the state znode read
 * with the ZooKeeper client, the controller's UpdateMetadata events, raw AlterPartition requests, and
 * faults (a lost answer, a controller that says it is not the controller).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControllerRequestEvent } from '../../src/cluster/kafka/controller/controller-requests.ts';
import { API_KEYS, API_REGISTRY, encodeRequestHeader, KAFKA_ERRORS, KafkaReader, KafkaWriter, uuidFromText } from '../../src/cluster/kafka/protocol/index.ts';
import type { AlterPartitionRequest, AlterPartitionResponse } from '../../src/cluster/kafka/protocol/index.ts';
import { decodePartitionState, encodePartitionState } from '../../src/cluster/kafka/zk/znode-json.ts';
import { ErrorCode } from '../../src/cluster/zookeeper/client/index.ts';
import type { ZooKeeperClient } from '../../src/cluster/zookeeper/client/index.ts';
import { OpCode } from '../../src/cluster/zookeeper/protocol/op-codes.ts';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';
import { RawKafkaConnection } from '../support/raw-kafka-connection.ts';

async function rawAlterPartition(port: number, version: number, body: AlterPartitionRequest): Promise<AlterPartitionResponse> {
  const api = API_REGISTRY[API_KEYS.AlterPartition];
  const writer = new KafkaWriter();
  const sizeAt = writer.reserveInt32();
  encodeRequestHeader(writer, { apiKey: API_KEYS.AlterPartition, apiVersion: version, correlationId: 11, clientId: 'fake-leader' });
  api.encodeRequest(writer, body, version);
  writer.int32At(sizeAt, writer.length - 4);
  const raw = await RawKafkaConnection.open(port);
  try {
    raw.send(writer.toBytes());
    const reader = new KafkaReader(await raw.nextFrame());
    expect(reader.int32()).toBe(11);
    reader.taggedFields();
    return api.decodeResponse(reader, version);
  } finally {
    raw.destroy();
  }
}

describe('AlterPartition: leaders ask the controller for ISR changes', () => {
  let cluster: KafkaTestCluster;
  let zk: ZooKeeperClient;
  let controller: number;
  let leader: number;
  let follower: number;
  const events: ControllerRequestEvent[] = [];
  const received: Array<{ version: number; request: AlterPartitionRequest }> = [];

  const statePath = (topic: string) => `/brokers/topics/${topic}/partitions/0/state`;
  const zkState = async (topic: string) => {
    const { data, stat } = await zk.getData(statePath(topic));
    return { ...decodePartitionState(statePath(topic), data), version: stat.version };
  };
  const leaderPartition = (topic: string) => cluster.broker(leader).services.internals.replicas.getPartition(topic, 0)!;

  async function createTopic(name: string): Promise<void> {
    const admin = cluster.broker(controller).services.internals.admin;
    await admin.createTopic({ name, numPartitions: -1, replicationFactor: -1, assignments: new Map([[0, [leader, follower, controller]]]), configs: {} });
    await admin.waitForLeaders(name, 5000);
  }

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ config: { replicaLagTimeMaxMs: 1000, offsetsTopicNumPartitions: 1 } });
    cluster.embedded.on('controller-request', (event) => events.push(event));
    controller = await eventually('a controller', () => [...cluster.brokers.values()].find((b) => b.status().controller)?.id);
    [leader, follower] = [1, 2, 3].filter((id) => id !== controller);
    cluster.broker(controller).faults.add(API_KEYS.AlterPartition, (ctx, request) => {
      received.push({ version: ctx.apiVersion, request: request as AlterPartitionRequest });
      return undefined;
    });
    zk = await cluster.zookeeperClient();
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('a shrink and an expansion: AlterPartition v3 from the leader, the controller writes the znode and sends UpdateMetadata to every broker', async () => {
    await createTopic('isr');
    const before = await zkState('isr');
    expect(before).toMatchObject({ leader, isr: [leader, follower, controller], leaderEpoch: 0 });
    const controllerEpoch = cluster.broker(controller).services.internals.controller.epoch;
    const mark = events.length;
    const seen = received.length;

    await cluster.kill(follower);
    const shrunk = await eventually('the ISR shrunk in ZooKeeper', async () => {
      const state = await zkState('isr');
      return state.isr.join() === [leader, controller].join() ? state : undefined;
    });
    const ask = received.slice(seen).find((r) => r.request.topics.some((t) => t.partitions.some((p) => p.newIsrWithEpochs?.length === 2)))!;
    expect(ask.version).toBe(3);
    expect(ask.request.brokerId).toBe(leader);
    expect(ask.request.brokerEpoch).toBe(cluster.broker(controller).services.internals.cache.brokerEpoch(leader));
    const topicId = cluster.broker(controller).services.metadata.topic('isr')!.topicId;
    expect(ask.request.topics).toEqual([
      {
        topicId: uuidFromText(topicId),
        partitions: [
          {
            partitionIndex: 0,
            leaderEpoch: 0,
            newIsrWithEpochs: [leader, controller].map((id) => ({ brokerId: id, brokerEpoch: -1n })),
            leaderRecoveryState: 0,
            partitionEpoch: before.version,
          },
        ],
      },
    ]);
    // The controller wrote it (its epoch in the znode), the leader epoch stayed, the leader took the answer.
    expect(shrunk).toMatchObject({ leader, leaderEpoch: 0, controllerEpoch, version: before.version + 1 });
    await eventually('the leader applied the answer', () => leaderPartition('isr').zkVersion === shrunk.version && leaderPartition('isr').pendingIsr === null);
    expect(leaderPartition('isr').isr).toEqual([leader, controller]);
    const updates = await eventually('UpdateMetadata with the shrunk ISR to both live brokers', () => {
      const sent = events.slice(mark).filter((e) => e.api === 'UpdateMetadata' && e.partitions.some((p) => p.topic === 'isr' && p.zkVersion === shrunk.version));
      return new Set(sent.map((e) => e.broker)).size === 2 ? sent : undefined;
    });
    for (const event of updates) expect(event.partitions.find((p) => p.topic === 'isr')).toMatchObject({ leader, isr: [leader, controller] });
    // No leader wrote the znode or an ISR change notification.
    expect(await zk.getChildren('/isr_change_notification')).toEqual([]);

    await cluster.start(follower);
    const grown = await eventually('the follower back in the ISR in ZooKeeper', async () => {
      const state = await zkState('isr');
      return state.isr.includes(follower) ? state : undefined;
    }, 20_000);
    expect(grown).toMatchObject({ leader, leaderEpoch: 0, isr: [leader, controller, follower], version: shrunk.version + 1 });
    await eventually('every broker knows the grown ISR', () =>
      [...cluster.brokers.values()].every((b) => b.services.metadata.topic('isr')?.partitions[0]?.isr.includes(follower)),
    );
    expect(leaderPartition('isr').isr).toEqual([leader, controller, follower]);
  }, 60_000);

  it('a lost answer: the leader sends the same change again and the controller answers with the state it already wrote', async () => {
    await createTopic('lost');
    const before = await zkState('lost');
    const seen = received.length;
    const lostId = uuidFromText(cluster.broker(controller).services.metadata.topic('lost')!.topicId).join();
    const asksLost = (request: AlterPartitionRequest) => request.topics.some((t) => t.topicId?.join() === lostId);
    // The first request naming this topic is handled, then its connection closes without an answer.
    cluster.broker(controller).faults.add(API_KEYS.AlterPartition, (_ctx, request) => (asksLost(request as AlterPartitionRequest) ? { action: 'close-after-handling' } : undefined), { times: 1 });
    await cluster.kill(follower);
    await eventually('the leader applied the shrink', () => (leaderPartition('lost').pendingIsr === null && leaderPartition('lost').isr.length === 2 ? true : undefined));
    const state = await zkState('lost');
    expect(state).toMatchObject({ isr: [leader, controller], version: before.version + 1 });
    expect(leaderPartition('lost').zkVersion).toBe(state.version);
    // The same proposal twice (same partition epoch): the second found it written.
    const asks = received
      .slice(seen)
      .flatMap((r) => r.request.topics.filter((t) => t.topicId?.join() === lostId).flatMap((t) => t.partitions))
      .filter((p) => p.newIsrWithEpochs?.length === 2 && p.partitionEpoch === before.version);
    expect(asks.length).toBeGreaterThanOrEqual(2);
    await cluster.start(follower);
    await eventually('the follower back in the ISR', async () => ((await zkState('lost')).isr.includes(follower) ? true : undefined), 20_000);
  }, 60_000);

  it('a controller that answers NOT_CONTROLLER is asked again until the change is made', async () => {
    await createTopic('retry');
    cluster.broker(controller).faults.add(API_KEYS.AlterPartition, () => ({ action: 'error', errorCode: KAFKA_ERRORS.NOT_CONTROLLER.code }), { times: 3 });
    await cluster.kill(follower);
    await eventually('the ISR shrunk after the refusals', async () => ((await zkState('retry')).isr.join() === [leader, controller].join() ? true : undefined));
    await eventually('the leader applied it', () => (leaderPartition('retry').pendingIsr === null && leaderPartition('retry').isr.join() === [leader, controller].join() ? true : undefined));
    await cluster.start(follower);
    await eventually('the follower back in the ISR', async () => ((await zkState('retry')).isr.includes(follower) ? true : undefined), 20_000);
  }, 60_000);

  it("the controller's write failing with an unknown outcome: it reads the znode again, and the leader asks again", async () => {
    await createTopic('unsure');
    const before = await zkState('unsure');
    // The next multi (the controller's ISR write) is answered CONNECTIONLOSS without being applied.
    cluster.embeddedZooKeeper!.injectFault({ op: OpCode.multi, outcome: { err: ErrorCode.CONNECTIONLOSS }, times: 1 });
    await cluster.kill(follower);
    await eventually('the leader applied the shrink', () => (leaderPartition('unsure').pendingIsr === null && leaderPartition('unsure').isr.length === 2 ? true : undefined));
    expect(await zkState('unsure')).toMatchObject({ isr: [leader, controller], version: before.version + 1 });
    expect(leaderPartition('unsure').zkVersion).toBe(before.version + 1);
    await cluster.start(follower);
    await eventually('the follower back in the ISR', async () => ((await zkState('unsure')).isr.includes(follower) ? true : undefined), 20_000);
  }, 60_000);

  it('a state already in ZooKeeper that the controller did not know of (an attempt that landed unseen) is the answer', async () => {
    await createTopic('landed');
    const before = await zkState('landed');
    // The shrink the leader is about to ask for is already written, behind the controller's back.
    await zk.setData(statePath('landed'), encodePartitionState({ leader, leaderEpoch: before.leaderEpoch, isr: [leader, controller], controllerEpoch: before.controllerEpoch }), before.version);
    await cluster.kill(follower);
    await eventually('the leader applied the shrink', () => (leaderPartition('landed').pendingIsr === null && leaderPartition('landed').isr.length === 2 ? true : undefined));
    expect(leaderPartition('landed').zkVersion).toBe(before.version + 1);
    expect((await zkState('landed')).version).toBe(before.version + 1);
    await cluster.start(follower);
    await eventually('the follower back in the ISR', async () => ((await zkState('landed')).isr.includes(follower) ? true : undefined), 20_000);
  }, 60_000);

  it("refuses what Kafka's controller refuses, with its errors", async () => {
    await createTopic('raw');
    await eventually('full ISR', async () => ((await zkState('raw')).isr.length === 3 ? true : undefined));
    const state = await zkState('raw');
    const cache = cluster.broker(controller).services.internals.cache;
    const topicId = uuidFromText(cluster.broker(controller).services.metadata.topic('raw')!.topicId);
    const port = cluster.broker(controller).port;
    const ask = (partition: { leaderEpoch?: number; isr?: number[]; partitionEpoch?: number }, brokerEpoch = cache.brokerEpoch(leader), version = 3) =>
      rawAlterPartition(port, version, {
        brokerId: leader,
        brokerEpoch,
        topics: [
          {
            ...(version > 1 ? { topicId } : { topicName: 'raw' }),
            partitions: [
              {
                partitionIndex: 0,
                leaderEpoch: partition.leaderEpoch ?? state.leaderEpoch,
                ...(version >= 3
                  ? { newIsrWithEpochs: (partition.isr ?? state.isr).map((id) => ({ brokerId: id, brokerEpoch: cache.brokerEpoch(id) })) }
                  : { newIsr: partition.isr ?? state.isr }),
                leaderRecoveryState: 0,
                partitionEpoch: partition.partitionEpoch ?? state.version,
              },
            ],
          },
        ],
      });
    const partitionError = (response: AlterPartitionResponse) => response.topics[0]?.partitions[0]?.errorCode;

    expect((await ask({}, 12345n)).errorCode).toBe(KAFKA_ERRORS.STALE_BROKER_EPOCH.code);
    expect(partitionError(await ask({ leaderEpoch: state.leaderEpoch - 1, isr: [leader] }))).toBe(KAFKA_ERRORS.FENCED_LEADER_EPOCH.code);
    expect(partitionError(await ask({ leaderEpoch: state.leaderEpoch + 1, isr: [leader] }))).toBe(KAFKA_ERRORS.NOT_CONTROLLER.code);
    expect(partitionError(await ask({ partitionEpoch: state.version - 1, isr: [leader] }))).toBe(KAFKA_ERRORS.INVALID_UPDATE_VERSION.code);
    expect(partitionError(await ask({ isr: [leader, 9] }))).toBe(KAFKA_ERRORS.INELIGIBLE_REPLICA.code);
    expect(partitionError(await ask({ isr: [leader, 9] }, undefined, 1))).toBe(KAFKA_ERRORS.OPERATION_NOT_ATTEMPTED.code);
    // The state it has, asked again (even with an old partition epoch): answered with that state.
    const same = (await ask({ partitionEpoch: state.version - 1 })).topics[0].partitions[0];
    expect(same).toMatchObject({ errorCode: 0, leaderId: leader, leaderEpoch: state.leaderEpoch, isr: state.isr, partitionEpoch: state.version });
    const unknown = await rawAlterPartition(port, 3, { brokerId: leader, brokerEpoch: cache.brokerEpoch(leader), topics: [{ topicId: new Uint8Array(16).fill(7), partitions: [{ partitionIndex: 0, leaderEpoch: 0, newIsrWithEpochs: [], leaderRecoveryState: 0, partitionEpoch: 0 }] }] });
    expect(partitionError(unknown)).toBe(KAFKA_ERRORS.UNKNOWN_TOPIC_ID.code);
    // Only the active controller answers.
    const elsewhere = await rawAlterPartition(cluster.broker(follower).port, 3, { brokerId: leader, brokerEpoch: cache.brokerEpoch(leader), topics: [] });
    expect(elsewhere.errorCode).toBe(KAFKA_ERRORS.NOT_CONTROLLER.code);
    // None of it changed the znode.
    expect((await zkState('raw')).version).toBe(state.version);
  });
});
