/**
 * Fetch as Kafka serves it, checked at the protocol level: at least one whole batch even beyond max_bytes
 * (KIP-74), only whole batches below the limits after that, the long poll (max_wait_ms / min_bytes) woken
 * early by a write, and acks=0 produce answered with nothing.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BrokerChannel } from '../../src/cluster/kafka/network/broker-channel.ts';
import {
  decodeFetchResponse,
  decodeProduceResponse,
  encodeFetchRequest,
  encodeProduceRequest,
  encodeRecordBatch,
  encodeRequestFrame,
} from '../../src/cluster/kafka/protocol/index.ts';
import type { FetchResponse } from '../../src/cluster/kafka/protocol/index.ts';
import { splitBatches } from '../../src/cluster/kafka/log/partition-log.ts';
import { startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';
import { waitUntil } from '../support/kafka-clients.ts';
import { RawKafkaConnection } from '../support/raw-kafka-connection.ts';

describe('Fetch and Produce semantics on the wire', () => {
  let cluster: KafkaTestCluster;
  let channel: BrokerChannel;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ ids: [1], config: { offsetsTopicReplicationFactor: 1 } });
    await cluster.broker(1).services.internals.admin.createTopic({ name: 'wire', numPartitions: 1, replicationFactor: 1 });
    await cluster.broker(1).services.internals.admin.waitForLeaders('wire', 5000);
    channel = await BrokerChannel.open(cluster.transport, '127.0.0.1', cluster.broker(1).port, 'wire-test');
  });
  afterAll(async () => {
    channel?.close();
    await cluster?.close();
  });

  /** Produces with acks=1 and returns the partition's error code. */
  async function produce(values: string[]): Promise<number> {
    const records = await encodeRecordBatch({ records: values.map((v) => ({ value: new TextEncoder().encode(v) })) });
    const request = channel.request(
      0,
      7,
      (w) => encodeProduceRequest(w, { transactionalId: null, acks: 1, timeoutMs: 5000, topicData: [{ name: 'wire', partitionData: [{ index: 0, records }] }] }, 7),
      5000,
    );
    const response = decodeProduceResponse(await request, 7);
    return response.responses[0].partitionResponses[0].errorCode;
  }

  async function fetch(offset: bigint, maxBytes: number, maxWaitMs = 0, minBytes = 0): Promise<FetchResponse['responses'][number]['partitions'][number]> {
    const reader = await channel.request(
      1,
      11,
      (w) =>
        encodeFetchRequest(
          w,
          {
            replicaId: -1, maxWaitMs, minBytes, maxBytes, isolationLevel: 1, sessionId: 0, sessionEpoch: -1,
            topics: [{ topic: 'wire', partitions: [{ partition: 0, currentLeaderEpoch: -1, fetchOffset: offset, logStartOffset: -1n, partitionMaxBytes: maxBytes }] }],
            forgottenTopicsData: [], rackId: '',
          },
          11,
        ),
      10_000,
    );
    return decodeFetchResponse(reader, 11).responses[0].partitions[0];
  }

  it('returns one whole batch beyond the byte limits, and only whole batches', async () => {
    expect(await produce(['x'.repeat(5000)])).toBe(0);
    expect(await produce(['small'])).toBe(0);
    const first = await fetch(0n, 100);
    expect(first.errorCode).toBe(0);
    expect(splitBatches(first.records!)).toHaveLength(1);
    expect(first.records!.length).toBeGreaterThan(5000);
    expect(first.highWatermark).toBe(2n);
    expect(first.preferredReadReplica).toBe(-1);
    expect(first.lastStableOffset).toBe(2n);
    const both = await fetch(0n, 1_000_000);
    expect(splitBatches(both.records!)).toHaveLength(2);
    const empty = await fetch(2n, 1000);
    expect(empty.records!.length).toBe(0);
    expect((await fetch(99n, 1000)).errorCode).toBe(1);
  });

  it('long-polls until data arrives or max_wait_ms passes', async () => {
    let started = Date.now();
    const timedOut = await fetch(2n, 1000, 400, 1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(timedOut.records!.length).toBe(0);

    const other = await BrokerChannel.open(cluster.transport, '127.0.0.1', cluster.broker(1).port, 'writer');
    // The fetch parks by subscribing to the partition's progress: wait for that, not for a guessed time.
    const parked = vi.spyOn(cluster.broker(1).services.internals.replicas.getPartition('wire', 0)!, 'onProgress');
    started = Date.now();
    let answered = false;
    const waiting = fetch(2n, 1000, 5000, 1).finally(() => (answered = true));
    await waitUntil('the fetch parked in its long poll', () => parked.mock.calls.length > 0, 5000);
    parked.mockRestore();
    expect(answered).toBe(false);
    const records = await encodeRecordBatch({ records: [{ value: new TextEncoder().encode('wake up') }] });
    await other.request(0, 7, (w) => encodeProduceRequest(w, { transactionalId: null, acks: 1, timeoutMs: 1000, topicData: [{ name: 'wire', partitionData: [{ index: 0, records }] }] }, 7), 5000);
    const woke = await waiting;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(splitBatches(woke.records!)).toHaveLength(1);
    other.close();
  });

  it('sends no response to acks=0 and still appends', async () => {
    const raw = await RawKafkaConnection.open(cluster.broker(1).port);
    const records = await encodeRecordBatch({ records: [{ value: new TextEncoder().encode('fire-and-forget') }] });
    raw.send(encodeRequestFrame(0, 7, 41, 'wire-test', { transactionalId: null, acks: 0, timeoutMs: 5000, topicData: [{ name: 'wire', partitionData: [{ index: 0, records }] }] }));
    raw.send(encodeRequestFrame(18, 2, 42, 'wire-test', {}));
    // A connection's responses come in request order: the first one answering the ApiVersions request
    // (correlation id 42) proves the produce (41), handled before it, got none.
    const first = await raw.nextFrame();
    raw.destroy();
    expect(first.readInt32BE(0)).toBe(42);
    const after = await fetch(0n, 1_000_000);
    expect(after.highWatermark).toBe(4n);
  });
});
