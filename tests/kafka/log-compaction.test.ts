/**
 * Log compaction as kafkajs sees it (Kafka 3.9's log cleaner): topics with `cleanup.policy=compact` and small
 * segments keep only the latest value per key once their segments close, at the offsets the values were
 * produced at (gaps show); tombstones stay for `delete.retention.ms` after the cleaning that first kept them,
 * then go; `min.compaction.lag.ms` keeps recent records whole; `compact,delete` also deletes by retention;
 * a record without a key is refused. Every replica cleans its own log (`log.cleaner.backoff.ms` small here).
 */
import { ConfigResourceTypes } from 'kafkajs';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';
import { kafkaClient } from '../support/kafka-clients.ts';
import { duplicateKeys, replicaRecords } from '../support/replica-records.ts';
import type { ReplicaRecord } from '../support/replica-records.ts';

const KEYS = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5'];
const TOMBSTONED = ['k1', 'k4'];
const DELETE_RETENTION_MS = 5000;

describe('log compaction (kafkajs)', () => {
  let cluster: KafkaTestCluster;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let fillers = 0;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ config: { logCleanerBackoffMs: 100, logRetentionCheckIntervalMs: 200, offsetsTopicNumPartitions: 3 } });
    kafka = kafkaClient(cluster, 'compaction');
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await admin?.disconnect();
    await cluster?.close();
  });

  async function createTopic(topic: string, configs: Record<string, string>): Promise<void> {
    const entries = { 'cleanup.policy': 'compact', 'segment.bytes': '400', 'min.cleanable.dirty.ratio': '0.01', ...configs };
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: 1, replicationFactor: 3, configEntries: Object.entries(entries).map(([name, value]) => ({ name, value })) }],
    });
  }

  async function send(topic: string, key: string | null, value: string | null): Promise<bigint> {
    const [meta] = await producer.send({ topic, acks: -1, messages: [{ key, value }] });
    return BigInt(meta.baseOffset!);
  }

  /** `rounds` values for every key, then tombstones: the offset and value of each key's last record. */
  async function produceHistory(topic: string, rounds: number): Promise<Map<string, { offset: bigint; value: string | null }>> {
    const latest = new Map<string, { offset: bigint; value: string | null }>();
    for (let round = 0; round < rounds; round++) {
      for (const key of KEYS) {
        const value = `${key}-v${round}`;
        latest.set(key, { offset: await send(topic, key, value), value });
      }
    }
    for (const key of TOMBSTONED) latest.set(key, { offset: await send(topic, key, null), value: null });
    return latest;
  }

  function leaderReplica(topic: string) {
    for (const broker of cluster.brokers.values()) {
      const replica = broker.services.internals.replicas.getPartition(topic, 0);
      if (replica?.role === 'leader') return replica;
    }
    throw new Error(`no leader for ${topic}-0`);
  }

  /** Produces records with keys of their own until the leader's active segment starts after `offset`. */
  async function rollPast(topic: string, offset: bigint): Promise<void> {
    while (leaderReplica(topic).log.activeSegment.baseOffset <= offset) await send(topic, `filler-${fillers++}`, 'filler');
  }

  /** What a kafkajs consumer reads from the beginning up to the high watermark. */
  async function consumeAll(topic: string): Promise<Array<Omit<ReplicaRecord, 'keyBytes'>>> {
    const [{ high }] = await admin.fetchTopicOffsets(topic);
    const last = BigInt(high) - 1n;
    const consumer = kafka.consumer({ groupId: `reader-${topic}-${Date.now()}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    const seen: Array<Omit<ReplicaRecord, 'keyBytes'>> = [];
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            eachMessage: async ({ message }) => {
              const offset = BigInt(message.offset);
              seen.push({ offset, key: message.key?.toString() ?? null, value: message.value === null ? null : message.value.toString() });
              if (offset >= last) resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    return seen;
  }

  /** Each replica's records of `topic`, once every one has no duplicate among `keys`. */
  async function compactedOnEveryReplica(topic: string, keep: (key: string) => boolean): Promise<ReplicaRecord[][]> {
    return eventually(`every replica of ${topic} compacted`, async () => {
      const all = await Promise.all(cluster.ids.map((id) => replicaRecords(cluster, id, topic)));
      return all.every((records) => records !== null && duplicateKeys(records, keep).length === 0) ? (all as ReplicaRecord[][]) : null;
    });
  }

  const isHistoryKey = (key: string) => KEYS.includes(key);

  it('keeps only the latest value per key at its produced offset; tombstones stay, then vanish after delete.retention.ms', async () => {
    const topic = 'latest-per-key';
    await createTopic(topic, { 'delete.retention.ms': String(DELETE_RETENTION_MS) });
    const latest = await produceHistory(topic, 8);
    const lastHistoryOffset = [...latest.values()].reduce((max, { offset }) => (offset > max ? offset : max), 0n);
    await rollPast(topic, lastHistoryOffset);

    const replicas = await compactedOnEveryReplica(topic, isHistoryKey);
    const expected = [...latest].map(([key, { offset, value }]) => ({ offset, key, value })).sort((a, b) => Number(a.offset - b.offset));
    for (const records of replicas) expect(records.filter((r) => isHistoryKey(r.key!)).map(({ offset, key, value }) => ({ offset, key, value }))).toEqual(expected);

    const consumed = await consumeAll(topic);
    expect(consumed.filter((r) => isHistoryKey(r.key!))).toEqual(expected);
    // Offsets are the produced ones: strictly increasing, with the gaps compaction left.
    const offsets = consumed.map((r) => r.offset);
    expect(offsets).toEqual([...offsets].sort((a, b) => Number(a - b)));
    expect(offsets[offsets.length - 1] - offsets[0] + 1n).toBeGreaterThan(BigInt(offsets.length));
    // Every filler (a key of its own) is still there.
    expect(consumed.filter((r) => r.key!.startsWith('filler-')).length).toBe(consumed.length - expected.length);

    // The tombstones go once delete.retention.ms has passed since the cleaning that kept them (the log must be
    // dirty for a cleaning to run: new records keep arriving).
    await eventually(
      'the tombstones removed on every replica',
      async () => {
        await rollPast(topic, leaderReplica(topic).log.logEndOffset);
        const all = await Promise.all(cluster.ids.map((id) => replicaRecords(cluster, id, topic)));
        return all.every((records) => records !== null && !records.some((r) => TOMBSTONED.includes(r.key!)));
      },
      DELETE_RETENTION_MS + 15_000,
      200,
    );
    const after = await consumeAll(topic);
    expect(after.filter((r) => isHistoryKey(r.key!))).toEqual(expected.filter((r) => r.value !== null));
  });

  it('does not compact records newer than min.compaction.lag.ms', async () => {
    await createTopic('lagged', { 'min.compaction.lag.ms': '3600000' });
    await createTopic('unlagged', {});
    const lagged = await produceHistory('lagged', 4);
    const unlagged = await produceHistory('unlagged', 4);
    await rollPast('lagged', [...lagged.values()].reduce((max, { offset }) => (offset > max ? offset : max), 0n));
    await rollPast('unlagged', [...unlagged.values()].reduce((max, { offset }) => (offset > max ? offset : max), 0n));
    await compactedOnEveryReplica('unlagged', isHistoryKey);
    // No log is worth cleaning any more on any broker, and the lagged one still has all it was given.
    for (const id of cluster.ids) while (await cluster.broker(id).services.internals.replicas.cleaner.cleanFilthiestLog());
    for (const id of cluster.ids) {
      const records = (await replicaRecords(cluster, id, 'lagged'))!;
      expect(records.filter((r) => isHistoryKey(r.key!))).toHaveLength(KEYS.length * 4 + TOMBSTONED.length);
    }
    expect((await consumeAll('lagged')).filter((r) => isHistoryKey(r.key!))).toHaveLength(KEYS.length * 4 + TOMBSTONED.length);
  });

  it('compact,delete compacts and deletes old segments by retention.ms', async () => {
    const topic = 'compact-and-delete';
    await createTopic(topic, { 'cleanup.policy': 'compact,delete', 'retention.ms': '3000' });
    const latest = await produceHistory(topic, 4);
    await rollPast(topic, [...latest.values()].reduce((max, { offset }) => (offset > max ? offset : max), 0n));
    await compactedOnEveryReplica(topic, isHistoryKey);
    const leader = leaderReplica(topic);
    expect(leader.log.logStartOffset).toBe(0n);
    // Retention then removes whole old segments; new records keep the segments rolling.
    const start = await eventually(
      'retention moving the log start offset',
      async () => {
        await send(topic, `filler-${fillers++}`, 'filler');
        const [offsets] = await admin.fetchTopicOffsets(topic);
        return BigInt(offsets.low) > latest.get('k5')!.offset ? BigInt(offsets.low) : null;
      },
      20_000,
      200,
    );
    const consumed = await consumeAll(topic);
    expect(consumed[0].offset).toBeGreaterThanOrEqual(start);
    expect(consumed.some((r) => isHistoryKey(r.key!))).toBe(false);
  });

  it('refuses a record without a key in a compacted topic with INVALID_RECORD', async () => {
    await createTopic('keys-only', {});
    await expect(producer.send({ topic: 'keys-only', acks: -1, messages: [{ value: 'no key' }] })).rejects.toMatchObject({ type: 'INVALID_RECORD' });
    expect(await send('keys-only', 'k', 'with key')).toBe(0n);
    // The same topic turned to delete-only takes it.
    await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'keys-only', configEntries: [{ name: 'cleanup.policy', value: 'delete' }] }] });
    await eventually('the new cleanup.policy in effect', async () => {
      try {
        return (await send('keys-only', null, 'no key')) === 1n;
      } catch {
        return false;
      }
    });
  });
});
