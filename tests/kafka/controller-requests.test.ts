/**
 * The controller speaks to brokers as Kafka 3.9's ZooKeeper-mode controller does: LeaderAndIsr to a
 * partition's replicas, UpdateMetadata to every live broker, StopReplica to replicas being deleted, each
 * carrying the controller epoch; brokers refuse an older controller epoch and ignore stale leader epochs,
 * and do not watch partition-state znodes. Seen through the cluster's `controller-request` events, raw
 * requests on a broker's port, the brokers' metadata, and `wchp` on every ZooKeeper member.
 */
import { Kafka, logLevel } from 'kafkajs';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControllerRequestEvent } from '../../src/cluster/kafka/controller/controller-requests.ts';
import { MemoryBrokerStorage } from '../../src/cluster/kafka/log/memory-broker-storage.ts';
import {
  API_KEYS,
  API_REGISTRY,
  encodeRequestHeader,
  KAFKA_ERRORS,
  KafkaReader,
  KafkaWriter,
  uuidFromText,
} from '../../src/cluster/kafka/protocol/index.ts';
import type { LeaderAndIsrRequest, StopReplicaRequest, UpdateMetadataRequest } from '../../src/cluster/kafka/protocol/index.ts';
import { encodeTopicAssignment } from '../../src/cluster/kafka/zk/znode-json.ts';
import { fourLetterWord } from '../../src/cluster/zookeeper/server/testing/four-letter.ts';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';
import { RawKafkaConnection } from '../support/raw-kafka-connection.ts';

const STALE_CONTROLLER_EPOCH = KAFKA_ERRORS.STALE_CONTROLLER_EPOCH.code;

/** Sends one controller request (as the controller would, at its highest version) and decodes the answer. */
async function rawControllerRequest<K extends 4 | 5 | 6>(port: number, apiKey: K, version: number, body: K extends 4 ? LeaderAndIsrRequest : K extends 5 ? StopReplicaRequest : UpdateMetadataRequest) {
  const api = API_REGISTRY[apiKey];
  const writer = new KafkaWriter();
  const sizeAt = writer.reserveInt32();
  encodeRequestHeader(writer, { apiKey, apiVersion: version, correlationId: 7, clientId: 'fake-controller' });
  (api.encodeRequest as (w: KafkaWriter, v: unknown, version: number) => void)(writer, body, version);
  writer.int32At(sizeAt, writer.length - 4);
  const raw = await RawKafkaConnection.open(port);
  try {
    raw.send(writer.toBytes());
    const reader = new KafkaReader(await raw.nextFrame());
    expect(reader.int32()).toBe(7);
    reader.taggedFields(); // flexible versions: response header v1
    return (api.decodeResponse as (r: KafkaReader, version: number) => unknown)(reader, version) as ReturnType<(typeof API_REGISTRY)[K]['decodeResponse']>;
  } finally {
    raw.destroy();
  }
}

describe('the controller speaks to brokers with LeaderAndIsr, UpdateMetadata and StopReplica', () => {
  let cluster: KafkaTestCluster;
  let kafka: Kafka;
  let admin: Admin;
  const storages = new Map([1, 2, 3].map((id) => [id, new MemoryBrokerStorage()]));
  const events: ControllerRequestEvent[] = [];

  const controllerId = () => [...cluster.brokers.values()].find((b) => b.status().controller)?.id;
  const controllerEpoch = () => cluster.broker(controllerId()!).services.internals.controller.epoch;
  const eventsSince = (mark: number) => events.slice(mark);

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ storage: (id) => storages.get(id)!, config: { offsetsTopicNumPartitions: 3, replicaLagTimeMaxMs: 2000 } });
    cluster.embedded.on('controller-request', (event) => events.push(event));
    kafka = new Kafka({ clientId: 'controller-requests', brokers: cluster.bootstrap, logLevel: logLevel.NOTHING, retry: { retries: 10, initialRetryTime: 100 } });
    admin = kafka.admin();
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.disconnect();
    await cluster?.close();
  });

  it('on topic creation: LeaderAndIsr to each replica naming the leader, then UpdateMetadata to every live broker', async () => {
    const mark = events.length;
    await admin.createTopics({ topics: [{ topic: 'created', replicaAssignment: [{ partition: 0, replicas: [2, 3, 1] }] }], waitForLeaders: true });
    const epoch = controllerEpoch();
    const leaderAndIsr = await eventually('LeaderAndIsr answered by brokers 1, 2, 3', () => {
      const sent = eventsSince(mark).filter((e) => e.api === 'LeaderAndIsr' && e.partitions.some((p) => p.topic === 'created'));
      return new Set(sent.map((e) => e.broker)).size === 3 ? sent : null;
    });
    for (const event of leaderAndIsr) {
      expect(event).toMatchObject({ controllerId: controllerId(), controllerEpoch: epoch, outcome: { ok: true, errorCode: 0, partitionErrors: [] } });
      expect(event.partitions).toEqual([{ topic: 'created', partition: 0, leader: 2, leaderEpoch: 0, isr: [2, 3, 1], replicas: [2, 3, 1], zkVersion: 0 }]);
    }
    const updates = await eventually('UpdateMetadata to brokers 1, 2, 3', () => {
      const sent = eventsSince(mark).filter((e) => e.api === 'UpdateMetadata' && e.partitions.some((p) => p.topic === 'created'));
      return new Set(sent.map((e) => e.broker)).size === 3 ? sent : null;
    });
    for (const event of updates) {
      expect(event.outcome).toMatchObject({ ok: true, errorCode: 0 });
      expect(event.liveBrokers).toEqual([1, 2, 3]);
    }
    // Every broker learnt the leader from UpdateMetadata (none reads the state znode).
    for (const broker of cluster.brokers.values()) {
      await eventually(`broker ${broker.id} knows the leader`, () => broker.services.metadata.topic('created')?.partitions[0]?.leader === 2);
    }
  });

  it('a broker that is not a replica learns a leader only from UpdateMetadata: one it refused leaves it not knowing', async () => {
    const controller = controllerId()!;
    const deaf = [1, 2, 3].find((id) => id !== controller)!;
    const leader = [1, 2, 3].find((id) => id !== controller && id !== deaf)!;
    const mark = events.length;
    const remove = cluster.broker(deaf).faults.add(API_KEYS.UpdateMetadata, () => ({ action: 'error', errorCode: STALE_CONTROLLER_EPOCH }));
    try {
      await admin.createTopics({ topics: [{ topic: 'unheard', replicaAssignment: [{ partition: 0, replicas: [leader] }] }], waitForLeaders: true });
      await eventually('UpdateMetadata about unheard refused by the deaf broker', () =>
        eventsSince(mark).find((e) => e.api === 'UpdateMetadata' && e.broker === deaf && e.partitions.some((p) => p.topic === 'unheard') && e.outcome.ok && e.outcome.errorCode !== 0),
      );
      for (const id of [controller, leader]) {
        await eventually(`broker ${id} knows the leader`, () => cluster.broker(id).services.metadata.topic('unheard')?.partitions[0]?.leader === leader);
      }
      expect(cluster.broker(deaf).services.metadata.topic('unheard')?.partitions[0]?.leader).not.toBe(leader);
    } finally {
      remove();
    }
    // Until another UpdateMetadata names the partition, the deaf broker answers Metadata for it with
    // LEADER_NOT_AVAILABLE, as a Kafka broker would; deleting the topic tells every broker, so the
    // tests after this one (and their clients' metadata refreshes) meet a consistent cluster.
    const zk = await cluster.zookeeperClient();
    await zk.create('/admin/delete_topics/unheard', new Uint8Array(), 'persistent');
    for (const broker of cluster.brokers.values()) {
      await eventually(`broker ${broker.id} forgot unheard`, () => broker.services.metadata.topic('unheard') === undefined);
    }
  });

  it('CreateTopics answers once the new leaders have taken up their leadership (answered LeaderAndIsr)', async () => {
    // Broker 3 is slow to handle its next LeaderAndIsr: the answer to CreateTopics waits for it.
    cluster.broker(3).faults.add(API_KEYS.LeaderAndIsr, () => ({ action: 'delay', ms: 700 }), { times: 1 });
    await admin.createTopics({ topics: [{ topic: 'ready', replicaAssignment: [{ partition: 0, replicas: [3, 1, 2] }, { partition: 1, replicas: [1, 2, 3] }] }], waitForLeaders: false });
    // No waiting here: the answer came after the leaders had applied the controller's LeaderAndIsr.
    expect(cluster.broker(3).services.internals.replicas.getPartition('ready', 0)?.role).toBe('leader');
    expect(cluster.broker(1).services.internals.replicas.getPartition('ready', 1)?.role).toBe('leader');
  });

  it('refuses LeaderAndIsr, UpdateMetadata and StopReplica from an older controller epoch (STALE_CONTROLLER_EPOCH)', async () => {
    const epoch = controllerEpoch();
    const broker = cluster.broker(3);
    await eventually('broker 3 saw the current controller epoch', () => broker.services.internals.replicas.controllerEpoch === epoch);
    const topicId = uuidFromText(broker.services.metadata.topic('created')!.topicId);
    const stale = epoch - 1;
    const leaderAndIsr = await rawControllerRequest(broker.port, API_KEYS.LeaderAndIsr, 7, {
      controllerId: 1,
      controllerEpoch: stale,
      brokerEpoch: -1n,
      topicStates: [{ topicName: 'created', topicId, partitionStates: [{ partitionIndex: 0, controllerEpoch: stale, leader: 3, leaderEpoch: 99, isr: [3], partitionEpoch: 9, replicas: [2, 3, 1] }] }],
      liveLeaders: [],
    });
    expect(leaderAndIsr.errorCode).toBe(STALE_CONTROLLER_EPOCH);
    const updateMetadata = await rawControllerRequest(broker.port, API_KEYS.UpdateMetadata, 8, { controllerId: 1, controllerEpoch: stale, brokerEpoch: -1n, topicStates: [], liveBrokers: [] });
    expect(updateMetadata.errorCode).toBe(STALE_CONTROLLER_EPOCH);
    const stopReplica = await rawControllerRequest(broker.port, API_KEYS.StopReplica, 4, {
      controllerId: 1,
      controllerEpoch: stale,
      brokerEpoch: -1n,
      topicStates: [{ topicName: 'created', partitionStates: [{ partitionIndex: 0, leaderEpoch: -2, deletePartition: true }] }],
    });
    expect(stopReplica.errorCode).toBe(STALE_CONTROLLER_EPOCH);
    // Nothing changed on broker 3: still a follower of broker 2 at leader epoch 0, with its replica.
    const replica = broker.services.internals.replicas.getPartition('created', 0);
    expect(replica).toMatchObject({ role: 'follower', leaderId: 2, leaderEpoch: 0 });
  });

  it('refuses LeaderAndIsr, UpdateMetadata and StopReplica meant for an earlier registration of the broker (STALE_BROKER_EPOCH)', async () => {
    const broker = cluster.broker(3);
    const own = broker.services.internals.cache.brokerEpoch(3);
    expect(own).toBeGreaterThan(0n);
    const epoch = controllerEpoch();
    const topicId = uuidFromText(broker.services.metadata.topic('created')!.topicId);
    const before = broker.services.internals.replicas.getPartition('created', 0);
    expect(before).toBeDefined();
    const stale = own - 1n;
    const leaderAndIsr = await rawControllerRequest(broker.port, API_KEYS.LeaderAndIsr, 7, {
      controllerId: controllerId()!,
      controllerEpoch: epoch,
      brokerEpoch: stale,
      topicStates: [{ topicName: 'created', topicId, partitionStates: [{ partitionIndex: 0, controllerEpoch: epoch, leader: 3, leaderEpoch: 99, isr: [3], partitionEpoch: 9, replicas: [2, 3, 1] }] }],
      liveLeaders: [],
    });
    expect(leaderAndIsr.errorCode).toBe(KAFKA_ERRORS.STALE_BROKER_EPOCH.code);
    const updateMetadata = await rawControllerRequest(broker.port, API_KEYS.UpdateMetadata, 8, { controllerId: controllerId()!, controllerEpoch: epoch, brokerEpoch: stale, topicStates: [], liveBrokers: [] });
    expect(updateMetadata.errorCode).toBe(KAFKA_ERRORS.STALE_BROKER_EPOCH.code);
    const stopReplica = await rawControllerRequest(broker.port, API_KEYS.StopReplica, 4, {
      controllerId: controllerId()!,
      controllerEpoch: epoch,
      brokerEpoch: stale,
      topicStates: [{ topicName: 'created', partitionStates: [{ partitionIndex: 0, leaderEpoch: -2, deletePartition: true }] }],
    });
    expect(stopReplica.errorCode).toBe(KAFKA_ERRORS.STALE_BROKER_EPOCH.code);
    // Nothing was applied: the replica is there, at its leader epoch.
    expect(broker.services.internals.replicas.getPartition('created', 0)).toBe(before);
    expect(before!.leaderEpoch).toBe(0);
    // Its current epoch (and -1, a controller from before KIP-380) is accepted.
    for (const brokerEpoch of [own, -1n]) {
      const answer = await rawControllerRequest(broker.port, API_KEYS.UpdateMetadata, 8, { controllerId: controllerId()!, controllerEpoch: epoch, brokerEpoch, topicStates: [], liveBrokers: [] });
      expect(answer.errorCode).toBe(0);
    }
  });

  it('a failover: the controller sends LeaderAndIsr naming the new leader; a stale leader epoch is then ignored', async () => {
    // The leader (a) is not the controller, so that this is a partition failover, not a controller one.
    const [a, b, c] = [1, 2, 3].sort((x, y) => Number(x === controllerId()) - Number(y === controllerId()));
    await admin.createTopics({
      topics: [
        { topic: 'moving', replicaAssignment: [{ partition: 0, replicas: [a, b, c] }] },
        { topic: 'followed', replicaAssignment: [{ partition: 0, replicas: [b, a, c] }] },
      ],
      waitForLeaders: true,
    });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'moving', acks: -1, messages: [{ value: 'before' }] });
    expect(controllerId()).not.toBe(a);
    const followedByA = cluster
      .broker(a)
      .services.metadata.topics()
      .flatMap((t) => t.partitions.filter((p) => p.replicas.includes(a) && p.leader !== a).map((p) => `${p.topic}-${p.partition}`))
      .sort();
    expect(followedByA).toContain('followed-0');
    const mark = events.length;
    await cluster.stop(a);
    // Kafka's controlled shutdown tells every replica, the stopping one included.
    const moved = await eventually('LeaderAndIsr naming the new leader to the other replicas', () => {
      const sent = eventsSince(mark).filter((e) => e.api === 'LeaderAndIsr' && [b, c].includes(e.broker) && e.partitions.some((p) => p.topic === 'moving' && p.leader === b));
      return new Set(sent.map((e) => e.broker)).size === 2 ? sent : null;
    });
    for (const event of moved) {
      expect(event.outcome).toMatchObject({ ok: true, errorCode: 0, partitionErrors: [] });
      const state = event.partitions.find((p) => p.topic === 'moving')!;
      expect(state).toMatchObject({ leader: b, isr: [b, c], replicas: [a, b, c] });
      expect(state.leaderEpoch).toBeGreaterThan(0);
    }
    const leaderEpoch = moved[0].partitions.find((p) => p.topic === 'moving')!.leaderEpoch;
    // Its follower replicas were stopped (StopReplica without delete), as Kafka's controlled shutdown does.
    const stopped = await eventually('StopReplica to the stopping broker', () => {
      const sent = eventsSince(mark).filter((e) => e.api === 'StopReplica' && e.broker === a);
      return sent.length > 0 ? sent : null;
    });
    expect(stopped.flatMap((e) => e.partitions.map((p) => `${p.topic}-${p.partition}`)).sort()).toEqual(followedByA);
    expect(stopped.flatMap((e) => e.partitions).every((p) => p.deletePartition === false)).toBe(true);
    await eventually('broker b leads', () => cluster.broker(b).services.internals.replicas.getPartition('moving', 0)?.role === 'leader');
    await producer.send({ topic: 'moving', acks: -1, messages: [{ value: 'after' }] });
    await producer.disconnect();

    // A LeaderAndIsr with the current controller epoch but an older (or the same) leader epoch changes nothing.
    const broker = cluster.broker(c);
    const topicId = uuidFromText(broker.services.metadata.topic('moving')!.topicId);
    for (const staleEpoch of [leaderEpoch - 1, leaderEpoch]) {
      const answer = await rawControllerRequest(broker.port, API_KEYS.LeaderAndIsr, 7, {
        controllerId: controllerId()!,
        controllerEpoch: controllerEpoch(),
        brokerEpoch: -1n,
        topicStates: [{ topicName: 'moving', topicId, partitionStates: [{ partitionIndex: 0, controllerEpoch: controllerEpoch(), leader: c, leaderEpoch: staleEpoch, isr: [c], partitionEpoch: 0, replicas: [a, b, c] }] }],
        liveLeaders: [],
      });
      expect(answer.errorCode).toBe(0);
      expect(answer.topics?.map((t) => ({ topicId: [...t.topicId], partitionErrors: t.partitionErrors }))).toEqual([
        { topicId: [...topicId], partitionErrors: [{ partitionIndex: 0, errorCode: STALE_CONTROLLER_EPOCH }] },
      ]);
      expect(broker.services.internals.replicas.getPartition('moving', 0)).toMatchObject({ role: 'follower', leaderId: b, leaderEpoch });
    }

    // Broker a comes back: the controller sends it the state of every partition it hosts.
    const back = events.length;
    await cluster.start(a);
    const told = await eventually('LeaderAndIsr to the restarted broker', () =>
      eventsSince(back).find((e) => e.api === 'LeaderAndIsr' && e.broker === a && e.partitions.some((p) => p.topic === 'moving')),
    );
    expect(told.partitions.find((p) => p.topic === 'moving')).toMatchObject({ leader: b, leaderEpoch });
    await eventually('the full UpdateMetadata answered by the restarted broker', () =>
      eventsSince(back).some((e) => e.api === 'UpdateMetadata' && e.broker === a && e.outcome.ok && e.partitions.some((p) => p.topic === 'created')),
    );

    // Broker b, the leader, asks the controller (AlterPartition) to take a back into the ISR; the
    // controller writes the state and sends UpdateMetadata to every broker.
    await eventually('every broker sees the restarted broker back in the ISR', () =>
      [...cluster.brokers.values()].every((broker) => broker.services.metadata.topic('moving')?.partitions[0]?.isr.includes(a)),
    );
    // (The event comes with the broker's answer, just after it applied the request.)
    await eventually('the UpdateMetadata with the grown ISR answered by broker c', () =>
      eventsSince(back).some((e) => e.api === 'UpdateMetadata' && e.broker === c && e.outcome.ok && e.partitions.some((p) => p.topic === 'moving' && p.isr?.includes(a))),
    );
    const zk = await cluster.zookeeperClient();
    expect(await zk.getChildren('/isr_change_notification')).toEqual([]);
  });

  it("an assignment rewritten (a reassignment's steps): LeaderAndIsr to the new replicas, StopReplica with delete to the removed one", async () => {
    await admin.createTopics({ topics: [{ topic: 'reassigned', replicaAssignment: [{ partition: 0, replicas: [1, 2] }] }], waitForLeaders: true });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'reassigned', acks: -1, messages: ['a', 'b', 'c', 'd', 'e'].map((value) => ({ value })) });
    await producer.disconnect();
    const zk = await cluster.zookeeperClient();
    const topicId = cluster.broker(1).services.metadata.topic('reassigned')!.topicId;
    const rewrite = (replicas: number[]) => zk.setData('/brokers/topics/reassigned', encodeTopicAssignment({ partitions: new Map([[0, replicas]]), topicId }));

    // Adding broker 3: it is told to follow, catches up, and the leader takes it into the ISR.
    let mark = events.length;
    await rewrite([1, 2, 3]);
    const added = await eventually('LeaderAndIsr to the added replica', () =>
      eventsSince(mark).find((e) => e.api === 'LeaderAndIsr' && e.broker === 3 && e.outcome.ok && e.partitions.some((p) => p.topic === 'reassigned')),
    );
    expect(added.partitions.find((p) => p.topic === 'reassigned')).toMatchObject({ leader: 1, replicas: [1, 2, 3], isr: [1, 2] });
    await eventually('broker 3 in the ISR on every broker', () =>
      [...cluster.brokers.values()].every((b) => b.services.metadata.topic('reassigned')?.partitions[0]?.isr.includes(3)),
    );
    expect(cluster.broker(3).services.internals.replicas.getPartition('reassigned', 0)?.logEndOffset).toBe(5n);

    // Removing broker 1, the leader: broker 2 leads, broker 1's replica and log go.
    mark = events.length;
    await rewrite([2, 3]);
    const stop = await eventually('StopReplica with delete to the removed replica', () =>
      eventsSince(mark).find((e) => e.api === 'StopReplica' && e.broker === 1 && e.outcome.ok),
    );
    expect(stop.partitions).toEqual([{ topic: 'reassigned', partition: 0, leaderEpoch: expect.any(Number), deletePartition: true }]);
    expect(cluster.broker(1).services.internals.replicas.getPartition('reassigned', 0)).toBeUndefined();
    expect((await storages.get(1)!.loadPartitions()).some((p) => p.topic === 'reassigned')).toBe(false);
    await eventually('broker 2 leads with the ISR [2,3]', () => {
      const state = cluster.broker(3).services.metadata.topic('reassigned')?.partitions[0];
      return state?.leader === 2 && state.isr.join() === '2,3';
    });
    const leader = cluster.broker(2).services.internals.replicas.getPartition('reassigned', 0);
    expect(leader?.role).toBe('leader');
    expect(leader?.logEndOffset).toBe(5n);
  });

  it('topic deletion: StopReplica with delete to every replica, and their logs are gone', async () => {
    await admin.createTopics({ topics: [{ topic: 'doomed', numPartitions: 2, replicationFactor: 3 }], waitForLeaders: true });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'doomed', acks: -1, messages: [{ partition: 0, value: 'a' }, { partition: 1, value: 'b' }] });
    await producer.disconnect();
    const stored = async (id: number) => (await storages.get(id)!.loadPartitions()).filter((p) => p.topic === 'doomed').length;
    for (const id of [1, 2, 3]) await eventually(`broker ${id} stores both replicas`, async () => (await stored(id)) === 2);

    const mark = events.length;
    await admin.deleteTopics({ topics: ['doomed'] });
    const stops = eventsSince(mark).filter((e) => e.api === 'StopReplica');
    expect(stops.map((e) => e.broker).sort()).toEqual([1, 2, 3]);
    for (const event of stops) {
      expect(event.outcome).toMatchObject({ ok: true, errorCode: 0, partitionErrors: [] });
      expect(event.partitions).toEqual([
        { topic: 'doomed', partition: 0, leaderEpoch: -2, deletePartition: true },
        { topic: 'doomed', partition: 1, leaderEpoch: -2, deletePartition: true },
      ]);
    }
    for (const id of [1, 2, 3]) {
      expect(await stored(id)).toBe(0);
      expect(cluster.broker(id).services.internals.replicas.getPartition('doomed', 0)).toBeUndefined();
    }
  });

  it('no broker watches a partition-state znode (wchp on every ZooKeeper member); every broker watches /controller', async () => {
    const members = cluster.embeddedZooKeeper!.status();
    const watched = new Set<string>();
    for (const member of members) {
      const answer = await fourLetterWord(cluster.transport, member.host, member.clientPort, 'wchp');
      for (const line of answer.split('\n')) if (line.startsWith('/')) watched.add(line);
    }
    expect([...watched].filter((path) => /^\/brokers\/topics\/[^/]+\/partitions\/\d+\/state$/.test(path))).toEqual([]);
    expect(watched.has('/controller')).toBe(true);
    // The state znodes exist all the same: the controller writes them.
    const zk = await cluster.zookeeperClient();
    expect(await zk.exists('/brokers/topics/created/partitions/0/state')).not.toBeNull();
  });

  it('a new controller sends every live broker the full metadata with its higher controller epoch', async () => {
    const old = controllerId()!;
    const oldEpoch = controllerEpoch();
    const mark = events.length;
    await cluster.stop(old);
    const updates = await eventually('UpdateMetadata with every partition from the new controller to both live brokers', () => {
      const sent = eventsSince(mark).filter((e) => e.api === 'UpdateMetadata' && e.controllerEpoch > oldEpoch && e.partitions.some((p) => p.topic === 'created') && e.partitions.some((p) => p.topic === 'moving'));
      return new Set(sent.map((e) => e.broker)).size === 2 ? sent : null;
    });
    for (const event of updates) {
      expect(event.controllerId).not.toBe(old);
      expect(event.broker).not.toBe(old);
      expect(event.outcome).toMatchObject({ ok: true, errorCode: 0 });
    }
    // The brokers now refuse the old controller's epoch.
    const survivor = cluster.broker(updates[0].broker);
    const answer = await rawControllerRequest(survivor.port, API_KEYS.UpdateMetadata, 8, { controllerId: old, controllerEpoch: oldEpoch, brokerEpoch: -1n, topicStates: [], liveBrokers: [] });
    expect(answer.errorCode).toBe(STALE_CONTROLLER_EPOCH);
    await cluster.start(old);
  });
});
