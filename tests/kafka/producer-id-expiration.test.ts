/**
 * producer.id.expiration.ms as Kafka has it: DescribeConfigs lists it and its check interval with
 * Kafka's defaults; a broker drops an idempotent producer whose last batch is that old at the next
 * check, after which the producer's next batch is accepted at any sequence (before, a gap is
 * OUT_OF_ORDER_SEQUENCE_NUMBER), while a producer that keeps writing is kept; a broker restarted from
 * its log dir forgets the producers already expired.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigResourceTypes } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsBrokerStorage } from '../../src/cluster/kafka/log/fs-broker-storage.ts';
import { encodeRecordBatch, KAFKA_ERRORS } from '../../src/cluster/kafka/protocol/index.ts';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';
import { kafkaClient } from '../support/kafka-clients.ts';
import { initProducerId, produceRecords } from '../support/raw-producer.ts';

const EXPIRATION_MS = 1500;

function batchAt(producerId: bigint, sequence: number, timestamp: number): Promise<Uint8Array> {
  return encodeRecordBatch({ producerId, producerEpoch: 0, baseSequence: sequence, records: [{ timestamp: BigInt(timestamp), value: new TextEncoder().encode(`s${sequence}`) }] });
}

describe('producer.id.expiration.ms', () => {
  let cluster: KafkaTestCluster;
  let port: number;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({
      ids: [1],
      config: { offsetsTopicReplicationFactor: 1, offsetsTopicNumPartitions: 1, producerIdExpirationMs: EXPIRATION_MS, producerIdExpirationCheckIntervalMs: 100 },
    });
    port = cluster.broker(1).port;
    const admin = kafkaClient(cluster, 'setup').admin();
    await admin.connect();
    try {
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic: 'expiring', numPartitions: 1, replicationFactor: 1 }] });
    } finally {
      await admin.disconnect();
    }
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('DescribeConfigs lists both settings (Kafka defaults on a default broker)', async () => {
    const defaults = await startKafkaTestCluster({ ids: [1], config: { offsetsTopicReplicationFactor: 1, offsetsTopicNumPartitions: 1 } });
    try {
      const admin = kafkaClient(defaults, 'describe').admin();
      await admin.connect();
      try {
        const { resources } = await admin.describeConfigs({
          includeSynonyms: false,
          resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configNames: ['producer.id.expiration.ms', 'producer.id.expiration.check.interval.ms'] }],
        });
        const entries = Object.fromEntries(resources[0].configEntries.map((e) => [e.configName, e.configValue]));
        expect(entries).toEqual({ 'producer.id.expiration.ms': '86400000', 'producer.id.expiration.check.interval.ms': '600000' });
      } finally {
        await admin.disconnect();
      }
    } finally {
      await defaults.close();
    }
  });

  it('an idle producer is dropped at the next check; one that keeps writing is kept', async () => {
    const producers = () => cluster.broker(1).services.internals.replicas.getPartition('expiring', 0)!.producers;
    const { producerId: idle } = await initProducerId(port);
    const { producerId: busy } = await initProducerId(port);
    expect((await produceRecords(port, 'expiring', 0, await batchAt(idle, 0, Date.now()))).errorCode).toBe(0);
    // While known, a gap is refused.
    expect((await produceRecords(port, 'expiring', 0, await batchAt(idle, 7, Date.now()))).errorCode).toBe(KAFKA_ERRORS.OUT_OF_ORDER_SEQUENCE_NUMBER.code);
    let sequence = 0;
    const keepWriting = async () => {
      expect((await produceRecords(port, 'expiring', 0, await batchAt(busy, sequence++, Date.now()))).errorCode).toBe(0);
    };
    await keepWriting();
    await eventually('the idle producer expired', async () => {
      await keepWriting();
      return producers().entry(idle) === undefined ? true : undefined;
    }, 10_000, 200);
    expect(producers().entry(busy)?.lastSeq).toBe(sequence - 1);
    // Unknown again: its next batch is accepted at any sequence, as Kafka accepts a producer it does not know.
    expect((await produceRecords(port, 'expiring', 0, await batchAt(idle, 7, Date.now()))).errorCode).toBe(0);
  });

  it('a broker restarted from its log dir forgets the producers already expired, keeps the recent ones', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'kafkalab-expiry-'));
    // The periodic check is far off (Kafka's 10 minutes): only the rebuild can drop a producer here.
    const restartable = await startKafkaTestCluster({
      ids: [1],
      config: { offsetsTopicReplicationFactor: 1, offsetsTopicNumPartitions: 1 },
      storage: (id) => new FsBrokerStorage(path.join(root, `kafka-${id}`), id),
    });
    try {
      const admin = kafkaClient(restartable, 'setup').admin();
      await admin.connect();
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic: 'kept', numPartitions: 1, replicationFactor: 1 }] });
      await admin.disconnect();
      const brokerPort = () => restartable.broker(1).port;
      const { producerId: old } = await initProducerId(brokerPort());
      const { producerId: recent } = await initProducerId(brokerPort());
      const twoDaysAgo = Date.now() - 2 * 86_400_000;
      expect((await produceRecords(brokerPort(), 'kept', 0, await batchAt(old, 0, twoDaysAgo))).errorCode).toBe(0);
      expect((await produceRecords(brokerPort(), 'kept', 0, await batchAt(recent, 0, Date.now()))).errorCode).toBe(0);
      const producers = () => restartable.broker(1).services.internals.replicas.getPartition('kept', 0)?.producers;
      expect(producers()?.entry(old)).toBeDefined();
      await restartable.stop(1);
      await restartable.start(1);
      await eventually('the partition is back', () => producers());
      expect(producers()!.entry(old)).toBeUndefined();
      expect(producers()!.entry(recent)?.lastSeq).toBe(0);
    } finally {
      await restartable.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
