/**
 * Compaction across replicas and restarts: a follower that comes back empty catches up on a compacted leader
 * log (offset gaps, emptied batches) and joins the ISR with the same records; a broker with a log dir keeps its
 * cleaned segments across a restart (Kafka's file names, no `.cleaned` leftovers); an idempotent producer's
 * last batch stays (emptied) so a new leader knows its sequence; `__consumer_offsets` is
 * compacted too, and a new coordinator loads a group's latest committed offset from the compacted log.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigResourceTypes } from 'kafkajs';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupCoordinator } from '../../src/cluster/kafka/group/group-coordinator.ts';
import { decodeRecordBatch } from '../../src/cluster/kafka/protocol/index.ts';
import { FsBrokerStorage } from '../../src/cluster/kafka/log/fs-broker-storage.ts';
import { decodeOffsetsRecordKey } from '../../src/cluster/kafka/group/offsets-records.ts';
import { coordinatorId, eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';
import { createOffsetsTopic, kafkaClient } from '../support/kafka-clients.ts';
import { duplicateKeys, replicaRecords } from '../support/replica-records.ts';
import type { ReplicaRecord } from '../support/replica-records.ts';

const KEYS = ['a', 'b', 'c', 'd'];

describe('log compaction across replicas and restarts', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'kafkalab-compaction-'));
  let cluster: KafkaTestCluster;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;

  beforeAll(async () => {
    // Broker 3 keeps a log dir; 1 and 2 come back empty after a restart.
    cluster = await startKafkaTestCluster({
      storage: (id) => (id === 3 ? new FsBrokerStorage(path.join(root, `kafka-${id}`), id) : undefined),
      config: { logCleanerBackoffMs: 100, offsetsTopicNumPartitions: 3 },
    });
    kafka = kafkaClient(cluster, 'compaction-replicas');
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await admin?.disconnect();
    await cluster?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const leaderOf = (topic: string) => {
    for (const broker of cluster.brokers.values()) {
      if (broker.state !== 'running') continue;
      const replica = broker.services.internals.replicas.getPartition(topic, 0);
      if (replica?.role === 'leader') return { id: broker.id, replica };
    }
    return undefined;
  };

  async function compactedTopic(topic: string): Promise<void> {
    const configs = { 'cleanup.policy': 'compact', 'segment.bytes': '400', 'min.cleanable.dirty.ratio': '0.01' };
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: 1, replicationFactor: 3, configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })) }],
    });
    for (let round = 0; round < 10; round++) {
      for (const key of KEYS) await producer.send({ topic, acks: -1, messages: [{ key, value: `${key}${round}` }] });
    }
    await producer.send({ topic, acks: -1, messages: [{ key: 'b', value: null }] });
    for (let filler = 0; leaderOf(topic)!.replica.log.activeSegment.baseOffset <= 40n; filler++) {
      await producer.send({ topic, acks: -1, messages: [{ key: `filler-${filler}`, value: 'x' }] });
    }
  }

  async function everyReplicaCompacted(topic: string, ids: readonly number[]): Promise<ReplicaRecord[][]> {
    return eventually(`${topic} compacted on brokers ${ids.join(', ')}`, async () => {
      const all = await Promise.all(ids.map((id) => replicaRecords(cluster, id, topic)));
      return all.every((records) => records !== null && records.length > 0 && duplicateKeys(records, (k) => KEYS.includes(k)).length === 0)
        ? (all as ReplicaRecord[][])
        : null;
    });
  }

  it('a follower restarted empty catches up on the compacted leader log and joins the ISR', async () => {
    const topic = 'followed';
    await compactedTopic(topic);
    const [leaderRecords] = await everyReplicaCompacted(topic, [leaderOf(topic)!.id]);
    const follower = cluster.ids.find((id) => id !== leaderOf(topic)!.id && id !== 3)!;
    await cluster.kill(follower);
    await cluster.start(follower);
    await eventually('the restarted follower back in the ISR', async () => {
      const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
      return metadata.partitions[0].isr.includes(follower) && metadata.partitions[0].isr.length === 3;
    }, 20_000);
    const leader = leaderOf(topic)!;
    const followerReplica = cluster.broker(follower).services.internals.replicas.getPartition(topic, 0)!;
    expect(followerReplica.log.logEndOffset).toBe(leader.replica.log.logEndOffset);
    // The records are the compacted ones, at the same offsets (the gaps came across as they are).
    const records = (await replicaRecords(cluster, follower, topic))!;
    expect(records.slice(0, leaderRecords.length)).toEqual(leaderRecords);
    expect(duplicateKeys(records, (k) => KEYS.includes(k))).toEqual([]);
    expect(records.find((r) => r.key === 'b')).toMatchObject({ value: null });
  });

  it('a broker with a log dir keeps its cleaned segments across a restart', async () => {
    const topic = 'kept-compacted';
    await compactedTopic(topic);
    const [before] = await everyReplicaCompacted(topic, [3]);
    const checkpoint = cluster.broker(3).services.internals.replicas.cleaner.checkpoint(`${topic}-0`);
    expect(checkpoint).toBeGreaterThan(0n);
    await cluster.stop(3);
    const dir = path.join(root, 'kafka-3', `${topic}-0`);
    const files = readdirSync(dir);
    expect(files.some((f) => f.endsWith('.cleaned'))).toBe(false);
    expect(files.filter((f) => /^\d{20}\.log$/.test(f)).length).toBeGreaterThan(1);
    // Kafka's cleaner-offset-checkpoint: version 0, the entry count, then `topic partition offset` lines.
    const checkpointFile = readFileSync(path.join(root, 'kafka-3', 'cleaner-offset-checkpoint'), 'utf8');
    expect(checkpointFile.split('\n').slice(0, 2)).toEqual(['0', expect.stringMatching(/^\d+$/)]);
    expect(checkpointFile).toMatch(new RegExp(`^${topic} 0 ${checkpoint}$`, 'm'));
    await cluster.start(3);
    const after = (await replicaRecords(cluster, 3, topic))!;
    expect(after.slice(0, before.length)).toEqual(before);
    expect(cluster.broker(3).services.internals.replicas.cleaner.checkpoint(`${topic}-0`)).toBeGreaterThanOrEqual(checkpoint!);
  });

  it("keeps an idempotent producer's last batch, emptied, so it goes on producing after a leader change", async () => {
    const topic = 'idempotent-compacted';
    const configs = { 'cleanup.policy': 'compact', 'segment.bytes': '400', 'min.cleanable.dirty.ratio': '0.01' };
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: 1, replicationFactor: 3, configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })) }],
    });
    const idempotent = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await idempotent.connect();
    for (let round = 0; round < 5; round++) {
      for (const key of KEYS) await idempotent.send({ topic, acks: -1, messages: [{ key, value: `${key}-idempotent-${round}` }] });
    }
    // Another producer overwrites every key, then closes the segments: every idempotent record is superseded.
    for (const key of KEYS) await producer.send({ topic, acks: -1, messages: [{ key, value: `${key}-final` }] });
    const end = leaderOf(topic)!.replica.log.logEndOffset;
    for (let filler = 0; leaderOf(topic)!.replica.log.activeSegment.baseOffset < end; filler++) {
      await producer.send({ topic, acks: -1, messages: [{ key: `filler-${filler}`, value: 'x' }] });
    }
    const idempotentBatches = async (id: number) => {
      const replica = cluster.broker(id).services.internals.replicas.getPartition(topic, 0)!;
      const out = [];
      for (const batch of replica.log.batches()) {
        const decoded = await decodeRecordBatch(batch.bytes);
        if (decoded.producerId >= 0n && decoded.records.length === 0) out.push(decoded);
        else if (decoded.producerId >= 0n) return null;
      }
      return out;
    };
    // On every replica only the producer's last batch is left, without its records.
    const ids = cluster.ids.filter((id) => cluster.broker(id).state === 'running');
    const emptied = await eventually('the idempotent batches compacted away but the last', async () => {
      const all = await Promise.all(ids.map(idempotentBatches));
      return all.every((batches) => batches !== null && batches.length === 1) ? all : null;
    });
    expect(emptied[0]![0]).toMatchObject({ recordCount: 0, baseSequence: 5 * KEYS.length - 1 });

    // A new leader rebuilds the producer's state from its compacted log: the next sequence is accepted.
    const oldLeader = leaderOf(topic)!.id;
    await cluster.stop(oldLeader);
    await eventually('a new leader', () => {
      const leader = leaderOf(topic);
      return leader !== undefined && leader.id !== oldLeader;
    }, 20_000);
    const [meta] = await idempotent.send({ topic, acks: -1, messages: [{ key: 'a', value: 'after the leader change' }] });
    await idempotent.disconnect();
    const records = (await replicaRecords(cluster, leaderOf(topic)!.id, topic))!;
    expect(records.filter((r) => r.value === 'after the leader change').map((r) => r.offset)).toEqual([BigInt(meta.baseOffset!)]);
    await cluster.start(oldLeader);
  });

  it('compacts __consumer_offsets: a new coordinator loads the latest committed offset', async () => {
    const group = 'compacted-group';
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: 'tracked', numPartitions: 2, replicationFactor: 3 }] });
    // The offsets topic appears with the first group's coordinator lookup: make it exist before configuring it.
    await createOffsetsTopic(cluster);
    // Kafka's offsets topic has 100 MB segments: small ones here, so that commits fill several. (AlterConfigs
    // replaces the whole set, as in Kafka: cleanup.policy=compact must be given again.)
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: '__consumer_offsets',
          configEntries: [
            { name: 'cleanup.policy', value: 'compact' },
            { name: 'segment.bytes', value: '300' },
            { name: 'min.cleanable.dirty.ratio', value: '0.01' },
          ],
        },
      ],
    });
    // A member that commits after every record: 60 commits of tracked-0, one OffsetCommit record each.
    const commits = [0, 0];
    const consumer = kafka.consumer({ groupId: group, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'tracked', fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        await consumer.commitOffsets([{ topic: 'tracked', partition, offset: String(Number(message.offset) + 1) }]);
        commits[partition] += 1;
      },
    });
    await producer.send({ topic: 'tracked', acks: -1, messages: Array.from({ length: 60 }, (_, i) => ({ partition: 0, value: `m${i}` })) });
    await eventually('60 commits of tracked-0', () => commits[0] === 60, 20_000);

    const coordinator = await eventually('a coordinator for the group', () => coordinatorId(cluster, group));
    const partition = (cluster.broker(coordinator).services.groupCoordinator as GroupCoordinator).partitionFor(group);
    const offsetsLog = () => cluster.broker(coordinator).services.internals.replicas.getPartition('__consumer_offsets', partition)!.log;
    // Commits of tracked-1 (another key) close the segments holding tracked-0's history.
    const historyEnd = offsetsLog().logEndOffset;
    while (offsetsLog().activeSegment.baseOffset < historyEnd) {
      const before = commits[1];
      await producer.send({ topic: 'tracked', acks: -1, messages: [{ partition: 1, value: 'more' }] });
      await eventually('a commit of tracked-1', () => commits[1] > before);
    }
    const isTracked0 = (key: Uint8Array | null) => {
      if (key === null) return false;
      const decoded = decodeOffsetsRecordKey(key);
      return decoded.type === 'offset' && decoded.group === group && decoded.topic === 'tracked' && decoded.partition === 0;
    };
    await eventually('the commits of tracked-0 compacted to the latest on the coordinator', async () => {
      const records = (await replicaRecords(cluster, coordinator, '__consumer_offsets', partition))!;
      return records.filter((r) => isTracked0(r.keyBytes)).length === 1;
    });
    await consumer.disconnect();
    const [committed] = await admin.fetchOffsets({ groupId: group, topics: ['tracked'] });
    expect(committed.partitions.find((p) => p.partition === 0)!.offset).toBe('60');

    // Another coordinator loads the group from its own (compacted) replica.
    await cluster.stop(coordinator);
    await eventually('another coordinator', () => {
      const id = coordinatorId(cluster, group);
      return id !== undefined && id !== coordinator;
    }, 20_000);
    const [reloaded] = await admin.fetchOffsets({ groupId: group, topics: ['tracked'] });
    expect(reloaded.partitions.find((p) => p.partition === 0)!.offset).toBe('60');
    await cluster.start(coordinator);
  });
});
