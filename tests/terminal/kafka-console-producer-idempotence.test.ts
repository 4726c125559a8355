/**
 * kafka-console-producer is idempotent by default, as Kafka 3.9's is (enable.idempotence=true with its
 * default `--request-required-acks -1`): its batches carry a producer id from InitProducerId and consecutive
 * sequence numbers per partition. With `--request-required-acks 1` idempotence is off (producer id -1).
 * The batches are read as stored, with a raw Fetch to the partition's leader.
 */
import kafkajs from 'kafkajs';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEYS, decodeResponseFrame, encodeRequestFrame, readRecordBatchHeader, splitRecordBatches } from '../../src/cluster/kafka/protocol/index.ts';
import type { RecordBatchHeader } from '../../src/cluster/kafka/protocol/index.ts';
import { runCommand } from '../../src/terminal/testing/run-command.ts';
import { testToolEnvironment } from '../../src/terminal/testing/test-tool-environment.ts';
import { kafkaConsoleProducer } from '../../src/terminal/tools/kafka-console-producer/kafka-console-producer.ts';
import { eventually, startGroupTestCluster } from '../support/kafka-cluster.ts';
import { RawKafkaConnection } from '../support/raw-kafka-connection.ts';
import { suiteCluster } from './support/suite-cluster.ts';

const env = testToolEnvironment({ now: Date.UTC(2024, 11, 21, 19, 59, 56, 399) });
const cluster = suiteCluster(() => startGroupTestCluster());
let admin: Admin;

beforeAll(async () => {
  admin = new kafkajs.Kafka({ brokers: cluster().bootstrap, logLevel: kafkajs.logLevel.NOTHING }).admin();
  await admin.connect();
});

afterAll(async () => {
  await admin?.disconnect();
});

const produce = (args: string[], lines: string[]) => runCommand(kafkaConsoleProducer, ['--bootstrap-server', cluster().bootstrap.join(','), ...args], { env, stdin: lines });

/** The headers of every batch stored in `topic`-`partition`, from its leader. */
async function storedBatches(topic: string, partition: number): Promise<RecordBatchHeader[]> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  const leader = topics[0].partitions.find((p) => p.partitionId === partition)!.leader;
  const raw = await RawKafkaConnection.open(cluster().broker(leader).port);
  try {
    raw.send(
      encodeRequestFrame(API_KEYS.Fetch, 4, 1, 'batch-probe', {
        replicaId: -1,
        maxWaitMs: 0,
        minBytes: 0,
        maxBytes: 1 << 20,
        isolationLevel: 0,
        topics: [{ topic, partitions: [{ partition, fetchOffset: 0n, partitionMaxBytes: 1 << 20 }] }],
      }),
    );
    const { body } = decodeResponseFrame(API_KEYS.Fetch, 4, await raw.nextFrame());
    return splitRecordBatches(body.responses[0].partitions[0].records ?? new Uint8Array()).batches.map((batch) => readRecordBatchHeader(batch));
  } finally {
    raw.destroy();
  }
}

describe('kafka-console-producer idempotence', () => {
  it('writes batches under a producer id, with consecutive sequences, by default', async () => {
    await admin.createTopics({ topics: [{ topic: 'idem-console', numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
    // --batch-size 1: one record per batch, so several batches in one run.
    const first = await produce(['--topic', 'idem-console', '--batch-size', '1'], ['a', 'b', 'c']);
    expect(first.exitCode).toBe(0);
    const second = await produce(['--topic', 'idem-console'], ['d']);
    expect(second.exitCode).toBe(0);
    const batches = await storedBatches('idem-console', 0);
    expect(batches.reduce((n, b) => n + b.recordCount, 0)).toBe(4);
    for (const batch of batches) expect(batch.producerId).toBeGreaterThanOrEqual(0n);
    // Each run is a new producer: its own id, its sequences from 0.
    const runs = [...new Set(batches.map((b) => b.producerId))];
    expect(runs).toHaveLength(2);
    const sequences = (id: bigint) => batches.filter((b) => b.producerId === id).flatMap((b) => Array.from({ length: b.recordCount }, (_, i) => b.baseSequence + i));
    expect(sequences(runs[0])).toEqual([0, 1, 2]);
    expect(sequences(runs[1])).toEqual([0]);
  }, 40_000);

  it('is not idempotent with --request-required-acks 1', async () => {
    await admin.createTopics({ topics: [{ topic: 'plain-console', numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
    const run = await produce(['--topic', 'plain-console', '--request-required-acks', '1'], ['x', 'y']);
    expect(run.exitCode).toBe(0);
    // acks=1 answers before the followers have the records: wait for the high watermark to cover both.
    const batches = await eventually('both records below the high watermark', async () => {
      const stored = await storedBatches('plain-console', 0);
      return stored.reduce((n, b) => n + b.recordCount, 0) === 2 ? stored : undefined;
    });
    // Java's NO_PRODUCER_ID, NO_PRODUCER_EPOCH and NO_SEQUENCE.
    for (const batch of batches) expect([batch.producerId, batch.producerEpoch, batch.baseSequence]).toEqual([-1n, -1, -1]);
  }, 40_000);
});
