/**
 * Producer state outlives the replica that recorded it: followers record producer batches as they
 * replicate them, so after the leader crashes the new leader recognises a retry of a batch the old leader
 * acknowledged (answering its original offset) and knows where each producer's sequence stands; with log
 * dirs, a restarted cluster rebuilds the same state from the stored logs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsBrokerStorage } from '../../src/cluster/kafka/log/fs-broker-storage.ts';
import { KAFKA_ERRORS } from '../../src/cluster/kafka/protocol/index.ts';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';
import { kafkaClient } from '../support/kafka-clients.ts';
import { initProducerId, produceRecords, producerBatch } from '../support/raw-producer.ts';

const TOPIC = 'idem-state';

describe('producer state across a leader change and a restart', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'kafkalab-idem-'));
  let cluster: KafkaTestCluster;

  /** The running broker that leads the partition now (and is not `not`), once there is one. */
  function leaderNow(not = -1): Promise<number> {
    return eventually(`a leader of ${TOPIC}-0 other than ${not}`, () =>
      cluster.ids.find((id) => {
        if (id === not) return false;
        const broker = cluster.broker(id);
        return broker.state === 'running' && broker.services.internals.replicas.getPartition(TOPIC, 0)?.role === 'leader';
      }), 20_000);
  }

  async function logEnd(): Promise<bigint> {
    const admin = kafkaClient(cluster, 'offsets').admin();
    await admin.connect();
    try {
      return BigInt((await admin.fetchTopicOffsets(TOPIC))[0].high);
    } finally {
      await admin.disconnect();
    }
  }

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({
      storage: (id) => new FsBrokerStorage(path.join(root, `kafka-${id}`), id),
      config: { minInsyncReplicas: 2, offsetsTopicNumPartitions: 3, replicaLagTimeMaxMs: 1500 },
    });
    const admin = kafkaClient(cluster, 'setup').admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
    await admin.disconnect();
  });
  afterAll(async () => {
    await cluster?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers a retry with its original offset on the new leader and after a restart of every broker', async () => {
    const first = await leaderNow();
    const port = () => cluster.broker(first).port;
    const { producerId } = await initProducerId(port());
    const batch0 = await producerBatch({ producerId, epoch: 0, sequence: 0, values: ['a', 'b'] });
    const batch2 = await producerBatch({ producerId, epoch: 0, sequence: 2, values: ['c'] });
    expect(await produceRecords(port(), TOPIC, 0, batch0)).toMatchObject({ errorCode: 0, baseOffset: 0n });
    expect(await produceRecords(port(), TOPIC, 0, batch2)).toMatchObject({ errorCode: 0, baseOffset: 2n });

    await cluster.kill(first);
    const second = await leaderNow(first);
    const secondPort = cluster.broker(second).port;
    // The old leader acknowledged both batches (acks=all): the new leader has them and their producer state.
    expect(await produceRecords(secondPort, TOPIC, 0, batch2)).toMatchObject({ errorCode: 0, baseOffset: 2n });
    expect(await produceRecords(secondPort, TOPIC, 0, batch0)).toMatchObject({ errorCode: 0, baseOffset: 0n });
    expect(await logEnd()).toBe(3n);
    // It knows where the sequence stands: a gap is refused (an unknown producer would be accepted).
    const gap = await producerBatch({ producerId, epoch: 0, sequence: 9, values: ['gap'] });
    expect((await produceRecords(secondPort, TOPIC, 0, gap)).errorCode).toBe(KAFKA_ERRORS.OUT_OF_ORDER_SEQUENCE_NUMBER.code);
    const batch3 = await producerBatch({ producerId, epoch: 0, sequence: 3, values: ['d', 'e'] });
    expect(await produceRecords(secondPort, TOPIC, 0, batch3)).toMatchObject({ errorCode: 0, baseOffset: 3n });

    await cluster.start(first);
    await eventually('the ISR back to 3', () => cluster.broker(second).services.internals.replicas.getPartition(TOPIC, 0)?.isr.length === 3, 20_000);
    for (const id of cluster.ids) await cluster.stop(id);
    for (const id of cluster.ids) await cluster.start(id);
    const third = await leaderNow();
    const thirdPort = cluster.broker(third).port;
    await eventually('the ISR back to 3 after the restart', () => cluster.broker(third).services.internals.replicas.getPartition(TOPIC, 0)?.isr.length === 3, 20_000);
    expect(await produceRecords(thirdPort, TOPIC, 0, batch3)).toMatchObject({ errorCode: 0, baseOffset: 3n });
    expect((await produceRecords(thirdPort, TOPIC, 0, gap)).errorCode).toBe(KAFKA_ERRORS.OUT_OF_ORDER_SEQUENCE_NUMBER.code);
    expect(await logEnd()).toBe(5n);
    // Every replica rebuilt the same state from its stored log.
    for (const id of cluster.ids) {
      const entry = cluster.broker(id).services.internals.replicas.getPartition(TOPIC, 0)?.producers.entry(producerId);
      expect(entry?.batches.map((b) => [b.firstSeq, b.lastSeq, b.firstOffset])).toEqual([
        [0, 1, 0n],
        [2, 2, 2n],
        [3, 4, 3n],
      ]);
    }
  }, 60_000);
});
